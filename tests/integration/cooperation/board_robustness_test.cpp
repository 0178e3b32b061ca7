// Bad input over real HTTP on each database, for the board, the suggestions and the network:
// malformed JSON, wrong types, huge numbers, impossible dates, bad ids and another hub's ids.
// Never a 500; 404 for another hub's records; observers and members of another organisation
// write nothing; a refused operation leaves nothing behind.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kApi = "/api/v1/hubs/pole-a/cooperation";
const std::string kPages = "/hubs/pole-a/cooperation";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

class BoardRobustnessTest : public ::testing::TestWithParam<std::string> {
 protected:
  BoardRobustnessTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    cantine_ = AddMember("pole-a", "Cantine", "38185");
    mobilite_ = AddMember("pole-a", "Mobilité", "38169");
    nord_ = AddMember("pole-b", "Coopérative du Nord", "38185");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    cantine_user_ = app_.UserToken("cantine@a.fr", identity::Role::kMember, "pole-a", cantine_);
    other_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name, const std::string& insee) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    auto member = app_.app().members().CreateMember(
        admin, *hub, {.name = name, .legal_form = "association", .sectors = "56.10A", .commune_insee = insee});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  // Sends a raw body and checks the answer is no 500 (and, when given, the expected status).
  int Send(const std::string& method, const std::string& target, const std::string& token, const std::string& body,
           int expected = 0) {
    auto res = app_.Api(method, target, token, body);
    EXPECT_LT(res.status, 500) << method << " " << target << " " << body << " -> " << res.body.substr(0, 300);
    if (expected) {
      EXPECT_EQ(res.status, expected) << method << " " << target << " " << body << " -> " << res.body.substr(0, 300);
    }
    return res.status;
  }

  std::int64_t Count(const std::string& what, const std::string& token) {
    auto doc = Json(app_.Api("GET", kApi + what, token));
    if (doc.contains("total")) return doc["total"].get<std::int64_t>();
    return static_cast<std::int64_t>(doc["items"].size());
  }

  TestApp app_;
  identity::MemberId cantine_, mobilite_, nord_;
  std::string coordinator_, observer_, cantine_user_, other_;
};

TEST_P(BoardRobustnessTest, MalformedPostBodiesAreRefusedAndWriteNothing) {
  const std::vector<std::string> bodies = {
      "", "[]", "null", "\"text\"", "{not json", "{\"title\":",
      R"({"direction":"need","kind":"skill","title":12345678901234567890123})",
      R"({"direction":"need","kind":"skill","title":"Ok","quantity":1e300})",
      R"({"direction":"need","kind":"skill","title":"Ok","quantity":-5})",
      R"({"direction":"need","kind":"skill","title":"Ok","quantity":"99999999999999999999"})",
      R"({"direction":"need","kind":"skill","title":"Ok","quantity":1.5})",
      R"({"direction":"need","kind":"skill","title":"Ok","expires_on":"2031-02-30"})",
      R"({"direction":"need","kind":"skill","title":"Ok","expires_on":"99999-01-01"})",
      R"({"direction":"need","kind":"skill","title":"Ok","starts_on":"2031-13-01"})",
      R"({"direction":"need","kind":"skill","title":"Ok","starts_on":"2031-05-02","ends_on":"2031-05-01"})",
      R"({"direction":"need","kind":"skill","title":"Ok","member_id":9223372036854775807})",
      R"({"direction":"need","kind":"skill","title":"Ok","member_id":18446744073709551615})",
      R"({"direction":"need","kind":"skill","title":"Ok","member_id":-1})",
      R"({"direction":"need","kind":"skill","title":"Ok","member_id":1e20})",
      R"({"direction":"need","kind":"skill","title":"Ok","member_id":{"id":1}})",
      R"({"direction":"need","kind":"skill","title":"Ok","sectors":"xx"})",
      R"({"direction":"need","kind":"skill","title":"Ok","sectors":[1]})",
      R"({"direction":"need","kind":"skill","title":"Ok","commune_insee":"3818"})",
      R"({"direction":"sideways","kind":"skill","title":"Ok"})",
      R"({"direction":"need","kind":["skill"],"title":"Ok"})",
      "{\"direction\":\"need\",\"kind\":\"skill\",\"title\":\"\xff\xfe\"}",
      R"({"direction":"need","kind":"skill","title":")" + std::string(5000, 'x') + "\"}",
  };
  for (const auto& body : bodies) {
    const int status = Send("POST", kApi + "/posts", coordinator_, body);
    EXPECT_TRUE(status == 400 || status == 415 || status == 422) << body << " -> " << status;
  }
  // A member of another hub is no member here.
  Send("POST", kApi + "/posts", coordinator_,
       json{{"direction", "need"}, {"kind", "skill"}, {"title", "Ok"}, {"member_id", nord_.value}}.dump(), 422);
  EXPECT_EQ(Count("/posts?all=1", observer_), 0);
}

