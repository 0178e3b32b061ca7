// The board over real HTTP on each database: posts (201, 422 naming the field, 409 stale,
// roles, other hubs 404), suggestions with their reasons, accept and dismiss, cooperations,
// notifications, the installation view for administrators, and the HTML pages (forms with
// CSRF, text escaped on output).
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

const std::string kApi = "/api/v1/hubs/pole-a/cooperation";
const std::string kPages = "/hubs/pole-a/cooperation";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

bool Contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The message of a field error (translated in the request's language), "" when absent.
std::string Field(const HttpResponse& res, const std::string& field) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded() || !doc.contains("error") || !doc["error"]["fields"].contains(field)) return "";
  return doc["error"]["fields"][field].get<std::string>();
}

class BoardWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  BoardWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    cantine_ = AddMember("pole-a", "Cantine Mistral", "56.10A", "38185");
    mobilite_ = AddMember("pole-a", "Mobilité Pour Tous", "49.39B", "38169");
    theatre_ = AddMember("pole-a", "Théâtre de la Rue", "90.01Z", "38474");
    AddMember("pole-b", "Coopérative du Nord", "56.10A", "38185");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    cantine_user_ = app_.UserToken("cantine@a.fr", identity::Role::kMember, "pole-a", cantine_);
    mobilite_user_ = app_.UserToken("mobilite@a.fr", identity::Role::kMember, "pole-a", mobilite_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name, const std::string& sectors,
                               const std::string& insee) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    auto member = app_.app().members().CreateMember(
        admin, *hub, {.name = name, .legal_form = "association", .sectors = sectors, .commune_insee = insee});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  json Publish(const std::string& token, const json& body) {
    auto res = app_.Api("POST", kApi + "/posts", token, body.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }

  // The van the Cantine needs and the one Mobilité offers; returns the suggestion key.
  std::string VanPair() {
    auto need = Publish(cantine_user_, {{"direction", "need"}, {"kind", "equipment"},
                                        {"title", "Camion frigorifique le mardi"}, {"recurrence", "le mardi"}});
    auto offer = Publish(mobilite_user_, {{"direction", "offer"}, {"kind", "equipment"},
                                          {"title", "Camion frigorifique 12 m3"}});
    return "post:" + std::to_string(need["id"].get<long long>()) + "-post:" + std::to_string(offer["id"].get<long long>());
  }

  Browser SignedIn(const std::string& email) {
    Browser browser(app_.port());
    auto res = browser.SignIn(email, TestApp::kPassword);
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 300);
    EXPECT_EQ(browser.Get("/account").status, 200);
    return browser;
  }

  TestApp app_;
  identity::MemberId cantine_, mobilite_, theatre_;
  std::string coordinator_, observer_, cantine_user_, mobilite_user_, other_coordinator_;
};

TEST_P(BoardWebTest, PublishReadAndEditAPost) {
  auto post = Publish(cantine_user_, {{"direction", "need"}, {"kind", "premises"}, {"title", "Salle de réunion"},
                                      {"quantity", 20}, {"unit", "personnes"}, {"sectors", json::array({"56.10A"})}});
  const std::string href = kApi + "/posts/" + std::to_string(post["id"].get<long long>());
  EXPECT_EQ(post["member"]["name"], "Cantine Mistral");
  EXPECT_EQ(post["commune_insee"], "38185");
  EXPECT_EQ(post["status"], "open");
  EXPECT_EQ(post["quantity"], 20);
  auto read = app_.Api("GET", href, observer_);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(Json(read)["title"], "Salle de réunion");
  auto saved = app_.Api("PATCH", href, cantine_user_, json{{"version", 1}, {"title", "Salle de 20 places"}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Json(saved)["version"], 2);
  auto stale = app_.Api("PATCH", href, coordinator_, json{{"version", 1}, {"title", "Autre"}}.dump());
  EXPECT_EQ(stale.status, 409);
  auto no_version = app_.Api("PATCH", href, coordinator_, json{{"title", "Autre"}}.dump());
  EXPECT_EQ(no_version.status, 422);
  EXPECT_FALSE(Field(no_version, "version").empty());
  auto closed = app_.Api("POST", href + "/close", cantine_user_);
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(Json(closed)["status"], "closed");
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/posts", observer_))["total"], 0);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/posts?all=1", observer_))["total"], 1);
}

