// A notice service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) and "pole-nord", a
// coordinator (Claire), a member-role user (Marc, of "Menuiserie Durand") and an observer
// (Odile) in pole-sud. Claire, an admin, created both hubs and holds the coordinator role in both. The clock stands on Monday 23 November 2026, 10:00 in Paris.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "animation_test_fixture.h"
#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class NoticeServiceTest : public AnimationServiceTest {
 protected:
  NoticeServiceTest() : AnimationServiceTest(Paris(2026, 11, 23, 10, 0)) {}

  void SetUp() override {
    OpenDatabase({NoticeService::Migrations()});
    CreateHubs();
    service_ = std::make_unique<NoticeService>(*pool_, clock_, *identity_, Directory{});
    claire_ = admin_user_;
    sud_ = coordinator_.hub;
    nord_ = other_hub_.hub;
    EXPECT_TRUE(identity_->GrantRole(claire_.id, sud_.id, identity::Role::kCoordinator, std::nullopt).ok());
    EXPECT_TRUE(identity_->GrantRole(claire_.id, nord_.id, identity::Role::kCoordinator, std::nullopt).ok());
    durand_ = AddMember(coordinator_, "Menuiserie Durand");
    marc_ = User("marc@durand.fr", "Marc");
    EXPECT_TRUE(identity_->GrantRole(marc_.id, sud_.id, identity::Role::kMember, durand_).ok());
    odile_ = User("odile@pole.fr", "Odile");
    EXPECT_TRUE(identity_->GrantRole(odile_.id, sud_.id, identity::Role::kObserver, std::nullopt).ok());
    member_ = HubContext{sud_, identity::HubAccess{sud_.id, identity::Role::kMember, durand_}};
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

  std::unique_ptr<NoticeService> service_;
  identity::User claire_, marc_, odile_;
  hubs::Hub sud_, nord_;
  MemberId durand_;
  HubContext member_;
};

}  // namespace coopole::animation
