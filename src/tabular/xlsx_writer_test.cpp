#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "coopole/tabular/tabular.h"

namespace coopole::tabular {
namespace {

Sheet Sample() {
  return Sheet{"Adhérents [2024]",
               {"Nom", "Montant", "Date", "Cotisation", "Effectif"},
               {CellKind::kText, CellKind::kNumber, CellKind::kDate, CellKind::kMoneyCents, CellKind::kInteger},
               {{"<img src=x onerror=alert(1)>", "2,5", "2024-03-01", "12050", "12"},
                {"=1+1", "pas un nombre", "2024-02-30", "", "3"}}};
}

// Extracts one member with unzip; empty when unzip is unavailable.
std::string Unzip(const std::string& xlsx, const std::string& member) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) return "";
  auto dir = std::filesystem::temp_directory_path();
  std::string zip = (dir / ("coopole-xlsx-test-" + std::to_string(getpid()) + ".xlsx")).string();
  std::string out = zip + ".xml";
  std::ofstream(zip, std::ios::binary) << xlsx;
  std::string command = "unzip -p '" + zip + "' '" + member + "' > '" + out + "'";
  std::string text;
  if (std::system(command.c_str()) == 0) {
    std::ifstream in(out, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::filesystem::remove(zip);
  std::filesystem::remove(out);
  return text;
}

TEST(WriteXlsxTest, ProducesZipWithWorksheet) {
  std::string xlsx = WriteXlsx({Sample(), Sheet{"Adhérents [2024]", {"a"}, {}, {}}});
  ASSERT_GE(xlsx.size(), 4u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
  EXPECT_NE(xlsx.find("xl/worksheets/sheet1.xml"), std::string::npos);  // central directory
  EXPECT_NE(xlsx.find("xl/worksheets/sheet2.xml"), std::string::npos);
  std::string workbook = Unzip(xlsx, "xl/workbook.xml");
  if (workbook.empty()) GTEST_SKIP() << "unzip not available";
  EXPECT_NE(workbook.find("name=\"Adhérents _2024_ (2)\""), std::string::npos) << workbook;  // made unique
}

TEST(WriteXlsxTest, TextIsEscapedAndNeverAFormula) {
  std::string xlsx = WriteXlsx({Sample()});
  std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  if (strings.empty()) GTEST_SKIP() << "unzip not available";
  EXPECT_NE(strings.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << strings;
  EXPECT_EQ(strings.find("<img"), std::string::npos);
  EXPECT_NE(strings.find("<t>=1+1</t>"), std::string::npos);
  EXPECT_NE(strings.find("2024-02-30"), std::string::npos);  // invalid date kept as text

  std::string sheet = Unzip(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_NE(sheet.find("<pane"), std::string::npos);          // frozen header
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:E3\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>2.5</v>"), std::string::npos);     // real numbers
  EXPECT_NE(sheet.find("<v>120.5</v>"), std::string::npos);   // cents as euros
  EXPECT_NE(sheet.find("<v>45352</v>"), std::string::npos);   // 2024-03-01 as a serial date

  std::string styles = Unzip(xlsx, "xl/styles.xml");
  EXPECT_NE(styles.find("dd/mm/yyyy"), std::string::npos);
  EXPECT_NE(styles.find("#,##0.00 \xE2\x82\xAC"), std::string::npos);

  std::string workbook = Unzip(xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Adhérents _2024_\""), std::string::npos) << workbook;
}

TEST(WriteXlsxTest, ThrowsOnInvalidUtf8) {
  Sheet sheet{"s", {"a"}, {}, {{"\xC9"}}};
  EXPECT_THROW(WriteXlsx({sheet}), std::runtime_error);
}

}  // namespace
}  // namespace coopole::tabular