TEST_P(BoardWebTest, BadInputIs422NamingTheFieldNeverA500) {
  auto res = app_.Api("POST", kApi + "/posts", cantine_user_,
                      json{{"direction", "need"}, {"kind", "van"}, {"title", ""}, {"expires_on", "2001-01-01"}}.dump());
  EXPECT_EQ(res.status, 422);
  EXPECT_FALSE(Field(res, "kind").empty());
  EXPECT_FALSE(Field(res, "title").empty());
  EXPECT_FALSE(Field(res, "expires_on").empty());
  EXPECT_EQ(app_.Api("POST", kApi + "/posts", cantine_user_, "{not json").status, 400);
  EXPECT_EQ(app_.Api("POST", kApi + "/posts", cantine_user_, json{{"title", json::array({1})}}.dump()).status, 400);
  EXPECT_EQ(app_.Api("GET", kApi + "/posts?kind=van", observer_).status, 422);
  EXPECT_EQ(app_.Api("GET", kApi + "/posts/abc", observer_).status, 404);
  EXPECT_EQ(app_.Api("POST", kApi + "/suggestions/accept", coordinator_, json::object().dump()).status, 422);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/posts?all=1", observer_))["total"], 0);
}

TEST_P(BoardWebTest, RolesAndHubIsolation) {
  auto body = json{{"direction", "need"}, {"kind", "skill"}, {"title", "Comptabilité"}};
  EXPECT_EQ(app_.Api("POST", kApi + "/posts", observer_, body.dump()).status, 403);
  body["member_id"] = mobilite_.value;
  EXPECT_EQ(app_.Api("POST", kApi + "/posts", cantine_user_, body.dump()).status, 403);
  auto post = Publish(coordinator_, body);
  const std::string id = std::to_string(post["id"].get<long long>());
  EXPECT_EQ(app_.Api("GET", kApi + "/posts/" + id, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/posts/" + id, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("POST", kApi + "/posts/" + id + "/close", cantine_user_).status, 403);
  EXPECT_EQ(app_.Api("GET", "/api/v1/cooperation/suggestions", coordinator_).status, 403);
}

TEST_P(BoardWebTest, SuggestionsExplainAcceptAndDismiss) {
  const std::string key = VanPair();
  auto list = app_.Api("GET", kApi + "/suggestions", coordinator_);
  ASSERT_EQ(list.status, 200) << list.body;
  auto doc = Json(list);
  ASSERT_GE(doc["total"].get<int>(), 1);
  auto first = doc["items"][0];
  EXPECT_EQ(first["key"], key);
  EXPECT_EQ(first["kind"], "need_offer");
  EXPECT_GE(first["score"].get<int>(), 35);
  ASSERT_FALSE(first["reasons"].empty());
  const std::string text = first["reasons"][0]["text"].get<std::string>();
  EXPECT_TRUE(Contains(text, "Cantine Mistral")) << text;
  EXPECT_TRUE(Contains(text, "« Camion frigorifique le mardi »")) << text;
  EXPECT_TRUE(Contains(text, "Mobilité Pour Tous")) << text;
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/suggestions?member=" + std::to_string(theatre_.value), coordinator_))["total"], 0);
  // Observers read but do not decide; the other party accepts.
  EXPECT_EQ(app_.Api("POST", kApi + "/suggestions/accept", observer_, json{{"key", key}}.dump()).status, 403);
  auto accepted = app_.Api("POST", kApi + "/suggestions/accept", mobilite_user_, json{{"key", key}}.dump());
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(Json(accepted)["kind"], "suggestion");
  EXPECT_EQ(Json(accepted)["members"].size(), 2u);
  auto cooperations = Json(app_.Api("GET", kApi + "/cooperations", observer_));
  ASSERT_EQ(cooperations["items"].size(), 1u);
  EXPECT_EQ(cooperations["items"][0]["source_key"], key);
  const auto after = Json(app_.Api("GET", kApi + "/suggestions", coordinator_));  // alive for the loop
  for (const auto& s : after["items"]) EXPECT_NE(s["key"], key);
  EXPECT_EQ(app_.Api("POST", kApi + "/suggestions/accept", coordinator_, json{{"key", key}}.dump()).status, 404);
  EXPECT_EQ(app_.Api("POST", kApi + "/suggestions/dismiss", coordinator_, json{{"key", "post:999-post:998"}}.dump()).status, 404);
}

TEST_P(BoardWebTest, DismissedInEnglishToo) {
  const std::string key = VanPair();
  HttpRequest req{"GET", kApi + "/suggestions", {{"Authorization", "Bearer " + coordinator_}, {"Accept-Language", "en"}}, ""};
  auto en = Json(Send(app_.port(), req));
  ASSERT_FALSE(en["items"].empty());
  const std::string text = en["items"][0]["reasons"][0]["text"].get<std::string>();
  EXPECT_TRUE(Contains(text, "needs") || Contains(text, "cherche")) << text;
  auto dismissed = app_.Api("POST", kApi + "/suggestions/dismiss", cantine_user_,
                            json{{"key", key}, {"reason", "Déjà équipés"}}.dump());
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  const auto after = Json(app_.Api("GET", kApi + "/suggestions", coordinator_));  // alive for the loop
  for (const auto& s : after["items"]) EXPECT_NE(s["key"], key);
}

TEST_P(BoardWebTest, RecordCooperationAndNotifications) {
  auto c = app_.Api("POST", kApi + "/cooperations", cantine_user_,
                    json{{"title", "Livraisons partagées"}, {"member_ids", {cantine_.value, mobilite_.value}}}.dump());
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_EQ(Json(c)["kind"], "other");
  auto alone = app_.Api("POST", kApi + "/cooperations", coordinator_,
                        json{{"title", "Seul"}, {"member_ids", {cantine_.value}}}.dump());
  EXPECT_EQ(alone.status, 422);
  EXPECT_FALSE(Field(alone, "member_ids").empty());
  // A traiteur next door is told of the Cantine's need; the theatre is not.
  auto traiteur = AddMember("pole-a", "Traiteur Voisin", "56.21Z", "38185");
  auto traiteur_user = app_.UserToken("traiteur@a.fr", identity::Role::kMember, "pole-a", traiteur);
  Publish(cantine_user_, {{"direction", "need"}, {"kind", "equipment"}, {"title", "Chambre froide"}});
  auto notes = Json(app_.Api("GET", kApi + "/notifications?unread=1", traiteur_user));
  ASSERT_EQ(notes["items"].size(), 1u);
  EXPECT_EQ(notes["items"][0]["post_title"], "Chambre froide");
  auto theatre_user = app_.UserToken("theatre@a.fr", identity::Role::kMember, "pole-a", theatre_);
  EXPECT_TRUE(Json(app_.Api("GET", kApi + "/notifications", theatre_user))["items"].empty());
  EXPECT_EQ(app_.Api("POST", kApi + "/notifications/read", traiteur_user, json::object().dump()).status, 200);
  EXPECT_TRUE(Json(app_.Api("GET", kApi + "/notifications?unread=1", traiteur_user))["items"].empty());
  EXPECT_EQ(app_.Api("GET", kApi + "/notifications", coordinator_).status, 422) << "coordinators name the member";
}

TEST_P(BoardWebTest, AcceptAndDismissFromTheSuggestionsPage) {
  const std::string key = VanPair();
  Browser browser = SignedIn("cantine@a.fr");
  auto page = browser.Get(kPages + "/suggestions");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "value=\"" + key + "\""));
  auto dismissed = browser.PostForm(kPages + "/suggestions/dismiss", {{"key", key}, {"reason", "Pas ce mois-ci"}});
  ASSERT_EQ(dismissed.status, 303) << dismissed.body.substr(0, 300);
  EXPECT_FALSE(Contains(browser.Get(kPages + "/suggestions").body, "value=\"" + key + "\""));
  EXPECT_EQ(browser.PostForm(kPages + "/suggestions/accept", {{"key", key}}).status, 404);
  EXPECT_EQ(browser.PostForm(kPages + "/suggestions/accept", {{"key", key}}, false).status, 403) << "CSRF";
}

