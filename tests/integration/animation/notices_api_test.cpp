// Notices over real HTTP on each database: the JSON API (list, mark read, read all, digest
// preference) and the page with its forms; each user sees and changes only their own.
#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "coopole/animation/notices.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

class NoticesApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  NoticesApiTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, "pole-a");
    hub_ = hub->hub.id;
    auto member = app_.app().members().CreateMember(admin, *hub, {.name = "Menuiserie Durand", .legal_form = "association"});
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    marc_ = app_.UserToken("marc@a.fr", identity::Role::kMember, "pole-a", member->id);
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    marc_id_ = app_.app().identity().FindUserByEmail("marc@a.fr")->id;
    coord_id_ = app_.app().identity().FindUserByEmail("coord@a.fr")->id;
  }

  void Post(identity::UserId user, const std::string& kind, std::map<std::string, std::string> params,
            const std::string& link = "/hubs/pole-a/animation") {
    app_.app().pool().InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      animation::NoticeService::Post(tx, hub_, {user}, {kind, params, link}, SystemClock().Now());
    });
  }

  json Get(const std::string& target, const std::string& token, int expected = 200) {
    auto res = app_.Api("GET", target, token);
    EXPECT_EQ(res.status, expected) << target << ": " << res.body;
    return json::parse(res.body, nullptr, false);
  }

  static constexpr const char* kBase = "/api/v1/hubs/pole-a/animation/notices";
  TestApp app_;
  identity::HubId hub_;
  std::string coordinator_, marc_, observer_;
  identity::UserId marc_id_, coord_id_;
};

TEST_P(NoticesApiTest, AUserListsReadsAndClearsTheirNotices) {
  Post(marc_id_, "event_planned", {{"title", "Assemblée générale"}, {"date", "03/12/2026"}});
  Post(marc_id_, "minutes_published", {{"title", "Groupe bois"}});
  Post(coord_id_, "time_to_validate", {{"person", "Marie"}, {"hours", "3"}});

  json list = Get(kBase, marc_);
  ASSERT_EQ(list["total"], 2);
  EXPECT_EQ(list["unread"], 2);
  ASSERT_EQ(list["items"].size(), 2u);
  const json& newest = list["items"][0];
  EXPECT_EQ(newest["kind"], "minutes_published");
  EXPECT_EQ(newest["text"], "Le compte rendu de « Groupe bois » est publié.");
  EXPECT_EQ(newest["params"]["title"], "Groupe bois");
  EXPECT_EQ(newest["link"], "/hubs/pole-a/animation");
  EXPECT_EQ(newest["read"], false);
  EXPECT_EQ(list["items"][1]["text"], "Nouvel événement : « Assemblée générale » le 03/12/2026.");

  const std::string id = std::to_string(newest["id"].get<std::int64_t>());
  auto read = app_.Api("POST", std::string(kBase) + "/" + id + "/read", marc_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json::parse(read.body)["read"], true);

  // The coordinator's notice is not Marc's: 404, and it stays unread.
  json coord_list = Get(kBase, coordinator_);
  const std::string coords = std::to_string(coord_list["items"][0]["id"].get<std::int64_t>());
  EXPECT_EQ(app_.Api("POST", std::string(kBase) + "/" + coords + "/read", marc_).status, 404);
  EXPECT_EQ(app_.Api("POST", std::string(kBase) + "/999999/read", marc_).status, 404);
  EXPECT_EQ(app_.Api("POST", std::string(kBase) + "/abc/read", marc_).status, 404);
  EXPECT_EQ(Get(kBase, coordinator_)["unread"], 1);

  auto all = app_.Api("POST", std::string(kBase) + "/read-all", marc_);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(json::parse(all.body)["marked"], 1);
  EXPECT_EQ(Get(kBase, marc_)["unread"], 0);
}

TEST_P(NoticesApiTest, ListsPageByPage) {
  for (int i = 0; i < 5; ++i) Post(marc_id_, "newcomer", {{"member", "Membre " + std::to_string(i)}});
  json page = Get(std::string(kBase) + "?page=3&per_page=2", marc_);
  EXPECT_EQ(page["total"], 5);
  EXPECT_EQ(page["page"], 3);
  EXPECT_EQ(page["per_page"], 2);
  EXPECT_EQ(page["items"].size(), 1u);
}