TEST_P(BoardRobustnessTest, BadIdsAndQueriesAreNeverA500) {
  auto created = app_.Api("POST", kApi + "/posts", cantine_user_,
                          json{{"direction", "need"}, {"kind", "equipment"}, {"title", "Camion"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(Json(created)["id"].get<long long>());
  for (const std::string bad : {"abc", "0", "-1", "99999999999999999999", "1e3", "%00", "1;DROP"}) {
    Send("GET", kApi + "/posts/" + bad, observer_, "", 404);
    Send("PATCH", kApi + "/posts/" + bad, coordinator_, R"({"version":1,"title":"x"})", 404);
    Send("POST", kApi + "/posts/" + bad + "/close", coordinator_, "", 404);
    Send("GET", kApi + "/posts/" + bad + "/comments", observer_, "", 404);
  }
  for (const std::string q : {"page=abc", "page=0", "page=99999999999999999999", "per_page=100000", "per_page=-1",
                              "member=abc", "member=-3", "member=99999999999999999999", "kind=van",
                              "direction=up", "q=%25%27%22%5C", "q=%FF%FE", "all=maybe"})
    Send("GET", kApi + "/posts?" + q, observer_, "");
  for (const std::string q : {"limit=0", "limit=-1", "limit=abc", "limit=99999999999999999999", "member=abc",
                              "kind=other", "member=99999999"})
    Send("GET", kApi + "/suggestions?" + q, coordinator_, "");
  for (const std::string v : {R"("abc")", "1e300", "-1", "null", "[1]", "99999999999999999999"})
    Send("PATCH", kApi + "/posts/" + id, coordinator_, R"({"version":)" + v + R"(,"title":"x"})");
  Send("PATCH", kApi + "/posts/" + id, coordinator_, R"({"version":1,"expires_on":"2031-02-30"})", 422);
  Send("PATCH", kApi + "/posts/" + id, coordinator_, "[1,2]", 400);
  for (const std::string body : {R"({"body":["x"]})", R"({"body":""})", R"({"body":null})", "[]", "{x"})
    Send("POST", kApi + "/posts/" + id + "/comments", coordinator_, body);
  // The post is as it was.
  auto post = Json(app_.Api("GET", kApi + "/posts/" + id, observer_));
  EXPECT_EQ(post["title"], "Camion");
  EXPECT_EQ(post["version"], 1);
  EXPECT_EQ(Count("/posts/" + id + "/comments", observer_), 0);
}

TEST_P(BoardRobustnessTest, SuggestionKeysCooperationsAndNotificationsRefuseGarbage) {
  for (const std::string key :
       {R"("post:1-post:2-post:3")", R"("group:1-2")", R"("post:99999999999999999999-post:1")", R"("post:1-member:x")",
        R"("member:1-post:2")", R"("group:1-2-x")", "5", "null", "[]", R"("")", R"("post:-1-post:2")"}) {
    Send("POST", kApi + "/suggestions/accept", coordinator_, "{\"key\":" + key + "}");
    Send("POST", kApi + "/suggestions/dismiss", coordinator_, "{\"key\":" + key + ",\"reason\":\"x\"}");
  }
  Send("POST", kApi + "/suggestions/dismiss", coordinator_,
       json{{"key", "post:1-post:2"}, {"reason", std::string(10000, 'r')}}.dump());
  for (const std::string& body : std::vector<std::string>{
           R"({"title":"T","member_ids":"1,2"})", R"({"title":"T","member_ids":[1.5,null,{}]})",
        R"({"title":"T","member_ids":[18446744073709551615,9223372036854775807]})",
        R"({"title":"T","member_ids":[1,2],"started_on":"2031-02-30"})", R"({"title":["T"],"member_ids":[1,2]})",
        R"({"title":")" + std::string(1000, 't') + R"(","member_ids":[1,2]})"}) {
    const int status = Send("POST", kApi + "/cooperations", coordinator_, body);
    EXPECT_TRUE(status == 400 || status == 422) << body << " -> " << status;
  }
  // Another hub's member cannot join a cooperation here.
  Send("POST", kApi + "/cooperations", coordinator_,
       json{{"title", "T"}, {"member_ids", {cantine_.value, nord_.value}}}.dump(), 422);
  EXPECT_EQ(Count("/cooperations", observer_), 0);
  for (const std::string q : {"member=abc", "member=-1", "member=99999999999999999999", "unread=2"})
    Send("GET", kApi + "/notifications?" + q, coordinator_, "");
  for (const std::string body : {R"({"id":"x"})", R"({"id":1e300})", R"({"member_id":"x"})", R"({"member_id":-1})",
                                 R"({"id":18446744073709551615})", "[]"})
    Send("POST", kApi + "/notifications/read", coordinator_, body);
}

TEST_P(BoardRobustnessTest, NetworkQueriesAreValidated) {
  const std::string net = kApi + "/network";
  Send("GET", net + "?from=2031-99-99", observer_, "", 422);
  Send("GET", net + "?to=yesterday", observer_, "", 422);
  Send("GET", net + "?from=2031-05-02&to=2031-05-01", observer_, "", 422);
  Send("GET", net + "?from=0001-01-01&to=9999-12-31", observer_, "");
  Send("GET", net + "?from=1990-01-01&to=2099-12-31", observer_, "", 200);
  Send("GET", net + "?kind=unknown", observer_, "");
  Send("GET", net + "/metrics?from=abc", observer_, "", 422);
  Send("GET", "/api/v1/hubs/pole-a/cooperation/network", other_, "", 404);
  Send("GET", "/api/v1/hubs/nowhere/cooperation/network", observer_, "", 404);
}

TEST_P(BoardRobustnessTest, OtherHubsAndRolesOverHttp) {
  auto created = app_.Api("POST", kApi + "/posts", coordinator_,
                          json{{"direction", "need"}, {"kind", "equipment"}, {"title", "Camion"},
                               {"member_id", mobilite_.value}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(Json(created)["id"].get<long long>());
  const std::string b = "/api/v1/hubs/pole-b/cooperation";
  // Pôle B's coordinator reaches nothing of pôle A, by either hub's path.
  Send("GET", kApi + "/posts", other_, "", 404);
  Send("GET", b + "/posts/" + id, other_, "", 404);
  Send("PATCH", b + "/posts/" + id, other_, R"({"version":1,"title":"pris"})", 404);
  Send("POST", b + "/posts/" + id + "/close", other_, "", 404);
  Send("POST", b + "/posts/" + id + "/comments", other_, R"({"body":"hello"})", 404);
  Send("GET", b + "/posts/" + id + "/comments", other_, "", 404);
  Send("POST", kApi + "/suggestions/accept", other_, R"({"key":"post:1-post:2"})", 404);
  Send("GET", b + "/notifications?member=" + std::to_string(cantine_.value), other_, "", 200);
  EXPECT_TRUE(Json(app_.Api("GET", b + "/notifications?member=" + std::to_string(cantine_.value), other_))["items"].empty());
  // The observer writes nothing; the Cantine's user does not act for Mobilité.
  Send("PATCH", kApi + "/posts/" + id, observer_, R"({"version":1,"title":"x"})", 403);
  Send("POST", kApi + "/posts/" + id + "/comments", observer_, R"({"body":"x"})", 403);
  Send("POST", kApi + "/cooperations", observer_,
       json{{"title", "T"}, {"member_ids", {cantine_.value, mobilite_.value}}}.dump(), 403);
  Send("PATCH", kApi + "/posts/" + id, cantine_user_, R"({"version":1,"title":"x"})", 403);
  Send("POST", kApi + "/posts/" + id + "/close", cantine_user_, "", 403);
  Send("GET", kApi + "/notifications?member=" + std::to_string(mobilite_.value), cantine_user_, "", 403);
  // Pages too.
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@b.fr", TestApp::kPassword).status, 303);
  EXPECT_EQ(browser.Get(kPages + "/board/" + id).status, 404);
  EXPECT_EQ(browser.Get("/hubs/pole-b/cooperation/board/" + id).status, 404);
  EXPECT_EQ(browser.Get("/hubs/pole-b/cooperation/board/" + id + "/edit").status, 404);
  EXPECT_EQ(browser.PostForm("/hubs/pole-b/cooperation/board/" + id + "/close", {}).status, 404);
  for (const std::string bad : {"abc", "0", "99999999999999999999"})
    EXPECT_EQ(browser.Get("/hubs/pole-b/cooperation/board/" + bad).status, 404);
  for (const std::string q : {"page=abc", "kind=van", "member=x", "page=99999999999999999999"})
    EXPECT_LT(browser.Get("/hubs/pole-b/cooperation/board?" + q).status, 500);
  EXPECT_LT(browser.PostForm("/hubs/pole-b/cooperation/board", {{"direction", "need"}, {"quantity", "1e9"},
                                                                {"expires_on", "2031-02-30"}, {"member_id", "x"}})
                .status,
            500);
  EXPECT_LT(browser.PostForm("/hubs/pole-b/cooperation/cooperations", {{"member_ids", "x"}, {"started_on", "bad"}})
                .status,
            500);
  EXPECT_LT(browser.PostForm("/hubs/pole-b/cooperation/suggestions/accept", {{"key", "post:x"}}).status, 500);
  EXPECT_LT(browser.Get("/hubs/pole-b/cooperation/network?from=2031-99-99").status, 500);
  auto post = Json(app_.Api("GET", kApi + "/posts/" + id, observer_));
  EXPECT_EQ(post["title"], "Camion");
  EXPECT_EQ(post["status"], "open");
}

INSTANTIATE_TEST_SUITE_P(Databases, BoardRobustnessTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
