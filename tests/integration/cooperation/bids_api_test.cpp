// Joint bids and the hub share over real HTTP, on both databases: a bid recorded, moved to
// won, its contract, invoices declared, the share due, a call, a payment and arrears via
// the API; validation, roles and hub isolation; the HTML pages and the CSV export.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <limits>
#include <string>

#include "coopole/core/time_zone.h"
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

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A day relative to today in Paris (the server uses the real clock).
std::string Day(int offset) {
  auto paris = TimeZone::Load("Europe/Paris");
  return FormatIsoDate(AddDays(paris->ToLocal(SystemClock().Now()).date, offset));
}

class BidsWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  BidsWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    insertion_ = AddMember("pole-a", "Chantier d'Insertion Belledonne");
    company_ = AddMember("pole-a", "Menuiserie Durand");
    scop_ = AddMember("pole-a", "Scop Énergie");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    company_user_ = app_.UserToken("durand@a.fr", identity::Role::kMember, "pole-a", company_);
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

  json Tender(int company_share_bp = 3000) const {
    return {{"kind", "tender"},
            {"title", "Rénovation du gymnase"},
            {"buyer", "Ville de Grenoble"},
            {"deadline", Day(10) + "T12:00"},
            {"amount_cents", 12000000},
            {"lead_member_id", insertion_.value},
            {"members", json::array({{{"member_id", insertion_.value}, {"share_bp", 5000}},
                                     {{"member_id", company_.value}, {"share_bp", company_share_bp}},
                                     {{"member_id", scop_.value}, {"share_bp", 2000}, {"role", "subcontractor"}}})},
            {"lots", json::array({{{"label", "Lot 1"}, {"amount", "70000"}}, {{"label", "Lot 2"}, {"amount", "50000"}}})}};
  }

  json CreateBid() {
    auto res = app_.Api("POST", kApi + "/bids", coordinator_, Tender().dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }

  // Records a bid and moves it to won; returns its id.
  std::string WonBid() {
    auto bid = CreateBid();
    const std::string id = std::to_string(bid["id"].get<long long>());
    auto version = bid["version"].get<long long>();
    for (const char* status : {"preparing", "submitted", "won"}) {
      auto res = app_.Api("POST", kApi + "/bids/" + id + "/status", coordinator_,
                          json{{"status", status}, {"version", version}}.dump());
      EXPECT_EQ(res.status, 200) << res.body;
      version = Json(res)["version"].get<long long>();
    }
    return id;
  }

  TestApp app_;
  identity::MemberId insertion_, company_, scop_;
  std::string coordinator_, observer_, company_user_, other_coordinator_;
};

TEST_P(BidsWebTest, ABidIsRecordedWithItsCoContractorsAndListed) {
  auto bid = CreateBid();
  EXPECT_EQ(bid["status"], "watching");
  EXPECT_EQ(bid["amount_cents"], 12000000);
  EXPECT_EQ(bid["members"].size(), 3u);
  EXPECT_EQ(bid["members"][0]["role"], "lead");
  EXPECT_EQ(bid["lots"][1]["amount_cents"], 5000000);
  EXPECT_TRUE(bid["warnings"].empty());
  auto list = app_.Api("GET", kApi + "/bids", observer_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Json(list)["items"].size(), 1u);
  auto alerts = app_.Api("GET", kApi + "/bids/alerts", observer_);
  ASSERT_EQ(alerts.status, 200);
  ASSERT_EQ(Json(alerts)["items"].size(), 1u);
  EXPECT_EQ(Json(alerts)["items"][0]["threshold_days"], 14);
}

TEST_P(BidsWebTest, SharesNotSummingTo100PercentAre422NamingTheTotal) {
  auto res = app_.Api("POST", kApi + "/bids", coordinator_, Tender(2500).dump());
  ASSERT_EQ(res.status, 422) << res.body;
  auto error = Json(res)["error"];
  EXPECT_TRUE(error["fields"].contains("shares")) << error;
  EXPECT_TRUE(Contains(error["message"].get<std::string>(), "95,00")) << error;
  EXPECT_TRUE(Json(app_.Api("GET", kApi + "/bids", coordinator_))["items"].empty());
}

