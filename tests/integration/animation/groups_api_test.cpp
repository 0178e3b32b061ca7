// Working groups, the newcomer welcome and the animation home over real HTTP, on both
// databases: a group created with organisations, people and lead; a member joining with its
// own organisation only; validation (422 naming the field), roles, hub isolation, stale
// versions; decisions and links; the welcome checklist; the HTML pages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kApi = "/api/v1/hubs/pole-a/animation";
const std::string kPages = "/hubs/pole-a/animation";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class GroupsWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  GroupsWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    jardins_ = AddMember("pole-a", "Jardins de la Solidarité");
    cantine_ = AddMember("pole-a", "Cantine Partagée Mistral");
    garage_ = AddMember("pole-a", "Garage Solidaire");
    sophie_ = AddPerson("pole-a", jardins_, "Sophie Martin");
    yasmine_ = AddPerson("pole-a", cantine_, "Yasmine Cherif");
    rachid_ = AddPerson("pole-a", garage_, "Rachid Mansouri");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    garage_user_ = app_.UserToken("garage@a.fr", identity::Role::kMember, "pole-a", garage_);
    cantine_user_ = app_.UserToken("cantine@a.fr", identity::Role::kMember, "pole-a", cantine_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  hubs::HubContext Hub(const std::string& slug) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + slug);
    return *hub;
  }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto member = app_.app().members().CreateMember(admin, Hub(hub_slug), {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  members::PersonId AddPerson(const std::string& hub_slug, identity::MemberId member, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto person = app_.app().members().AddPerson(admin, Hub(hub_slug), member, {.name = name});
    if (!person.ok()) throw std::runtime_error("person " + name + ": " + person.error().message);
    return person->id;
  }

  json Food() const {
    return {{"name", "Alimentation durable"},
            {"theme", "Circuits courts"},
            {"member_ids", json::array({jardins_.value, cantine_.value})},
            {"person_ids", json::array({sophie_.value, yasmine_.value})},
            {"lead_member_id", cantine_.value},
            {"lead_person_id", yasmine_.value}};
  }

  json CreateFood() {
    auto res = app_.Api("POST", kApi + "/groups", coordinator_, Food().dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }

  static std::string Id(const json& doc) { return std::to_string(doc["id"].get<long long>()); }

  TestApp app_;
  identity::MemberId jardins_, cantine_, garage_;
  members::PersonId sophie_, yasmine_, rachid_;
  std::string coordinator_, observer_, garage_user_, cantine_user_, other_coordinator_;
};

TEST_P(GroupsWebTest, AGroupIsCreatedWithItsOrganisationsPeopleAndLeadAndListed) {
  auto group = CreateFood();
  EXPECT_EQ(group["status"], "active");
  EXPECT_EQ(group["members"].size(), 2u);
  EXPECT_EQ(group["people"].size(), 2u);
  EXPECT_EQ(group["lead_member_name"], "Cantine Partagée Mistral");
  EXPECT_EQ(group["lead_person_name"], "Yasmine Cherif");
  auto list = app_.Api("GET", kApi + "/groups?q=ALIMENTATION&status=active", observer_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Json(list)["total"], 1);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/groups?q=mobilite", observer_))["total"], 0);
}

TEST_P(GroupsWebTest, InvalidGroupsAre422NamingTheField) {
  auto twice = Food();
  twice["member_ids"] = json::array({jardins_.value, jardins_.value});
  twice["name"] = "";
  auto res = app_.Api("POST", kApi + "/groups", coordinator_, twice.dump());
  ASSERT_EQ(res.status, 422) << res.body;
  auto fields = Json(res)["error"]["fields"];
  EXPECT_TRUE(fields.contains("name"));
  EXPECT_TRUE(fields.contains("member_ids"));
  auto lead = Food();
  lead["lead_member_id"] = garage_.value;
  auto res2 = app_.Api("POST", kApi + "/groups", coordinator_, lead.dump());
  ASSERT_EQ(res2.status, 422);
  EXPECT_TRUE(Json(res2)["error"]["fields"].contains("lead_member_id"));
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/groups", coordinator_))["total"], 0);
}

TEST_P(GroupsWebTest, AMemberJoinsWithItsOwnOrganisationOnly) {
  auto group = CreateFood();
  const std::string base = kApi + "/groups/" + Id(group);
  auto joined = app_.Api("POST", base + "/members", garage_user_, json{{"member_id", garage_.value}}.dump());
  ASSERT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(Json(joined)["members"].size(), 3u);
  auto person = app_.Api("POST", base + "/people", garage_user_, json{{"person_id", rachid_.value}}.dump());
  ASSERT_EQ(person.status, 200) << person.body;
  auto other = app_.Api("POST", base + "/people", garage_user_, json{{"person_id", sophie_.value}}.dump());
  EXPECT_EQ(other.status, 403);
  auto kick = app_.Api("DELETE", base + "/members/" + std::to_string(jardins_.value), garage_user_);
  EXPECT_EQ(kick.status, 403);
  auto left = app_.Api("DELETE", base + "/members/" + std::to_string(garage_.value), garage_user_);
  ASSERT_EQ(left.status, 200);
  EXPECT_EQ(Json(left)["members"].size(), 2u);
  EXPECT_EQ(Json(left)["people"].size(), 2u);
  EXPECT_EQ(app_.Api("POST", base + "/members", observer_, json{{"member_id", garage_.value}}.dump()).status, 403);
  // Another organisation is refused; an id of the wrong JSON type is refused too, not read as
  // "my own organisation" (it once joined the caller's organisation).
  EXPECT_EQ(app_.Api("POST", base + "/members", garage_user_, json{{"member_id", jardins_.value}}.dump()).status, 403);
  auto typed = app_.Api("POST", base + "/members", garage_user_, R"({"member_id": [1]})");
  EXPECT_EQ(typed.status, 400) << typed.body;
  EXPECT_EQ(Json(app_.Api("GET", base, observer_))["members"].size(), 2u);
}

TEST_P(GroupsWebTest, TheLeadEditsStaleVersionsAre409AndOtherHubsSee404) {
  auto group = CreateFood();
  const std::string base = kApi + "/groups/" + Id(group);
  const auto version = group["version"].get<long long>();
  auto edited = app_.Api("PATCH", base, cantine_user_, json{{"version", version}, {"theme", "Cantines"}}.dump());
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto stale = app_.Api("PATCH", base, coordinator_, json{{"version", version}, {"theme", "Autre"}}.dump());
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(app_.Api("PATCH", base, garage_user_, json{{"version", version + 1}, {"theme", "x"}}.dump()).status, 403);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/animation/groups/" + Id(group), other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", base, other_coordinator_).status, 404);
  auto status = app_.Api("POST", base + "/status", coordinator_, json{{"version", version + 1}, {"status", "closed"}}.dump());
  ASSERT_EQ(status.status, 200);
  auto back = app_.Api("POST", base + "/status", coordinator_, json{{"version", version + 2}, {"status", "paused"}}.dump());
  EXPECT_EQ(back.status, 422);
}

