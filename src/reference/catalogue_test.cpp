#include "coopole/reference/catalogue.h"

#include <gtest/gtest.h>

#include "test_paths.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace coopole::reference {
namespace {

namespace fs = std::filesystem;

// The real data, built by `node scripts/build-reference.mjs build/reference` (make assets),
// found through coopole::testing::ReferenceDir(): $COOPOLE_REFERENCE_DIR, else
// $COOPOLE_SOURCE_DIR/build/reference.
class RealCatalogue : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      catalogue_ = Catalogue::LoadFrom(coopole::testing::ReferenceDir());
    } catch (const std::exception& e) {
      load_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { catalogue_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(catalogue_) << load_error_ << " (run: node scripts/build-reference.mjs build/reference)";
  }
  static const Catalogue& cat() { return *catalogue_; }

  static inline std::shared_ptr<const Catalogue> catalogue_;
  static inline std::string load_error_;
};

TEST_F(RealCatalogue, FindCommune_LyonBelongsToMetropoleDeLyon) {
  const Commune* lyon = cat().FindCommune("69123");
  ASSERT_NE(lyon, nullptr);
  EXPECT_EQ(lyon->name, "Lyon");
  EXPECT_EQ(lyon->department, "69");
  EXPECT_EQ(lyon->region, "84");
  EXPECT_EQ(lyon->epci_siren, "200046977");
  EXPECT_EQ(lyon->epci_name, "Métropole de Lyon");
  EXPECT_NE(std::find(lyon->postal_codes.begin(), lyon->postal_codes.end(), "69001"), lyon->postal_codes.end());
  EXPECT_GT(lyon->population, 400000);
}

TEST_F(RealCatalogue, FindCommune_GrenobleBelongsToGrenobleAlpesMetropole) {
  const Commune* grenoble = cat().FindCommune("38185");
  ASSERT_NE(grenoble, nullptr);
  EXPECT_EQ(grenoble->name, "Grenoble");
  EXPECT_EQ(grenoble->epci_name, "Grenoble-Alpes-Métropole");
}

TEST_F(RealCatalogue, FindCommune_UnknownOrPastCodeIsNull) {
  EXPECT_EQ(cat().FindCommune("00000"), nullptr);
  EXPECT_EQ(cat().FindCommune(""), nullptr);
  EXPECT_EQ(cat().FindCommune("69381"), nullptr);  // Lyon 1er: a municipal arrondissement, not a commune
}

TEST_F(RealCatalogue, SearchCommunes_SaintEtienneWithoutAccentOrHyphenFindsItFirst) {
  auto found = cat().SearchCommunes("saint etienne", 10);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front()->insee, "42218");
  EXPECT_EQ(found.front()->name, "Saint-Étienne");
  EXPECT_LE(found.size(), 10u);
}

TEST_F(RealCatalogue, SearchCommunes_StAbbreviationReadsAsSaint) {
  auto found = cat().SearchCommunes("St Etienne", 3);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front()->insee, "42218");
}

TEST_F(RealCatalogue, SearchCommunes_PrefixRanksLargerCommunesFirst) {
  auto found = cat().SearchCommunes("GRENO", 5);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front()->insee, "38185");
}

TEST_F(RealCatalogue, SearchCommunes_ByPostalCodePrefix) {
  auto found = cat().SearchCommunes("6900", 3);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front()->insee, "69123");
}

TEST_F(RealCatalogue, SearchCommunes_BlankQueryOrZeroLimitFindsNothing) {
  EXPECT_TRUE(cat().SearchCommunes("  ", 10).empty());
  EXPECT_TRUE(cat().SearchCommunes("lyon", 0).empty());
}

TEST_F(RealCatalogue, FindNaf_DottedCodeHasFrenchLabel) {
  const NafCode* naf = cat().FindNaf("88.99B");
  ASSERT_NE(naf, nullptr);
  EXPECT_EQ(naf->code, "88.99B");
  EXPECT_EQ(naf->label, "Action sociale sans hébergement n.c.a.");
}

