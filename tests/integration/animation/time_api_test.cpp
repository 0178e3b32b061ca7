// Collective time over real HTTP, on both databases: time logged, validated and refused via
// the API; settings and rates; totals JSON per breakdown; CSV and XLSX downloads; 422s,
// roles and hub isolation; the pages (totals, entries with the form, settings, report).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "http_client.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kApi = "/api/v1/hubs/pole-a/animation/time";
const std::string kPages = "/hubs/pole-a/animation/time";

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

class TimeWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  TimeWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    insertion_ = AddMember("pole-a", "Chantier d'Insertion Belledonne");
    company_ = AddMember("pole-a", "Menuiserie Durand");
    amina_ = AddPerson("pole-a", insertion_, "Amina Benali");
    marc_ = AddPerson("pole-a", company_, "Marc Durand");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    company_user_ = app_.UserToken("durand@a.fr", identity::Role::kMember, "pole-a", company_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  hubs::HubContext Hub(const std::string& slug) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + slug);
    return *hub;
  }
  identity::MemberId AddMember(const std::string& slug, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto member = app_.app().members().CreateMember(admin, Hub(slug), {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }
  std::int64_t AddPerson(const std::string& slug, identity::MemberId member, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto person = app_.app().members().AddPerson(admin, Hub(slug), member, {.name = name});
    if (!person.ok()) throw std::runtime_error("person " + name + ": " + person.error().message);
    return person->id.value;
  }

  json Log(const std::string& token, std::int64_t person, const std::string& hours, int expected = 201) {
    auto res = app_.Api("POST", kApi + "/entries", token,
                        json{{"person_id", person}, {"on_date", Day(-1)}, {"hours", hours}, {"kind", "preparation"},
                             {"note", "Préparation <b>AG</b>"}}
                            .dump());
    EXPECT_EQ(res.status, expected) << res.body;
    return Json(res);
  }

  // Default 20 €/h; the Menuiserie declares 40 €/h.
  void Rates() {
    auto settings = app_.Api("PUT", kApi + "/settings", coordinator_,
                             json{{"default_hourly", "20"}, {"staff_fte", "1"},
                                  {"carrier_member_id", std::to_string(insertion_.value)}, {"version", 0}}
                                 .dump());
    ASSERT_EQ(settings.status, 200) << settings.body;
    auto rate = app_.Api("PUT", kApi + "/rates/members/" + std::to_string(company_.value), company_user_,
                         json{{"hourly_cost", "40"}}.dump());
    ASSERT_EQ(rate.status, 200) << rate.body;
  }

  TestApp app_;
  identity::MemberId insertion_, company_;
  std::int64_t amina_ = 0, marc_ = 0;
  std::string coordinator_, observer_, company_user_, other_coordinator_;
};

TEST_P(TimeWebTest, TimeLoggedValidatedAndTotalledPerBreakdown) {
  Rates();
  auto a = Log(coordinator_, amina_, "1,5");
  EXPECT_EQ(a["minutes"], 90);
  EXPECT_EQ(a["status"], "pending");
  auto m = Log(company_user_, marc_, "1:30");
  for (const auto& e : {a, m}) {
    auto ok = app_.Api("POST", kApi + "/entries/" + std::to_string(e["id"].get<long long>()) + "/validate", coordinator_);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(Json(ok)["status"], "validated");
  }
  Log(coordinator_, amina_, "2");  // pending: shown apart
  auto totals = Json(app_.Api("GET", kApi + "/totals?year=" + Day(-1).substr(0, 4) + "&by=member", observer_));
  ASSERT_EQ(totals["lines"].size(), 2u) << totals.dump();
  EXPECT_EQ(totals["hub_total"]["minutes"], 180);
  EXPECT_EQ(totals["hub_total"]["value_cents"], 9000);  // 1,5 h x 20 € + 1,5 h x 40 €
  EXPECT_EQ(totals["pending"]["minutes"], 120);
  EXPECT_EQ(totals["fte"]["carrier_minutes"], 90);
  for (const auto& line : totals["lines"])
    if (line["label"] == "Menuiserie Durand") {
      EXPECT_EQ(line["value_cents"], 6000);
    }
  auto kinds = Json(app_.Api("GET", kApi + "/totals?by=kind", coordinator_));
  ASSERT_EQ(kinds["lines"].size(), 1u);
  EXPECT_EQ(kinds["lines"][0]["key"], "preparation");
  // A member sees its own lines and the hub total.
  auto own = Json(app_.Api("GET", kApi + "/totals?by=person", company_user_));
  EXPECT_EQ(own["own_only"], true);
  ASSERT_EQ(own["lines"].size(), 1u);
  EXPECT_EQ(own["lines"][0]["value_cents"], 6000);
  EXPECT_EQ(own["hub_total"]["value_cents"], 9000);
  EXPECT_EQ(app_.Api("GET", kApi + "/totals?by=weather", coordinator_).status, 422);
}

TEST_P(TimeWebTest, ValidationRolesAndHubIsolation) {
  auto zero = app_.Api("POST", kApi + "/entries", coordinator_,
                       json{{"person_id", amina_}, {"on_date", Day(-1)}, {"minutes", 0}}.dump());
  ASSERT_EQ(zero.status, 422);
  EXPECT_TRUE(Json(zero)["error"]["fields"].contains("minutes")) << zero.body;
  auto future = app_.Api("POST", kApi + "/entries", coordinator_,
                         json{{"person_id", amina_}, {"on_date", Day(2)}, {"hours", "1"}}.dump());
  ASSERT_EQ(future.status, 422);
  EXPECT_TRUE(Json(future)["error"]["fields"].contains("on_date"));
  auto day = app_.Api("POST", kApi + "/entries", coordinator_,
                      json{{"person_id", amina_}, {"on_date", Day(-1)}, {"hours", "25"}}.dump());
  EXPECT_EQ(day.status, 422);
  Log(company_user_, amina_, "1", 403);  // not its own people
  Log(observer_, marc_, "1", 403);
  auto e = Log(company_user_, marc_, "1");
  const std::string href = kApi + "/entries/" + std::to_string(e["id"].get<long long>());
  EXPECT_EQ(app_.Api("POST", href + "/validate", company_user_).status, 403);
  EXPECT_EQ(app_.Api("POST", href + "/refuse", coordinator_, json{{"reason", ""}}.dump()).status, 422);
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/animation/time/entries/" + std::to_string(e["id"].get<long long>()),
                     other_coordinator_)
                .status,
            404);
  EXPECT_EQ(app_.Api("GET", href, other_coordinator_).status, 404);
  auto refused = app_.Api("POST", href + "/refuse", coordinator_, json{{"reason", "Doublon"}}.dump());
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Json(refused)["reason"], "Doublon");
  auto rate = app_.Api("PUT", kApi + "/rates/members/" + std::to_string(insertion_.value), company_user_,
                       json{{"hourly_cost", "40"}}.dump());
  EXPECT_EQ(rate.status, 403);
  auto bad_rate = app_.Api("PUT", kApi + "/settings", coordinator_,
                           json{{"default_hourly", "100001"}, {"version", 0}}.dump());
  ASSERT_EQ(bad_rate.status, 422);
  EXPECT_TRUE(Json(bad_rate)["error"]["fields"].contains("default_hourly"));
}

