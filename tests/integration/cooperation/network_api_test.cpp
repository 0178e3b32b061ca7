// The cooperation network over real HTTP on both databases: the graph and metrics API with
// their filters and bad input, who may read, hub isolation, and the HTML page (escaped
// names, the table of links readable without JavaScript).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coopole/cooperation/board.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kApi = "/api/v1/hubs/pole-a/cooperation/network";
const std::string kPage = "/hubs/pole-a/cooperation/network";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Date Today() { return TimeZone::Load("Europe/Paris")->ToLocal(SystemClock().Now()).date; }

// Last year, "2025": the cooperation of the seed starts on 15 January of it.
std::string LastYear() { return std::to_string(Today().year - 1); }

// A Tuesday at least a week ahead (the room opens on weekdays).
Date NextTuesday() {
  Date day = AddDays(Today(), 7);
  while (IsoWeekday(day) != 2) day = AddDays(day, 1);
  return day;
}

class NetworkApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  NetworkApiTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    atelier_ = AddMember("pole-a", "Atelier Vélo Solidaire");
    cantine_ = AddMember("pole-a", "Cantine <script>alert(1)</script>");
    jardins_ = AddMember("pole-a", "Jardins de Cocagne");
    AddMember("pole-b", "Coopérative du Nord");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    member_user_ = app_.UserToken("jardins@a.fr", identity::Role::kMember, "pole-a", jardins_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  identity::Actor Admin() { return identity::Actor{.user = identity::UserId{0}, .name = "test", .is_admin = true}; }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name) {
    auto hub = app_.app().hubs().Resolve(Admin(), hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    auto member = app_.app().members().CreateMember(Admin(), *hub, {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  // A cooperation recorded on the board between the atelier and the cantine in January, and
  // a booking by the atelier of the cantine's room next Tuesday.
  void Seed() {
    auto hub = app_.app().hubs().Resolve(Admin(), "pole-a");
    ASSERT_TRUE(hub.ok());
    auto cooperation = app_.app().board().RecordCooperation(
        Admin(), *hub,
        {.title = "Réparation des vélos de livraison",
         .started_on = LastYear() + "-01-15",
         .member_ids = {std::to_string(atelier_.value), std::to_string(cantine_.value)}});
    ASSERT_TRUE(cooperation.ok()) << cooperation.error().message;
    auto room = app_.Api("POST", "/api/v1/hubs/pole-a/pooling/resources", coordinator_,
                         json{{"kind", "premises"}, {"category", "room"}, {"name", "Salle de la cantine"},
                              {"owner_member_id", cantine_.value}, {"opening_hours", "lun-ven 08:00-19:00"}}
                             .dump());
    ASSERT_EQ(room.status, 201) << room.body;
    const std::string day = FormatIsoDate(NextTuesday());
    auto booking = app_.Api("POST", "/api/v1/hubs/pole-a/pooling/bookings", coordinator_,
                            json{{"resource_id", Json(room)["id"]}, {"member_id", atelier_.value},
                                 {"starts_at", day + "T09:00"}, {"ends_at", day + "T11:00"}}
                                .dump());
    ASSERT_EQ(booking.status, 201) << booking.body;
  }

  // The period covering both seeds.
  std::string Period() {
    return "from=" + LastYear() + "-01-01&to=" + FormatIsoDate(AddDays(NextTuesday(), 1));
  }

  TestApp app_;
  identity::MemberId atelier_, cantine_, jardins_;
  std::string coordinator_, observer_, member_user_, other_coordinator_;
};

TEST_P(NetworkApiTest, Graph_ListsEveryActiveMemberAndTheWeightedLinks) {
  Seed();
  auto res = app_.Api("GET", kApi + "?" + Period(), coordinator_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto doc = Json(res);
  EXPECT_EQ(doc["nodes"].size(), 3u);
  ASSERT_EQ(doc["edges"].size(), 1u);
  const auto& edge = doc["edges"][0];
  EXPECT_EQ(edge["a"], std::min(atelier_.value, cantine_.value));
  EXPECT_EQ(edge["b"], std::max(atelier_.value, cantine_.value));
  EXPECT_EQ(edge["weight"], 2);
  EXPECT_EQ(edge["kinds"]["cooperation"], 1);
  EXPECT_EQ(edge["kinds"]["booking"], 1);
  EXPECT_EQ(edge["first_on"], LastYear() + "-01-15");
  EXPECT_EQ(edge["last_on"], FormatIsoDate(NextTuesday()));
  EXPECT_EQ(doc["kinds"].size(), 7u);
  for (const auto& node : doc["nodes"]) {
    if (node["member_id"] == jardins_.value) EXPECT_EQ(node["degree"], 0);
    else EXPECT_EQ(node["degree"], 1);
  }
}

TEST_P(NetworkApiTest, Graph_FiltersByKindAndPeriod) {
  Seed();
  auto bookings = Json(app_.Api("GET", kApi + "?" + Period() + "&kind=booking", coordinator_));
  ASSERT_EQ(bookings["edges"].size(), 1u);
  EXPECT_EQ(bookings["edges"][0]["weight"], 1);
  EXPECT_FALSE(bookings["edges"][0]["kinds"].contains("cooperation"));
  auto both = Json(app_.Api("GET", kApi + "?" + Period() + "&kinds=booking,cooperation", coordinator_));
  EXPECT_EQ(both["edges"][0]["weight"], 2);
  // Up to today only: the booking is still ahead.
  auto until_today = Json(app_.Api("GET", kApi + "?from=" + LastYear() + "-01-01", coordinator_));
  EXPECT_EQ(until_today["to"], FormatIsoDate(Today()));
  ASSERT_EQ(until_today["edges"].size(), 1u);
  EXPECT_EQ(until_today["edges"][0]["weight"], 1);
  auto before = Json(app_.Api("GET", kApi + "?to=" + std::to_string(Today().year - 2) + "-12-31", coordinator_));
  EXPECT_TRUE(before["edges"].empty());
}

TEST_P(NetworkApiTest, Metrics_GiveLinksDensityAndTheMostConnected) {
  Seed();
  auto res = app_.Api("GET", kApi + "/metrics?" + Period(), observer_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto m = Json(res);
  EXPECT_EQ(m["active_members"], 3);
  EXPECT_EQ(m["links"], 1);
  EXPECT_EQ(m["linked_members"], 2);
  EXPECT_EQ(m["isolated_members"], 1);
  EXPECT_DOUBLE_EQ(m["density"].get<double>(), 1.0 / 3.0);
  EXPECT_EQ(m["components"], 1);
  ASSERT_EQ(m["new_links_per_year"].size(), 1u);
  EXPECT_EQ(m["new_links_per_year"][0]["year"], Today().year - 1);
  EXPECT_EQ(m["new_links_per_year"][0]["links"], 1);
  EXPECT_EQ(m["links_by_kind"]["booking"], 1);
  ASSERT_EQ(m["most_connected"].size(), 2u);
  EXPECT_EQ(m["most_connected"][0]["degree"], 1);
}

TEST_P(NetworkApiTest, BadQueriesAnswer422NamingTheField) {
  auto bad_date = app_.Api("GET", kApi + "?from=2026-13-01", coordinator_);
  ASSERT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_TRUE(Json(bad_date)["error"]["fields"].contains("from"));
  auto reversed = app_.Api("GET", kApi + "/metrics?from=2026-06-01&to=2026-01-01", coordinator_);
  ASSERT_EQ(reversed.status, 422) << reversed.body;
  EXPECT_TRUE(Json(reversed)["error"]["fields"].contains("to"));
  auto kind = app_.Api("GET", kApi + "?kind=friendship", coordinator_);
  ASSERT_EQ(kind.status, 422) << kind.body;
  EXPECT_TRUE(Json(kind)["error"]["fields"].contains("kinds"));
}

TEST_P(NetworkApiTest, EveryRoleOfTheHubReads_OtherHubsAndStrangersDoNot) {
  Seed();
  EXPECT_EQ(app_.Api("GET", kApi, member_user_).status, 200);
  EXPECT_EQ(app_.Api("GET", kApi + "/metrics", observer_).status, 200);
  EXPECT_EQ(app_.Api("GET", kApi, other_coordinator_).status, 404);
  EXPECT_EQ(Send(app_.port(), {"GET", kApi, {}, ""}).status, 401);
  // The other hub sees only its own (empty) network.
  auto other = Json(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/network?" + Period(), other_coordinator_));
  EXPECT_EQ(other["nodes"].size(), 1u);
  EXPECT_TRUE(other["edges"].empty());
}

TEST_P(NetworkApiTest, Page_ShowsMetricsTheGraphDataAndTheLinksTableEscaped) {
  Seed();
  app_.UserToken("page@a.fr", identity::Role::kObserver, "pole-a");
  Browser browser(app_.port());
  browser.SignIn("page@a.fr", TestApp::kPassword);
  auto page = browser.Get(kPage + "?" + Period());
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 500);
  EXPECT_TRUE(Contains(page.body, "Réseau de coopération"));
  EXPECT_TRUE(Contains(page.body, "data-network="));
  EXPECT_TRUE(Contains(page.body, "data-node-count=\"3\""));
  EXPECT_TRUE(Contains(page.body, "cooperation-nav"));
  EXPECT_TRUE(Contains(page.body, "/static/vendor/cytoscape.min.js"));
  EXPECT_TRUE(Contains(page.body, "Atelier Vélo Solidaire"));
  EXPECT_TRUE(Contains(page.body, "Cantine &lt;script&gt;"));
  EXPECT_FALSE(Contains(page.body, "<script>alert(1)"));
  // Filters are kept in the form; a bad date is an error page, not a 500.
  auto filtered = browser.Get(kPage + "?kind=booking&" + Period());
  ASSERT_EQ(filtered.status, 200);
  EXPECT_TRUE(Contains(filtered.body, "value=\"booking\" checked"));
  EXPECT_EQ(browser.Get(kPage + "?from=demain").status, 422);
  // English.
  auto english = browser.Get(kPage, {{"Accept-Language", "en"}});
  ASSERT_EQ(english.status, 200);
}

INSTANTIATE_TEST_SUITE_P(Databases, NetworkApiTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