TEST_F(RealCatalogue, FindNaf_CompactLowercaseCodeNormalises) {
  EXPECT_EQ(cat().FindNaf("8899b"), cat().FindNaf("88.99B"));
  EXPECT_NE(cat().FindNaf("8899b"), nullptr);
}

TEST_F(RealCatalogue, FindNaf_UnknownCodeIsNull) {
  EXPECT_EQ(cat().FindNaf("99.99Z"), nullptr);
  EXPECT_EQ(cat().FindNaf("88.99"), nullptr);  // a class, not a sub-class
  EXPECT_EQ(cat().FindNaf(""), nullptr);
}

TEST_F(RealCatalogue, NafCodes_AreSubClassesOnlyInCodeOrder) {
  const auto& codes = cat().naf_codes();
  EXPECT_GT(codes.size(), 700u);
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end(),
                             [](const NafCode& a, const NafCode& b) { return a.code < b.code; }));
  for (const NafCode& c : codes) EXPECT_EQ(c.code.size(), 6u) << c.code;
}

TEST_F(RealCatalogue, SearchNaf_ByCodePrefixThenByLabelWords) {
  auto by_code = cat().SearchNaf("88.9", 10);
  ASSERT_FALSE(by_code.empty());
  EXPECT_EQ(by_code.front()->code, "88.91A");

  auto by_words = cat().SearchNaf("action sociale hebergement", 50);
  EXPECT_NE(std::find(by_words.begin(), by_words.end(), cat().FindNaf("88.99B")), by_words.end());
}

TEST_F(RealCatalogue, Epcis_SortedByNameAndIncludeMetropoleDeLyon) {
  auto epcis = cat().Epcis();
  EXPECT_GT(epcis.size(), 1000u);
  auto lyon = std::find_if(epcis.begin(), epcis.end(), [](const Epci& e) { return e.siren == "200046977"; });
  ASSERT_NE(lyon, epcis.end());
  EXPECT_EQ(lyon->name, "Métropole de Lyon");
}

// Small hand-made files for the failure contracts.
class FixtureDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("coopole_reference_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& file, const std::string& text) { std::ofstream(dir_ / file, std::ios::binary) << text; }
  std::string LoadError() {
    try {
      Catalogue::LoadFrom(dir_.string());
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(FixtureDir, LoadFrom_MissingFileThrowsNamingIt) {
  Write("naf.tsv", "88.99B\tAction sociale sans hébergement n.c.a.\n");
  EXPECT_NE(LoadError().find("communes.tsv"), std::string::npos);
}

TEST_F(FixtureDir, LoadFrom_MalformedLineThrowsNamingFileAndLine) {
  Write("communes.tsv", "01001\tL'Abergement-Clémenciat\t01\t84\t\t\t01400\t860\n01002\tbroken\n");
  Write("naf.tsv", "88.99B\tAction sociale sans hébergement n.c.a.\n");
  EXPECT_NE(LoadError().find("communes.tsv:2"), std::string::npos);
}

TEST_F(FixtureDir, LoadFrom_SmallValidFilesLoad) {
  Write("communes.tsv", "01001\tL'Abergement-Clémenciat\t01\t84\t200069193\tCC de la Dombes\t01400\t\n");
  Write("naf.tsv", "88.99B\tAction sociale sans hébergement n.c.a.\n");
  auto catalogue = Catalogue::LoadFrom(dir_.string());
  const Commune* c = catalogue->FindCommune("01001");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->population, 0);
  EXPECT_EQ(c->postal_codes, std::vector<std::string>{"01400"});
  ASSERT_EQ(catalogue->SearchCommunes("abergement", 5).size(), 1u);
  ASSERT_EQ(catalogue->Epcis().size(), 1u);
  EXPECT_EQ(catalogue->Epcis()[0].name, "CC de la Dombes");
}

}  // namespace
}  // namespace coopole::reference
