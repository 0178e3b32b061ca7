// Monthly statements over real HTTP on both databases: a month with a booking, a service,
// a placement and a rent gives the right totals per member and who owes whom, with and
// without netting; marking paid; the CSV and XLSX exports; the pages; the balance and the
// settings.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "ledger_test_support.h"

namespace coopole::testing::ledger_test {
namespace {

using nlohmann::json;

class PoolingStatementTest : public LedgerTest {
 protected:
  // The month's flows (M = the current month, in Paris):
  //  - recyclerie books atelier's room 3 h at 20 euros/h: recyclerie owes atelier 60;
  //  - traiteur serves recyclerie for 80 euros, delivered today: recyclerie owes traiteur 80;
  //  - recyclerie places a person with atelier, 10 h at 25 euros validated: atelier owes recyclerie 250;
  //  - atelier rents an office from the hub, 300 euros for the whole month: atelier owes the hub 300.
  // Returns false when the month has no day left for a booking (its last day).
  bool MakeMonth() {
    const Date today = TodayInParis();
    const Date tomorrow = AddDays(today, 1);
    if (tomorrow.month != today.month) return false;
    month_ = MonthText(today);
    const std::string first = month_ + "-01";

    auto room = app_.Api("POST", kApi + "/resources", coordinator_,
                         json{{"kind", "premises"},
                              {"category", "room"},
                              {"name", "Salle Rivière"},
                              {"owner_member_id", Str(atelier_)},
                              {"price_unit", "hour"},
                              {"price_member", "20"}}
                             .dump());
    EXPECT_EQ(room.status, 201) << room.body;
    const std::string day = FormatIsoDate(tomorrow);
    auto booking = app_.Api("POST", kApi + "/bookings", recyclerie_user_,
                            json{{"resource_id", Id(Json(room))},
                                 {"member_id", Str(recyclerie_)},
                                 {"starts_at", day + "T09:00"},
                                 {"ends_at", day + "T12:00"}}
                                .dump());
    EXPECT_EQ(booking.status, 201) << booking.body;

    auto service = Expect(201, coordinator_, "/services",
                          {{"provider_member_id", Str(traiteur_)},
                           {"beneficiary_member_id", Str(recyclerie_)},
                           {"what", "Buffet de l'assemblée générale"},
                           {"amount", "80"}});
    Expect(200, coordinator_, "/services/" + Id(service) + "/agree", json::object());
    Expect(200, coordinator_, "/services/" + Id(service) + "/deliver", {{"delivered_on", FormatIsoDate(today)}});

    auto placement = Expect(201, coordinator_, "/placements",
                            {{"employer_member_id", Str(recyclerie_)},
                             {"host_member_id", Str(atelier_)},
                             {"person", "Marie Dupont"},
                             {"starts_on", first},
                             {"weekly_hours", "10"},
                             {"hourly_cost", "25"}});
    Expect(200, recyclerie_user_, "/placements/" + Id(placement) + "/declare", {{"month", month_}, {"hours", "10"}});
    Expect(200, atelier_user_, "/placements/" + Id(placement) + "/validate", {{"month", month_}});

    Expect(201, coordinator_, "/leases",
           {{"tenant_member_id", Str(atelier_)}, {"space", "Bureau 12"}, {"monthly_rent", "300"}, {"starts_on", first}});
    return true;
  }

  // "atelier->hub" -> amount_cents, from a statement's settlements.
  std::map<std::string, std::int64_t> Owes(const json& statement) {
    std::map<std::string, std::int64_t> out;
    for (const auto& s : statement["settlements"]) {
      out[s["debtor"]["name"].get<std::string>() + "->" + (s["creditor"]["is_hub"] ? "hub" : s["creditor"]["name"].get<std::string>())] =
          s["amount_cents"].get<std::int64_t>();
    }
    return out;
  }

  std::map<std::string, std::pair<std::int64_t, std::int64_t>> Totals(const json& statement) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& p : statement["parties"]) {
      const std::string name = p["party"]["is_hub"] ? "hub" : p["party"]["name"].get<std::string>();
      out[name] = {p["used_cents"].get<std::int64_t>(), p["provided_cents"].get<std::int64_t>()};
    }
    return out;
  }

  void SetNetting(bool on) {
    auto res = app_.Api("PUT", kApi + "/settings", coordinator_, json{{"netting", on}}.dump());
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(Json(res)["netting"], on);
  }

  std::string month_;
};

#define MAKE_MONTH_OR_SKIP() \
  if (!MakeMonth()) GTEST_SKIP() << "the last day of the month leaves no day to book in it"