TEST_P(BidsWebTest, APastDeadlineIsAcceptedWithAWarning) {
  auto body = Tender();
  body["deadline"] = Day(-3) + "T12:00";
  auto res = app_.Api("POST", kApi + "/bids", coordinator_, body.dump());
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(Json(res)["warnings"], json::array({"cooperation.bids.warning.deadline_past"}));
}

TEST_P(BidsWebTest, RolesAndHubIsolation) {
  EXPECT_EQ(app_.Api("POST", kApi + "/bids", observer_, Tender().dump()).status, 403);
  EXPECT_EQ(app_.Api("POST", kApi + "/bids", company_user_, Tender().dump()).status, 403);  // not its lead
  auto bid = CreateBid();
  const std::string id = std::to_string(bid["id"].get<long long>());
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/bids/" + id, other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", kApi + "/bids/" + id, other_coordinator_).status, 404);
  auto stale = app_.Api("PATCH", kApi + "/bids/" + id, coordinator_, json{{"title", "X"}, {"version", 99}}.dump());
  EXPECT_EQ(stale.status, 409) << stale.body;
  auto skip = app_.Api("POST", kApi + "/bids/" + id + "/status", coordinator_,
                       json{{"status", "won"}, {"version", bid["version"]}}.dump());
  EXPECT_EQ(skip.status, 422) << skip.body;
}

TEST_P(BidsWebTest, WonContractInvoicesShareDueCallsPaymentsAndArrears) {
  const std::string id = WonBid();
  auto bad_rate = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_,
                           json{{"signed_on", Day(-100)}, {"start_on", Day(-90)}, {"end_on", Day(200)},
                                {"amount_cents", 10000000}, {"hub_rate_percent", "120"}}
                               .dump());
  ASSERT_EQ(bad_rate.status, 422) << bad_rate.body;
  EXPECT_TRUE(Json(bad_rate)["error"]["fields"].contains("hub_rate"));
  auto contract = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_,
                           json{{"reference", "MP-118"}, {"signed_on", Day(-100)}, {"start_on", Day(-90)},
                                {"end_on", Day(200)}, {"amount_cents", 10000000}, {"hub_rate_bp", 500},
                                {"members", json::array({{{"member_id", scop_.value}, {"rate_bp", 200}}})}}
                               .dump());
  ASSERT_EQ(contract.status, 201) << contract.body;
  EXPECT_EQ(Json(contract)["members"][1]["amount_cents"], 3000000);
  // The company declares for itself, not for another.
  auto own = app_.Api("POST", kApi + "/bids/" + id + "/invoices", company_user_,
                      json{{"invoiced_on", Day(-40)}, {"amount", "10000"}, {"reference", "F-1"}}.dump());
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(Json(own)["share_due_cents"], 50000);
  auto other = app_.Api("POST", kApi + "/bids/" + id + "/invoices", company_user_,
                        json{{"member_id", insertion_.value}, {"invoiced_on", Day(-40)}, {"amount", "1"}}.dump());
  EXPECT_EQ(other.status, 403) << other.body;
  auto by_coordinator = app_.Api("POST", kApi + "/bids/" + id + "/invoices", coordinator_,
                                 json{{"member_id", scop_.value}, {"invoiced_on", Day(-35)}, {"amount_cents", 2000000}}
                                     .dump());
  ASSERT_EQ(by_coordinator.status, 201) << by_coordinator.body;
  EXPECT_EQ(Json(by_coordinator)["share_due_cents"], 40000);  // 2 % override
  auto share = Json(app_.Api("GET", kApi + "/bids/" + id + "/contract", observer_));
  EXPECT_EQ(share["totals"]["due_cents"], 90000);
  // A call for the period, due yesterday, partly paid: arrears show.
  EXPECT_EQ(app_.Api("POST", kApi + "/bids/" + id + "/calls", company_user_,
                     json{{"period_from", Day(-60)}, {"period_to", Day(-30)}, {"due_on", Day(-1)}}.dump())
                .status,
            403);
  auto call = app_.Api("POST", kApi + "/bids/" + id + "/calls", coordinator_,
                       json{{"period_from", Day(-60)}, {"period_to", Day(-30)}, {"due_on", Day(-1)}}.dump());
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(Json(call)["total_cents"], 90000);
  const std::string call_id = std::to_string(Json(call)["id"].get<long long>());
  auto paid = app_.Api("POST", kApi + "/hub-share/calls/" + call_id + "/payments", coordinator_,
                       json{{"member_id", company_.value}, {"paid_on", Day(-2)}, {"amount", "200"}}.dump());
  ASSERT_EQ(paid.status, 201) << paid.body;
  auto overview = app_.Api("GET", kApi + "/hub-share", observer_);
  ASSERT_EQ(overview.status, 200) << overview.body;
  auto doc = Json(overview);
  EXPECT_EQ(doc["totals"]["called_cents"], 90000);
  EXPECT_EQ(doc["totals"]["paid_cents"], 20000);
  EXPECT_EQ(doc["totals"]["arrears_cents"], 70000);  // 300 of the company + 400 of the scop
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/hub-share", other_coordinator_).status, 200);
  EXPECT_EQ(Json(app_.Api("GET", "/api/v1/hubs/pole-b/cooperation/hub-share", other_coordinator_))["totals"]
                ["called_cents"],
            0);
  // The CSV of the dues: BOM, ';', decimal comma.
  auto csv = app_.Api("GET", kApi + "/hub-share/dues.csv", coordinator_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(Contains(csv.body, "Menuiserie Durand;5,00;10000,00;500,00;500,00;200,00;300,00")) << csv.body;
}

