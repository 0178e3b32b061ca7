// A network service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set) with two hubs: "pole-sud" (Europe/Paris) with four member
// organisations and "pole-nord" with one; pooling wired as the application wires it. The
// clock stands on Monday 23 November 2026, 10:00 in Paris.
//
// The tables of the other cooperation parts are created here with only the columns the
// network reads (their names and those columns are fixed by the module's design), so that
// these tests do not depend on the other parts' libraries; the integration tests run the
// real migrations.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/cooperation/network.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "coopole/pooling/pooling.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::cooperation {

inline constexpr const char* kOtherPartsTables = R"SQL(
CREATE TABLE cooperation_cooperations (id {{id}}, hub_id BIGINT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
  started_on TEXT NOT NULL);
CREATE TABLE cooperation_cooperation_members (cooperation_id BIGINT NOT NULL, member_id BIGINT NOT NULL);
CREATE TABLE cooperation_projects (id {{id}}, hub_id BIGINT NOT NULL, title TEXT NOT NULL,
  lead_member_id BIGINT NOT NULL, stage TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE cooperation_project_partners (project_id BIGINT NOT NULL, member_id BIGINT NOT NULL,
  role TEXT NOT NULL DEFAULT '');
CREATE TABLE cooperation_bids (id {{id}}, hub_id BIGINT NOT NULL, title TEXT NOT NULL,
  lead_member_id BIGINT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE cooperation_bid_members (bid_id BIGINT NOT NULL, member_id BIGINT NOT NULL,
  share_bp BIGINT NOT NULL, role TEXT NOT NULL);
)SQL";

class NetworkTest : public ::testing::TestWithParam<std::string> {
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
    db::Migrate(*pool_, pooling::PoolingService::Migrations());
    db::Migrate(*pool_, {{"cooperation_network_test_tables", 1, kOtherPartsTables}});
    db::Migrate(*pool_, NetworkService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    pooling_ = std::make_unique<pooling::PoolingService>(*pool_, clock_, *identity_,
                                                         &members::MemberService::MemberNameInHub);
    Directory directory{
        .active_members = members::MemberService::ActiveMembers,
        .offered_resources = {},
        .external_links =
            [](db::Transaction& tx, HubId hub, Date from, Date to) {
              std::vector<ExternalLink> out;
              for (auto& l : pooling::PoolingService::MemberLinks(tx, hub, from, to))
                out.push_back({l.a, l.b, l.kind, l.count, l.first_on, l.last_on});
              return out;
            },
    };
    service_ = std::make_unique<NetworkService>(*pool_, clock_, *identity_, directory);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    atelier_ = AddMember(coordinator_, "Atelier Vélo Solidaire", "38185", "95.29Z");
    recyclerie_ = AddMember(coordinator_, "Recyclerie du Grésivaudan", "38140", "38.32Z");
    traiteur_ = AddMember(coordinator_, "Traiteur d'Insertion", "38185", "56.21Z");
    jardins_ = AddMember(coordinator_, "Jardins de Cocagne", "", "");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord", "", "");
  }

  MemberId AddMember(const HubContext& hub, const std::string& name, const std::string& commune,
                     const std::string& sector) {
    auto member = members_->CreateMember(actor_, hub,
                                         members::MemberInput{.name = name, .legal_form = "association",
                                                              .sectors = sector, .commune_insee = commune});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  // Rows as the other parts write them (only the columns the network reads).
  std::int64_t InsertProject(const HubContext& hub, MemberId lead, const std::vector<MemberId>& partners,
                             Timestamp created_at, const std::string& stage = "experiment") {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    db::Params params;
    params.push_back(hub.hub.id.value);
    params.push_back(std::string("Projet"));
    params.push_back(lead.value);
    params.push_back(stage);
    params.push_back(created_at.unix_seconds);
    auto id = tx.Query("INSERT INTO cooperation_projects (hub_id, title, lead_member_id, stage, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                       params)
                  .Int(0, 0);
    for (auto partner : partners) {
      db::Params p;
      p.push_back(id);
      p.push_back(partner.value);
      tx.Execute("INSERT INTO cooperation_project_partners (project_id, member_id, role) VALUES (?, ?, 'partner')", p);
    }
    tx.Commit();
    return id;
  }

  std::int64_t InsertBid(const HubContext& hub, const std::vector<MemberId>& members, Timestamp created_at,
                         const std::string& status = "submitted") {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    db::Params params;
    params.push_back(hub.hub.id.value);
    params.push_back(std::string("Marché"));
    params.push_back(members.front().value);
    params.push_back(status);
    params.push_back(created_at.unix_seconds);
    auto id = tx.Query("INSERT INTO cooperation_bids (hub_id, title, lead_member_id, status, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
                       params)
                  .Int(0, 0);
    for (auto member : members) {
      db::Params p;
      p.push_back(id);
      p.push_back(member.value);
      p.push_back(std::int64_t{10000 / static_cast<std::int64_t>(members.size())});
      tx.Execute("INSERT INTO cooperation_bid_members (bid_id, member_id, share_bp, role) VALUES (?, ?, ?, 'co')", p);
    }
    tx.Commit();
    return id;
  }

  std::int64_t InsertCooperation(const HubContext& hub, const std::vector<MemberId>& members,
                                 const std::string& started_on) {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    db::Params params;
    params.push_back(hub.hub.id.value);
    params.push_back(std::string("Coopération"));
    params.push_back(started_on);
    auto id = tx.Query("INSERT INTO cooperation_cooperations (hub_id, kind, title, started_on) "
                       "VALUES (?, 'other', ?, ?) RETURNING id",
                       params)
                  .Int(0, 0);
    for (auto member : members) {
      db::Params p;
      p.push_back(id);
      p.push_back(member.value);
      tx.Execute("INSERT INTO cooperation_cooperation_members (cooperation_id, member_id) VALUES (?, ?)", p);
    }
    tx.Commit();
    return id;
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 11, 23, 10, 0)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<pooling::PoolingService> pooling_;
  std::unique_ptr<NetworkService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId atelier_, recyclerie_, traiteur_, jardins_, nordiste_;
};

}  // namespace coopole::cooperation
