#include <gtest/gtest.h>

#include "notices_test_fixture.h"

namespace coopole::animation {
namespace {


struct Collected {
  std::vector<Digest> digests;
  DigestSink Sink() {
    return [this](db::Transaction&, const Digest& digest) { digests.push_back(digest); };
  }
};

TEST_P(NoticeServiceTest, PostsOneNoticePerUserAndListsUnreadFirst) {
  PostTo(sud_.id, {marc_.id, marc_.id, claire_.id}, "event_planned", {{"title", "AG"}, {"date", "03/12/2026"}});
  clock_.Advance(60);
  PostTo(sud_.id, {marc_.id}, "minutes_published", {{"title", "Groupe « bois »"}});
  PostTo(sud_.id, {}, "minutes_published");           // nobody: nothing
  PostTo(sud_.id, {marc_.id}, "", {});                // no kind: nothing

  auto page = service_->ListNotices(ActorOf(marc_), member_, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2);
  EXPECT_EQ(page->unread, 2);
  EXPECT_EQ(page->items[0].kind, "minutes_published");  // newest first
  EXPECT_EQ(page->items[0].params.at("title"), "Groupe « bois »");
  EXPECT_EQ(page->items[0].link, "/hubs/pole-sud/animation");
  EXPECT_EQ(page->items[1].params.at("date"), "03/12/2026");

  // Read the newest: the other (older, unread) comes first now.
  ASSERT_TRUE(service_->MarkRead(ActorOf(marc_), member_, page->items[0].id).ok());
  auto again = service_->ListNotices(ActorOf(marc_), member_, {});
  EXPECT_EQ(again->unread, 1);
  EXPECT_EQ(again->items[0].kind, "event_planned");
  EXPECT_FALSE(again->items[0].read_at);
  EXPECT_TRUE(again->items[1].read_at);

  auto claire = service_->ListNotices(ActorOf(claire_), coordinator_, {});
  EXPECT_EQ(claire->total, 1);
}

TEST_P(NoticeServiceTest, PaginatesTheList) {
  for (int i = 0; i < 5; ++i) {
    PostTo(sud_.id, {odile_.id}, "newcomer", {{"member", "M" + std::to_string(i)}});
    clock_.Advance(1);
  }
  auto page = service_->ListNotices(ActorOf(odile_), observer_, NoticeQuery{.page = 2, .per_page = 2});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].params.at("member"), "M2");
  auto last = service_->ListNotices(ActorOf(odile_), observer_, NoticeQuery{.page = 3, .per_page = 2});
  EXPECT_EQ(last->items.size(), 1u);
  auto clamped = service_->ListNotices(ActorOf(odile_), observer_, NoticeQuery{.page = 0, .per_page = 1000});
  EXPECT_EQ(clamped->page, 1);
  EXPECT_EQ(clamped->per_page, 100);
}

TEST_P(NoticeServiceTest, AnotherUsersOrAnotherHubsNoticeIsNotFound) {
  PostTo(sud_.id, {marc_.id});
  PostTo(nord_.id, {claire_.id});
  auto marcs = service_->ListNotices(ActorOf(marc_), member_, {})->items.at(0).id;
  auto nord = service_->ListNotices(ActorOf(claire_), other_hub_, {})->items.at(0).id;
  auto stolen = service_->MarkRead(ActorOf(claire_), coordinator_, marcs);
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.error().code, ErrorCode::kNotFound);
  auto across = service_->MarkRead(ActorOf(claire_), coordinator_, nord);
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListNotices(ActorOf(marc_), member_, {})->unread, 1);  // untouched
  EXPECT_EQ(service_->ListNotices(ActorOf(claire_), other_hub_, {})->unread, 1);
}

TEST_P(NoticeServiceTest, MarksAllReadAndKeepsTheFirstReadingTime) {
  PostTo(sud_.id, {marc_.id});
  PostTo(sud_.id, {marc_.id});
  PostTo(nord_.id, {marc_.id});  // another hub: stays unread
  auto first = service_->ListNotices(ActorOf(marc_), member_, {})->items.at(0);
  auto read = service_->MarkRead(ActorOf(marc_), member_, first.id);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->read_at);
  clock_.Advance(300);
  auto twice = service_->MarkRead(ActorOf(marc_), member_, first.id);
  EXPECT_EQ(twice->read_at, read->read_at);
  EXPECT_EQ(*service_->MarkAllRead(ActorOf(marc_), member_), 1);
  EXPECT_EQ(*service_->MarkAllRead(ActorOf(marc_), member_), 0);
  EXPECT_EQ(service_->ListNotices(ActorOf(marc_), member_, {})->unread, 0);
  HubContext marc_nord{nord_, identity::HubAccess{nord_.id, identity::Role::kObserver, std::nullopt}};
  EXPECT_EQ(service_->ListNotices(ActorOf(marc_), marc_nord, {})->unread, 1);
}

