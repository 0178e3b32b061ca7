// A time service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" with two member organisations
// (an insertion structure with Amina and Bruno, a Scop with Chloé) and "pole-nord" with one
// (Denis). The clock stands on Monday 23 November 2026, 10:00 in Paris.
//
// The events and groups parts own animation_attendance, animation_events and
// animation_groups; their libraries are not linked here, so the fixture creates those tables
// with the columns of the contract in animation.h (IF NOT EXISTS) and inserts rows directly.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/animation/notices.h"
#include "coopole/animation/time.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class TimeServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 4});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, members::MemberService::Migrations());
    db::Migrate(*pool_, NoticeService::Migrations());
    pool_->InTransaction(db::TxMode::kWrite, [](db::Transaction& tx) {
      tx.conn().ExecuteScript(R"SQL(
CREATE TABLE IF NOT EXISTS animation_groups (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL, name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active');
CREATE TABLE IF NOT EXISTS animation_events (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL, kind TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '', group_id BIGINT, starts_at BIGINT NOT NULL DEFAULT 0, ends_at BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'planned');
CREATE TABLE IF NOT EXISTS animation_attendance (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL, event_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL, member_id BIGINT NOT NULL, on_date TEXT NOT NULL, kind TEXT NOT NULL, group_id BIGINT,
  minutes BIGINT NOT NULL, invited INTEGER NOT NULL DEFAULT 1, compensated INTEGER NOT NULL DEFAULT 0,
  recorded_by BIGINT NOT NULL DEFAULT 0, recorded_at BIGINT NOT NULL DEFAULT 0);
)SQL");
    });
    db::Migrate(*pool_, TimeService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{
        .active_members = members::MemberService::ActiveMembers,
        .people =
            [](db::Transaction& tx, HubId hub) {
              std::map<std::int64_t, std::string> names;
              for (const auto& m : members::MemberService::ActiveMembers(tx, hub)) names[m.id.value] = m.name;
              std::vector<DirectoryPerson> out;
              for (auto& p : members::MemberService::ActivePeople(tx, hub))
                out.push_back({p.id, p.member, p.name, names[p.member.value], p.email, p.role});
              return out;
            },
    };
    service_ = std::make_unique<TimeService>(*pool_, clock_, *identity_, directory);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    insertion_ = AddMember(coordinator_, "Chantier d'Insertion Belledonne");
    scop_ = AddMember(coordinator_, "Scop Énergie Partagée");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord");
    amina_ = AddPerson(coordinator_, insertion_, "Amina Benali");
    bruno_ = AddPerson(coordinator_, insertion_, "Bruno Morel");
    chloe_ = AddPerson(coordinator_, scop_, "Chloé Vidal");
    denis_ = AddPerson(other_hub_, nordiste_, "Denis Nord");
  }

  MemberId AddMember(const HubContext& hub, const std::string& name) {
    auto member = members_->CreateMember(actor_, hub, members::MemberInput{.name = name, .legal_form = "association"});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }
  PersonId AddPerson(const HubContext& hub, MemberId member, const std::string& name) {
    auto person = members_->AddPerson(actor_, hub, member, members::PersonInput{.name = name});
    EXPECT_TRUE(person.ok()) << (person.ok() ? "" : person.error().message);
    return person->id;
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  // An attendance record as the events part writes it.
  void Attend(std::int64_t id, const HubContext& hub, PersonId person, MemberId member, const std::string& day,
              const std::string& kind, std::int64_t minutes, std::optional<std::int64_t> group = std::nullopt) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params p;
      p.push_back(id);
      p.push_back(hub.hub.id.value);
      p.push_back(std::int64_t{1});
      p.push_back(person.value);
      p.push_back(member.value);
      p.push_back(day);
      p.push_back(kind);
      p.push_back(db::Nullable(group));
      p.push_back(minutes);
      tx.Execute(
          "INSERT INTO animation_attendance (id, hub_id, event_id, person_id, member_id, on_date, kind, group_id, "
          "minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          p);
    });
  }
  void AddGroup(std::int64_t id, const HubContext& hub, const std::string& name) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params p;
      p.push_back(id);
      p.push_back(hub.hub.id.value);
      p.push_back(name);
      tx.Execute("INSERT INTO animation_groups (id, hub_id, name) VALUES (?, ?, ?)", p);
    });
  }

  TimeEntryInput Entry(PersonId person, const std::string& day, const std::string& duration,
                       const std::string& kind = "preparation") const {
    TimeEntryInput in;
    in.person_id = std::to_string(person.value);
    in.on_date = day;
    in.duration = duration;
    in.kind = kind;
    return in;
  }

  // Logs and validates an entry.
  TimeEntry Validated(PersonId person, const std::string& day, const std::string& duration,
                      const std::string& kind = "preparation") {
    auto e = service_->CreateEntry(actor_, coordinator_, Entry(person, day, duration, kind));
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
    auto v = service_->Decide(actor_, coordinator_, e->id, true, "");
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return *v;
  }

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 11, 23, 10, 0)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<TimeService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId insertion_, scop_, nordiste_;
  PersonId amina_, bruno_, chloe_, denis_;
};

}  // namespace coopole::animation
