#include <gtest/gtest.h>

#include "coopole/members/members.h"
#include "member_rules.h"
#include "test_paths.h"

namespace coopole::members {
namespace {

class MemberRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  // A valid member to start from, so each test checks one field.
  static MemberInput Valid() {
    MemberInput input;
    input.name = "L'Atelier du Bois";
    input.legal_form = "scic";
    return input;
  }

  static std::map<std::string, std::string> Apply(const MemberInput& input, Member& member) {
    return ApplyMemberInput(input, *catalogue_, member);
  }

  static std::shared_ptr<const reference::Catalogue> catalogue_;
};

std::shared_ptr<const reference::Catalogue> MemberRulesTest::catalogue_;

TEST(IsValidSiret, AcceptsLuhnValidNumbers) {
  EXPECT_TRUE(IsValidSiret("73282932000074"));
  EXPECT_TRUE(IsValidSiret("44306184100047"));
}

TEST(IsValidSiret, AcceptsLaPosteEstablishmentsPastLuhn) {
  EXPECT_TRUE(IsValidSiret("35600000049837"));   // digit sum 45: La Poste rule
  EXPECT_FALSE(IsValidSiret("35600000000049"));  // neither Luhn nor a multiple of 5
}

TEST(IsValidSiret, RejectsWrongLengthLettersAndChecksum) {
  EXPECT_FALSE(IsValidSiret("12345678900012"));
  EXPECT_FALSE(IsValidSiret("7328293200007"));
  EXPECT_FALSE(IsValidSiret("732829320000745"));
  EXPECT_FALSE(IsValidSiret("7328293200007A"));
  EXPECT_FALSE(IsValidSiret(""));
}

TEST_F(MemberRulesTest, ApplyMemberInput_AcceptsAMinimalMember) {
  Member m;
  EXPECT_TRUE(Apply(Valid(), m).empty());
  EXPECT_EQ(m.name, "L'Atelier du Bois");
  EXPECT_EQ(m.legal_form, "scic");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsBadSiret) {
  auto input = Valid();
  input.siret = "123 456 789 00012";
  Member m;
  EXPECT_EQ(Apply(input, m).at("siret"), "validation.siret");
  input.siret = "ABC";
  EXPECT_EQ(Apply(input, m).at("siret"), "validation.siret");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RemovesSpacesFromSiret) {
  auto input = Valid();
  input.siret = " 732 829 320\xC2\xA0" "00074 ";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.siret, "73282932000074");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RequiresNameAndLegalForm) {
  MemberInput input;
  input.name = "   ";
  Member m;
  auto fields = Apply(input, m);
  EXPECT_EQ(fields.at("name"), "validation.required");
  EXPECT_EQ(fields.at("legal_form"), "validation.required");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsTooLongOrBadlyEncodedText) {
  auto input = Valid();
  input.name = std::string(201, 'a');
  input.description = std::string(10001, 'a');
  input.college = "\xC3\x28";
  Member m;
  auto fields = Apply(input, m);
  EXPECT_EQ(fields.at("name"), "validation.too_long");
  EXPECT_EQ(fields.at("description"), "validation.too_long");
  EXPECT_EQ(fields.at("college"), "validation.encoding");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsUnknownLegalForm) {
  auto input = Valid();
  input.legal_form = "gie";
  Member m;
  EXPECT_EQ(Apply(input, m).at("legal_form"), "validation.choice");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ReadsLegalFormsInAnyCaseAndFrenchNames) {
  auto input = Valid();
  Member m;
  input.legal_form = "SCOP";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.legal_form, "scop");
  input.legal_form = "Fonds de dotation";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.legal_form, "endowment_fund");
  input.legal_form = "Collectivité territoriale";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.legal_form, "local_authority");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ChecksInsertionType) {
  auto input = Valid();
  Member m;
  input.insertion_type = "ACI";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.insertion_type, "aci");
  input.insertion_type = "";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.insertion_type, "");
  input.insertion_type = "xyz";
  EXPECT_EQ(Apply(input, m).at("insertion_type"), "validation.choice");
}

