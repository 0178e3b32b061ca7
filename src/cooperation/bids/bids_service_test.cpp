// Bid use cases on both databases: recording, validation (shares, members, amounts),
// warnings, transitions, checklist, reminders, roles, hub isolation, stale versions.
#include "bids_test_fixture.h"

namespace coopole::cooperation {
namespace {

TEST_P(BidServiceTest, RecordsATenderWithItsCoContractorsLotsAndDeadline) {
  auto saved = service_->CreateBid(actor_, coordinator_, Tender());
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_TRUE(saved->warnings.empty());
  auto bid = service_->GetBid(actor_, observer_, saved->bid.id);
  ASSERT_TRUE(bid.ok());
  EXPECT_EQ(bid->kind, BidKind::kTender);
  EXPECT_EQ(bid->status, BidStatus::kWatching);
  EXPECT_EQ(bid->amount.cents, 12000000);
  ASSERT_EQ(bid->members.size(), 3u);
  EXPECT_EQ(bid->members[0].member, insertion_);
  EXPECT_EQ(bid->members[0].role, kRoleLead);
  EXPECT_EQ(bid->members[2].role, kRoleSubcontractor);
  EXPECT_EQ(bid->members[1].name, "Menuiserie Durand SARL");
  ASSERT_EQ(bid->lots.size(), 2u);
  EXPECT_EQ(bid->lots[1].amount.cents, 5000000);
  ASSERT_TRUE(bid->deadline_at);
  EXPECT_EQ(*bid->deadline_at, Paris(2026, 12, 3, 12, 0));
  EXPECT_EQ(bid->lead_name, "Chantier d'Insertion Belledonne");
}

TEST_P(BidServiceTest, SharesNotSummingTo100PercentAre422OnSharesNamingTheTotal) {
  auto in = Tender();
  (*in.members)[2].share_bp = "1500";
  auto saved = service_->CreateBid(actor_, coordinator_, in);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(saved.error().fields.at("shares"), "cooperation.bids.error.shares_total");
  EXPECT_NE(saved.error().message.find("95,00"), std::string::npos) << saved.error().message;
  EXPECT_TRUE(service_->ListBids(actor_, coordinator_, {})->empty());  // nothing written
}

TEST_P(BidServiceTest, AMemberTwiceAMemberOfAnotherHubAndNegativeAmountsAre422) {
  auto twice = Tender();
  (*twice.members)[2].member_id = Id(company_);
  auto r1 = service_->CreateBid(actor_, coordinator_, twice);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().fields.at("members"), "cooperation.bids.error.member_twice");
  auto foreign = Tender();
  (*foreign.members)[2].member_id = Id(nordiste_);
  auto r2 = service_->CreateBid(actor_, coordinator_, foreign);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().fields.count("members"), 1u);
  auto negative = Tender();
  negative.amount = "-5";
  (*negative.lots)[0].amount = "-1";
  auto r3 = service_->CreateBid(actor_, coordinator_, negative);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().fields.count("amount"), 1u);
  EXPECT_EQ(r3.error().fields.count("lots"), 1u);
}

TEST_P(BidServiceTest, ADeadlineInThePastIsAcceptedWithAWarning) {
  auto saved = service_->CreateBid(actor_, coordinator_, Tender("2026-11-20T12:00"));
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  ASSERT_EQ(saved->warnings.size(), 1u);
  EXPECT_EQ(saved->warnings[0], "cooperation.bids.warning.deadline_past");
}

TEST_P(BidServiceTest, StatusesFollowTheTransitionRules) {
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  auto skip = service_->ChangeStatus(actor_, coordinator_, bid.id, bid.version, "won");
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(skip.error().fields.at("status"), "cooperation.bids.error.transition");
  auto won = WonBid();
  EXPECT_EQ(won.status, BidStatus::kWon);
  auto back = service_->ChangeStatus(actor_, coordinator_, won.id, won.version, "preparing");
  EXPECT_FALSE(back.ok());
}

TEST_P(BidServiceTest, AStaleVersionIs409AndWritesNothing) {
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  auto first = service_->ChangeStatus(actor_, coordinator_, bid.id, bid.version, "preparing");
  ASSERT_TRUE(first.ok());
  BidInput rename;
  rename.title = "Autre titre";
  auto stale = service_->UpdateBid(actor_, coordinator_, bid.id, bid.version, rename);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->GetBid(actor_, coordinator_, bid.id)->title, "Rénovation du gymnase municipal");
  auto fresh = service_->UpdateBid(actor_, coordinator_, bid.id, first->version, rename);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->bid.title, "Autre titre");
  EXPECT_EQ(fresh->bid.members.size(), 3u);  // untouched
}

TEST_P(BidServiceTest, ObserversReadButCannotWrite) {
  EXPECT_EQ(service_->CreateBid(actor_, observer_, Tender()).error().code, ErrorCode::kPermissionDenied);
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  EXPECT_TRUE(service_->GetBid(actor_, observer_, bid.id).ok());
  EXPECT_EQ(service_->ChangeStatus(actor_, observer_, bid.id, bid.version, "preparing").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->AddChecklistItem(actor_, observer_, bid.id, "Kbis", "").error().code,
            ErrorCode::kPermissionDenied);
}

TEST_P(BidServiceTest, AMemberLeadsBidsOfItsOwnOrganisationOnly) {
  auto own = service_->CreateBid(actor_, MemberRole(insertion_), Tender());
  ASSERT_TRUE(own.ok()) << own.error().message;
  auto other = service_->CreateBid(actor_, MemberRole(company_), Tender());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->ChangeStatus(actor_, MemberRole(company_), own->bid.id, own->bid.version, "preparing")
                .error()
                .code,
            ErrorCode::kPermissionDenied);
}

