// The member pages over real HTTP with a signed-in browser: forms that come back with the
// user's input, the htmx results fragment, and the CSV and XLSX exports.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "coopole/tabular/tabular.h"
#include "member_test_support.h"

namespace coopole::testing::members_test {
namespace {

using nlohmann::json;

class MembersPagesTest : public MembersTest {};

TEST_P(MembersPagesTest, CreateFormWith422KeepsEveryTypedValue) {
  Browser browser = SignedInCoordinator();
  ASSERT_EQ(browser.Get(kMembersPage + "/new").status, 200);
  const std::string bad_siret = WithBadCheckDigit(Siret("7328293200007"));
  auto res = browser.PostForm(kMembersPage, {{"name", "Atelier Vélo & Cie"},
                                             {"siret", bad_siret},
                                             {"legal_form", "scic"},
                                             {"is_ess", "1"},
                                             {"insertion_type", "aci"},
                                             {"sectors", "88.99B, 94.99Z"},
                                             {"commune_insee", "38185"},
                                             {"priority_area", "1"},
                                             {"fte", "2,5"},
                                             {"insertion_headcount", "7"},
                                             {"join_date", "2024-03-15"},
                                             {"college", "Fondateurs"},
                                             {"charter_accepted_on", "2024-04-01"},
                                             {"website", "https://atelier-velo.fr"},
                                             {"email", "contact@atelier-velo.fr"},
                                             {"phone", "04 76 00 00 00"},
                                             {"address", "3 rue des Arts\n38000 Grenoble"},
                                             {"description", "Réparation de vélos"}});
  ASSERT_EQ(res.status, 422);
  const std::string& page = res.body;
  EXPECT_TRUE(Contains(page, "id=\"f-siret-error\""));
  EXPECT_TRUE(Contains(page, "name=\"name\" value=\"Atelier Vélo &amp; Cie\""));
  EXPECT_TRUE(Contains(page, "name=\"siret\" value=\"" + bad_siret + "\""));
  EXPECT_TRUE(Contains(page, "<option value=\"scic\" selected>"));
  EXPECT_TRUE(Contains(page, "<option value=\"aci\" selected>"));
  EXPECT_TRUE(Contains(page, "name=\"is_ess\" value=\"1\" checked"));
  EXPECT_TRUE(Contains(page, "name=\"priority_area\" value=\"1\" checked"));
  EXPECT_TRUE(Contains(page, "name=\"sectors\" value=\"88.99B, 94.99Z\""));
  EXPECT_TRUE(Contains(page, "name=\"commune_insee\" value=\"38185\""));
  EXPECT_TRUE(Contains(page, "name=\"fte\" value=\"2,5\""));
  EXPECT_TRUE(Contains(page, "name=\"insertion_headcount\" value=\"7\""));
  EXPECT_TRUE(Contains(page, "name=\"join_date\" value=\"2024-03-15\""));
  EXPECT_TRUE(Contains(page, "name=\"charter_accepted_on\" value=\"2024-04-01\""));
  EXPECT_TRUE(Contains(page, "name=\"college\" value=\"Fondateurs\""));
  EXPECT_TRUE(Contains(page, "name=\"website\" value=\"https://atelier-velo.fr\""));
  EXPECT_TRUE(Contains(page, "name=\"email\" value=\"contact@atelier-velo.fr\""));
  EXPECT_TRUE(Contains(page, "name=\"phone\" value=\"04 76 00 00 00\""));
  EXPECT_TRUE(Contains(page, ">3 rue des Arts\n38000 Grenoble</textarea>"));
  EXPECT_TRUE(Contains(page, ">Réparation de vélos</textarea>"));
  EXPECT_EQ(Json(List())["total"], 0);
}

TEST_P(MembersPagesTest, EditWithAStaleVersionComesBackWith409TheStaleMessageAndTheInput) {
  auto member = CreateMember({{"name", "Atelier"}});
  const std::string href = kMembersPage + "/" + std::to_string(member["id"].get<long long>());
  Browser browser = SignedInCoordinator();
  ASSERT_EQ(browser.Get(href + "/edit").status, 200);
  // Someone else saves first.
  ASSERT_EQ(app_.Api("PATCH", MemberApi(member), coordinator_, R"({"college":"Usagers","version":1})").status, 200);
  auto res = browser.PostForm(href, {{"version", "1"},
                                     {"name", "Atelier renommé"},
                                     {"legal_form", "association"},
                                     {"college", "Salariés"},
                                     {"description", "Ma saisie"}});
  ASSERT_EQ(res.status, 409);
  EXPECT_TRUE(Contains(res.body, "Quelqu’un d’autre a modifié cette fiche entre-temps.")) << res.body;
  EXPECT_TRUE(Contains(res.body, "name=\"name\" value=\"Atelier renommé\""));
  EXPECT_TRUE(Contains(res.body, "name=\"college\" value=\"Salariés\""));
  EXPECT_TRUE(Contains(res.body, ">Ma saisie</textarea>"));
  // The form now carries the current version, so saving again is a knowing overwrite.
  EXPECT_TRUE(Contains(res.body, "name=\"version\" value=\"2\""));
  auto current = Json(app_.Api("GET", MemberApi(member), coordinator_));
  EXPECT_EQ(current["name"], "Atelier");
  EXPECT_EQ(current["college"], "Usagers");
}

TEST_P(MembersPagesTest, EditWithTheCurrentVersionRedirectsToTheRecord) {
  auto member = CreateMember({{"name", "Atelier"}});
  const std::string href = kMembersPage + "/" + std::to_string(member["id"].get<long long>());
  Browser browser = SignedInCoordinator();
  browser.Get(href + "/edit");
  auto res = browser.PostForm(href, {{"version", "1"}, {"name", "Atelier renommé"}, {"legal_form", "association"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 300);
  EXPECT_EQ(res.Header("location"), href + "?notice=saved");
  EXPECT_EQ(Json(app_.Api("GET", MemberApi(member), coordinator_))["name"], "Atelier renommé");
}

TEST_P(MembersPagesTest, HubHomeShowsTheDirectoryInFiguresWithItsChartData) {
  CreateMember({{"name", "Atelier"}, {"legal_form", "scop"}, {"is_ess", true}});
  CreateMember({{"name", "Jardin"}, {"legal_form", "scop"}});
  Browser browser = SignedInCoordinator();
  auto home = browser.Get("/hubs/pole-a");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("L’annuaire en chiffres"), std::string::npos);
  EXPECT_NE(home.body.find("<td class=\"num\">2</td>"), std::string::npos);  // two SCOP
  // The chart's data travels escaped in an attribute, read by static/js/charts.js.
  EXPECT_NE(home.body.find("data-chart=\"{&quot;labels&quot;:[&quot;SCOP&quot;],&quot;values&quot;:[2]}\""),
            std::string::npos);
}

// Directory rows are kept rendered per member version (row_cache.h): an edit, an archive or
// a new hub slug must show at once.
TEST_P(MembersPagesTest, DirectoryRowsFollowEditsArchivingAndTheHubSlug) {
  auto member = CreateMember({{"name", "Atelier Bleu"}});
  Browser browser = SignedInCoordinator();
  EXPECT_NE(browser.Get(kMembersPage).body.find("Atelier Bleu"), std::string::npos);
  auto patched = app_.Api("PATCH", MemberApi(member), coordinator_, R"({"name":"Atelier Vert","version":1})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto after_edit = browser.Get(kMembersPage).body;
  EXPECT_EQ(after_edit.find("Atelier Bleu"), std::string::npos);
  EXPECT_NE(after_edit.find("Atelier Vert"), std::string::npos);
  ASSERT_EQ(app_.Api("POST", MemberApi(member) + "/archive", coordinator_, "{}").status, 200);
  EXPECT_EQ(browser.Get(kMembersPage).body.find("Atelier Vert"), std::string::npos);
  auto archived = browser.Get(kMembersPage + "?include_archived=1").body;
  EXPECT_NE(archived.find("Atelier Vert"), std::string::npos);
  EXPECT_NE(archived.find("class=\"archived\""), std::string::npos);
  ASSERT_EQ(app_.Api("PATCH", "/api/v1/hubs/pole-a", coordinator_, R"({"slug":"pole-z","version":1})").status, 200);
  auto moved = browser.Get("/hubs/pole-z/members?include_archived=1").body;
  EXPECT_NE(moved.find("href=\"/hubs/pole-z/members/"), std::string::npos);
  EXPECT_EQ(moved.find("href=\"/hubs/pole-a/members/"), std::string::npos);
}

TEST_P(MembersPagesTest, HtmxDirectoryRequestGetsOnlyTheResultsFragment) {
  CreateMember({{"name", "Atelier Vélo"}});
  CreateMember({{"name", "Coop Bois"}});
  Browser browser = SignedInCoordinator();
  auto full = browser.Get(kMembersPage + "?q=velo");
  ASSERT_EQ(full.status, 200);
  EXPECT_TRUE(Contains(full.body, "<html"));
  EXPECT_TRUE(Contains(full.body, "id=\"members-results\""));
  auto fragment = browser.Get(kMembersPage + "?q=velo", {{"HX-Request", "true"}});
  ASSERT_EQ(fragment.status, 200);
  EXPECT_FALSE(Contains(fragment.body, "<html"));
  EXPECT_FALSE(Contains(fragment.body, "<body"));
  EXPECT_FALSE(Contains(fragment.body, "role=\"search\""));
  EXPECT_TRUE(Contains(fragment.body, "Atelier Vélo"));
  EXPECT_FALSE(Contains(fragment.body, "Coop Bois"));
  EXPECT_TRUE(Contains(fragment.body, "export.csv?q=velo"));
  EXPECT_TRUE(Contains(fragment.Header("vary"), "HX-Request"));
}

TEST_P(MembersPagesTest, HtmxHistoryRestoreGetsTheWholePage) {
  Browser browser = SignedInCoordinator();
  auto res = browser.Get(kMembersPage, {{"HX-Request", "true"}, {"HX-History-Restore-Request", "true"}});
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(Contains(res.body, "<html"));
}

TEST_P(MembersPagesTest, CsvExportOfAFilteredListHasOnlyTheFilteredRows) {
  CreateMember({{"name", "Atelier Vélo"}, {"legal_form", "scic"}});
  CreateMember({{"name", "Coop Bois"}, {"legal_form", "scop"}});
  CreateMember({{"name", "Ressourcerie"}, {"legal_form", "association"}});
  Browser browser = SignedInCoordinator();
  auto res = browser.Get(kMembersPage + "/export.csv?legal_form=scic&legal_form=scop");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.Header("content-type").rfind("text/csv", 0), 0u) << res.Header("content-type");
  const std::string disposition = res.Header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment", 0), 0u) << disposition;
  EXPECT_TRUE(Contains(disposition, "filename=\"membres-pole-a-")) << disposition;
  EXPECT_TRUE(Contains(disposition, ".csv\"")) << disposition;
  auto table = tabular::ReadCsv(res.body);
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::vector<std::string> names;
  for (const auto& row : table->rows) names.push_back(row[0]);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Atelier Vélo", "Coop Bois"}));
}

TEST_P(MembersPagesTest, XlsxExportHasTheSpreadsheetContentType) {
  CreateMember({{"name", "Atelier Vélo"}, {"join_date", "2024-03-15"}, {"fte", "2,5"}});
  Browser browser = SignedInCoordinator();
  auto res = browser.Get(kMembersPage + "/export.xlsx");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(Contains(res.Header("content-disposition"), ".xlsx\""));
  EXPECT_EQ(res.body.substr(0, 2), "PK");
}

INSTANTIATE_TEST_SUITE_P(Databases, MembersPagesTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::members_test