TEST_P(BoardWebTest, PagesInTheBrowser) {
  VanPair();
  Browser browser = SignedIn("coord@a.fr");
  for (const std::string path : {"", "/board", "/board/new", "/suggestions", "/cooperations", "/notifications"}) {
    auto res = browser.Get(kPages + path);
    EXPECT_EQ(res.status, 200) << path << ": " << res.body.substr(0, 300);
  }
  auto landing = browser.Get(kPages);
  EXPECT_TRUE(Contains(landing.body, "cooperation-nav"));
  EXPECT_TRUE(Contains(landing.body, "Camion frigorifique le mardi"));
  auto created = browser.PostForm(kPages + "/board", {{"direction", "offer"}, {"kind", "skill"},
                                                      {"member_id", std::to_string(theatre_.value)},
                                                      {"title", "<script>alert(1)</script> Atelier théâtre"}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 500);
  auto page = browser.Get(created.Header("location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Contains(page.body, "<script>alert(1)</script>"));
  EXPECT_TRUE(Contains(page.body, "&lt;script&gt;"));
  auto invalid = browser.PostForm(kPages + "/board", {{"direction", "need"}, {"kind", "skill"}, {"title", ""},
                                                      {"member_id", std::to_string(theatre_.value)}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(Contains(invalid.body, "f-title"));
  auto suggestions = browser.Get(kPages + "/suggestions");
  EXPECT_TRUE(Contains(suggestions.body, "<progress"));
  EXPECT_TRUE(Contains(suggestions.body, "Mobilité Pour Tous"));
  auto home = browser.Get("/hubs/pole-a");
  EXPECT_EQ(home.status, 200);
  EXPECT_TRUE(Contains(home.body, "h-cooperation-home"));
  auto observer = SignedIn("obs@a.fr");
  EXPECT_EQ(observer.Get(kPages + "/board/new").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Databases, BoardWebTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
