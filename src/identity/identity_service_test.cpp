#include <gtest/gtest.h>

#include "coopole/identity/identity.h"
#include "test_database.h"

namespace coopole::identity {
namespace {

class IdentityServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 2});
    db::Migrate(*pool_, IdentityService::Migrations());
    service_ = std::make_unique<IdentityService>(*pool_, clock_, IdentityOptions{.fast_hashing = true});
  }

  User MakeUser(const std::string& email = "anne@pole.fr") {
    return service_->CreateUser({.email = email, .name = "Anne", .password = "correct horse"}).value();
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  FakeClock clock_{Timestamp{1795442700}};
  std::unique_ptr<IdentityService> service_;
};

TEST_P(IdentityServiceTest, CreateUser_RejectsBadFieldsByName) {
  auto r = service_->CreateUser({.email = "nope", .name = "", .password = "short"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields.count("email"), 1u);
  EXPECT_EQ(r.error().fields.count("name"), 1u);
  EXPECT_EQ(r.error().fields.count("password"), 1u);
}

TEST_P(IdentityServiceTest, CreateUser_RejectsDuplicateEmailIgnoringCase) {
  MakeUser();
  auto r = service_->CreateUser({.email = "ANNE@pole.fr", .name = "Anne", .password = "correct horse"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST_P(IdentityServiceTest, SignIn_OpensASessionFoundByItsToken) {
  MakeUser();
  auto session = service_->SignIn("Anne@Pole.fr ", "correct horse", "127.0.0.1");
  ASSERT_TRUE(session.ok());
  auto found = service_->FindSession(session->token);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->actor.email, "anne@pole.fr");
  EXPECT_EQ(found->csrf_token, session->csrf_token);
  service_->SignOut(session->token);
  EXPECT_FALSE(service_->FindSession(session->token).has_value());
}

TEST_P(IdentityServiceTest, SignIn_SessionsExpire) {
  MakeUser();
  auto session = service_->SignIn("anne@pole.fr", "correct horse", "127.0.0.1");
  clock_.Advance(15 * 24 * 3600);
  EXPECT_FALSE(service_->FindSession(session->token).has_value());
}

TEST_P(IdentityServiceTest, SignIn_ThrottlesAfterRepeatedFailures) {
  MakeUser();
  for (int i = 0; i < 5; ++i) {
    auto r = service_->SignIn("anne@pole.fr", "wrong password", "10.0.0.1");
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  auto r = service_->SignIn("anne@pole.fr", "correct horse", "10.0.0.1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
  clock_.Advance(16 * 60);
  EXPECT_TRUE(service_->SignIn("anne@pole.fr", "correct horse", "10.0.0.1").ok());
}

TEST_P(IdentityServiceTest, SignIn_UnknownEmailGetsTheSameAnswerAsWrongPassword) {
  MakeUser();
  auto unknown = service_->SignIn("bob@pole.fr", "correct horse", "127.0.0.1");
  auto wrong = service_->SignIn("anne@pole.fr", "incorrect", "127.0.0.1");
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
}

TEST_P(IdentityServiceTest, ApiToken_IdentifiesItsOwner) {
  auto user = MakeUser();
  auto token = service_->CreateApiToken(user.id, "script");
  ASSERT_TRUE(token.ok());
  auto actor = service_->FindApiToken(*token);
  ASSERT_TRUE(actor.has_value());
  EXPECT_EQ(actor->user, user.id);
  EXPECT_FALSE(service_->FindApiToken("cp_" + std::string(43, 'x')).has_value());
}

TEST_P(IdentityServiceTest, RevokeApiToken_StopsTheTokenAndOnlyTheOwnersOwn) {
  auto user = MakeUser();
  auto other = MakeUser("bob@pole.fr");
  auto token = service_->CreateApiToken(user.id, "script").value();
  auto tokens = service_->ListApiTokens(user.id);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].name, "script");
  EXPECT_EQ(service_->RevokeApiToken(other.id, tokens[0].id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->FindApiToken(token).has_value());
  ASSERT_TRUE(service_->RevokeApiToken(user.id, tokens[0].id).ok());
  EXPECT_FALSE(service_->FindApiToken(token).has_value());
  EXPECT_TRUE(service_->ListApiTokens(user.id)[0].revoked);
}

TEST_P(IdentityServiceTest, GrantRole_GivesAccessToThatHubOnly) {
  auto user = MakeUser();
  ASSERT_TRUE(service_->GrantRole(user.id, HubId{1}, Role::kMember, MemberId{5}).ok());
  Actor actor{.user = user.id};
  auto access = service_->AccessIn(actor, HubId{1});
  ASSERT_TRUE(access.has_value());
  EXPECT_EQ(access->role, Role::kMember);
  EXPECT_EQ(access->member, MemberId{5});
  EXPECT_FALSE(service_->AccessIn(actor, HubId{2}).has_value());
  EXPECT_EQ(service_->GrantRole(user.id, HubId{1}, Role::kMember, std::nullopt).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_P(IdentityServiceTest, RecordAudit_CommitsWithTheChangeOnly) {
  auto user = MakeUser();
  Actor actor{.user = user.id, .name = "Anne", .request_id = "r1"};
  {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    service_->RecordAudit(tx, actor, {HubId{1}, "update", "member", 3, "{}", "{\"a\":1}"});
    // not committed: rolled back
  }
  {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    service_->RecordAudit(tx, actor, {HubId{1}, "update", "member", 4, "{}", "{\"a\":2}"});
    tx.Commit();
  }
  HubAccess coordinator{HubId{1}, Role::kCoordinator, std::nullopt};
  auto records = service_->ListAudit(actor, coordinator, 10, 0);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].entry.entity_id, 4);
  EXPECT_EQ((*records)[0].request_id, "r1");
  HubAccess observer{HubId{1}, Role::kObserver, std::nullopt};
  EXPECT_EQ(service_->ListAudit(actor, observer, 10, 0).error().code, ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Databases, IdentityServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::identity