// A coordinator of another hub, in its own hub, with this hub's ids: not found on every
// route, and nothing written.
TEST_P(BidsWebTest, AnotherHubsIdsAreNotFoundOnEveryRoute) {
  const std::string id = WonBid();
  auto contract = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_,
                           json{{"signed_on", Day(-100)}, {"start_on", Day(-90)}, {"end_on", Day(200)},
                                {"amount_cents", 10000000}, {"hub_rate_bp", 500}}
                               .dump());
  ASSERT_EQ(contract.status, 201) << contract.body;
  ASSERT_EQ(app_.Api("POST", kApi + "/bids/" + id + "/invoices", coordinator_,
                     json{{"member_id", company_.value}, {"invoiced_on", Day(-40)}, {"amount", "10000"}}.dump())
                .status,
            201);
  auto call = app_.Api("POST", kApi + "/bids/" + id + "/calls", coordinator_,
                       json{{"period_from", Day(-60)}, {"period_to", Day(-30)}, {"due_on", Day(-1)}}.dump());
  ASSERT_EQ(call.status, 201) << call.body;
  const std::string call_id = std::to_string(Json(call)["id"].get<long long>());
  auto checklist = app_.Api("POST", kApi + "/bids/" + id + "/checklist", coordinator_, json{{"item", "Kbis"}}.dump());
  ASSERT_EQ(checklist.status, 201) << checklist.body;
  const std::string item = std::to_string(Json(checklist)["checklist"][0]["id"].get<long long>());
  const auto bid = Json(app_.Api("GET", kApi + "/bids/" + id, coordinator_));

  const std::string b = "/api/v1/hubs/pole-b/cooperation";
  struct Call {
    const char* method;
    std::string target;
    json body;
  };
  const std::vector<Call> calls = {
      {"GET", b + "/bids/" + id, nullptr},
      {"PATCH", b + "/bids/" + id, {{"title", "Piraté"}, {"version", bid["version"]}}},
      {"POST", b + "/bids/" + id + "/status", {{"status", "lost"}, {"version", bid["version"]}}},
      {"POST", b + "/bids/" + id + "/checklist", {{"item", "x"}}},
      {"POST", b + "/bids/" + id + "/checklist/" + item, {{"done", true}}},
      {"GET", b + "/bids/" + id + "/contract", nullptr},
      {"PUT", b + "/bids/" + id + "/contract", {{"version", 1}, {"hub_rate_bp", 100}}},
      {"POST", b + "/bids/" + id + "/invoices", {{"member_id", company_.value}, {"invoiced_on", Day(-1)}, {"amount", "1"}}},
      {"POST", b + "/bids/" + id + "/calls", {{"period_from", Day(-60)}, {"period_to", Day(0)}, {"due_on", Day(1)}}},
      {"POST", b + "/hub-share/calls/" + call_id + "/payments", {{"member_id", company_.value}, {"paid_on", Day(0)}, {"amount", "1"}}},
  };
  for (const auto& c : calls) {
    auto res = app_.Api(c.method, c.target, other_coordinator_, c.body.is_null() ? "" : c.body.dump());
    EXPECT_EQ(res.status, 404) << c.method << " " << c.target << ": " << res.body;
  }
  auto after = Json(app_.Api("GET", kApi + "/bids/" + id, coordinator_));
  EXPECT_EQ(after["version"], bid["version"]);
  EXPECT_EQ(after["checklist"][0]["done"], false);
  auto share = Json(app_.Api("GET", kApi + "/bids/" + id + "/contract", coordinator_));
  EXPECT_EQ(share["contract"]["hub_rate_bp"], 500);
  EXPECT_EQ(share["invoices"].size(), 1u);
  EXPECT_EQ(share["calls"][0]["paid_cents"], 0);
}