TEST_P(BidServiceTest, AnotherHubsBidIs404) {
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  EXPECT_EQ(service_->GetBid(actor_, other_hub_, bid.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ChangeStatus(actor_, other_hub_, bid.id, bid.version, "preparing").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetContractShare(actor_, other_hub_, bid.id).error().code, ErrorCode::kNotFound);
}

TEST_P(BidServiceTest, ChecklistItemsAreTickedByTheOrganisationInCharge) {
  auto bid = service_->CreateBid(actor_, coordinator_, Tender())->bid;
  auto with_item = service_->AddChecklistItem(actor_, coordinator_, bid.id, "Attestation d'assurance", Id(company_));
  ASSERT_TRUE(with_item.ok()) << with_item.error().message;
  const auto item = with_item->checklist.at(0).id;
  EXPECT_EQ(service_->SetChecklistDone(actor_, MemberRole(scop_), bid.id, item, true).error().code,
            ErrorCode::kPermissionDenied);
  auto done = service_->SetChecklistDone(actor_, MemberRole(company_), bid.id, item, true);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(service_->GetBid(actor_, coordinator_, bid.id)->checklist.at(0).done);
  auto outsider = service_->AddChecklistItem(actor_, coordinator_, bid.id, "DC1", Id(nordiste_));
  EXPECT_EQ(outsider.error().fields.count("member_id"), 1u);
}

TEST_P(BidServiceTest, RemindersListBidsNotSubmittedWithin14Days) {
  auto soon = service_->CreateBid(actor_, coordinator_, Tender("2026-11-25T12:00"))->bid;    // 2 days
  auto week = service_->CreateBid(actor_, coordinator_, Tender("2026-11-29T12:00"))->bid;    // 6 days
  auto later = service_->CreateBid(actor_, coordinator_, Tender("2026-12-20T12:00"))->bid;   // 27 days
  auto sent = service_->CreateBid(actor_, coordinator_, Tender("2026-11-26T12:00"))->bid;
  auto prepared = service_->ChangeStatus(actor_, coordinator_, sent.id, sent.version, "preparing");
  ASSERT_TRUE(service_->ChangeStatus(actor_, coordinator_, sent.id, prepared->version, "submitted").ok());
  auto alerts = service_->Alerts(actor_, observer_);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[0].bid.id, soon.id);
  EXPECT_EQ((*alerts)[0].threshold, 2);
  EXPECT_EQ((*alerts)[1].bid.id, week.id);
  EXPECT_EQ((*alerts)[1].threshold, 7);
  (void)later;
}

TEST_P(BidServiceTest, ListFiltersByStatus) {
  WonBid();
  ASSERT_TRUE(service_->CreateBid(actor_, coordinator_, Tender()).ok());
  EXPECT_EQ(service_->ListBids(actor_, coordinator_, {})->size(), 2u);
  EXPECT_EQ(service_->ListBids(actor_, coordinator_, {.status = BidStatus::kWon})->size(), 1u);
}

TEST_P(BidServiceTest, DeadlineReminders_AreQueuedOncePerThresholdAndOnlyBeforeSubmission) {
  // Today is 23/11/2026 10:00 in Paris; the tender closes on 03/12 at noon: 10 days left.
  auto saved = service_->CreateBid(actor_, coordinator_, Tender());
  ASSERT_TRUE(saved.ok());
  auto submitted = service_->CreateBid(actor_, coordinator_, Tender("2026-11-30T12:00"));
  ASSERT_TRUE(submitted.ok());
  for (const char* status : {"preparing", "submitted"}) {
    auto moved = service_->ChangeStatus(actor_, coordinator_, submitted->bid.id, submitted->bid.version, status);
    ASSERT_TRUE(moved.ok()) << status;
    submitted->bid = *moved;
  }
  std::vector<DeadlineReminder> told;
  auto sink = [&](db::Transaction&, const DeadlineReminder& r) { told.push_back(r); };
  EXPECT_EQ(service_->QueueDeadlineReminders(sink), 1);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].bid.id, saved->bid.id);
  EXPECT_EQ(told[0].days_left, 10);
  EXPECT_EQ(told[0].threshold, 14);
  EXPECT_EQ(told[0].bid.members.size(), 3u);
  // Once per threshold, however often the job runs.
  EXPECT_EQ(service_->QueueDeadlineReminders(sink), 0);
  // Five days later (5 days left): the 7-day reminder; then, on the eve, the 2-day one.
  clock_.Advance(5 * 86400);
  EXPECT_EQ(service_->QueueDeadlineReminders(sink), 1);
  EXPECT_EQ(told.back().threshold, 7);
  clock_.Advance(4 * 86400);
  EXPECT_EQ(service_->QueueDeadlineReminders(sink), 1);
  EXPECT_EQ(told.back().threshold, 2);
  EXPECT_EQ(told.back().days_left, 1);
  // Past the deadline: nothing more.
  clock_.Advance(3 * 86400);
  EXPECT_EQ(service_->QueueDeadlineReminders(sink), 0);
  EXPECT_EQ(told.size(), 3u);
}

TEST_P(BidServiceTest, DeadlineReminders_ASinkThatThrows_RecordsNothing) {
  ASSERT_TRUE(service_->CreateBid(actor_, coordinator_, Tender()).ok());
  auto failing = [](db::Transaction&, const DeadlineReminder&) { throw std::runtime_error("outbox unavailable"); };
  EXPECT_THROW(service_->QueueDeadlineReminders(failing), std::runtime_error);
  // The reminder was rolled back with its e-mails: the next run sends it.
  int told = 0;
  EXPECT_EQ(service_->QueueDeadlineReminders([&](db::Transaction&, const DeadlineReminder&) { ++told; }), 1);
  EXPECT_EQ(told, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, BidServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::cooperation