TEST_P(NoticeServiceTest, PreferenceDefaultsToDailyAndRefusesAnUnknownFrequency) {
  auto initial = service_->GetPreference(ActorOf(odile_), observer_);
  ASSERT_TRUE(initial.ok());
  EXPECT_EQ(initial->frequency, "daily");
  EXPECT_FALSE(initial->updated_at);

  auto bad = service_->SetPreference(ActorOf(odile_), observer_, "monthly");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields.at("frequency"), "animation.notices.error.frequency");
  EXPECT_EQ(service_->GetPreference(ActorOf(odile_), observer_)->frequency, "daily");  // nothing written

  auto set = service_->SetPreference(ActorOf(odile_), observer_, " weekly ");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->frequency, "weekly");
  EXPECT_EQ(service_->GetPreference(ActorOf(odile_), observer_)->frequency, "weekly");
  ASSERT_TRUE(service_->SetPreference(ActorOf(odile_), observer_, "never").ok());
  EXPECT_EQ(service_->GetPreference(ActorOf(odile_), observer_)->frequency, "never");
  // Per user and per hub.
  EXPECT_EQ(service_->GetPreference(ActorOf(marc_), member_)->frequency, "daily");
  EXPECT_EQ(service_->GetPreference(ActorOf(claire_), other_hub_)->frequency, "daily");
  auto audit = identity_->ListAudit(ActorOf(claire_), coordinator_.access, 10, 0);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().entry.entity, "digest_preference");
}

TEST_P(NoticeServiceTest, ImmediateDigestsGoAtOnceAndNeverTwice) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(marc_), member_, "immediate").ok());
  PostTo(sud_.id, {marc_.id}, "event_planned", {{"title", "AG"}, {"date", "03/12/2026"}});
  PostTo(sud_.id, {marc_.id}, "minutes_published");
  Collected sink;
  auto report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 1);
  EXPECT_EQ(report.notices, 2);
  ASSERT_EQ(sink.digests.size(), 1u);
  EXPECT_EQ(sink.digests[0].user.email, "marc@durand.fr");
  EXPECT_EQ(sink.digests[0].hub.slug, "pole-sud");
  ASSERT_EQ(sink.digests[0].notices.size(), 2u);
  EXPECT_EQ(sink.digests[0].notices[0].kind, "event_planned");  // oldest first

  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).digests, 0);  // never twice
  EXPECT_EQ(sink.digests.size(), 1u);
  PostTo(sud_.id, {marc_.id});
  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).notices, 1);  // only the new one
  ASSERT_EQ(sink.digests.size(), 2u);
  EXPECT_EQ(sink.digests[1].notices.size(), 1u);
}

TEST_P(NoticeServiceTest, DailyDigestGoesOncePerDayFromSevenInTheHubZone) {
  // Default preference: daily. Monday 10:00 Paris, never mailed before: the notice waits for
  // Tuesday 07:00 Paris (regression: it went out at once, whatever the hour).
  PostTo(sud_.id, {marc_.id});
  Collected sink;
  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).digests, 0);
  clock_.Advance(3600);
  PostTo(sud_.id, {marc_.id});
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 23, 23, 55), sink.Sink()).digests, 0);
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 24, 6, 59), sink.Sink()).digests, 0);
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 24, 7, 0), sink.Sink()).digests, 1);
  ASSERT_EQ(sink.digests.size(), 1u);
  EXPECT_EQ(sink.digests[0].notices.size(), 2u);
  EXPECT_EQ(sink.digests[0].frequency, "daily");
  // Posted Tuesday 08:00: not the same day again, Wednesday 07:00.
  SetClock(Paris(2026, 11, 24, 8, 0));
  PostTo(sud_.id, {marc_.id});
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 24, 18, 0), sink.Sink()).digests, 0);
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 25, 7, 5), sink.Sink()).digests, 1);
  ASSERT_EQ(sink.digests.size(), 2u);
  EXPECT_EQ(sink.digests[1].notices.size(), 1u);
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 26, 7, 5), sink.Sink()).digests, 0);  // nothing new
}

TEST_P(NoticeServiceTest, WeeklyDigestWaitsForMondaySevenOClock) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(marc_), member_, "weekly").ok());
  SetClock(Paris(2026, 11, 25, 10, 0));  // Wednesday
  PostTo(sud_.id, {marc_.id});
  Collected sink;
  // Never mailed before: still waits for Monday 07:00 (regression: it went out on Wednesday).
  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).digests, 0);
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 27, 12, 0), sink.Sink()).digests, 0);  // Friday
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 30, 6, 59), sink.Sink()).digests, 0);  // next Monday early
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 11, 30, 7, 0), sink.Sink()).digests, 1);
  SetClock(Paris(2026, 11, 30, 9, 0));
  PostTo(sud_.id, {marc_.id});
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 12, 6, 23, 0), sink.Sink()).digests, 0);  // Sunday
  EXPECT_EQ(service_->CollectDigests(Paris(2026, 12, 7, 7, 0), sink.Sink()).digests, 1);
  EXPECT_EQ(sink.digests.size(), 2u);
}