TEST_P(NoticesApiTest, EachRoleSetsItsOwnDigestPreference) {
  const std::string prefs = std::string(kBase) + "/preferences";
  EXPECT_EQ(Get(prefs, observer_)["frequency"], "daily");
  auto bad = app_.Api("PUT", prefs, observer_, R"({"frequency":"monthly"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(json::parse(bad.body)["error"]["fields"].contains("frequency")) << bad.body;
  auto missing = app_.Api("PUT", prefs, observer_, R"({})");
  EXPECT_EQ(missing.status, 422) << missing.body;
  auto wrong_type = app_.Api("PUT", prefs, observer_, R"({"frequency":["daily"]})");
  EXPECT_EQ(wrong_type.status, 400) << wrong_type.body;
  EXPECT_EQ(Get(prefs, observer_)["frequency"], "daily");  // nothing written

  auto saved = app_.Api("PUT", prefs, observer_, R"({"frequency":"weekly"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body)["frequency"], "weekly");
  EXPECT_EQ(Get(prefs, observer_)["frequency"], "weekly");
  EXPECT_EQ(Get(prefs, marc_)["frequency"], "daily");
  EXPECT_EQ(app_.Api("PUT", prefs, coordinator_, R"({"frequency":"never"})").status, 200);
  EXPECT_EQ(Get(prefs, coordinator_)["frequency"], "never");
}

TEST_P(NoticesApiTest, AHubTheUserHasNoRoleInIsNotFound) {
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/animation/notices", marc_).status, 404);
  EXPECT_EQ(app_.Api("PUT", "/api/v1/hubs/pole-b/animation/notices/preferences", marc_, R"({"frequency":"never"})").status,
            404);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-a/animation/notices", "").status, 401);
}

TEST_P(NoticesApiTest, ThePageShowsEscapedNoticesAndSavesThePreference) {
  Post(marc_id_, "minutes_published", {{"title", "<script>alert(1)</script>"}});
  Post(marc_id_, "newcomer", {{"member", "Scop Énergie"}}, "javascript:alert(1)");
  Browser browser(app_.port());
  ASSERT_LT(browser.SignIn("marc@a.fr", TestApp::kPassword).status, 400);
  auto page = browser.Get("/hubs/pole-a/animation/notices");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.body.find("Bienvenue à Scop Énergie"), std::string::npos);
  EXPECT_EQ(page.body.find("javascript:alert"), std::string::npos);  // only links inside the app
  EXPECT_NE(page.body.find("Un récapitulatif par jour"), std::string::npos);

  auto bad = browser.PostForm("/hubs/pole-a/animation/notices/preferences", {{"frequency", "hourly"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Choisissez : immédiatement"), std::string::npos);
  auto saved = browser.PostForm("/hubs/pole-a/animation/notices/preferences", {{"frequency", "immediate"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(Get(std::string(kBase) + "/preferences", marc_)["frequency"], "immediate");

  auto all = browser.PostForm("/hubs/pole-a/animation/notices/read-all", {});
  EXPECT_EQ(all.status, 303);
  EXPECT_EQ(Get(kBase, marc_)["unread"], 0);
  auto no_csrf = browser.PostForm("/hubs/pole-a/animation/notices/read-all", {}, /*with_csrf=*/false);
  EXPECT_EQ(no_csrf.status, 403);
}

TEST_P(NoticesApiTest, ALinkLeavingTheSiteIsNeitherShownNorReturned) {
  // Regression: "//host" passed the "starts with /" check and became an off-site link.
  Post(marc_id_, "newcomer", {{"member", "Scop"}}, "//evil.example/phish");
  Post(marc_id_, "newcomer", {{"member", "Scop"}}, "/\\evil.example/phish");
  json list = Get(kBase, marc_);
  ASSERT_EQ(list["items"].size(), 2u);
  for (const auto& item : list["items"]) EXPECT_EQ(item["link"], "") << item.dump();
  Browser browser(app_.port());
  ASSERT_LT(browser.SignIn("marc@a.fr", TestApp::kPassword).status, 400);
  auto page = browser.Get("/hubs/pole-a/animation/notices");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("evil.example"), std::string::npos);
}

TEST_P(NoticesApiTest, TheOpenApiDescriptionHasExactlyTheNoticeRoutes) {
  auto res = Send(app_.port(), {"GET", "/api/v1/openapi.json", {}, ""});
  ASSERT_EQ(res.status, 200);
  auto doc = json::parse(res.body);
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string prefix = "/api/v1/hubs/{hub}/animation/notices";
  std::set<std::string> described, served;
  for (auto& [path, ops] : doc["paths"].items()) {
    if (path.rfind(prefix, 0) != 0) continue;
    for (auto& [method, op] : ops.items())
      if (method != "parameters") described.insert(lower(method) + " " + path);
  }
  for (const auto& route : app_.app().router()->routes())
    if (route->pattern.rfind(prefix, 0) == 0) served.insert(lower(http::MethodName(route->method)) + " " + route->pattern);
  EXPECT_EQ(described, served);
  EXPECT_EQ(served.size(), 5u);
  for (const char* schema : {"AnimationNotice", "AnimationDigestPreference"})
    EXPECT_TRUE(doc["components"]["schemas"].contains(schema)) << schema;
}

INSTANTIATE_TEST_SUITE_P(Databases, NoticesApiTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
