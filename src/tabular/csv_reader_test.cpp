#include <gtest/gtest.h>

#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Table MustRead(std::string_view bytes) {
  auto table = ReadCsv(bytes);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? std::move(table).value() : Table{};
}

std::string ErrorOf(std::string_view bytes, CsvReadOptions options = {}) {
  auto table = ReadCsv(bytes, options);
  if (table.ok()) return "no error";
  EXPECT_EQ(table.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(table.error().fields.count("file"), 1u);
  return table.error().message;
}

TEST(ReadCsvTest, StripsBomAndTrimsHeader) {
  Table t = MustRead("\xEF\xBB\xBF nom ;ville\nA;Lyon\n");
  EXPECT_EQ(t.header, (std::vector<std::string>{"nom", "ville"}));
  EXPECT_EQ(t.rows, (Rows{{"A", "Lyon"}}));
  EXPECT_EQ(t.detected_encoding, "utf-8-bom");
  EXPECT_EQ(t.delimiter, ';');
}

TEST(ReadCsvTest, DetectsDelimiter) {
  EXPECT_EQ(MustRead("a;b\n1;2\n").delimiter, ';');
  EXPECT_EQ(MustRead("a,b\n1,2\n").delimiter, ',');
  EXPECT_EQ(MustRead("a\tb\n1\t2\n").delimiter, '\t');
  EXPECT_EQ(MustRead("a;b,c\n").delimiter, ';');  // tie: ';' wins
  EXPECT_EQ(MustRead("seul\nx\n").delimiter, ';');
}

TEST(ReadCsvTest, CommaFileWithSemicolonsInsideQuotes) {
  Table t = MustRead("\"nom;court\",\"a;b;c\",ville\n\"x;y\",2,Lyon\n");
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_EQ(t.header, (std::vector<std::string>{"nom;court", "a;b;c", "ville"}));
  EXPECT_EQ(t.rows, (Rows{{"x;y", "2", "Lyon"}}));
  EXPECT_EQ(t.detected_encoding, "utf-8");
}

TEST(ReadCsvTest, CrlfLoneCrAndQuotedNewline) {
  Table t = MustRead("a;b\r\n1;\"ligne1\r\nligne2\"\r\n2;x\r3;y");
  EXPECT_EQ(t.rows, (Rows{{"1", "ligne1\nligne2"}, {"2", "x"}, {"3", "y"}}));
  EXPECT_EQ(t.line_numbers, (std::vector<int>{2, 4, 5}));
}

TEST(ReadCsvTest, DoubledQuotesAndDecimalComma) {
  Table t = MustRead("nom;montant\n\"Le \"\"Comptoir\"\"\";2,5\n");
  EXPECT_EQ(t.rows, (Rows{{"Le \"Comptoir\"", "2,5"}}));
  // Decimal commas in a ',' file must be quoted, and stay verbatim.
  Table c = MustRead("nom,montant\nx,\"2,5\"\n");
  EXPECT_EQ(c.rows, (Rows{{"x", "2,5"}}));
}

TEST(ReadCsvTest, TranscodesWindows1252) {
  Table t = MustRead("p\xF4le;secteur\n\xC9\x63onomie;\x80 \x9C\x75vre\n");
  EXPECT_EQ(t.detected_encoding, "windows-1252");
  EXPECT_EQ(t.header, (std::vector<std::string>{"pôle", "secteur"}));
  EXPECT_EQ(t.rows, (Rows{{"Économie", "€ œuvre"}}));
}

TEST(ReadCsvTest, RejectsMixedOrUndefinedEncodings) {
  EXPECT_EQ(ErrorOf("a\nÉté\n\xC9t\xE9\n").substr(0, 7), "line 3:");
  EXPECT_NE(ErrorOf("a\nÉté\n\xC9t\xE9\n").find("Windows-1252"), std::string::npos);
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF" "a\nb\xE9\n").substr(0, 7), "line 2:");
  EXPECT_EQ(ErrorOf("a\n\x81\n").substr(0, 7), "line 2:");
  EXPECT_NE(ErrorOf(std::string_view("\xFF\xFE" "a\0;\0", 6)).find("UTF-16"), std::string::npos);
}

TEST(ReadCsvTest, PadsShortRowsAndRejectsLongOnesWithLine) {
  Table t = MustRead("a;b;c\n1\n2;3;4;;\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "", ""}, {"2", "3", "4"}}));
  std::string error = ErrorOf("a;b\n1;2\n\"x\ny\";2\n1;2;3\n");
  EXPECT_EQ(error, "line 5: 3 cells but the header has 2 columns");
}

TEST(ReadCsvTest, EmptyFileIsAnError) {
  EXPECT_EQ(ErrorOf(""), "the file is empty");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF\r\n\r\n"), "the file is empty");
}

TEST(ReadCsvTest, SkipsEmptyRowsKeepingLineNumbers) {
  Table t = MustRead("\na;b\n\n1;\"multi\nline\ncell\"\n;;\n2;z\n\n\n");
  EXPECT_EQ(t.header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.rows, (Rows{{"1", "multi\nline\ncell"}, {"2", "z"}}));
  EXPECT_EQ(t.line_numbers, (std::vector<int>{4, 8}));
}

TEST(ReadCsvTest, UnterminatedQuoteNamesItsLine) {
  EXPECT_EQ(ErrorOf("a;b\n1;2\n3;\"oops\n4;5\n"), "line 3: quoted field is never closed (missing '\"')");
}

TEST(ReadCsvTest, LenientQuotesLikeExcel) {
  Table t = MustRead("a;b\n5\" écran;\"ab\"cd\n");
  EXPECT_EQ(t.rows, (Rows{{"5\" écran", "abcd"}}));
}

TEST(ReadCsvTest, EnforcesMaxRows) {
  EXPECT_TRUE(ReadCsv("a\n1\n2\n", {.max_rows = 2}).ok());
  EXPECT_EQ(ErrorOf("a\n1\n2\n3\n", {.max_rows = 2}).substr(0, 7), "line 4:");
}

}  // namespace
}  // namespace coopole::tabular