TEST_P(GroupsWebTest, DecisionsAndLinksOnlyHttp) {
  auto group = CreateFood();
  const std::string base = kApi + "/groups/" + Id(group);
  auto decision = app_.Api("POST", base + "/decisions", coordinator_,
                           json{{"decided_on", "2026-11-20"}, {"text", "Commande groupée"}}.dump());
  ASSERT_EQ(decision.status, 201) << decision.body;
  EXPECT_EQ(Json(decision)["decisions"].size(), 1u);
  auto bad = app_.Api("POST", base + "/links", coordinator_, json{{"label", "x"}, {"url", "javascript:alert(1)"}}.dump());
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(Json(bad)["error"]["fields"].contains("url"));
  auto link = app_.Api("POST", base + "/links", coordinator_, json{{"label", "Pad <b>"}, {"url", "https://pad.example.org/x"}}.dump());
  ASSERT_EQ(link.status, 201);
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("obs@a.fr", TestApp::kPassword).status, 303);
  auto page = browser.Get(kPages + "/groups/" + Id(group));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Commande groupée"));
  EXPECT_TRUE(Contains(page.body, "Pad &lt;b&gt;"));
  EXPECT_TRUE(Contains(page.body, "Yasmine Cherif"));
}

TEST_P(GroupsWebTest, TheWelcomeChecklistOverHttp) {
  auto list = app_.Api("GET", kApi + "/welcome", coordinator_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Json(list)["items"].size(), 3u);  // all three were created today
  const std::string base = kApi + "/welcome/" + std::to_string(garage_.value);
  auto self = app_.Api("PATCH", base, coordinator_, json{{"version", 0}, {"buddy_member_id", garage_.value}}.dump());
  ASSERT_EQ(self.status, 422);
  EXPECT_EQ(Json(self)["error"]["fields"]["buddy_member_id"].is_string(), true);
  auto saved = app_.Api("PATCH", base, coordinator_,
                        json{{"version", 0}, {"charter", true}, {"introduced_on", "2026-11-02"}, {"buddy_member_id", cantine_.value}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["progress"], 3);
  auto close = app_.Api("POST", base + "/close", coordinator_, json{{"version", 1}}.dump());
  EXPECT_EQ(close.status, 422);
  EXPECT_EQ(app_.Api("PATCH", base, garage_user_, json{{"version", 1}, {"charter", false}}.dump()).status, 403);
  auto own = app_.Api("GET", kApi + "/welcome", garage_user_);
  EXPECT_EQ(Json(own)["items"].size(), 1u);
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  auto page = browser.Get(kPages + "/welcome");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "3/4"));
  EXPECT_TRUE(Contains(page.body, "events/new?kind=newcomer_breakfast&amp;newcomer=" + std::to_string(garage_.value)) ||
              Contains(page.body, "events/new?kind=newcomer_breakfast&newcomer=" + std::to_string(garage_.value)));
}