TEST_P(TimeWebTest, WrongJsonTypesAndHugeNumbersAreRefusedNeverReadAsEmpty) {
  Rates();
  const std::string company_rate = kApi + "/rates/members/" + std::to_string(company_.value);
  // An array where a rate is expected used to be read as "" and cleared the declared cost.
  auto array = app_.Api("PUT", company_rate, coordinator_, json{{"hourly_cost", json::array({40})}}.dump());
  EXPECT_EQ(array.status, 400) << array.body;
  auto object = app_.Api("PUT", kApi + "/settings", coordinator_,
                         json{{"default_hourly", json::object()}, {"version", 1}}.dump());
  EXPECT_EQ(object.status, 400) << object.body;
  auto rates = Json(app_.Api("GET", kApi + "/rates", coordinator_));
  EXPECT_EQ(rates["settings"]["default_hourly_cents"], 2000) << rates.dump();
  bool company_kept = false;
  for (const auto& m : rates["members"])
    if (m["member_id"] == company_.value) company_kept = m["hourly_cost_cents"] == 4000;
  EXPECT_TRUE(company_kept) << rates.dump();
  auto person_rate = app_.Api("PUT", kApi + "/rates/people/" + std::to_string(amina_), coordinator_,
                              json{{"volunteer", true}, {"hourly", json::array()}}.dump());
  EXPECT_EQ(person_rate.status, 400) << person_rate.body;
  // Numbers where texts are expected are read as typed; absurd ones are 422, never 500.
  EXPECT_EQ(app_.Api("PUT", company_rate, coordinator_, json{{"hourly_cost", 1e300}}.dump()).status, 422);
  EXPECT_EQ(app_.Api("POST", kApi + "/entries", coordinator_,
                     R"({"person_id": 99999999999999999999, "on_date": "2026-02-30", "minutes": 1e30})")
                .status,
            422);
  EXPECT_EQ(app_.Api("POST", kApi + "/entries", coordinator_,
                     json{{"person_id", amina_}, {"on_date", Day(-1)}, {"minutes", 9223372036854775807LL}}.dump())
                .status,
            422);
  EXPECT_EQ(app_.Api("GET", kApi + "/totals?year=abc", coordinator_).status, 422);
  EXPECT_EQ(app_.Api("GET", kApi + "/totals?year=2026&month=13", coordinator_).status, 422);
  EXPECT_EQ(app_.Api("GET", kApi + "/export?year=99999999999", coordinator_).status, 422);
  // Compensating: a bounded id list (each id is a bound parameter), refused types.
  json many = json::array();
  for (int i = 1; i <= 1001; ++i) many.push_back(i);
  auto too_many = app_.Api("POST", kApi + "/compensate", coordinator_, json{{"attendance_ids", many}}.dump());
  ASSERT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_TRUE(Json(too_many)["error"]["fields"].contains("attendance_ids"));
  EXPECT_EQ(app_.Api("POST", kApi + "/compensate", coordinator_,
                     json{{"person_id", json::array({amina_})}, {"month", "2026-01"}}.dump())
                .status,
            400);
  EXPECT_EQ(app_.Api("POST", kApi + "/compensate", company_user_, json{{"entry_ids", json::array({1})}}.dump()).status,
            403);
}

