#include "coopole/core/time.h"

#include <gtest/gtest.h>

namespace coopole {

TEST(ParseDate, AcceptsIsoAndFrench) {
  EXPECT_EQ(ParseDate("2026-03-29"), (Date{2026, 3, 29}));
  EXPECT_EQ(ParseDate("29/03/2026"), (Date{2026, 3, 29}));
}

TEST(ParseDate, RejectsImpossibleDates) {
  EXPECT_EQ(ParseDate("31/02/2026"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("2026-1-01"), std::nullopt);
  EXPECT_EQ(ParseDate("hier"), std::nullopt);
}

TEST(FormatIsoUtc, FormatsUtc) {
  EXPECT_EQ(FormatIsoUtc(Timestamp{0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoUtc(Timestamp{1795442700}), "2026-11-23T14:05:00Z");
}

}  // namespace coopole