TEST_P(PoolingStatementTest, HubMonth_TotalsPerMemberAndWhoOwesWhom) {
  MAKE_MONTH_OR_SKIP();
  auto res = Get(observer_, "/statements?month=" + month_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto statement = Json(res);
  EXPECT_EQ(statement["month"], month_);
  EXPECT_EQ(statement["netting"], false);
  auto totals = Totals(statement);
  using P = std::pair<std::int64_t, std::int64_t>;  // used, provided
  EXPECT_EQ(totals["Atelier Vélo"], (P{55000, 6000}));
  EXPECT_EQ(totals["Recyclerie"], (P{14000, 25000}));
  EXPECT_EQ(totals["Traiteur d'Insertion"], (P{0, 8000}));
  EXPECT_EQ(totals["hub"], (P{0, 30000}));
  EXPECT_EQ(statement["total_cents"], 69000);
  auto owes = Owes(statement);
  EXPECT_EQ(owes.size(), 4u);
  EXPECT_EQ(owes["Atelier Vélo->hub"], 30000);
  EXPECT_EQ(owes["Atelier Vélo->Recyclerie"], 25000);
  EXPECT_EQ(owes["Recyclerie->Traiteur d'Insertion"], 8000);
  EXPECT_EQ(owes["Recyclerie->Atelier Vélo"], 6000);
}

TEST_P(PoolingStatementTest, HubMonth_WithNettingOnlyTheBalanceOfEachPairRemains) {
  MAKE_MONTH_OR_SKIP();
  SetNetting(true);
  auto statement = Json(Get(coordinator_, "/statements?month=" + month_));
  EXPECT_EQ(statement["netting"], true);
  auto owes = Owes(statement);
  EXPECT_EQ(owes.size(), 3u);
  EXPECT_EQ(owes["Atelier Vélo->Recyclerie"], 19000);
  EXPECT_EQ(owes["Atelier Vélo->hub"], 30000);
  EXPECT_EQ(owes["Recyclerie->Traiteur d'Insertion"], 8000);
  EXPECT_EQ(owes.count("Recyclerie->Atelier Vélo"), 0u);
}

TEST_P(PoolingStatementTest, PartyMonth_LinesUsedAndProvidedWithTotals) {
  MAKE_MONTH_OR_SKIP();
  auto res = Get(recyclerie_user_, "/statements/" + Str(recyclerie_) + "?month=" + month_);
  ASSERT_EQ(res.status, 200) << res.body;
  auto statement = Json(res);
  EXPECT_EQ(statement["used_total_cents"], 14000);
  EXPECT_EQ(statement["provided_total_cents"], 25000);
  EXPECT_EQ(statement["used"].size(), 2u);
  ASSERT_EQ(statement["provided"].size(), 1u);
  EXPECT_EQ(statement["provided"][0]["kind"], "placement");
  // The hub's own statement: the rent.
  auto hub = Json(Get(coordinator_, "/statements/hub?month=" + month_));
  EXPECT_EQ(hub["party"]["is_hub"], true);
  EXPECT_EQ(hub["provided_total_cents"], 30000);
  // A member reads its own statement only, and not the hub's month.
  EXPECT_EQ(Get(recyclerie_user_, "/statements/" + Str(atelier_) + "?month=" + month_).status, 403);
  EXPECT_EQ(Get(recyclerie_user_, "/statements?month=" + month_).status, 403);
  EXPECT_EQ(app_.Api("GET", kOtherApi + "/statements/" + Str(recyclerie_), other_coordinator_).status, 404);
}

TEST_P(PoolingStatementTest, MarkPaid_ByTheCreditorSettlesThePair) {
  MAKE_MONTH_OR_SKIP();
  const json pair = {{"month", month_}, {"debtor", Str(atelier_)}, {"creditor", Str(recyclerie_)}};
  // The debtor does not mark its own debt paid, nor does an observer.
  EXPECT_EQ(Post(atelier_user_, "/statements/settle", pair).status, 403);
  EXPECT_EQ(Post(observer_, "/statements/settle", pair).status, 403);
  auto res = Post(recyclerie_user_, "/statements/settle", pair);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["settled"], true);
  EXPECT_EQ(Json(res)["paid_cents"], 25000);
  auto statement = Json(Get(coordinator_, "/statements?month=" + month_));
  for (const auto& s : statement["settlements"]) {
    const bool pair_paid = s["debtor"]["member_id"] == atelier_ && s["creditor"]["member_id"] == recyclerie_;
    EXPECT_EQ(s["settled"], pair_paid) << s.dump();
  }
  // Nothing left to pay: a second time is refused.
  EXPECT_EQ(Post(recyclerie_user_, "/statements/settle", pair).status, 409);
  // Malformed parties and month name the field.
  auto bad = Post(coordinator_, "/statements/settle", {{"month", "nov"}, {"debtor", "x"}, {"creditor", "hub"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Fields(bad).contains("month"));
  EXPECT_TRUE(Fields(bad).contains("debtor"));
}

TEST_P(PoolingStatementTest, MarkPaid_ThroughThePageReturnsToTheStatement) {
  MAKE_MONTH_OR_SKIP();
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/statements?month=" + month_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Marquer comme payé"));
  auto res = browser.PostForm(kPages + "/statements/settle", {{"month", month_},
                                                             {"debtor", Str(atelier_)},
                                                             {"creditor", "hub"},
                                                             {"back", kPages + "/statements?month=" + month_}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 500);
  EXPECT_TRUE(Contains(res.Header("location"), "/statements?month=" + month_ + "&notice=ledger_settled"));
  auto statement = Json(Get(coordinator_, "/statements/hub?month=" + month_));
  ASSERT_EQ(statement["settlements"].size(), 1u);
  EXPECT_EQ(statement["settlements"][0]["settled"], true);
}

TEST_P(PoolingStatementTest, Export_CsvOpensWithTheFrenchHeaderAndADecimalComma) {
  MAKE_MONTH_OR_SKIP();
  auto res = Get(coordinator_, "/statements/export?month=" + month_ + "&format=csv");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(Contains(res.Header("content-type"), "text/csv"));
  EXPECT_TRUE(Contains(res.Header("content-disposition"), "releve-pole-a-" + month_ + ".csv"));
  EXPECT_EQ(res.body.rfind("\xEF\xBB\xBF" "Date;Nature;Libellé;Débiteur;Créancier;Montant\r\n", 0), 0u)
      << res.body.substr(0, 200);
  EXPECT_TRUE(Contains(res.body, ";60,00\r\n"));
  EXPECT_TRUE(Contains(res.body, ";250,00\r\n"));
  EXPECT_TRUE(Contains(res.body, "Pôle A"));  // the hub as creditor of the rent
  // One party's lines only.
  auto own = Get(recyclerie_user_, "/statements/export?month=" + month_ + "&member=" + Str(recyclerie_));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(Contains(own.body, "Pôle A"));
  EXPECT_EQ(Get(recyclerie_user_, "/statements/export?month=" + month_).status, 403);
  EXPECT_EQ(Get(coordinator_, "/statements/export?month=" + month_ + "&format=pdf").status, 400);
}

TEST_P(PoolingStatementTest, Export_XlsxIsAZip) {
  MAKE_MONTH_OR_SKIP();
  auto res = Get(coordinator_, "/statements/export?month=" + month_ + "&format=xlsx");
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 300);
  EXPECT_EQ(res.body.substr(0, 2), "PK");
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/statements/export.xlsx?month=" + month_ + "&member=hub");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.substr(0, 2), "PK");
}

