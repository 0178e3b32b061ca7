// Importing members from CSV over real HTTP: the API (raw text/csv body) and the HTML
// import page (multipart upload with its CSRF field).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "member_test_support.h"

namespace coopole::testing::members_test {
namespace {

const std::string kImportApi = kMembersApi + "/import";

class MembersImportTest : public MembersTest {
 protected:
  HttpResponse Import(const std::string& csv, const std::string& query = "",
                      const std::string& content_type = "text/csv; charset=utf-8") {
    HttpRequest req{"POST",
                    kImportApi + (query.empty() ? "" : "?" + query),
                    {{"Authorization", "Bearer " + coordinator_}, {"Content-Type", content_type}},
                    csv};
    return Send(app_.port(), req);
  }

  long long Total() { return Json(List("include_archived=true"))["total"].get<long long>(); }

  // Three valid rows as Excel FR saves them: ';', French headers, decimal comma.
  std::string ValidCsv() const {
    return "Nom;SIRET;Forme juridique;Code INSEE;ETP;Date d'adhésion\r\n"
           "Atelier Vélo;" +
           Siret("7328293200007") +
           ";SCIC;38185;2,5;15/03/2024\r\n"
           "Régie de quartier;;association;69123;;\r\n"
           "Coop Bois;" +
           Siret("4420309850001") + ";scop;38053;12;\r\n";
  }
};

TEST_P(MembersImportTest, DryRunReportsWhatWouldHappenAndWritesNothing) {
  auto res = Import(ValidCsv(), "dry_run=true");
  ASSERT_EQ(res.status, 200) << res.body;
  auto report = Json(res);
  EXPECT_EQ(report["rows"], 3);
  EXPECT_EQ(report["created"], 3);
  EXPECT_EQ(report["applied"], false);
  EXPECT_EQ(Total(), 0);
}

TEST_P(MembersImportTest, OneBadRowIs422NamingLineAndColumnAndWritesNothing) {
  const std::string csv =
      "Nom;SIRET;Forme juridique;Code INSEE\n"
      "Atelier Vélo;;scic;38185\n"
      "Coop Bois;" +
      WithBadCheckDigit(Siret("4420309850001")) +
      ";scop;38053\n"
      "Régie;;association;69123\n";
  auto res = Import(csv);
  ASSERT_EQ(res.status, 422) << res.body;
  auto report = Json(res);
  EXPECT_EQ(report["applied"], false);
  ASSERT_EQ(report["issues"].size(), 1u) << res.body;
  EXPECT_EQ(report["issues"][0]["line"], 3);
  EXPECT_EQ(report["issues"][0]["column"], "SIRET");
  EXPECT_EQ(report["issues"][0]["field"], "siret");
  EXPECT_EQ(Total(), 0);
}

TEST_P(MembersImportTest, ValidFileCreatesEveryRow) {
  auto res = Import(ValidCsv());
  ASSERT_EQ(res.status, 200) << res.body;
  auto report = Json(res);
  EXPECT_EQ(report["created"], 3);
  EXPECT_EQ(report["updated"], 0);
  EXPECT_EQ(report["applied"], true);
  EXPECT_EQ(Total(), 3);
  auto found = Json(List("q=velo"))["items"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["legal_form"], "scic");
  EXPECT_EQ(found[0]["fte"], 2.5);
  EXPECT_EQ(found[0]["join_date"], "2024-03-15");
  EXPECT_EQ(found[0]["commune"]["name"], "Grenoble");
}

TEST_P(MembersImportTest, SameFileAgainUpdatesInsteadOfDuplicating) {
  ASSERT_EQ(Import(ValidCsv()).status, 200);
  auto res = Import(ValidCsv());
  ASSERT_EQ(res.status, 200) << res.body;
  auto report = Json(res);
  EXPECT_EQ(report["created"], 0);
  EXPECT_EQ(report["updated"], 3);
  EXPECT_EQ(report["applied"], true);
  EXPECT_EQ(Total(), 3);
}

TEST_P(MembersImportTest, Windows1252FileWithCommasIsRead) {
  // "Économie Solidaire" and "Scène ouverte" in Windows-1252 (É = C9, è = E8), ',' delimited.
  const std::string csv =
      "Nom,Forme juridique,Code INSEE,Coll\xE8ge\r\n"
      "\xC9"
      "conomie Solidaire,association,38185,Fondateurs\r\n"
      "Sc\xE8ne ouverte,\"Soci\xE9t\xE9 coop\xE9rative d'int\xE9r\xEAt collectif\",69123,\r\n";
  auto res = Import(csv, "", "text/csv");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(Json(res)["created"], 2);
  auto found = Json(List("q=economie"))["items"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Économie Solidaire");
  EXPECT_EQ(found[0]["college"], "Fondateurs");
  auto scene = Json(List("q=scene"))["items"];
  ASSERT_EQ(scene.size(), 1u);
  EXPECT_EQ(scene[0]["name"], "Scène ouverte");
  EXPECT_EQ(scene[0]["legal_form"], "scic");
}

TEST_P(MembersImportTest, BodiesOver20MiBAre413) {
  std::string csv = "Nom;Forme juridique;Description\n";
  csv += "Énorme;association;" + std::string((20 << 20) - csv.size() + 1, 'x') + "\n";
  ASSERT_GT(csv.size(), static_cast<std::size_t>(20 << 20));
  auto res = Import(csv);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(Total(), 0);
}

TEST_P(MembersImportTest, BodiesOverTheDefault1MiBAreStillRead) {
  // A 2 MiB file reaches the importer (the route lifts the 1 MiB default): its one row
  // has a description over the 10 000-byte limit, so the report names that column.
  std::string csv = "Nom;Forme juridique;Description\n";
  csv += "Longue;association;" + std::string(2 << 20, 'x') + "\n";
  auto res = Import(csv, "dry_run=1");
  ASSERT_EQ(res.status, 422) << res.body.substr(0, 300);
  auto report = Json(res);
  ASSERT_EQ(report["issues"].size(), 1u);
  EXPECT_EQ(report["issues"][0]["column"], "Description");
}

TEST_P(MembersImportTest, NonCsvContentTypeIs415AndObserversAre403) {
  EXPECT_EQ(Import(ValidCsv(), "", "application/json").status, 415);
  HttpRequest req{
      "POST", kImportApi, {{"Authorization", "Bearer " + observer_}, {"Content-Type", "text/csv"}}, ValidCsv()};
  EXPECT_EQ(Send(app_.port(), req).status, 403);
  EXPECT_EQ(Total(), 0);
}

// Disabled: fails today. Rows without SIRET that name the same structure (same folded name
// and commune) are not reported as duplicates, unlike rows sharing a SIRET, although the
// "import.duplicate" message says "même SIRET, ou même nom et même commune":
// MemberIndex::ByName skips members already matched, so the second row creates a second
// member (in a new hub: two members "Jumeaux"; against an existing member: the first row
// updates it and the second creates "ATELIER VELO" beside it). Enable once decided/fixed.
TEST_P(MembersImportTest, RowsNamingTheSameStructureTwiceAreReportedAsDuplicates) {
  CreateMember({{"name", "Atelier Vélo"}, {"legal_form", "scic"}, {"commune_insee", "38185"}});
  const std::string csv =
      "Nom;Forme juridique;Code INSEE\n"
      "Atelier Vélo;scic;38185\n"
      "ATELIER VELO;scop;38185\n"
      "Jumeaux;association;69123\n"
      "Jumeaux;association;69123\n";
  auto res = Import(csv);
  ASSERT_EQ(res.status, 422) << res.body;
  auto issues = Json(res)["issues"];
  ASSERT_EQ(issues.size(), 2u) << res.body;
  EXPECT_EQ(issues[0]["line"], 3);
  EXPECT_EQ(issues[0]["code"], "import.duplicate");
  EXPECT_EQ(issues[1]["line"], 5);
  EXPECT_EQ(issues[1]["code"], "import.duplicate");
  EXPECT_EQ(Total(), 1);
}

// ---- the HTML import page ---------------------------------------------------------------

TEST_P(MembersImportTest, ImportPageMultipartUploadCreatesMembersForACoordinator) {
  Browser browser = SignedInCoordinator();
  auto form = browser.Get(kMembersPage + "/import");
  ASSERT_EQ(form.status, 200);
  ASSERT_FALSE(browser.csrf().empty());
  auto res = browser.Request({"POST",
                              kMembersPage + "/import",
                              {{"Content-Type", Multipart::ContentType()}},
                              Multipart::Body({{"csrf", browser.csrf()}}, "membres.csv", ValidCsv())});
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 500);
  EXPECT_TRUE(Contains(res.body, "Les lignes ont été enregistrées dans l’annuaire.")) << res.body;
  EXPECT_EQ(Total(), 3);
}

TEST_P(MembersImportTest, ImportPageDryRunBoxWritesNothing) {
  Browser browser = SignedInCoordinator();
  browser.Get(kMembersPage + "/import");
  auto res =
      browser.Request({"POST",
                       kMembersPage + "/import",
                       {{"Content-Type", Multipart::ContentType()}},
                       Multipart::Body({{"csrf", browser.csrf()}, {"dry_run", "1"}}, "membres.csv", ValidCsv())});
  ASSERT_EQ(res.status, 200) << res.body.substr(0, 500);
  EXPECT_TRUE(Contains(res.body, "Vérification réussie"));
  EXPECT_EQ(Total(), 0);
}

TEST_P(MembersImportTest, ImportPageMultipartWithoutCsrfIs403) {
  Browser browser = SignedInCoordinator();
  browser.Get(kMembersPage + "/import");
  auto res = browser.Request({"POST",
                              kMembersPage + "/import",
                              {{"Content-Type", Multipart::ContentType()}},
                              Multipart::Body({}, "membres.csv", ValidCsv())});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(Total(), 0);
}

INSTANTIATE_TEST_SUITE_P(Databases, MembersImportTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::members_test