// Extreme integers in JSON (rates, cents) are refused as such, never a crash or a 500.
TEST_P(BidsWebTest, ExtremeIntegersInJsonAre422) {
  const std::string id = WonBid();
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  json terms = {{"signed_on", Day(-100)}, {"start_on", Day(-90)}, {"end_on", Day(200)}, {"amount_cents", 10000000}};
  for (const json& rate : {json{{"hub_rate_bp", min}}, json{{"hub_rate_bp", 500}, {"members", json::array({{{"member_id", scop_.value}, {"rate_bp", min}}})}}}) {
    json body = terms;
    body.update(rate);
    auto res = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_, body.dump());
    EXPECT_EQ(res.status, 422) << res.body;
  }
  json cents = terms;
  cents["amount_cents"] = min;
  cents["hub_rate_bp"] = 500;
  auto contract = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_, cents.dump());
  EXPECT_EQ(contract.status, 422) << contract.body;
  auto bid = Tender();
  bid["amount_cents"] = min;
  auto created = app_.Api("POST", kApi + "/bids", coordinator_, bid.dump());
  EXPECT_EQ(created.status, 422) << created.body;
  // The server still answers.
  EXPECT_EQ(app_.Api("GET", kApi + "/bids/" + id, coordinator_).status, 200);
}

