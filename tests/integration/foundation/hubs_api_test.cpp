// The hubs API: creation, validation, optimistic edits, roles.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

class HubsApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  HubsApiTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
  }
  TestApp app_;
  std::string coordinator_, observer_;
};

TEST_P(HubsApiTest, CoordinatorCreatesAHubAndBecomesItsCoordinator) {
  auto res = app_.Api("POST", "/api/v1/hubs", coordinator_,
                      R"({"slug":"pole-b","name":"Pôle <b>B</b>","territory":"Isère"})");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.Header("location"), "/api/v1/hubs/pole-b");
  auto hub = nlohmann::json::parse(res.body);
  EXPECT_EQ(hub["name"], "Pôle <b>B</b>");  // stored as given
  EXPECT_EQ(hub["time_zone"], "Europe/Paris");
  auto got = app_.Api("GET", "/api/v1/hubs/pole-b", coordinator_);
  EXPECT_EQ(nlohmann::json::parse(got.body)["role"], "coordinator");
}

TEST_P(HubsApiTest, ObserversCannotCreateHubs) {
  auto res = app_.Api("POST", "/api/v1/hubs", observer_, R"({"slug":"pole-c","name":"C"})");
  EXPECT_EQ(res.status, 403);
}

TEST_P(HubsApiTest, InvalidFieldsAre422NamingEachField) {
  auto res = app_.Api("POST", "/api/v1/hubs", coordinator_, R"({"slug":"Pôle B","name":"","time_zone":"Mars/Base"})");
  ASSERT_EQ(res.status, 422);
  auto fields = nlohmann::json::parse(res.body)["error"]["fields"];
  EXPECT_TRUE(fields.contains("slug"));
  EXPECT_TRUE(fields.contains("name"));
  EXPECT_TRUE(fields.contains("time_zone"));
}

TEST_P(HubsApiTest, MalformedBodiesAre400And415) {
  EXPECT_EQ(app_.Api("POST", "/api/v1/hubs", coordinator_, "{\"slug\":").status, 400);
  EXPECT_EQ(app_.Api("POST", "/api/v1/hubs", coordinator_, "[1,2]").status, 400);
  EXPECT_EQ(app_.Api("POST", "/api/v1/hubs", coordinator_, R"({"name":["x"]})").status, 400);
  HttpRequest text{"POST", "/api/v1/hubs", {{"Authorization", "Bearer " + coordinator_}, {"Content-Type", "text/plain"}}, "x"};
  EXPECT_EQ(Send(app_.port(), text).status, 415);
}

TEST_P(HubsApiTest, DuplicateSlugIs409) {
  auto res = app_.Api("POST", "/api/v1/hubs", coordinator_, R"({"slug":"pole-a","name":"Again"})");
  EXPECT_EQ(res.status, 409);
}

TEST_P(HubsApiTest, StaleVersionIs409AndNothingChanges) {
  auto ok = app_.Api("PATCH", "/api/v1/hubs/pole-a", coordinator_, R"({"territory":"Drôme","version":1})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto stale = app_.Api("PATCH", "/api/v1/hubs/pole-a", coordinator_, R"({"territory":"Ardèche","version":1})");
  EXPECT_EQ(stale.status, 409);
  auto hub = nlohmann::json::parse(app_.Api("GET", "/api/v1/hubs/pole-a", coordinator_).body);
  EXPECT_EQ(hub["territory"], "Drôme");
  EXPECT_EQ(hub["version"], 2);
  EXPECT_EQ(app_.Api("PATCH", "/api/v1/hubs/pole-a", observer_, R"({"territory":"x","version":2})").status, 403);
}

TEST_P(HubsApiTest, LeadMemberMustBeAnOrganisationOfTheHub) {
  app_.CreateHub("pole-b", "Pôle B");
  identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
  auto own_hub = app_.app().hubs().Resolve(admin, "pole-a").value();
  auto other_hub = app_.app().hubs().Resolve(admin, "pole-b").value();
  auto own = app_.app().members().CreateMember(admin, own_hub, {.name = "Porteuse", .legal_form = "scic"}).value();
  auto other = app_.app().members().CreateMember(admin, other_hub, {.name = "Ailleurs", .legal_form = "scic"}).value();
  auto refused = app_.Api("PATCH", "/api/v1/hubs/pole-a", coordinator_,
                          R"({"lead_member_id":)" + std::to_string(other.id.value) + R"(,"version":1})");
  ASSERT_EQ(refused.status, 422);
  EXPECT_TRUE(nlohmann::json::parse(refused.body)["error"]["fields"].contains("lead_member"));
  auto ok = app_.Api("PATCH", "/api/v1/hubs/pole-a", coordinator_,
                     R"({"lead_member_id":)" + std::to_string(own.id.value) + R"(,"version":1})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(nlohmann::json::parse(ok.body)["lead_member_id"], own.id.value);
}

TEST_P(HubsApiTest, ErrorMessagesFollowAcceptLanguage) {
  HttpRequest req{"POST", "/api/v1/hubs",
                  {{"Authorization", "Bearer " + coordinator_}, {"Content-Type", "application/json"}, {"Accept-Language", "en"}},
                  R"({"slug":"ok-slug","name":""})"};
  auto res = Send(app_.port(), req);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["fields"]["name"], "This field is required.");
}

INSTANTIATE_TEST_SUITE_P(Databases, HubsApiTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
