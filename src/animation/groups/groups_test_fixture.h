// A group service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations (two people each) and "pole-nord" with one. The clock stands on Sunday
// 6 December 2026, 10:00 in Paris. Events (meetings, breakfasts) are written straight into the
// events part's table, so that the group and welcome pages can read them.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "animation_test_fixture.h"
#include "coopole/animation/events.h"
#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class GroupServiceTest : public AnimationServiceTest {
 protected:
  GroupServiceTest() : AnimationServiceTest(Paris(2026, 12, 6, 10, 0)) {}

  void SetUp() override {
    OpenDatabase({NoticeService::Migrations(), GroupService::Migrations(), EventService::Migrations()});
    CreateHubs();
    Directory directory = MembersDirectory();
    service_ = std::make_unique<GroupService>(*pool_, clock_, *identity_, directory);

    // Joined long ago, recently, and without a join date (created today: a newcomer).
    epicerie_ = AddMember(coordinator_, "Épicerie Solidaire du Vercors", "2019-03-01");
    garage_ = AddMember(coordinator_, "Garage Solidaire", "2026-09-15");
    ressourcerie_ = AddMember(coordinator_, "Ressourcerie des Alpes", "");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord", "2026-10-01");
    alice_ = AddPerson(coordinator_, epicerie_, "Alice Martin");
    bruno_ = AddPerson(coordinator_, epicerie_, "Bruno Petit");
    chloe_ = AddPerson(coordinator_, garage_, "Chloé Roux");
    david_ = AddPerson(coordinator_, garage_, "David Blanc");
    emma_ = AddPerson(coordinator_, ressourcerie_, "Emma Girard");
    nadia_ = AddPerson(other_hub_, nordiste_, "Nadia Nord");
  }

  void AddEvent(std::int64_t id, HubId hub, const std::string& kind, std::optional<GroupId> group,
                std::optional<MemberId> newcomer, const std::string& status, Timestamp starts) {
    pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      db::Params p;
      p.push_back(id);
      p.push_back(hub.value);
      p.push_back(kind);
      p.push_back(std::string("Réunion ") + std::to_string(id));
      p.push_back(db::Nullable(group));
      p.push_back(db::Nullable(newcomer));
      p.push_back(starts.unix_seconds);
      p.push_back(starts.unix_seconds + 7200);
      p.push_back(status);
      tx.Execute(
          "INSERT INTO animation_events (id, hub_id, kind, title, group_id, newcomer_member_id, starts_at, ends_at, "
          "status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
          p);
    });
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  template <typename T>
  static std::string Id(T id) {
    return std::to_string(id.value);
  }

  // "Alimentation durable": the épicerie (lead, with Alice as lead person) and the garage,
  // and Chloé of the garage.
  GroupInput Food() const {
    GroupInput in;
    in.name = "Alimentation durable";
    in.theme = "Circuits courts";
    in.description = "Approvisionnement local des cantines";
    in.member_ids = std::vector<std::string>{Id(epicerie_), Id(garage_)};
    in.person_ids = std::vector<std::string>{Id(alice_), Id(chloe_)};
    in.lead_member_id = Id(epicerie_);
    in.lead_person_id = Id(alice_);
    return in;
  }

  Group CreateFood() {
    auto group = service_->CreateGroup(actor_, coordinator_, Food());
    EXPECT_TRUE(group.ok()) << (group.ok() ? "" : group.error().message);
    return *group;
  }

  std::unique_ptr<GroupService> service_;
  MemberId epicerie_, garage_, ressourcerie_, nordiste_;
  PersonId alice_, bruno_, chloe_, david_, emma_, nadia_;
};

}  // namespace coopole::animation
