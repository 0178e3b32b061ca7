// The pooling ledger over real HTTP on both databases: services of skills and knowledge,
// staff placements, cash advances and leases, through the JSON API and the pages; each
// flow's happy path and its refusals (observers, other hubs, members acting for others,
// exposure limits, hours outside a placement, malformed input).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ledger_test_support.h"

namespace coopole::testing::ledger_test {
namespace {

using nlohmann::json;

class PoolingLedgerTest : public LedgerTest {
 protected:
  // recyclerie asks atelier for a service of 3,5 hours for 140 euros.
  json RequestService(const std::string& token) {
    return Expect(201, token, "/services",
                  {{"provider_member_id", Str(atelier_)},
                   {"beneficiary_member_id", Str(recyclerie_)},
                   {"what", "Réparation de 10 vélos"},
                   {"hours", "3,5"},
                   {"amount", "140"}});
  }

  // recyclerie places Marie Dupont with atelier, from 1 March 2026 to 30 June 2026, at 25 euros an hour.
  json CreatePlacement() {
    return Expect(201, coordinator_, "/placements",
                  {{"employer_member_id", Str(recyclerie_)},
                   {"host_member_id", Str(atelier_)},
                   {"person", "Marie Dupont"},
                   {"starts_on", "2026-03-01"},
                   {"ends_on", "2026-06-30"},
                   {"weekly_hours", "35"},
                   {"hourly_cost_cents", 2500}});
  }

