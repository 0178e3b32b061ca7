// Time logged by hand on both databases: validation (422s naming fields, the 24 h rule),
// who may log and decide, hub isolation, stale versions, rates.
#include <nlohmann/json.hpp>

#include "store/time_store.h"
#include "time_test_fixture.h"

namespace coopole::animation {
namespace {

TEST_P(TimeServiceTest, LogsTimeAsPendingInHoursOrMinutes) {
  auto e = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1,5"));
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->minutes, 90);
  EXPECT_EQ(e->status, "pending");
  EXPECT_EQ(e->member, insertion_);
  EXPECT_EQ(e->person_name, "Amina Benali");
  auto colon = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-23", "1:30", "travel"));
  ASSERT_TRUE(colon.ok());
  EXPECT_EQ(colon->minutes, 90);
  auto listed = service_->ListEntries(actor_, observer_, {.year = 2026});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
}

TEST_P(TimeServiceTest, BadDurationsFutureDaysAndForeignPeopleAre422NamingTheField) {
  auto zero = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "0"));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(zero.error().fields.at("minutes"), "animation.time.error.not_positive");
  auto negative = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "-2"));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().fields.count("minutes"), 1u);
  auto future = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-24", "1"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().fields.at("on_date"), "animation.time.error.future");
  auto foreign = service_->CreateEntry(actor_, coordinator_, Entry(denis_, "2026-11-20", "1"));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().fields.at("person_id"), "animation.time.error.person");
  auto kind = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1", "sieste"));
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.error().fields.count("kind"), 1u);
  EXPECT_TRUE(service_->ListEntries(actor_, coordinator_, {})->empty());  // nothing written
}

