// A pooling service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations, and "pole-nord" with one. The clock stands on Monday 23 November 2026,
// 10:00 in Paris, and can be moved.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "coopole/pooling/pooling.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::pooling {

class PoolingTest : public ::testing::TestWithParam<std::string> {
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
    db::Migrate(*pool_, PoolingService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    service_ = std::make_unique<PoolingService>(*pool_, clock_, *identity_, &members::MemberService::MemberNameInHub);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    atelier_ = AddMember(coordinator_, "Atelier Vélo Solidaire");
    recyclerie_ = AddMember(coordinator_, "Recyclerie du Grésivaudan");
    traiteur_ = AddMember(coordinator_, "Traiteur d'Insertion");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord");
  }

  MemberId AddMember(const HubContext& hub, const std::string& name) {
    auto member = members_->CreateMember(actor_, hub, members::MemberInput{.name = name, .legal_form = "association"});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }

  // The context of a user of the member role working for `member`.
  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  // The instant of a wall-clock reading in Paris.
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
  std::unique_ptr<PoolingService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId atelier_, recyclerie_, traiteur_, nordiste_;
};

}  // namespace coopole::pooling