TEST_P(PoolingStatementTest, Pages_HubMonthShowsAmountsChartAndTable) {
  MAKE_MONTH_OR_SKIP();
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/statements?month=" + month_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "550,00\u00a0€"));
  EXPECT_TRUE(Contains(page.body, "data-bar-chart="));
  EXPECT_TRUE(Contains(page.body, "/static/vendor/chart.umd.js"));
  EXPECT_TRUE(Contains(page.body, "export.csv?month=" + month_));
  EXPECT_TRUE(Contains(page.body, "Traiteur d&#39;Insertion") || Contains(page.body, "Traiteur d&apos;Insertion") ||
              Contains(page.body, "Traiteur d&#x27;Insertion"));
  auto party = browser.Get(kPages + "/statements/" + Str(atelier_) + "?month=" + month_);
  ASSERT_EQ(party.status, 200);
  EXPECT_TRUE(Contains(party.body, "Bureau 12"));
  EXPECT_TRUE(Contains(party.body, "data-print"));
  // A member's user is sent to its own statement.
  Browser member = SignedIn("recyclerie@a.fr");
  auto redirect = member.Get(kPages + "/statements?month=" + month_);
  EXPECT_EQ(redirect.status, 303);
  EXPECT_TRUE(Contains(redirect.Header("location"), "/statements/" + Str(recyclerie_) + "?month=" + month_));
  EXPECT_EQ(member.Get(kPages + "/statements/" + Str(atelier_) + "?month=" + month_).status, 403);
  EXPECT_EQ(browser.Get(kPages + "/statements?month=2026-13").status, 400);
}

