// Projects and project reviews over real HTTP (both databases): create, the stage gates and
// their history, partners (another hub's organisation is not found), financing and the
// public share, stale edits, reviews with decisions and follow-ups, roles, hub isolation,
// and the pages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coopole/hubs/hubs.h"
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

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ProjectsWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  ProjectsWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    atelier_ = AddMember("pole-a", "Atelier Vélo Solidaire");
    cantine_ = AddMember("pole-a", "Cantine Mistral");
    nordiste_ = AddMember("pole-b", "Coopérative du Nord");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    atelier_user_ = app_.UserToken("atelier@a.fr", identity::Role::kMember, "pole-a", atelier_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    auto member = app_.app().members().CreateMember(admin, *hub, {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  std::string CreateProject(const std::string& title, const std::string& summary = "Une logistique partagée") {
    auto res = app_.Api("POST", kApi + "/projects", coordinator_,
                        json{{"title", title}, {"summary", summary}, {"lead_member_id", std::to_string(atelier_.value)}}
                            .dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return std::to_string(Json(res)["id"].get<std::int64_t>());
  }

  TestApp app_;
  identity::MemberId atelier_, cantine_, nordiste_;
  std::string coordinator_, observer_, atelier_user_, other_coordinator_;
};

TEST_P(ProjectsWebTest, CreateReadAndList) {
  const auto id = CreateProject("Logistique frigorifique");
  auto res = app_.Api("GET", kApi + "/projects/" + id, observer_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto doc = Json(res);
  EXPECT_EQ(doc["title"], "Logistique frigorifique");
  EXPECT_EQ(doc["stage"], "idea");
  EXPECT_EQ(doc["lead"]["name"], "Atelier Vélo Solidaire");
  EXPECT_EQ(doc["history"].size(), 1u);
  auto list = Json(app_.Api("GET", kApi + "/projects?q=frigorifique", observer_));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/projects?stage=running", observer_))["items"].size(), 0u);
}

TEST_P(ProjectsWebTest, AGateRefusedWithoutReasonThenSkippedWithOneIsInTheHistory) {
  const auto id = CreateProject("Cantine locale", "");
  auto refused = app_.Api("POST", kApi + "/projects/" + id + "/stage", coordinator_, json{{"stage", "feasibility"}}.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto error = Json(refused)["error"];
  EXPECT_TRUE(error["fields"].contains("reason"));
  auto moved = app_.Api("POST", kApi + "/projects/" + id + "/stage", coordinator_,
                        json{{"stage", "feasibility"}, {"reason", "Résumé à venir"}}.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto doc = Json(app_.Api("GET", kApi + "/projects/" + id, coordinator_));
  EXPECT_EQ(doc["stage"], "feasibility");
  ASSERT_EQ(doc["history"].size(), 2u);
  EXPECT_EQ(doc["history"][1]["reason"], "Résumé à venir");
  EXPECT_EQ(doc["history"][1]["skipped"], json::array({"summary"}));
}

TEST_P(ProjectsWebTest, APartnerOfAnotherHubIsNotFoundAndTheLeadIsNotItsOwnPartner) {
  const auto id = CreateProject("Atelier réemploi");
  auto other = app_.Api("POST", kApi + "/projects/" + id + "/partners", coordinator_,
                        json{{"member_id", std::to_string(nordiste_.value)}, {"role", "transport"}}.dump());
  EXPECT_EQ(other.status, 404) << other.body;
  auto ok = app_.Api("POST", kApi + "/projects/" + id + "/partners", coordinator_,
                     json{{"member_id", std::to_string(cantine_.value)}, {"role", "cuisine"}}.dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Json(ok)["partners"][0]["role"], "cuisine");
}

TEST_P(ProjectsWebTest, PublicShareAboveTheMaximumIsRefusedAndNothingIsWritten) {
  const auto id = CreateProject("Camion partagé");
  ASSERT_EQ(app_.Api("POST", kApi + "/projects/" + id + "/budget", coordinator_,
                     json{{"label", "Camion"}, {"amount", "1000"}}.dump()).status, 201);
  auto refused = app_.Api("POST", kApi + "/projects/" + id + "/fundings", coordinator_,
                          json{{"funder", "Région"}, {"public", "1"}, {"amount", "900"}}.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Json(refused)["error"]["fields"].contains("amount"));
  auto doc = Json(app_.Api("GET", kApi + "/projects/" + id, coordinator_));
  EXPECT_EQ(doc["fundings"].size(), 0u);
  ASSERT_EQ(app_.Api("POST", kApi + "/projects/" + id + "/fundings", coordinator_,
                     json{{"funder", "Région"}, {"public", "1"}, {"amount", "800"}, {"status", "agreed"}}.dump()).status, 201);
  doc = Json(app_.Api("GET", kApi + "/projects/" + id, coordinator_));
  EXPECT_EQ(doc["financing"]["public_share_percent"], 80);
}

TEST_P(ProjectsWebTest, AStaleEditIs409) {
  const auto id = CreateProject("Recyclerie");
  ASSERT_EQ(app_.Api("PATCH", kApi + "/projects/" + id, coordinator_, json{{"version", 1}, {"title", "A"}}.dump()).status, 200);
  auto stale = app_.Api("PATCH", kApi + "/projects/" + id, coordinator_, json{{"version", 1}, {"title", "B"}}.dump());
  EXPECT_EQ(stale.status, 409) << stale.body;
}

TEST_P(ProjectsWebTest, RolesAndHubIsolation) {
  const auto id = CreateProject("Jardin partagé");
  EXPECT_EQ(app_.Api("POST", kApi + "/projects", observer_, json{{"title", "x"}}.dump()).status, 403);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/projects/" + id, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", kApi + "/projects/" + id, other_coordinator_).status, 404);
  // The lead's users edit their project; reviews are for coordinators.
  EXPECT_EQ(app_.Api("PATCH", kApi + "/projects/" + id, atelier_user_, json{{"version", 1}, {"summary", "s"}}.dump()).status,
            200);
  EXPECT_EQ(app_.Api("POST", kApi + "/reviews", atelier_user_, json{{"title", "R"}, {"held_on", "2027-01-10"}}.dump()).status,
            403);
}

// A coordinator of another hub, in its own hub, with this hub's ids: not found on every
// route, and nothing written.
TEST_P(ProjectsWebTest, AnotherHubsIdsAreNotFoundOnEveryWriteRoute) {
  const auto project = CreateProject("Cantine locale");
  const std::string base = kApi + "/projects/" + project;
  ASSERT_EQ(app_.Api("POST", base + "/budget", coordinator_, json{{"label", "Étude"}, {"amount", "1000"}}.dump()).status, 201);
  ASSERT_EQ(app_.Api("POST", base + "/milestones", coordinator_, json{{"title", "M1"}, {"due_on", "2027-02-01"}}.dump()).status, 201);
  auto doc = Json(app_.Api("GET", base, coordinator_));
  const auto line = std::to_string(doc["budget_lines"][0]["id"].get<std::int64_t>());
  const auto milestone = std::to_string(doc["milestones"][0]["id"].get<std::int64_t>());
  auto created = app_.Api("POST", kApi + "/reviews", coordinator_, json{{"title", "Revue"}, {"held_on", "2027-01-12"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto review = std::to_string(Json(created)["id"].get<std::int64_t>());
  auto item = app_.Api("POST", kApi + "/reviews/" + review + "/items", coordinator_, json{{"title", "Sujet"}}.dump());
  ASSERT_EQ(item.status, 201) << item.body;
  const auto item_id = std::to_string(Json(item)["items"][0]["id"].get<std::int64_t>());

  const std::string b = "/api/v1/hubs/pole-b/cooperation";
  const std::string other = b + "/projects/" + project;
  const std::string other_review = b + "/reviews/" + review;
  struct Call {
    const char* method;
    std::string target;
    json body;
  };
  const std::vector<Call> calls = {
      {"GET", other, nullptr},
      {"PATCH", other, {{"title", "Piraté"}, {"version", doc["version"]}}},
      {"POST", other + "/stage", {{"stage", "abandoned"}, {"reason", "x"}}},
      {"POST", other + "/partners", {{"member_id", std::to_string(nordiste_.value)}}},
      {"DELETE", other + "/partners/" + std::to_string(cantine_.value), nullptr},
      {"POST", other + "/budget", {{"label", "x"}, {"amount", "1"}}},
      {"POST", other + "/fundings", {{"funder", "x"}, {"amount", "1"}}},
      {"POST", other + "/milestones", {{"title", "x"}, {"due_on", "2027-02-01"}}},
      {"POST", other + "/milestones/" + milestone + "/done", json::object()},
      {"POST", other + "/documents", {{"title", "x"}, {"url", "https://x.fr"}}},
      {"POST", other + "/spreadings", {{"territory", "x"}, {"spread_on", "2027-02-01"}}},
      {"DELETE", other + "/budget/" + line, nullptr},
      {"GET", other_review, nullptr},
      {"PATCH", other_review, {{"minutes", "x"}, {"version", 1}}},
      {"POST", other_review + "/items", {{"title", "x"}}},
      {"POST", other_review + "/items/" + item_id + "/decision", {{"decision", "x"}}},
      {"POST", other_review + "/items/" + item_id + "/follow-ups", {{"person", "x"}, {"what", "x"}}},
  };
  for (const auto& call : calls) {
    auto res = app_.Api(call.method, call.target, other_coordinator_, call.body.is_null() ? "" : call.body.dump());
    EXPECT_EQ(res.status, 404) << call.method << " " << call.target << ": " << res.body;
  }
  auto after = Json(app_.Api("GET", base, coordinator_));
  EXPECT_EQ(after["version"], doc["version"]);
  EXPECT_EQ(after["title"], "Cantine locale");
  EXPECT_EQ(after["budget_lines"].size(), 1u);
  EXPECT_EQ(after["milestones"][0]["done_on"], nullptr);
  auto session = Json(app_.Api("GET", kApi + "/reviews/" + review, coordinator_));
  EXPECT_EQ(session["items"].size(), 1u);
  EXPECT_EQ(session["minutes"], "");
}

TEST_P(ProjectsWebTest, AReviewWithADecisionAFollowUpAndMinutes) {
  const auto project = CreateProject("Cantine locale");
  auto created = app_.Api("POST", kApi + "/reviews", coordinator_,
                          json{{"title", "Revue de janvier"}, {"held_on", "2027-01-12"}, {"attendees", "Claire, Karim"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto review = std::to_string(Json(created)["id"].get<std::int64_t>());
  auto item = app_.Api("POST", kApi + "/reviews/" + review + "/items", coordinator_, json{{"project_id", project}}.dump());
  ASSERT_EQ(item.status, 201) << item.body;
  const auto item_id = std::to_string(Json(item)["items"][0]["id"].get<std::int64_t>());
  ASSERT_EQ(app_.Api("POST", kApi + "/reviews/" + review + "/items/" + item_id + "/decision", coordinator_,
                     json{{"decision", "Lancer l'étude"}}.dump()).status, 200);
  ASSERT_EQ(app_.Api("POST", kApi + "/reviews/" + review + "/items/" + item_id + "/follow-ups", coordinator_,
                     json{{"member_id", std::to_string(cantine_.value)}, {"what", "Chiffrer"}, {"due_on", "2020-02-01"}}.dump())
                .status,
            201);
  auto minutes = app_.Api("PATCH", kApi + "/reviews/" + review, coordinator_,
                          json{{"version", 1}, {"minutes", "<b>RAS</b>"}, {"status", "held"}}.dump());
  ASSERT_EQ(minutes.status, 200) << minutes.body;
  auto doc = Json(app_.Api("GET", kApi + "/reviews/" + review, observer_));
  EXPECT_EQ(doc["status"], "held");
  EXPECT_EQ(doc["items"][0]["decision"], "Lancer l'étude");
  EXPECT_EQ(doc["items"][0]["follow_ups"][0]["overdue"], true);
  EXPECT_EQ(doc["overdue_count"], 1);
  // The session page escapes the minutes.
  auto page = app_.Api("GET", kPages + "/reviews/" + review, coordinator_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "&lt;b&gt;RAS&lt;/b&gt;"));
  EXPECT_TRUE(Contains(page.body, "Lancer l"));
}

TEST_P(ProjectsWebTest, PagesRender) {
  const auto id = CreateProject("Logistique <script>");
  auto pipeline = app_.Api("GET", kPages + "/projects", coordinator_);
  ASSERT_EQ(pipeline.status, 200) << pipeline.body.substr(0, 500);
  EXPECT_TRUE(Contains(pipeline.body, "Logistique &lt;script&gt;"));
  EXPECT_FALSE(Contains(pipeline.body, "Logistique <script>"));
  EXPECT_EQ(app_.Api("GET", kPages + "/projects/" + id, coordinator_).status, 200);
  EXPECT_EQ(app_.Api("GET", kPages + "/reviews", coordinator_).status, 200);
  // The lead's users get the move form on their project; observers read without forms.
  auto lead_page = app_.Api("GET", kPages + "/projects/" + id, atelier_user_);
  ASSERT_EQ(lead_page.status, 200);
  EXPECT_TRUE(Contains(lead_page.body, "/projects/" + id + "/stage"));
  auto observer_page = app_.Api("GET", kPages + "/projects/" + id, observer_);
  ASSERT_EQ(observer_page.status, 200);
  EXPECT_FALSE(Contains(observer_page.body, "/projects/" + id + "/stage"));
  EXPECT_EQ(app_.Api("GET", kPages + "/projects/" + id, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", kPages + "/projects/999999", coordinator_).status, 404);
}

TEST_P(ProjectsWebTest, CollectionsMilestonesDocumentsSpreadingAndRemoval) {
  const auto id = CreateProject("Garage solidaire");
  const auto base = kApi + "/projects/" + id;
  auto milestone = app_.Api("POST", base + "/milestones", coordinator_, json{{"title", "Ouverture"}, {"due_on", "2027-02-01"}}.dump());
  ASSERT_EQ(milestone.status, 201) << milestone.body;
  const auto milestone_id = std::to_string(Json(milestone)["milestones"][0]["id"].get<std::int64_t>());
  auto done = app_.Api("POST", base + "/milestones/" + milestone_id + "/done", coordinator_, json{{"done_on", "2027-02-03"}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done)["milestones"][0]["done_on"], "2027-02-03");
  auto bad_url = app_.Api("POST", base + "/documents", coordinator_, json{{"title", "x"}, {"url", "javascript:alert(1)"}}.dump());
  EXPECT_EQ(bad_url.status, 422);
  auto doc = app_.Api("POST", base + "/documents", coordinator_, json{{"title", "Étude"}, {"url", "https://example.org/e.pdf"}}.dump());
  ASSERT_EQ(doc.status, 201);
  const auto doc_id = std::to_string(Json(doc)["documents"][0]["id"].get<std::int64_t>());
  auto spread = app_.Api("POST", base + "/spreadings", coordinator_,
                         json{{"target_hub", "pole-b"}, {"spread_on", "2027-03-01"}, {"contact", "Nadia"}}.dump());
  ASSERT_EQ(spread.status, 201) << spread.body;
  EXPECT_EQ(Json(spread)["spreadings"][0]["target_hub_name"], "Pôle B");
  EXPECT_EQ(app_.Api("POST", base + "/spreadings", coordinator_, json{{"target_hub", "nulle-part"}, {"spread_on", "2027-03-01"}}.dump()).status,
            422);
  auto removed = app_.Api("DELETE", base + "/documents/" + doc_id, coordinator_);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Json(removed)["documents"].size(), 0u);
  EXPECT_EQ(app_.Api("DELETE", base + "/documents/" + doc_id, coordinator_).status, 404);
  EXPECT_EQ(app_.Api("DELETE", base + "/nothing/" + doc_id, coordinator_).status, 404);
  // Observers read but do not write.
  EXPECT_EQ(app_.Api("POST", base + "/milestones", observer_, json{{"title", "x"}, {"due_on", "2027-02-01"}}.dump()).status, 403);
  // The project page links the target hub.
  auto page = app_.Api("GET", kPages + "/projects/" + id, coordinator_);
  EXPECT_TRUE(Contains(page.body, "href=\"/hubs/pole-b\""));
}

TEST_P(ProjectsWebTest, AMoveWithUnmetCriteriaNamesThemAndTheFundingStatusCanChange) {
  const auto id = CreateProject("Conciergerie");
  const auto base = kApi + "/projects/" + id;
  auto skip = app_.Api("POST", base + "/stage", coordinator_, json{{"stage", "experiment"}}.dump());
  ASSERT_EQ(skip.status, 422);
  EXPECT_EQ(Json(skip)["error"]["fields"]["criteria"], "partner,budget");
  ASSERT_EQ(app_.Api("POST", base + "/budget", coordinator_, json{{"label", "Étude"}, {"amount", "1000"}}.dump()).status, 201);
  auto funded = app_.Api("POST", base + "/fundings", coordinator_, json{{"funder", "Fondation"}, {"public", false}, {"amount", "1000"}}.dump());
  ASSERT_EQ(funded.status, 201) << funded.body;
  const auto funding = std::to_string(Json(funded)["fundings"][0]["id"].get<std::int64_t>());
  auto agreed = app_.Api("POST", base + "/fundings/" + funding + "/status", coordinator_, json{{"status", "agreed"}}.dump());
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(Json(agreed)["fundings"][0]["status"], "agreed");
  EXPECT_EQ(Json(agreed)["financing"]["issues"].size(), 0u);
  EXPECT_EQ(app_.Api("POST", base + "/fundings/" + funding + "/status", coordinator_, json{{"status", "maybe"}}.dump()).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Databases, ProjectsWebTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