TEST_P(GroupsWebTest, TheAnimationHomeAndTheGroupPagesRender) {
  CreateFood();
  Browser observer(app_.port());
  ASSERT_EQ(observer.SignIn("obs@a.fr", TestApp::kPassword).status, 303);
  auto home = observer.Get(kPages);
  ASSERT_EQ(home.status, 200) << home.body.substr(0, 300);
  EXPECT_TRUE(Contains(home.body, "Alimentation durable"));
  EXPECT_TRUE(Contains(home.body, "Garage Solidaire"));
  EXPECT_EQ(observer.Get(kPages + "/groups").status, 200);
  EXPECT_EQ(observer.Get(kPages + "/groups/new").status, 403);
  EXPECT_EQ(observer.Get("/hubs/pole-b/animation/groups").status, 404);

  // A coordinator creates a group through the form; an empty name re-displays it with 422.
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  ASSERT_EQ(browser.Get(kPages + "/groups/new").status, 200);
  auto refused = browser.PostForm(kPages + "/groups", {{"name", ""}, {"member_ids", std::to_string(garage_.value)}});
  EXPECT_EQ(refused.status, 422);
  auto created = browser.PostForm(kPages + "/groups", {{"name", "Mobilité <solidaire>"},
                                                        {"member_ids", std::to_string(garage_.value)},
                                                        {"member_ids", std::to_string(jardins_.value)},
                                                        {"person_ids", std::to_string(rachid_.value)},
                                                        {"lead_member_id", std::to_string(garage_.value)},
                                                        {"lead_person_id", ""}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 500);
  auto list = browser.Get(kPages + "/groups?q=mobilite");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Contains(list.body, "Mobilité &lt;solidaire&gt;"));
  EXPECT_FALSE(Contains(list.body, "Alimentation durable"));
  auto block = browser.Get("/hubs/pole-a");
  ASSERT_EQ(block.status, 200);
  EXPECT_TRUE(Contains(block.body, "h-welcome-home"));
}