TEST_P(NoticeServiceTest, AUserInTwoHubsGetsEachHubsDigestByThatHubsPreference) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(claire_), coordinator_, "immediate").ok());
  ASSERT_TRUE(service_->SetPreference(ActorOf(claire_), other_hub_, "never").ok());
  PostTo(sud_.id, {claire_.id});
  PostTo(nord_.id, {claire_.id});
  PostTo(nord_.id, {claire_.id});
  Collected sink;
  auto report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 1);
  EXPECT_EQ(report.silenced, 2);
  ASSERT_EQ(sink.digests.size(), 1u);
  EXPECT_EQ(sink.digests[0].hub.slug, "pole-sud");
  ASSERT_EQ(sink.digests[0].notices.size(), 1u);
  EXPECT_EQ(sink.digests[0].notices[0].hub, sud_.id);
}

TEST_P(NoticeServiceTest, AHugePageNumberListsNothingInsteadOfOverflowing) {
  PostTo(sud_.id, {marc_.id});
  auto page = service_->ListNotices(ActorOf(marc_), member_, NoticeQuery{.page = 2147483647, .per_page = 100});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
  EXPECT_TRUE(page->items.empty());
}

TEST_P(NoticeServiceTest, NeverMarksMailedWithoutAnEmail) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(odile_), observer_, "never").ok());
  PostTo(sud_.id, {odile_.id});
  PostTo(sud_.id, {odile_.id});
  Collected sink;
  auto report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 0);
  EXPECT_EQ(report.silenced, 2);
  EXPECT_TRUE(sink.digests.empty());
  // Switching back later does not resend what was silenced.
  ASSERT_TRUE(service_->SetPreference(ActorOf(odile_), observer_, "immediate").ok());
  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).digests, 0);
  auto notices = service_->ListNotices(ActorOf(odile_), observer_, {});
  EXPECT_TRUE(notices->items.at(0).mailed_at);
  EXPECT_FALSE(notices->items.at(0).read_at);  // still unread in the app
}

TEST_P(NoticeServiceTest, WhatWasReadInTheAppIsNotMailed) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(marc_), member_, "immediate").ok());
  PostTo(sud_.id, {marc_.id}, "minutes_published", {{"title", "Lu"}});
  PostTo(sud_.id, {marc_.id}, "minutes_published", {{"title", "Pas lu"}});
  auto read = service_->ListNotices(ActorOf(marc_), member_, {})->items;
  for (const auto& notice : read) {
    if (notice.params.at("title") == "Lu") {
      ASSERT_TRUE(service_->MarkRead(ActorOf(marc_), member_, notice.id).ok());
    }
  }
  Collected sink;
  auto report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 1);
  EXPECT_EQ(report.notices, 1);
  EXPECT_EQ(report.silenced, 1);
  ASSERT_EQ(sink.digests.size(), 1u);
  ASSERT_EQ(sink.digests[0].notices.size(), 1u);
  EXPECT_EQ(sink.digests[0].notices[0].params.at("title"), "Pas lu");
  // All read: no e-mail at all.
  PostTo(sud_.id, {marc_.id});
  ASSERT_TRUE(service_->MarkAllRead(ActorOf(marc_), member_).ok());
  report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 0);
  EXPECT_EQ(report.silenced, 1);
  EXPECT_EQ(sink.digests.size(), 1u);
}

TEST_P(NoticeServiceTest, AUserNoLongerInTheHubGetsNoDigest) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(odile_), observer_, "immediate").ok());
  PostTo(sud_.id, {odile_.id});
  identity::Actor claire{.user = claire_.id, .name = "Claire"};
  ASSERT_TRUE(identity_->RemoveHubUser(claire, coordinator_.access, odile_.id).ok());
  Collected sink;
  auto report = service_->CollectDigests(clock_.Now(), sink.Sink());
  EXPECT_EQ(report.digests, 0);
  EXPECT_EQ(report.silenced, 1);
}

TEST_P(NoticeServiceTest, ASinkThatFailsLeavesThatUsersNoticesForTheNextRun) {
  ASSERT_TRUE(service_->SetPreference(ActorOf(marc_), member_, "immediate").ok());
  PostTo(sud_.id, {marc_.id});
  ASSERT_TRUE(service_->SetPreference(ActorOf(odile_), observer_, "immediate").ok());
  PostTo(sud_.id, {odile_.id});
  // Marc's digest fails; Odile's still goes.
  int calls = 0;
  DigestSink failing_for_marc = [&](db::Transaction&, const Digest& digest) {
    ++calls;
    if (digest.user.id == marc_.id) throw std::runtime_error("outbox unavailable");
  };
  auto report = service_->CollectDigests(clock_.Now(), failing_for_marc);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(report.last_error, "outbox unavailable");
  EXPECT_EQ(report.digests, 1);
  Collected sink;
  EXPECT_EQ(service_->CollectDigests(clock_.Now(), sink.Sink()).notices, 1);  // not lost
}

TEST_P(NoticeServiceTest, CoordinatorsAreTheHubsCoordinatorUsers) {
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto sud = NoticeService::Coordinators(tx, sud_.id);
  ASSERT_EQ(sud.size(), 1u);
  EXPECT_EQ(sud[0], claire_.id);
  auto members = identity::IdentityService::MemberUsers(tx, sud_.id, durand_);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].id, marc_.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticeServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
