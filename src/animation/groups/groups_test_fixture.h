// A group service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations (two people each) and "pole-nord" with one. The clock stands on Sunday
// 6 December 2026, 10:00 in Paris. A minimal animation_events table stands in for the events
// part's (same columns as the contract), so that meetings and breakfasts can be read.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class GroupServiceTest : public ::testing::TestWithParam<std::string> {
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
    db::Migrate(*pool_, GroupService::Migrations());
    pool_->InTransaction(db::TxMode::kWrite, [](db::Transaction& tx) {
      tx.conn().ExecuteScript(
          "CREATE TABLE animation_events (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL, kind TEXT NOT NULL, "
          "title TEXT NOT NULL, group_id BIGINT, newcomer_member_id BIGINT, starts_at BIGINT NOT NULL, "
          "ends_at BIGINT NOT NULL, status TEXT NOT NULL)");
    });
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{.active_members = members::MemberService::ActiveMembers};
    service_ = std::make_unique<GroupService>(*pool_, clock_, *identity_, directory);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
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

  MemberId AddMember(const HubContext& hub, const std::string& name, const std::string& joined) {
    members::MemberInput in{.name = name, .legal_form = "association"};
    if (!joined.empty()) in.join_date = joined;
    auto member = members_->CreateMember(actor_, hub, in);
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }

  PersonId AddPerson(const HubContext& hub, MemberId member, const std::string& name) {
    auto person = members_->AddPerson(actor_, hub, member, members::PersonInput{.name = name});
    EXPECT_TRUE(person.ok()) << (person.ok() ? "" : person.error().message);
    return person->id;
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
          "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 12, 6, 10, 0)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<GroupService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId epicerie_, garage_, ressourcerie_, nordiste_;
  PersonId alice_, bruno_, chloe_, david_, emma_, nadia_;
};

}  // namespace coopole::animation
