#include "coopole/hubs/use_case.h"

#include <gtest/gtest.h>

namespace coopole::hubs::use_case {
namespace {

TEST(UseCaseTest, ParsePositiveIdAcceptsOnlyPositiveDecimalIdsOfFifteenDigitsAtMost) {
  EXPECT_EQ(ParsePositiveId(" 42 "), 42);
  EXPECT_EQ(ParsePositiveId("999999999999999"), 999999999999999);
  EXPECT_EQ(ParsePositiveId("1000000000000000"), std::nullopt);  // 16 digits
  EXPECT_EQ(ParsePositiveId("0"), std::nullopt);
  EXPECT_EQ(ParsePositiveId("-3"), std::nullopt);
  EXPECT_EQ(ParsePositiveId("4e2"), std::nullopt);
  EXPECT_EQ(ParsePositiveId(""), std::nullopt);
}

TEST(UseCaseTest, CheckedTextTrimsAndNamesTheFieldOfTooLongOrBrokenText) {
  std::map<std::string, std::string> errors;
  EXPECT_EQ(CheckedText("  Réunion  ", "title", 20, errors), "Réunion");
  EXPECT_TRUE(errors.empty());
  CheckedText(std::string(21, 'x'), "title", 20, errors);
  EXPECT_EQ(errors["title"], "validation.too_long");
  EXPECT_EQ(CheckedText("caf\xC3", "place", 20, errors), "");
  EXPECT_EQ(errors["place"], "validation.encoding");
}

TEST(UseCaseTest, StaleIsAConflictOnTheVersionField) {
  auto error = Stale("event");
  EXPECT_EQ(error.code, ErrorCode::kConflict);
  EXPECT_EQ(error.fields.at("version"), "validation.stale");
  EXPECT_NE(error.message.find("event"), std::string::npos);
}

}  // namespace
}  // namespace coopole::hubs::use_case
