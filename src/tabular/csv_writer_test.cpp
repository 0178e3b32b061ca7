#include <gtest/gtest.h>

#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

TEST(WriteCsvTest, ExcelFrFlavour) {
  Table t{{"nom", "note"}, {{"a;b", "dit \"oui\""}, {"x", ""}}};
  EXPECT_EQ(WriteCsv(t), "\xEF\xBB\xBFnom;note\r\n\"a;b\";\"dit \"\"oui\"\"\"\r\nx;\r\n");
}

TEST(WriteCsvTest, RoundTripsThroughReadCsv) {
  Table t{{"nom", "montant", "commentaire"},
          {{"Économie sociale", "-12,5", "ligne 1\nligne 2"}, {"L'\"Atelier\"", "1 234,50", ""}}};
  auto back = ReadCsv(WriteCsv(t));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->header, t.header);
  EXPECT_EQ(back->rows, t.rows);
  EXPECT_EQ(back->line_numbers, (std::vector<int>{2, 4}));
  EXPECT_EQ(back->detected_encoding, "utf-8-bom");
}

TEST(WriteCsvTest, DefusesFormulasButKeepsNumbers) {
  Table t{{"c"}, {{"=1+1"}, {"@SUM(A1)"}, {"-12,5"}, {"+33 6 12 34 56 78"}, {"+3.5"}, {"\tx"}, {"-"}, {"a=b"}}};
  EXPECT_EQ(WriteCsv(t),
            "\xEF\xBB\xBF" "c\r\n'=1+1\r\n'@SUM(A1)\r\n-12,5\r\n'+33 6 12 34 56 78\r\n+3.5\r\n'\tx\r\n'-\r\na=b\r\n");
  // A defused cell that also needs quoting.
  EXPECT_EQ(WriteCsv(Table{{"=HYPERLINK(\"x\";\"y\")"}, {}}), "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"\r\n");
}

}  // namespace
}  // namespace coopole::tabular