TEST_P(PoolingStatementTest, MalformedMonthIs400NamingIt) {
  auto res = Get(coordinator_, "/statements?month=novembre");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(Fields(res).contains("month"));
  EXPECT_EQ(Get(coordinator_, "/statements/abc?month=2026-11").status, 404);
}

TEST_P(PoolingStatementTest, Balance_ContributedAgainstUsedPerKind) {
  MAKE_MONTH_OR_SKIP();
  const Date today = TodayInParis();
  const std::string from = month_ + "-01";
  const std::string to = FormatIsoDate(Date{today.year, today.month, DaysInMonth(today.year, today.month)});
  auto res = Get(coordinator_, "/balance?member=" + Str(atelier_) + "&from=" + from + "&to=" + to);
  ASSERT_EQ(res.status, 200) << res.body;
  auto balance = Json(res);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> kinds;
  for (const auto& row : balance["rows"]) {
    kinds[row["kind"]] = {row["provided_cents"].get<std::int64_t>(), row["used_cents"].get<std::int64_t>()};
  }
  using P = std::pair<std::int64_t, std::int64_t>;  // provided, used
  EXPECT_EQ(kinds["booking"], (P{6000, 0}));
  EXPECT_EQ(kinds["placement"], (P{0, 25000}));
  EXPECT_EQ(kinds["rent"], (P{0, 30000}));
  EXPECT_EQ(balance["provided_cents"], 6000);
  EXPECT_EQ(balance["used_cents"], 55000);
  EXPECT_EQ(balance["net_cents"], -49000);
  auto bad = Get(coordinator_, "/balance?from=" + to + "&to=" + from);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Fields(bad).contains("to"));
  EXPECT_EQ(Get(coordinator_, "/balance?from=hier").status, 400);
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/balance?member=" + Str(atelier_) + "&from=" + from + "&to=" + to);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "550,00\u00a0€"));
}

TEST_P(PoolingStatementTest, Settings_CoordinatorsChangeThemObserversRead) {
  auto res = Get(observer_, "/settings");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(Json(res)["netting"], false);
  EXPECT_EQ(Json(res)["default_exposure_limit_cents"], 1000000);
  EXPECT_EQ(app_.Api("PUT", kApi + "/settings", observer_, R"({"netting":true})").status, 403);
  EXPECT_EQ(app_.Api("PUT", kApi + "/settings", atelier_user_, R"({"netting":true})").status, 403);
  auto bad = app_.Api("PUT", kApi + "/settings", coordinator_, R"({"default_exposure_limit":"-5"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Fields(bad).contains("default_exposure_limit"));
  auto put = app_.Api("PUT", kApi + "/settings", coordinator_, R"({"default_exposure_limit_cents":250000})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Json(put)["default_exposure_limit_cents"], 250000);
  EXPECT_EQ(Json(put)["netting"], false);
  Browser browser = SignedIn("coord@a.fr");
  ASSERT_EQ(browser.Get(kPages + "/settings").status, 200);
  auto saved = browser.PostForm(kPages + "/settings", {{"netting", "1"}, {"default_exposure_limit", "3 000,50"}});
  EXPECT_EQ(saved.status, 303);
  auto after = Json(Get(observer_, "/settings"));
  EXPECT_EQ(after["netting"], true);
  EXPECT_EQ(after["default_exposure_limit_cents"], 300050);
  auto refused = browser.PostForm(kPages + "/settings", {{"default_exposure_limit", "beaucoup"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Contains(refused.body, "id=\"f-default_exposure_limit-error\""));
}

TEST_P(PoolingStatementTest, Alerts_ListOverdueAdvancesAndEndingLeases) {
  const Date today = TodayInParis();
  Expect(201, coordinator_, "/leases",
         {{"tenant_member_id", Str(atelier_)}, {"space", "Box 3"}, {"monthly_rent", "50"}, {"starts_on", "2026-01-01"},
          {"ends_on", FormatIsoDate(AddDays(today, 10))}});
  auto res = Get(coordinator_, "/alerts");
  ASSERT_EQ(res.status, 200) << res.body;
  auto alerts = Json(res);
  ASSERT_EQ(alerts["leases_ending"].size(), 1u);
  EXPECT_EQ(alerts["leases_ending"][0]["space"], "Box 3");
  EXPECT_TRUE(alerts["overdue_advances"].is_array());
  EXPECT_TRUE(alerts["pending_approvals"].is_array());
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingStatementTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::ledger_test