TEST_P(TimeWebTest, APatchChangesOnlyTheFieldsSent) {
  auto e = Log(company_user_, marc_, "1");
  const std::string href = kApi + "/entries/" + std::to_string(e["id"].get<long long>());
  // Only the duration: the kind, note, person and day stay (they used to reset to "other" / "").
  auto patched = app_.Api("PATCH", href, company_user_, json{{"version", 1}, {"minutes", 30}}.dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto doc = Json(patched);
  EXPECT_EQ(doc["minutes"], 30);
  EXPECT_EQ(doc["kind"], "preparation");
  EXPECT_EQ(doc["note"], "Préparation <b>AG</b>");
  EXPECT_EQ(doc["person_id"], marc_);
  EXPECT_EQ(doc["on_date"], Day(-1));
  auto note = Json(app_.Api("PATCH", href, company_user_, json{{"version", 2}, {"note", nullptr}}.dump()));
  EXPECT_EQ(note["note"], "");
  EXPECT_EQ(note["minutes"], 30);
  EXPECT_EQ(app_.Api("PATCH", href, company_user_, json{{"version", 1}, {"minutes", 45}}.dump()).status, 409);
  const int foreign = app_.Api("PATCH", href, other_coordinator_, json{{"version", 3}, {"minutes", 45}}.dump()).status;
  EXPECT_TRUE(foreign == 403 || foreign == 404) << foreign;
}

TEST_P(TimeWebTest, CsvAndXlsxDownloads) {
  Rates();
  auto m = Log(company_user_, marc_, "1,5");
  ASSERT_EQ(app_.Api("POST", kApi + "/entries/" + std::to_string(m["id"].get<long long>()) + "/validate", coordinator_)
                .status,
            200);
  const std::string year = Day(-1).substr(0, 4);
  auto csv = app_.Api("GET", kApi + "/export?format=csv&by=member&year=" + year, coordinator_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(Contains(csv.Header("content-type"), "text/csv"));
  EXPECT_TRUE(Contains(csv.Header("content-disposition"), "temps-collectif-" + year + "-member.csv"));
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(Contains(csv.body, "Par structure;Heures;Valorisation")) << csv.body;
  EXPECT_TRUE(Contains(csv.body, "Menuiserie Durand;1,50;60,00;0,00;0,00;0,00")) << csv.body;
  EXPECT_TRUE(Contains(csv.body, "Total;1,50;60,00")) << csv.body;
  auto xlsx = app_.Api("GET", kApi + "/export?format=xlsx&by=kind&year=" + year, coordinator_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(Contains(xlsx.Header("content-type"), "spreadsheetml"));
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(app_.Api("GET", kApi + "/export?format=pdf", coordinator_).status, 422);
}

TEST_P(TimeWebTest, PagesShowTotalsEntriesSettingsAndTheReport) {
  Rates();
  Browser browser(app_.port());
  ASSERT_EQ(browser.SignIn("coord@a.fr", TestApp::kPassword).status, 303);
  ASSERT_EQ(browser.Get("/account").status, 200);  // the session's CSRF token
  auto logged = browser.PostForm(kPages + "/entries", {{"person_id", std::to_string(amina_)},
                                                       {"on_date", Day(-1)},
                                                       {"duration", "2,5"},
                                                       {"kind", "travel"},
                                                       {"note", "<script>x</script>"}});
  ASSERT_EQ(logged.status, 303) << logged.body.substr(0, 500);
  auto entries = browser.Get(kPages + "/entries");
  ASSERT_EQ(entries.status, 200);
  EXPECT_TRUE(Contains(entries.body, "Amina Benali"));
  EXPECT_TRUE(Contains(entries.body, "&lt;script&gt;x&lt;/script&gt;"));
  EXPECT_FALSE(Contains(entries.body, "<script>x</script>"));
  auto bad = browser.PostForm(kPages + "/entries", {{"person_id", std::to_string(amina_)},
                                                    {"on_date", Day(-1)},
                                                    {"duration", "abc"},
                                                    {"kind", "travel"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Contains(bad.body, "aria-invalid=\"true\""));
  // The 24 h rule names the day's total in French on the page (2,5 h logged above + 22 h).
  auto over = browser.PostForm(kPages + "/entries", {{"person_id", std::to_string(amina_)},
                                                     {"on_date", Day(-1)},
                                                     {"duration", "22"},
                                                     {"kind", "travel"}});
  EXPECT_EQ(over.status, 422);
  EXPECT_TRUE(Contains(over.body, "La journée totaliserait 24 h 30 pour cette personne")) << over.body.substr(0, 300);
  auto overview = browser.Get(kPages);
  ASSERT_EQ(overview.status, 200) << overview.body.substr(0, 500);
  EXPECT_TRUE(Contains(overview.body, "Temps collectif"));
  EXPECT_TRUE(Contains(overview.body, "1 607"));
  EXPECT_FALSE(Contains(overview.body, "un douzième"));
  auto month = browser.Get(kPages + "?year=" + Day(-1).substr(0, 4) + "&month=3");
  ASSERT_EQ(month.status, 200);
  EXPECT_TRUE(Contains(month.body, "un douzième")) << "a month's FTE is set against a month";
  EXPECT_EQ(browser.Get(kPages + "?year=abc").status, 422);
  EXPECT_EQ(browser.Get(kPages + "?year=2026&month=13").status, 422);
  auto settings = browser.Get(kPages + "/settings");
  ASSERT_EQ(settings.status, 200);
  EXPECT_TRUE(Contains(settings.body, "Menuiserie Durand"));
  auto report = browser.Get(kPages + "/report");
  EXPECT_EQ(report.status, 200);
  auto csv = browser.Get(kPages + "/export.csv?by=kind");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
}

INSTANTIATE_TEST_SUITE_P(Databases, TimeWebTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