// Bad input never gives a 500: malformed ids, huge numbers, wrong JSON types and missing
// fields are 400, 404, 415 or 422, and write nothing (an event_id of the wrong type was
// once read as "no event" and the decision recorded).
TEST_P(GroupsWebTest, BadInputIsRefusedWithoutA500) {
  auto group = CreateFood();
  const std::string base = kApi + "/groups/" + Id(group);
  const auto version = group["version"].get<long long>();
  struct Case {
    std::string method, target, body;
  };
  const std::vector<Case> cases = {
      {"GET", kApi + "/groups/abc", ""},
      {"GET", kApi + "/groups/99999999999999999999", ""},
      {"GET", kApi + "/groups/999999999999999999", ""},
      {"GET", kApi + "/groups/0", ""},
      {"GET", kApi + "/groups/-1", ""},
      {"GET", kApi + "/groups?status=bogus", ""},
      {"POST", kApi + "/groups", "not json"},
      {"POST", kApi + "/groups", "[]"},
      {"POST", kApi + "/groups", R"({"name": {"a": 1}})"},
      {"POST", kApi + "/groups", R"({"name": "x", "member_ids": "1"})"},
      {"POST", kApi + "/groups", R"({"name": "x", "member_ids": [{"a": 1}]})"},
      {"POST", kApi + "/groups", R"({"name": "x", "member_ids": [18446744073709551615]})"},
      {"POST", kApi + "/groups", R"({"name": "x", "person_ids": [99999999999999999999]})"},
      {"POST", kApi + "/groups", R"({"name": "x", "lead_member_id": 999999999999999999})"},
      {"POST", kApi + "/groups", R"({"name": "x\u0000y"})"},
      {"POST", kApi + "/groups", "{\"name\": \"\xff\xfe\"}"},
      {"PATCH", base, R"({"theme": "sans version"})"},
      {"PATCH", base, R"({"version": "abc"})"},
      {"PATCH", base, R"({"version": 99999999999999999999})"},
      {"PATCH", base, R"({"version": [1]})"},
      {"PATCH", base, R"({"version": 1.5})"},
      {"PATCH", kApi + "/groups/abc", R"({"version": 1})"},
      {"POST", base + "/status", "{\"version\": " + std::to_string(version) + "}"},
      {"POST", base + "/status", "{\"version\": " + std::to_string(version) + ", \"status\": [\"closed\"]}"},
      {"POST", base + "/members", R"({"member_id": "abc"})"},
      {"POST", base + "/members", R"({"member_id": 999999999999999999})"},
      {"POST", base + "/members", R"({"member_id": {"id": 1}})"},
      {"DELETE", base + "/members/abc", ""},
      {"DELETE", base + "/members/" + std::to_string(garage_.value), ""},  // not in the group: 404
      {"POST", base + "/people", R"({"person_id": -3})"},
      {"DELETE", base + "/people/99999999999999999999", ""},
      {"POST", base + "/decisions", R"({"decided_on": "2026-02-30", "text": "x"})"},
      {"POST", base + "/decisions", R"({"decided_on": "2026-11-20", "text": "x", "event_id": "abc"})"},
      {"POST", base + "/decisions", R"({"decided_on": "2026-11-20", "text": "x", "event_id": {"id": 1}})"},
      {"POST", base + "/decisions", R"({"decided_on": ["2026-11-20"], "text": "x"})"},
      {"POST", base + "/decisions", R"({})"},
      {"POST", base + "/links", R"({"label": "x", "url": ["https://a.org"]})"},
      {"POST", base + "/links", R"({"label": "x"})"},
      {"DELETE", base + "/links/abc", ""},
      {"DELETE", base + "/links/999999", ""},
      {"GET", kApi + "/welcome/abc", ""},
      {"GET", kApi + "/welcome/999999999", ""},
      {"PATCH", kApi + "/welcome/" + std::to_string(garage_.value), R"({"version": 0, "introduced_on": "2026-13-45"})"},
      {"PATCH", kApi + "/welcome/" + std::to_string(garage_.value), R"({"version": 0, "charter": "maybe"})"},
      {"PATCH", kApi + "/welcome/" + std::to_string(garage_.value), R"({"version": 0, "charter": [true]})"},
      {"PATCH", kApi + "/welcome/" + std::to_string(garage_.value), R"({"version": 0, "buddy_member_id": "x"})"},
      {"PATCH", kApi + "/welcome/" + std::to_string(garage_.value), R"({"charter": true})"},
      {"POST", kApi + "/welcome/" + std::to_string(garage_.value) + "/close", ""},
      {"POST", kApi + "/welcome/" + std::to_string(garage_.value) + "/close", R"({"version": -1})"},
  };
  for (const auto& c : cases) {
    auto res = app_.Api(c.method, c.target, coordinator_, c.body);
    EXPECT_TRUE(res.status == 400 || res.status == 404 || res.status == 415 || res.status == 422)
        << c.method << " " << c.target << " " << c.body << " -> " << res.status << " " << res.body.substr(0, 300);
  }
  // Nothing was written: the group and the garage's checklist are as they were.
  auto after = Json(app_.Api("GET", base, coordinator_));
  EXPECT_EQ(after["version"], version);
  EXPECT_TRUE(after["decisions"].empty());
  EXPECT_TRUE(after["links"].empty());
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/welcome/" + std::to_string(garage_.value), coordinator_))["version"], 0);
  // The pages refuse the same way.
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  const std::string page = kPages + "/groups/" + Id(group);
  const std::string checklist = kPages + "/welcome/" + std::to_string(garage_.value);
  for (const auto& target : {kPages + "/groups/abc", kPages + "/groups/99999999999999999999/edit",
                             kPages + "/groups/999999999999999999", kPages + "/welcome/abc",
                             kPages + "/welcome/999999999", kPages + "/groups?status=x"}) {
    auto res = browser.Get(target);
    EXPECT_TRUE(res.status == 404 || res.status == 422) << target << " -> " << res.status;
  }
  EXPECT_EQ(browser.Get(kPages + "/groups?page=abc&q=%FF").status, 200);
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> posts = {
      {page + "/members", {{"member_id", "abc"}}},
      {page + "/people", {{"person_id", "99999999999999999999"}}},
      {page + "/links/abc/delete", {}},
      {page + "/links/999999/delete", {}},
      {page + "/members/abc/leave", {}},
      {page + "/status", {{"version", "x"}, {"status", "closed"}}},
      {page + "/decisions", {{"decided_on", "32/13/2026"}, {"text", "x"}, {"event_id", "x"}}},
      {page, {{"name", "x"}, {"version", "abc"}}},
      {checklist, {{"version", "abc"}}},
      {checklist, {{"version", "0"}, {"buddy_member_id", "-1"}}},
      {checklist + "/close", {{"version", "0"}}},
  };
  for (const auto& [target, fields] : posts) {
    auto res = browser.PostForm(target, fields);
    EXPECT_TRUE(res.status == 404 || res.status == 422) << target << " -> " << res.status;
  }
  EXPECT_EQ(Json(app_.Api("GET", base, coordinator_))["version"], version);
  // A search with bytes that are not UTF-8 is a search, not an error.
  EXPECT_EQ(app_.Api("GET", kApi + "/groups?q=%FF%FE%00x&page=abc&per_page=-5", observer_).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupsWebTest, ::testing::ValuesIn(TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::testing
