// Users of a hub: coordinators give and withdraw roles, through the API and the page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

class HubUsersTest : public ::testing::TestWithParam<std::string> {
 protected:
  HubUsersTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    for (const auto& [slug, target] : {std::pair{"pole-a", &member_a_}, std::pair{"pole-b", &member_b_}}) {
      auto hub = app_.app().hubs().Resolve(admin, slug).value();
      *target = app_.app().members().CreateMember(admin, hub, {.name = "Atelier", .legal_form = "scop"}).value().id.value;
    }
  }
  nlohmann::json Users(const std::string& token) {
    return nlohmann::json::parse(app_.Api("GET", "/api/v1/hubs/pole-a/users", token).body);
  }
  TestApp app_;
  std::string coordinator_, observer_;
  std::int64_t member_a_ = 0, member_b_ = 0;
};

TEST_P(HubUsersTest, CoordinatorGivesAccessToANewPersonWhoCanThenSignIn) {
  auto res = app_.Api("POST", "/api/v1/hubs/pole-a/users", coordinator_,
                      R"({"email":"Nina@Atelier.fr","name":"Nina","password":"temporaire-123","role":"member","member_id":)" +
                          std::to_string(member_a_) + "}");
  ASSERT_EQ(res.status, 201) << res.body;
  auto user = nlohmann::json::parse(res.body);
  EXPECT_EQ(user["email"], "nina@atelier.fr");
  EXPECT_EQ(user["role"], "member");
  EXPECT_EQ(user["member_id"], member_a_);
  EXPECT_EQ(Users(coordinator_)["items"].size(), 3u);
  Browser browser(app_.port());
  EXPECT_EQ(browser.SignIn("nina@atelier.fr", "temporaire-123").status, 303);
  EXPECT_EQ(browser.Get("/hubs/pole-a").status, 200);
  EXPECT_EQ(browser.Get("/hubs/pole-b").status, 404);
}

TEST_P(HubUsersTest, AnExistingAccountOnlyGetsTheRole) {
  app_.UserToken("elsewhere@b.fr", identity::Role::kObserver, "pole-b");
  auto res = app_.Api("POST", "/api/v1/hubs/pole-a/users", coordinator_, R"({"email":"elsewhere@b.fr","role":"observer"})");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(nlohmann::json::parse(res.body)["name"], "elsewhere@b.fr");
}

TEST_P(HubUsersTest, MemberRoleNeedsAnOrganisationOfThisHub) {
  auto none = app_.Api("POST", "/api/v1/hubs/pole-a/users", coordinator_,
                       R"({"email":"x@a.fr","name":"X","password":"temporaire-123","role":"member"})");
  ASSERT_EQ(none.status, 422);
  EXPECT_TRUE(nlohmann::json::parse(none.body)["error"]["fields"].contains("member"));
  auto other = app_.Api("POST", "/api/v1/hubs/pole-a/users", coordinator_,
                        R"({"email":"x@a.fr","name":"X","password":"temporaire-123","role":"member","member_id":)" +
                            std::to_string(member_b_) + "}");
  ASSERT_EQ(other.status, 422);
  EXPECT_TRUE(nlohmann::json::parse(other.body)["error"]["fields"].contains("member"));
  auto role = app_.Api("POST", "/api/v1/hubs/pole-a/users", coordinator_, R"({"email":"x@a.fr","role":"admin"})");
  EXPECT_EQ(role.status, 422);
}

TEST_P(HubUsersTest, ObserversCannotSeeOrChangeUsers) {
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-a/users", observer_).status, 403);
  EXPECT_EQ(app_.Api("POST", "/api/v1/hubs/pole-a/users", observer_, R"({"email":"x@a.fr","role":"observer"})").status,
            403);
}

TEST_P(HubUsersTest, WithdrawingARoleClosesTheHubButNeverTheLastCoordinator) {
  auto items = Users(coordinator_)["items"];
  std::int64_t coordinator_id = 0, observer_id = 0;
  for (const auto& u : items) (u["role"] == "coordinator" ? coordinator_id : observer_id) = u["id"];
  EXPECT_EQ(app_.Api("DELETE", "/api/v1/hubs/pole-a/users/" + std::to_string(coordinator_id), coordinator_).status,
            409);  // oneself, and the last coordinator
  EXPECT_EQ(app_.Api("DELETE", "/api/v1/hubs/pole-a/users/" + std::to_string(observer_id), coordinator_).status, 204);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-a", observer_).status, 404);
  EXPECT_EQ(app_.Api("DELETE", "/api/v1/hubs/pole-a/users/" + std::to_string(observer_id), coordinator_).status, 404);
}

TEST_P(HubUsersTest, ThePageAddsAPersonAndNeverEchoesThePassword) {
  Browser browser(app_.port());
  browser.SignIn("coord@a.fr", TestApp::kPassword);
  auto page = browser.Get("/hubs/pole-a/users");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("obs@a.fr"), std::string::npos);
  auto weak = browser.PostForm("/hubs/pole-a/users",
                               {{"email", "new@a.fr"}, {"name", "Nouvelle"}, {"password", "court"}, {"role", "observer"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find("value=\"new@a.fr\""), std::string::npos);
  EXPECT_EQ(weak.body.find("court"), std::string::npos);
  auto ok = browser.PostForm("/hubs/pole-a/users", {{"email", "new@a.fr"}, {"name", "Nouvelle"},
                                                    {"password", "temporaire-123"}, {"role", "observer"}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_NE(browser.Get("/hubs/pole-a/users").body.find("new@a.fr"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, HubUsersTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