TEST_P(BidsWebTest, AMemberSeesOnlyItsOwnOrganisationsHubShare) {
  const std::string id = WonBid();
  auto contract = app_.Api("PUT", kApi + "/bids/" + id + "/contract", coordinator_,
                           json{{"reference", "MP-118"}, {"signed_on", Day(-100)}, {"start_on", Day(-90)},
                                {"end_on", Day(200)}, {"amount_cents", 10000000}, {"hub_rate_bp", 500}}
                               .dump());
  ASSERT_EQ(contract.status, 201) << contract.body;
  ASSERT_EQ(app_.Api("POST", kApi + "/bids/" + id + "/invoices", company_user_,
                     json{{"invoiced_on", Day(-40)}, {"amount", "10000"}, {"reference", "F-DURAND"}}.dump())
                .status,
            201);
  ASSERT_EQ(app_.Api("POST", kApi + "/bids/" + id + "/invoices", coordinator_,
                     json{{"member_id", scop_.value}, {"invoiced_on", Day(-35)}, {"amount", "30000"},
                          {"reference", "F-SCOP"}}
                         .dump())
                .status,
            201);
  auto call = app_.Api("POST", kApi + "/bids/" + id + "/calls", coordinator_,
                       json{{"period_from", Day(-60)}, {"period_to", Day(-30)}, {"due_on", Day(-1)}}.dump());
  ASSERT_EQ(call.status, 201) << call.body;

  auto share = app_.Api("GET", kApi + "/bids/" + id + "/contract", company_user_);
  ASSERT_EQ(share.status, 200) << share.body;
  auto doc = Json(share);
  ASSERT_EQ(doc["members"].size(), 1u) << doc["members"];
  EXPECT_EQ(doc["members"][0]["member_id"], company_.value);
  ASSERT_EQ(doc["invoices"].size(), 1u);
  EXPECT_EQ(doc["invoices"][0]["reference"], "F-DURAND");
  EXPECT_EQ(doc["contract"]["members"].size(), 1u);
  ASSERT_EQ(doc["calls"].size(), 1u);
  EXPECT_EQ(doc["calls"][0]["total_cents"], 50000);
  EXPECT_EQ(doc["totals"]["arrears_cents"], 50000);

  auto overview = Json(app_.Api("GET", kApi + "/hub-share", company_user_));
  EXPECT_EQ(overview["contracts"].size(), 1u);
  EXPECT_EQ(overview["members"].size(), 1u);
  EXPECT_EQ(overview["totals"]["called_cents"], 50000);
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/hub-share", observer_))["totals"]["called_cents"], 200000);

  auto csv = app_.Api("GET", kApi + "/hub-share/dues.csv", company_user_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(Contains(csv.body, "Menuiserie Durand")) << csv.body;
  EXPECT_FALSE(Contains(csv.body, "Scop")) << csv.body;

  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("durand@a.fr", TestApp::kPassword).status, 303);
  auto page = browser.Get(kPages + "/hub-share");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Contains(page.body, "Scop")) << page.body;
  EXPECT_TRUE(Contains(page.body, "class=\"own-only\""));
  EXPECT_FALSE(Contains(page.body, "2 000,00"));
  auto contract_page = browser.Get(kPages + "/bids/" + id + "/contract");
  ASSERT_EQ(contract_page.status, 200);
  EXPECT_FALSE(Contains(contract_page.body, "F-SCOP"));
  EXPECT_TRUE(Contains(contract_page.body, "F-DURAND"));
}

TEST_P(BidsWebTest, PagesShowTheListTheBidAndTheHubShare) {
  const std::string id = WonBid();
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  ASSERT_EQ(browser.Get("/account").status, 200);
  auto list = browser.Get(kPages + "/bids");
  ASSERT_EQ(list.status, 200) << list.body.substr(0, 500);
  EXPECT_TRUE(Contains(list.body, "Rénovation du gymnase"));
  auto page = browser.Get(kPages + "/bids/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Menuiserie Durand"));
  auto contract = browser.Get(kPages + "/bids/" + id + "/contract");
  ASSERT_EQ(contract.status, 200) << contract.body.substr(0, 500);
  auto form = browser.Get(kPages + "/bids/new");
  ASSERT_EQ(form.status, 200);
  // A bid recorded through the form, shares in percent; a wrong total re-displays the form.
  std::vector<std::pair<std::string, std::string>> fields = {
      {"kind", "call_for_projects"}, {"title", "AAP <b>Économie</b> circulaire"}, {"deadline", Day(5) + "T17:00"},
      {"amount", "50000"}, {"lead_member_id", std::to_string(insertion_.value)},
      {"member_id_0", std::to_string(insertion_.value)}, {"share_0", "60"},
      {"member_id_1", std::to_string(company_.value)}, {"share_1", "30"}};
  auto wrong = browser.PostForm(kPages + "/bids", fields);
  EXPECT_EQ(wrong.status, 422) << wrong.body.substr(0, 300);
  fields[8].second = "40";
  auto created = browser.PostForm(kPages + "/bids", fields);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 300);
  auto shown = browser.Get(created.Header("location"));
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(Contains(shown.body, "AAP &lt;b&gt;Économie&lt;/b&gt; circulaire"));
  auto share = browser.Get(kPages + "/hub-share");
  ASSERT_EQ(share.status, 200);
  EXPECT_EQ(browser.Get("/hubs/pole-b/cooperation/bids/" + id).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Databases, BidsWebTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