TEST_F(MemberRulesTest, ApplyMemberInput_NormalisesAndDeduplicatesSectors) {
  auto input = Valid();
  input.sectors = "8899b, 88.99B; 01.11Z  62.01Z";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.sectors, (std::vector<std::string>{"88.99B", "01.11Z", "62.01Z"}));
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsUnknownNaf) {
  auto input = Valid();
  input.sectors = "88.99B, 99.99Z";
  Member m;
  EXPECT_EQ(Apply(input, m).at("sectors"), "validation.naf");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsMoreThanTenSectors) {
  std::string codes;
  int n = 0;
  for (const auto& naf : catalogue_->naf_codes()) {
    if (n++ == 11) break;
    codes += naf.code + ",";
  }
  auto input = Valid();
  input.sectors = codes;
  Member m;
  EXPECT_EQ(Apply(input, m).at("sectors"), "validation.too_many");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ResolvesCommuneAndEpci) {
  auto input = Valid();
  input.commune_insee = " 38151 ";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.commune_insee, "38151");
  EXPECT_EQ(m.commune_name, "Échirolles");
  EXPECT_EQ(m.epci_siren, "200040715");
  EXPECT_EQ(m.epci_name, "Grenoble-Alpes-Métropole");
  input.commune_insee = "";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.commune_name, "");
  EXPECT_EQ(m.epci_siren, "");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsUnknownCommune) {
  auto input = Valid();
  input.commune_insee = "99999";
  Member m;
  EXPECT_EQ(Apply(input, m).at("commune_insee"), "validation.commune");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ReadsBooleansAsOfficesWriteThem) {
  auto input = Valid();
  Member m;
  for (const char* yes : {"1", "true", "Oui", "YES", "x", "X"}) {
    input.is_ess = yes;
    EXPECT_TRUE(Apply(input, m).empty()) << yes;
    EXPECT_TRUE(m.is_ess) << yes;
  }
  for (const char* no : {"0", "false", "non", "No", ""}) {
    input.priority_area = no;
    m.priority_area = true;
    EXPECT_TRUE(Apply(input, m).empty()) << no;
    EXPECT_FALSE(m.priority_area) << no;
  }
  input.priority_area = "peut-être";
  EXPECT_EQ(Apply(input, m).at("priority_area"), "validation.boolean");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ReadsFteWithADecimalComma) {
  auto input = Valid();
  input.fte = "2,5";
  input.insertion_headcount = "12";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.fte_hundredths, 250);
  EXPECT_EQ(m.insertion_headcount, 12);
  input.fte = "";
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_FALSE(m.fte_hundredths.has_value());
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsNegativeOrMalformedNumbers) {
  auto input = Valid();
  input.fte = "-1";
  input.insertion_headcount = "2,5";
  Member m;
  auto fields = Apply(input, m);
  EXPECT_EQ(fields.at("fte"), "validation.number");
  EXPECT_EQ(fields.at("insertion_headcount"), "validation.number");
  input.fte = "1,234";
  EXPECT_EQ(Apply(input, m).at("fte"), "validation.number");
}

TEST_F(MemberRulesTest, ApplyMemberInput_ReadsIsoAndFrenchDates) {
  auto input = Valid();
  input.join_date = "23/11/2026";
  input.charter_accepted_on = "2026-01-31";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.join_date, (Date{2026, 11, 23}));
  EXPECT_EQ(m.charter_accepted_on, (Date{2026, 1, 31}));
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsImpossibleDates) {
  auto input = Valid();
  input.join_date = "31/02/2026";
  Member m;
  EXPECT_EQ(Apply(input, m).at("join_date"), "validation.date");
}

TEST_F(MemberRulesTest, ApplyMemberInput_PrefixesHttpsToABareWebsite) {
  auto input = Valid();
  input.website = "www.atelier-bois.fr";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.website, "https://www.atelier-bois.fr");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsNonHttpUrls) {
  auto input = Valid();
  Member m;
  input.website = "javascript:alert(1)";
  EXPECT_EQ(Apply(input, m).at("website"), "validation.url");
  input.website = "ftp://x.fr";
  EXPECT_EQ(Apply(input, m).at("website"), "validation.url");
}

TEST_F(MemberRulesTest, ApplyMemberInput_RejectsBadEmail) {
  auto input = Valid();
  input.email = "contact@";
  Member m;
  EXPECT_EQ(Apply(input, m).at("email"), "validation.email");
}