TEST_P(TimeServiceTest, ADayPassing24HoursWithAttendanceIs422NamingTheDaysTotal) {
  Attend(1, coordinator_, amina_, insertion_, "2026-03-10", "meeting", 120);
  ASSERT_TRUE(service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-03-10", "20")).ok());  // 22 h
  auto over = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-03-10", "2,5"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().fields.at("minutes"), "animation.time.error.day_total");
  EXPECT_NE(over.error().message.find("24 h 30"), std::string::npos) << over.error().message;
  ASSERT_TRUE(service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-03-10", "2")).ok());  // exactly 24 h
  // Refused time does not count.
  auto refused = service_->CreateEntry(actor_, coordinator_, Entry(bruno_, "2026-03-10", "20"));
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(service_->Decide(actor_, coordinator_, refused->id, false, "doublon").ok());
  EXPECT_TRUE(service_->CreateEntry(actor_, coordinator_, Entry(bruno_, "2026-03-10", "20")).ok());
}

TEST_P(TimeServiceTest, AMemberLogsOnlyForItsOwnPeopleAndCannotDecide) {
  auto scop = MemberRole(scop_);
  auto other = service_->CreateEntry(actor_, scop, Entry(amina_, "2026-11-20", "1"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  auto own = service_->CreateEntry(actor_, scop, Entry(chloe_, "2026-11-20", "1"));
  ASSERT_TRUE(own.ok()) << own.error().message;
  auto decided = service_->Decide(actor_, scop, own->id, true, "");
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().code, ErrorCode::kPermissionDenied);
  auto observer = service_->CreateEntry(actor_, observer_, Entry(chloe_, "2026-11-20", "1"));
  EXPECT_EQ(observer.error().code, ErrorCode::kPermissionDenied);
  // The member sees its own people's entries only.
  ASSERT_TRUE(service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1")).ok());
  EXPECT_EQ(service_->ListEntries(actor_, scop, {})->size(), 1u);
  EXPECT_EQ(service_->ListEntries(actor_, coordinator_, {})->size(), 2u);
}

TEST_P(TimeServiceTest, RefusingNeedsAReasonAndDecidedEntriesAreFinal) {
  auto e = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1"));
  ASSERT_TRUE(e.ok());
  auto no_reason = service_->Decide(actor_, coordinator_, e->id, false, "  ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields.at("reason"), "animation.time.error.reason");
  auto refused = service_->Decide(actor_, coordinator_, e->id, false, "Hors du périmètre");
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, "refused");
  EXPECT_EQ(refused->reason, "Hors du périmètre");
  auto again = service_->Decide(actor_, coordinator_, e->id, true, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields.count("status"), 1u);
  // A member cannot change a decided entry of its own people.
  auto mine = service_->UpdateEntry(actor_, MemberRole(insertion_), e->id, refused->version,
                                    Entry(amina_, "2026-11-20", "2"));
  ASSERT_FALSE(mine.ok());
  EXPECT_EQ(mine.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(TimeServiceTest, OtherHubsEntriesAre404AndStaleVersionsAre409) {
  auto e = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(service_->GetEntry(actor_, other_hub_, e->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Decide(actor_, other_hub_, e->id, true, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetEntry(actor_, MemberRole(scop_), e->id).error().code, ErrorCode::kNotFound);
  auto updated = service_->UpdateEntry(actor_, coordinator_, e->id, e->version, Entry(amina_, "2026-11-21", "3"));
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->minutes, 180);
  auto stale = service_->UpdateEntry(actor_, coordinator_, e->id, e->version, Entry(amina_, "2026-11-21", "4"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(service_->DeleteEntry(actor_, coordinator_, e->id).ok());
  EXPECT_EQ(service_->GetEntry(actor_, coordinator_, e->id).error().code, ErrorCode::kNotFound);
}

TEST_P(TimeServiceTest, RatesAreCheckedAndMembersDeclareOnlyTheirOwnCost) {
  auto bad = service_->SaveSettings(actor_, coordinator_, {.default_hourly = "100000,01"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at("default_hourly"), "animation.time.error.rate");
  auto saved = service_->SaveSettings(actor_, coordinator_,
                                      {.default_hourly = "25", .volunteer_hourly = "12", .staff_fte = "2,5",
                                       .carrier_member_id = std::to_string(insertion_.value)});
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->staff_fte_hundredths, 250);
  auto stale = service_->SaveSettings(actor_, coordinator_, {.default_hourly = "30", .version = 0});
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->SaveSettings(actor_, MemberRole(scop_), {.default_hourly = "30", .version = 1}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->SetMemberRate(actor_, MemberRole(scop_), scop_, "40").ok());
  EXPECT_EQ(service_->SetMemberRate(actor_, MemberRole(scop_), insertion_, "40").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->SetMemberRate(actor_, coordinator_, nordiste_, "40").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->SetMemberRate(actor_, coordinator_, scop_, "-3").error().fields.count("hourly_cost"), 1u);
  auto volunteer = service_->SetPersonRate(actor_, coordinator_, bruno_, true, "");
  ASSERT_TRUE(volunteer.ok());
  auto rates = service_->Rates(actor_, coordinator_);
  ASSERT_TRUE(rates.ok());
  EXPECT_EQ(rates->settings.default_hourly, Money{2500});
  EXPECT_EQ(rates->settings.carrier_name, "Chantier d'Insertion Belledonne");
  ASSERT_EQ(rates->members.size(), 2u);
  ASSERT_EQ(rates->people.size(), 3u);
  EXPECT_EQ(service_->Rates(actor_, MemberRole(scop_))->people.size(), 1u);
}

TEST_P(TimeServiceTest, NotesAreLimitedIn2000CharactersNotBytes) {
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "é";  // 2,000 characters, 4,000 bytes
  auto in = Entry(amina_, "2026-11-20", "1");
  in.note = accented;
  auto ok = service_->CreateEntry(actor_, coordinator_, in);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  in.note = accented + "e";
  auto too_long = service_->CreateEntry(actor_, coordinator_, in);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().fields.at("note"), "validation.too_long");
  auto refused = service_->Decide(actor_, coordinator_, ok->id, false, accented);
  ASSERT_TRUE(refused.ok()) << refused.error().message;
}

TEST_P(TimeServiceTest, AMemberCannotMoveItsEntryToAnotherOrganisationsPerson) {
  auto scop = MemberRole(scop_);
  auto own = service_->CreateEntry(actor_, scop, Entry(chloe_, "2026-11-20", "1"));
  ASSERT_TRUE(own.ok());
  auto moved = service_->UpdateEntry(actor_, scop, own->id, own->version, Entry(amina_, "2026-11-20", "1"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ErrorCode::kPermissionDenied);
  auto foreign = service_->UpdateEntry(actor_, scop, own->id, own->version, Entry(denis_, "2026-11-20", "1"));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().fields.at("person_id"), "animation.time.error.person");  // another hub's person
  auto kept = service_->GetEntry(actor_, coordinator_, own->id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->person, chloe_);
  EXPECT_EQ(kept->version, own->version);
  // Nor delete or read another organisation's entry.
  auto other = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(service_->DeleteEntry(actor_, scop, other->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Decide(actor_, scop, other->id, true, "").error().code, ErrorCode::kNotFound);
}

TEST_P(TimeServiceTest, TwoFirstSavesOfTheSettingsMakeTheSecondStaleNotAKeyViolation) {
  // What two concurrent first saves do once both passed the version check.
  pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
    TimeSettings s;
    s.default_hourly = Money{2000};
    EXPECT_TRUE(time_store::SaveSettings(tx, coordinator_.hub.id, s, 0, Timestamp{1}));
    s.default_hourly = Money{3000};
    EXPECT_FALSE(time_store::SaveSettings(tx, coordinator_.hub.id, s, 0, Timestamp{2}));
    EXPECT_EQ(time_store::FindSettings(tx, coordinator_.hub.id).default_hourly, Money{2000});
  });
}

TEST_P(TimeServiceTest, ChangesAreAuditedWithTheStateBefore) {
  auto audit = [&](const std::string& entity, const std::string& action) {
    auto tx = pool_->Begin(db::TxMode::kRead);
    db::Params p;
    p.push_back(entity);
    p.push_back(action);
    return tx.Query("SELECT before_json, after_json FROM identity_audit_log WHERE entity = ? AND action = ? "
                    "ORDER BY id",
                    p);
  };
  auto e = service_->CreateEntry(actor_, coordinator_, Entry(amina_, "2026-11-20", "1"));
  ASSERT_TRUE(e.ok());
  ASSERT_TRUE(service_->Decide(actor_, coordinator_, e->id, true, "").ok());
  EXPECT_EQ(audit("time_entry", "create").size(), 1u);
  EXPECT_EQ(audit("time_entry", "validate").size(), 1u);
  ASSERT_TRUE(service_->SetPersonRate(actor_, coordinator_, bruno_, true, "12").ok());
  ASSERT_TRUE(service_->SetPersonRate(actor_, coordinator_, bruno_, false, "").ok());
  auto rates = audit("time_person_rate", "update");
  ASSERT_EQ(rates.size(), 2u);
  // The second change records what it replaced (it used to record nothing).
  auto before = nlohmann::json::parse(rates.Text(1, 0));
  EXPECT_EQ(before["volunteer"], true);
  EXPECT_EQ(before["hourly_cents"], 1200);
  EXPECT_EQ(nlohmann::json::parse(rates.Text(1, 1))["volunteer"], false);
  CompensateInput ids;
  ids.entry_ids.assign(kMaxCompensateIds + 1, e->id.value);
  auto too_many = service_->Compensate(actor_, coordinator_, ids);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().fields.at("entry_ids"), "validation.too_many");
  ids.entry_ids.resize(kMaxCompensateIds);
  auto done = service_->Compensate(actor_, coordinator_, ids);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->entries, 1);
  EXPECT_EQ(audit("time", "compensate").size(), 1u);
}

TEST_P(TimeServiceTest, NoticesGoToCoordinatorsThenToThePersonsOrganisation) {
  auto coord = identity_->CreateUser({.email = "coord@pole.fr", .name = "Coord", .password = "correct horse"});
  auto scop_user = identity_->CreateUser({.email = "scop@pole.fr", .name = "Scop", .password = "correct horse"});
  ASSERT_TRUE(identity_->GrantRole(coord->id, coordinator_.hub.id, identity::Role::kCoordinator, std::nullopt).ok());
  ASSERT_TRUE(identity_->GrantRole(scop_user->id, coordinator_.hub.id, identity::Role::kMember, scop_).ok());
  auto count = [&](UserId user, const std::string& kind) {
    auto tx = pool_->Begin(db::TxMode::kRead);
    db::Params p;
    p.push_back(user.value);
    p.push_back(kind);
    return tx.Query("SELECT COUNT(*) FROM animation_notices WHERE user_id = ? AND kind = ?", p).Int(0, 0);
  };
  auto e = service_->CreateEntry(actor_, MemberRole(scop_), Entry(chloe_, "2026-11-20", "1"));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(count(coord->id, "time_to_validate"), 1);
  ASSERT_TRUE(service_->Decide(actor_, coordinator_, e->id, false, "doublon").ok());
  EXPECT_EQ(count(scop_user->id, "time_refused"), 1);
  EXPECT_EQ(count(coord->id, "time_refused"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TimeServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
