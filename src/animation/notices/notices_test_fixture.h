// A notice service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) and "pole-nord", a
// coordinator (Claire), a member-role user (Marc, of "Menuiserie Durand") and an observer
// (Odile) in pole-sud. Claire, an admin, created both hubs and holds the coordinator role in both. The clock stands on Monday 23 November 2026, 10:00 in Paris.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class NoticeServiceTest : public ::testing::TestWithParam<std::string> {
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
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    service_ = std::make_unique<NoticeService>(*pool_, clock_, *identity_, Directory{});

    claire_ = User("claire@pole.fr", "Claire", /*is_admin=*/true);
    identity::Actor admin{.user = claire_.id, .name = "Claire", .is_admin = true};
    sud_ = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    nord_ = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    EXPECT_TRUE(identity_->GrantRole(claire_.id, sud_.id, identity::Role::kCoordinator, std::nullopt).ok());
    EXPECT_TRUE(identity_->GrantRole(claire_.id, nord_.id, identity::Role::kCoordinator, std::nullopt).ok());
    coordinator_ = HubContext{sud_, identity::HubAccess{sud_.id, identity::Role::kCoordinator, std::nullopt}};
    other_hub_ = HubContext{nord_, identity::HubAccess{nord_.id, identity::Role::kCoordinator, std::nullopt}};
    auto member = members_->CreateMember(admin, coordinator_, members::MemberInput{.name = "Menuiserie Durand",
                                                                                   .legal_form = "association"});
    EXPECT_TRUE(member.ok());
    durand_ = member->id;
    marc_ = User("marc@durand.fr", "Marc");
    EXPECT_TRUE(identity_->GrantRole(marc_.id, sud_.id, identity::Role::kMember, durand_).ok());
    odile_ = User("odile@pole.fr", "Odile");
    EXPECT_TRUE(identity_->GrantRole(odile_.id, sud_.id, identity::Role::kObserver, std::nullopt).ok());
    member_ = HubContext{sud_, identity::HubAccess{sud_.id, identity::Role::kMember, durand_}};
    observer_ = HubContext{sud_, identity::HubAccess{sud_.id, identity::Role::kObserver, std::nullopt}};
  }

  identity::User User(const std::string& email, const std::string& name, bool is_admin = false) {
    auto user = identity_->CreateUser({.email = email, .name = name, .password = "correct horse", .is_admin = is_admin});
    EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error().message);
    return *user;
  }
  static identity::Actor ActorOf(const identity::User& user) {
    return identity::Actor{.user = user.id, .name = user.name, .email = user.email, .request_id = "req-1"};
  }

  // Posts in its own transaction, as another part would inside its use case.
  void PostTo(HubId hub, const std::vector<UserId>& users, const std::string& kind = "minutes_published",
              std::map<std::string, std::string> params = {{"title", "Réunion"}}) {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    NoticeService::Post(tx, hub, users, NoticeDraft{kind, std::move(params), "/hubs/pole-sud/animation"}, clock_.Now());
    tx.Commit();
  }

  void SetClock(Timestamp at) { clock_.Advance(at.unix_seconds - clock_.Now().unix_seconds); }

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
  std::unique_ptr<NoticeService> service_;
  identity::User claire_, marc_, odile_;
  hubs::Hub sud_, nord_;
  MemberId durand_;
  HubContext coordinator_, member_, observer_, other_hub_;
};

}  // namespace coopole::animation
