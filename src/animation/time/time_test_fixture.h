// A time service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" with two member organisations
// (an insertion structure with Amina and Bruno, a Scop with Chloé) and "pole-nord" with one
// (Denis). The clock stands on Monday 23 November 2026, 10:00 in Paris.
//
// Attendance, events and groups are written straight into the tables of the events and groups
// parts (their migrations applied), as those parts would write them.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "animation_test_fixture.h"
#include "coopole/animation/events.h"
#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/core/text.h"
#include "coopole/animation/time.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class TimeServiceTest : public AnimationServiceTest {
 protected:
  TimeServiceTest() : AnimationServiceTest(Paris(2026, 11, 23, 10, 0)) {}

  void SetUp() override {
    OpenDatabase({NoticeService::Migrations(), GroupService::Migrations(), EventService::Migrations(),
                  TimeService::Migrations()});
    CreateHubs();
    Directory directory = MembersDirectory();
    service_ = std::make_unique<TimeService>(*pool_, clock_, *identity_, directory);

    insertion_ = AddMember(coordinator_, "Chantier d'Insertion Belledonne");
    scop_ = AddMember(coordinator_, "Scop Énergie Partagée");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord");
    amina_ = AddPerson(coordinator_, insertion_, "Amina Benali");
    bruno_ = AddPerson(coordinator_, insertion_, "Bruno Morel");
    chloe_ = AddPerson(coordinator_, scop_, "Chloé Vidal");
    denis_ = AddPerson(other_hub_, nordiste_, "Denis Nord");
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  // An attendance record as the events part writes it, at an event of its own (id `id`).
  void Attend(std::int64_t id, const HubContext& hub, PersonId person, MemberId member, const std::string& day,
              const std::string& kind, std::int64_t minutes, std::optional<std::int64_t> group = std::nullopt) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params e;
      e.push_back(id);
      e.push_back(hub.hub.id.value);
      e.push_back(kind);
      e.push_back(db::Nullable(group));
      tx.Execute("INSERT INTO animation_events (id, hub_id, kind, title, group_id, starts_at, ends_at, created_by, "
                 "created_at, updated_at) VALUES (?, ?, ?, 'Réunion', ?, 0, 3600, 0, 0, 0)",
                 e);
      db::Params p;
      p.push_back(id);
      p.push_back(hub.hub.id.value);
      p.push_back(id);
      p.push_back(person.value);
      p.push_back(member.value);
      p.push_back(day);
      p.push_back(kind);
      p.push_back(db::Nullable(group));
      p.push_back(minutes);
      tx.Execute(
          "INSERT INTO animation_attendance (id, hub_id, event_id, person_id, member_id, on_date, kind, group_id, "
          "minutes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
          p);
    });
  }
  void AddGroup(std::int64_t id, const HubContext& hub, const std::string& name) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params p;
      p.push_back(id);
      p.push_back(hub.hub.id.value);
      p.push_back(name);
      p.push_back(FoldForSearch(name));
      tx.Execute("INSERT INTO animation_groups (id, hub_id, name, name_folded, search_text, status, created_by, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, '', 'active', 0, 0, 0)",
                 p);
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

  std::unique_ptr<TimeService> service_;
  MemberId insertion_, scop_, nordiste_;
  PersonId amina_, bruno_, chloe_, denis_;
};

}  // namespace coopole::animation
