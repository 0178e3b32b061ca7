#include "coopole/core/decimal.h"
#include "coopole/core/money.h"

#include <gtest/gtest.h>

namespace coopole {

TEST(ParseFixed, AcceptsFrenchAndEnglishMarks) {
  EXPECT_EQ(ParseFixed("2,5", 2), 250);
  EXPECT_EQ(ParseFixed("2.5", 2), 250);
  EXPECT_EQ(ParseFixed("1 234,56", 2), 123456);
  EXPECT_EQ(ParseFixed("1\xE2\x80\xAF" "234,5 \xE2\x82\xAC", 2), 123450);
  EXPECT_EQ(ParseFixed("-3", 2), -300);
  EXPECT_EQ(ParseFixed(",5", 1), 5);
}

TEST(ParseFixed, RejectsGarbageAndExtraDecimals) {
  EXPECT_EQ(ParseFixed("", 2), std::nullopt);
  EXPECT_EQ(ParseFixed("abc", 2), std::nullopt);
  EXPECT_EQ(ParseFixed("1,234", 2), std::nullopt);
  EXPECT_EQ(ParseFixed("1,2,3", 2), std::nullopt);
  EXPECT_EQ(ParseFixed("99999999999999999999", 2), std::nullopt);
  EXPECT_EQ(ParseFixed(" 1", 2), 100);
}

TEST(FormatFixed, DropsTrailingZeros) {
  EXPECT_EQ(FormatFixed(250, 2, "fr"), "2,5");
  EXPECT_EQ(FormatFixed(300, 2, "en"), "3");
  EXPECT_EQ(FormatFixed(-5, 2, "en"), "-0.05");
}

TEST(Money, FormatsInFrenchAndEnglish) {
  EXPECT_EQ(FormatMoney(Money{123456}, "fr"), "1\xE2\x80\xAF" "234,56");
  EXPECT_EQ(FormatMoney(Money{-5}, "en"), "-0.05");
  EXPECT_EQ(ParseMoney("12,30 \xE2\x82\xAC")->cents, 1230);
}

}  // namespace coopole