TEST_F(MemberRulesTest, ApplyMemberInput_KeepsHtmlAsGiven) {
  auto input = Valid();
  input.name = "  <img src=x onerror=alert(1)>  ";
  input.description = "<script>alert('x')</script> & co";
  Member m;
  EXPECT_TRUE(Apply(input, m).empty());
  EXPECT_EQ(m.name, "<img src=x onerror=alert(1)>");
  EXPECT_EQ(m.description, "<script>alert('x')</script> & co");
}

TEST_F(MemberRulesTest, ApplyMemberInput_AbsentFieldsKeepTheirValue) {
  Member m;
  auto input = Valid();
  input.siret = "73282932000074";
  input.fte = "3";
  ASSERT_TRUE(Apply(input, m).empty());
  MemberInput change;
  change.college = "Usagers";
  EXPECT_TRUE(Apply(change, m).empty());
  EXPECT_EQ(m.siret, "73282932000074");
  EXPECT_EQ(m.fte_hundredths, 300);
  EXPECT_EQ(m.college, "Usagers");
}

TEST(ApplyPersonInput, RequiresNameAndChecksEmail) {
  Person p;
  auto fields = ApplyPersonInput({.name = " ", .email = "nope"}, p);
  EXPECT_EQ(fields.at("name"), "validation.required");
  EXPECT_EQ(fields.at("email"), "validation.email");
  EXPECT_TRUE(ApplyPersonInput({.name = "Anne Martin", .role = "Directrice", .email = "anne@bois.fr"}, p).empty());
  EXPECT_EQ(p.role, "Directrice");
}

TEST(FieldForColumn, ReadsFrenchAndEnglishHeadersIgnoringAccentsAndCase) {
  EXPECT_EQ(FieldForColumn("Nom"), "name");
  EXPECT_EQ(FieldForColumn("Raison sociale"), "name");
  EXPECT_EQ(FieldForColumn("NAME"), "name");
  EXPECT_EQ(FieldForColumn("SIRET"), "siret");
  EXPECT_EQ(FieldForColumn("Forme juridique"), "legal_form");
  EXPECT_EQ(FieldForColumn("Legal form"), "legal_form");
  EXPECT_EQ(FieldForColumn("ESS"), "is_ess");
  EXPECT_EQ(FieldForColumn("Type IAE"), "insertion_type");
  EXPECT_EQ(FieldForColumn("Insertion"), "insertion_type");
  EXPECT_EQ(FieldForColumn("Codes NAF"), "sectors");
  EXPECT_EQ(FieldForColumn("Secteurs"), "sectors");
  EXPECT_EQ(FieldForColumn("Commune (INSEE)"), "commune_insee");
  EXPECT_EQ(FieldForColumn("code insee"), "commune_insee");
  EXPECT_EQ(FieldForColumn("Quartier prioritaire"), "priority_area");
  EXPECT_EQ(FieldForColumn("ETP"), "fte");
  EXPECT_EQ(FieldForColumn("FTE"), "fte");
  EXPECT_EQ(FieldForColumn("Salariés en insertion"), "insertion_headcount");
  EXPECT_EQ(FieldForColumn("Date d’adhésion"), "join_date");
  EXPECT_EQ(FieldForColumn("Collège"), "college");
  EXPECT_EQ(FieldForColumn("Charte acceptée le"), "charter_accepted_on");
  EXPECT_EQ(FieldForColumn("Site web"), "website");
  EXPECT_EQ(FieldForColumn("E-mail"), "email");
  EXPECT_EQ(FieldForColumn("Courriel"), "email");
  EXPECT_EQ(FieldForColumn("Téléphone"), "phone");
  EXPECT_EQ(FieldForColumn("Adresse"), "address");
  EXPECT_EQ(FieldForColumn("Description"), "description");
  EXPECT_EQ(FieldForColumn("Couleur préférée"), "");
}

TEST(Vocabulary, ListsTheClosedCodes) {
  EXPECT_EQ(LegalForms().size(), 18u);
  EXPECT_EQ(InsertionTypes(), (std::vector<std::string>{"aci", "ei", "ai", "etti", "ea", "esat", "geiq"}));
}

}  // namespace
}  // namespace coopole::members