  json RequestAdvance(const std::string& amount, int installments = 2) {
    const Date due = AddDays(TodayInParis(), 30);
    return Expect(201, recyclerie_user_, "/advances",
                  {{"lender_member_id", ""},
                   {"borrower_member_id", Str(recyclerie_)},
                   {"amount", amount},
                   {"purpose", "Achat d'un camion"},
                   {"installments", std::to_string(installments)},
                   {"first_due_on", FormatIsoDate(due)}});
  }
};

// ---- services ----------------------------------------------------------------------------

TEST_P(PoolingLedgerTest, Service_RequestAgreeDeliverByTheParties) {
  auto requested = RequestService(recyclerie_user_);
  EXPECT_EQ(requested["status"], "requested");
  EXPECT_EQ(requested["amount_cents"], 14000);
  EXPECT_EQ(requested["hours_hundredths"], 350);
  EXPECT_EQ(requested["provider"]["name"], "Atelier Vélo");
  const std::string service = "/services/" + Id(requested);

  EXPECT_EQ(Expect(200, atelier_user_, service + "/agree", json::object())["status"], "agreed");
  const std::string today = FormatIsoDate(TodayInParis());
  auto delivered = Expect(200, atelier_user_, service + "/deliver", {{"delivered_on", today}});
  EXPECT_EQ(delivered["status"], "delivered");
  EXPECT_EQ(delivered["delivered_on"], today);

  auto list = Json(Get(observer_, "/services"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["status"], "delivered");
}

TEST_P(PoolingLedgerTest, Service_DeclineAndCancel) {
  auto first = RequestService(recyclerie_user_);
  EXPECT_EQ(Expect(200, atelier_user_, "/services/" + Id(first) + "/decline", json::object())["status"], "declined");
  auto second = RequestService(recyclerie_user_);
  EXPECT_EQ(Expect(200, recyclerie_user_, "/services/" + Id(second) + "/cancel", json::object())["status"],
            "cancelled");
  // Declined: nothing more can happen to it.
  EXPECT_EQ(Post(atelier_user_, "/services/" + Id(first) + "/agree", json::object()).status, 409);
}

TEST_P(PoolingLedgerTest, Service_AMemberActingForAnotherMemberIs403) {
  // recyclerie's user asks on behalf of traiteur.
  auto res = Post(recyclerie_user_, "/services",
                  {{"provider_member_id", Str(atelier_)}, {"beneficiary_member_id", Str(traiteur_)}, {"what", "x"}});
  EXPECT_EQ(res.status, 403) << res.body;
  // The beneficiary cannot agree in the provider's place.
  auto requested = RequestService(recyclerie_user_);
  EXPECT_EQ(Post(recyclerie_user_, "/services/" + Id(requested) + "/agree", json::object()).status, 403);
}

TEST_P(PoolingLedgerTest, Service_InvalidFieldsAre422NamingThem) {
  auto res = Post(coordinator_, "/services",
                  {{"provider_member_id", Str(recyclerie_)},
                   {"beneficiary_member_id", Str(recyclerie_)},
                   {"hours", "trois"},
                   {"amount", "12,345"}});
  ASSERT_EQ(res.status, 422) << res.body;
  auto fields = Fields(res);
  EXPECT_EQ(fields["hours"], "Nombre d’heures invalide.");
  EXPECT_TRUE(fields.contains("amount"));
  EXPECT_TRUE(fields.contains("what"));
  EXPECT_TRUE(fields.contains("provider_member_id"));
}

TEST_P(PoolingLedgerTest, Service_DeliverWithoutADateIs422AndMalformedJsonIs400) {
  auto requested = RequestService(recyclerie_user_);
  Expect(200, atelier_user_, "/services/" + Id(requested) + "/agree", json::object());
  auto res = Post(atelier_user_, "/services/" + Id(requested) + "/deliver", json::object());
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Fields(res).contains("delivered_on"));
  res = Post(atelier_user_, "/services/" + Id(requested) + "/deliver", {{"delivered_on", "31/02/2026"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Fields(res).contains("delivered_on"));
  res = app_.Api("POST", kApi + "/services", coordinator_, "{not json");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(Get(coordinator_, "/services/abc").status, 404);
}

// ---- refusals common to all -----------------------------------------------------------------

TEST_P(PoolingLedgerTest, ObserverWritesAre403) {
  auto service = RequestService(coordinator_);
  EXPECT_EQ(Post(observer_, "/services",
                 {{"provider_member_id", Str(atelier_)}, {"beneficiary_member_id", Str(recyclerie_)}, {"what", "x"}})
                .status,
            403);
  EXPECT_EQ(Post(observer_, "/services/" + Id(service) + "/agree", json::object()).status, 403);
  EXPECT_EQ(Post(observer_, "/placements", {{"employer_member_id", Str(atelier_)}}).status, 403);
  EXPECT_EQ(Post(observer_, "/advances", {{"borrower_member_id", Str(atelier_)}}).status, 403);
  EXPECT_EQ(Post(observer_, "/leases", {{"tenant_member_id", Str(atelier_)}}).status, 403);
  EXPECT_EQ(app_.Api("PUT", kApi + "/advances/exposure-limits/" + Str(atelier_), observer_, R"({"limit":"10"})").status,
            403);
  // Observers read.
  EXPECT_EQ(Get(observer_, "/services/" + Id(service)).status, 200);
  EXPECT_EQ(Get(observer_, "/placements").status, 200);
  EXPECT_EQ(Get(observer_, "/advances").status, 200);
  EXPECT_EQ(Get(observer_, "/leases").status, 200);
}

TEST_P(PoolingLedgerTest, AnotherHubsIdsAre404) {
  auto service = RequestService(coordinator_);
  auto placement = CreatePlacement();
  auto advance = RequestAdvance("100");
  auto lease = Expect(201, coordinator_, "/leases",
                      {{"tenant_member_id", Str(atelier_)}, {"space", "Bureau 1"}, {"monthly_rent", "100"},
                       {"starts_on", "2026-01-01"}});
  // The other hub's coordinator, in its own hub, with this hub's ids.
  auto other = [&](const std::string& method, const std::string& path) {
    return app_.Api(method, kOtherApi + path, other_coordinator_, method == "GET" ? "" : "{}");
  };
  EXPECT_EQ(other("GET", "/services/" + Id(service)).status, 404);
  EXPECT_EQ(other("POST", "/services/" + Id(service) + "/agree").status, 404);
  EXPECT_EQ(other("GET", "/placements/" + Id(placement)).status, 404);
  EXPECT_EQ(other("GET", "/placements/" + Id(placement) + "/months").status, 404);
  EXPECT_EQ(other("GET", "/advances/" + Id(advance)).status, 404);
  EXPECT_EQ(other("POST", "/advances/" + Id(advance) + "/approve").status, 404);
  EXPECT_EQ(other("GET", "/leases/" + Id(lease)).status, 404);
  // This hub's address with the other hub's token: the hub itself is not found.
  EXPECT_EQ(app_.Api("GET", kApi + "/services", other_coordinator_).status, 404);
  // A member of the other hub cannot be a party here.
  auto res = Post(coordinator_, "/services",
                  {{"provider_member_id", Str(nordiste_)}, {"beneficiary_member_id", Str(recyclerie_)}, {"what", "x"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(Fields(res)["provider_member_id"], "Choisissez une structure membre active du pôle.");
}

// ---- placements ----------------------------------------------------------------------------

TEST_P(PoolingLedgerTest, Placement_DeclareThenValidateChargesAtCost) {
  auto placement = CreatePlacement();
  EXPECT_EQ(placement["hourly_cost_cents"], 2500);
  EXPECT_EQ(placement["weekly_hours_hundredths"], 3500);
  const std::string path = "/placements/" + Id(placement);
  auto declared = Expect(200, recyclerie_user_, path + "/declare", {{"month", "2026-04"}, {"hours", "120,5"}});
  EXPECT_EQ(declared["hours_hundredths"], 12050);
  EXPECT_EQ(declared["validated"], false);
  // The employer cannot validate its own declaration; the host does.
  EXPECT_EQ(Post(recyclerie_user_, path + "/validate", {{"month", "2026-04"}}).status, 403);
  auto validated = Expect(200, atelier_user_, path + "/validate", {{"month", "2026-04"}});
  EXPECT_EQ(validated["validated"], true);
  EXPECT_EQ(validated["charge_cents"], 301250);  // 120,5 h x 25 euros
  auto months = Json(Get(observer_, path + "/months"));
  ASSERT_EQ(months["items"].size(), 1u);
  EXPECT_EQ(months["items"][0]["month"], "2026-04");
  // Validated: no more declarations for that month.
  EXPECT_EQ(Post(recyclerie_user_, path + "/declare", {{"month", "2026-04"}, {"hours", "10"}}).status, 409);
}

TEST_P(PoolingLedgerTest, Placement_HoursOutsideThePlacementAre422) {
  auto placement = CreatePlacement();
  const std::string path = "/placements/" + Id(placement);
  auto res = Post(recyclerie_user_, path + "/declare", {{"month", "2026-08"}, {"hours", "10"}});
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(Fields(res)["month"], "Ce mois est hors de la période de mise à disposition.");
  res = Post(recyclerie_user_, path + "/declare", {{"month", "2026-04"}, {"hours", "1000"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Fields(res).contains("hours"));
  res = Post(recyclerie_user_, path + "/declare", {{"month", "2026-13"}, {"hours", "10"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Fields(res).contains("month"));
}

TEST_P(PoolingLedgerTest, Placement_AMemberCreatesForItselfOnly) {
  auto res = Post(atelier_user_, "/placements",
                  {{"employer_member_id", Str(recyclerie_)}, {"host_member_id", Str(atelier_)}, {"person", "X"},
                   {"starts_on", "2026-03-01"}, {"weekly_hours", "10"}, {"hourly_cost", "20"}});
  EXPECT_EQ(res.status, 403) << res.body;
}

// ---- advances ------------------------------------------------------------------------------

TEST_P(PoolingLedgerTest, Advance_ApproveScheduleAndRepay) {
  auto advance = RequestAdvance("500");
  EXPECT_EQ(advance["status"], "requested");
  EXPECT_EQ(advance["lender"]["is_hub"], true);
  const std::string path = "/advances/" + Id(advance);
  // The hub lends: only coordinators decide.
  EXPECT_EQ(Post(recyclerie_user_, path + "/approve", json::object()).status, 403);
  auto approved = Expect(200, coordinator_, path + "/approve", json::object());
  EXPECT_EQ(approved["status"], "approved");
  ASSERT_EQ(approved["schedule"].size(), 2u);
  EXPECT_EQ(approved["schedule"][0]["amount_cents"], 25000);
  EXPECT_EQ(approved["outstanding_cents"], 50000);
  auto repaid = Expect(201, coordinator_, path + "/repayments",
                       {{"paid_on", FormatIsoDate(TodayInParis())}, {"amount_cents", 10000}});
  EXPECT_EQ(repaid["outstanding_cents"], 40000);
  ASSERT_EQ(repaid["repayments"].size(), 1u);
  // More than outstanding is refused, naming the field.
  auto res = Post(coordinator_, path + "/repayments", {{"paid_on", FormatIsoDate(TodayInParis())}, {"amount", "1000"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(Fields(res)["amount"], "Ce montant dépasse le restant dû.");
}

TEST_P(PoolingLedgerTest, Advance_ExposureLimitRefusesTheApprovalWith422) {
  auto limit = app_.Api("PUT", kApi + "/advances/exposure-limits/" + Str(recyclerie_), coordinator_,
                        R"({"limit":"300"})");
  ASSERT_EQ(limit.status, 200) << limit.body;
  EXPECT_EQ(Json(limit)["limit_cents"], 30000);
  EXPECT_EQ(Json(Get(coordinator_, "/advances/exposure-limits/" + Str(recyclerie_)))["limit_cents"], 30000);
  auto advance = RequestAdvance("500");
  auto res = Post(coordinator_, "/advances/" + Id(advance) + "/approve", json::object());
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(Fields(res)["amount"], "L’emprunteur dépasserait son plafond d’encours.");
  // Within the limit it passes.
  auto small = RequestAdvance("250");
  EXPECT_EQ(Expect(200, coordinator_, "/advances/" + Id(small) + "/approve", json::object())["status"], "approved");
  // Members do not set limits; a malformed limit names the field.
  EXPECT_EQ(app_.Api("PUT", kApi + "/advances/exposure-limits/" + Str(recyclerie_), recyclerie_user_,
                     R"({"limit":"900"})")
                .status,
            403);
  auto bad = app_.Api("PUT", kApi + "/advances/exposure-limits/" + Str(recyclerie_), coordinator_, R"({"limit":"abc"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Fields(bad).contains("limit"));
}

TEST_P(PoolingLedgerTest, Advance_AMemberBorrowsForItselfOnly) {
  auto res = Post(recyclerie_user_, "/advances",
                  {{"borrower_member_id", Str(traiteur_)}, {"amount", "100"}, {"installments", "1"},
                   {"first_due_on", FormatIsoDate(AddDays(TodayInParis(), 30))}});
  EXPECT_EQ(res.status, 403) << res.body;
}

// ---- leases --------------------------------------------------------------------------------

TEST_P(PoolingLedgerTest, Lease_CreateListAndEditWithVersion) {
  const Date today = TodayInParis();
  auto lease = Expect(201, coordinator_, "/leases",
                      {{"tenant_member_id", Str(atelier_)},
                       {"space", "Bureau 12, 1er étage"},
                       {"monthly_rent", "450,00"},
                       {"starts_on", FormatIsoDate(Date{today.year, today.month, 1})},
                       {"ends_on", FormatIsoDate(AddDays(today, 20))},
                       {"precarious", true}});
  EXPECT_EQ(lease["precarious"], true);
  EXPECT_EQ(lease["monthly_rent_cents"], 45000);
  EXPECT_TRUE(lease.contains("rent_due_this_month_cents"));
  auto list = Json(Get(observer_, "/leases"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["month"], MonthText(today));

  auto updated = app_.Api("PATCH", kApi + "/leases/" + Id(lease), coordinator_,
                          json{{"version", lease["version"]}, {"monthly_rent_cents", 50000}}.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Json(updated)["monthly_rent_cents"], 50000);
  EXPECT_EQ(Json(updated)["space"], "Bureau 12, 1er étage");
  // The same stale version again: 409.
  auto stale = app_.Api("PATCH", kApi + "/leases/" + Id(lease), coordinator_,
                        json{{"version", lease["version"]}, {"monthly_rent", "10"}}.dump());
  EXPECT_EQ(stale.status, 409);
  auto missing = app_.Api("PATCH", kApi + "/leases/" + Id(lease), coordinator_, R"({"monthly_rent":"10"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(Fields(missing).contains("version"));
  // Members do not create leases.
  EXPECT_EQ(Post(atelier_user_, "/leases",
                 {{"tenant_member_id", Str(atelier_)}, {"space", "x"}, {"monthly_rent", "1"}, {"starts_on", "2026-01-01"}})
                .status,
            403);
}

TEST_P(PoolingLedgerTest, Lease_PageShowsThePrecariousFlagAndTheEndingSoonBadge) {
  const Date today = TodayInParis();
  Expect(201, coordinator_, "/leases",
         {{"tenant_member_id", Str(atelier_)}, {"space", "Atelier <b>bois</b>"}, {"monthly_rent", "300"},
          {"starts_on", "2026-01-01"}, {"ends_on", FormatIsoDate(AddDays(today, 30))}, {"precarious", "1"}});
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/leases");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "précaire"));
  EXPECT_TRUE(Contains(page.body, "fin dans moins de 60 jours"));
  EXPECT_TRUE(Contains(page.body, "300,00\u00a0€"));
  EXPECT_TRUE(Contains(page.body, "Atelier &lt;b&gt;bois&lt;/b&gt;"));
  EXPECT_FALSE(Contains(page.body, "<b>bois</b>"));
  EXPECT_EQ(browser.Get(kPages + "/leases/new").status, 200);
}

// ---- pages ---------------------------------------------------------------------------------

TEST_P(PoolingLedgerTest, Pages_EveryLedgerPageAnswersWithTheSubNavigation) {
  auto placement = CreatePlacement();
  auto advance = RequestAdvance("100");
  Browser browser = SignedIn("coord@a.fr");
  const std::vector<std::string> paths = {"/services", "/placements", "/placements/" + Id(placement), "/advances",
                                          "/advances/" + Id(advance), "/leases", "/statements", "/balance",
                                          "/settings"};
  for (const auto& path : paths) {
    auto res = browser.Get(kPages + path);
    EXPECT_EQ(res.status, 200) << path << ": " << res.body.substr(0, 300);
    EXPECT_TRUE(Contains(res.body, "class=\"ledger-nav no-print\"")) << path;
  }
  EXPECT_EQ(browser.Get(kPages + "/placements/999999").status, 404);
}

TEST_P(PoolingLedgerTest, Pages_ServiceFormWith422KeepsTheInputEscaped) {
  Browser browser = SignedIn("recyclerie@a.fr");
  ASSERT_EQ(browser.Get(kPages + "/services").status, 200);  // the form, and the session's CSRF token
  auto res = browser.PostForm(kPages + "/services", {{"provider_member_id", Str(atelier_)},
                                                     {"beneficiary_member_id", Str(recyclerie_)},
                                                     {"what", "<script>alert(1)</script>"},
                                                     {"hours", "beaucoup"},
                                                     {"amount", "10"}});
  ASSERT_EQ(res.status, 422);
  EXPECT_TRUE(Contains(res.body, "id=\"f-hours-error\""));
  EXPECT_TRUE(Contains(res.body, "value=\"beaucoup\""));
  EXPECT_TRUE(Contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(Contains(res.body, "<script>alert(1)</script>"));
}

TEST_P(PoolingLedgerTest, Pages_ButtonsShowOnlyToWhoMayAct) {
  auto requested = RequestService(recyclerie_user_);
  const std::string agree = "/services/" + Id(requested) + "/agree";
  Browser provider = SignedIn("atelier@a.fr");
  auto page = provider.Get(kPages + "/services");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, agree));
  Browser beneficiary = SignedIn("recyclerie@a.fr");
  page = beneficiary.Get(kPages + "/services");
  EXPECT_FALSE(Contains(page.body, agree));
  EXPECT_TRUE(Contains(page.body, "/services/" + Id(requested) + "/cancel"));
  Browser observer = SignedIn("obs@a.fr");
  page = observer.Get(kPages + "/services");
  EXPECT_FALSE(Contains(page.body, "/cancel\""));
  EXPECT_FALSE(Contains(page.body, "id=\"h-request\""));
  // The provider agrees through the page and comes back with a notice.
  auto res = provider.PostForm(kPages + agree, {});
  EXPECT_EQ(res.status, 303);
  EXPECT_TRUE(Contains(res.Header("location"), "notice=ledger_agreed"));
  EXPECT_EQ(Json(Get(coordinator_, "/services/" + Id(requested)))["status"], "agreed");
}

TEST_P(PoolingLedgerTest, Pages_PlacementDeclareAndValidate) {
  auto placement = CreatePlacement();
  const std::string path = kPages + "/placements/" + Id(placement);
  Browser employer = SignedIn("recyclerie@a.fr");
  ASSERT_EQ(employer.Get(path).status, 200);
  auto res = employer.PostForm(path + "/declare", {{"month", "2026-09"}, {"hours", "10"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Contains(res.body, "id=\"f-month-error\""));
  res = employer.PostForm(path + "/declare", {{"month", "2026-05"}, {"hours", "10"}});
  EXPECT_EQ(res.status, 303);
  Browser host = SignedIn("atelier@a.fr");
  auto page = host.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "name=\"month\" value=\"2026-05\""));
  res = host.PostForm(path + "/validate", {{"month", "2026-05"}});
  EXPECT_EQ(res.status, 303);
  page = host.Get(path);
  EXPECT_TRUE(Contains(page.body, "250,00\u00a0€"));
}

TEST_P(PoolingLedgerTest, Pages_ExposureLimitRefusalShowsOnTheAdvance) {
  ASSERT_EQ(app_.Api("PUT", kApi + "/advances/exposure-limits/" + Str(recyclerie_), coordinator_, R"({"limit":"50"})")
                .status,
            200);
  auto advance = RequestAdvance("100");
  Browser browser = SignedIn("coord@a.fr");
  ASSERT_EQ(browser.Get(kPages + "/advances/" + Id(advance)).status, 200);
  auto res = browser.PostForm(kPages + "/advances/" + Id(advance) + "/approve", {});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(Contains(res.body, "L’emprunteur dépasserait son plafond d’encours."));
  // Setting a limit through the page.
  res = browser.PostForm(kPages + "/advances/exposure-limit", {{"limit_member_id", Str(recyclerie_)}, {"limit", "2 000"}});
  EXPECT_EQ(res.status, 303) << res.body.substr(0, 500);
  EXPECT_EQ(Json(Get(coordinator_, "/advances/exposure-limits/" + Str(recyclerie_)))["limit_cents"], 200000);
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingLedgerTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::ledger_test
