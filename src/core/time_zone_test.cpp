#include "coopole/core/time_zone.h"

#include <gtest/gtest.h>

namespace coopole {
namespace {

Timestamp Utc(int y, int mo, int d, int h, int mi) {
  return Timestamp{DaysSinceEpoch(Date{y, mo, d}) * 86400 + h * 3600 + mi * 60};
}

LocalDateTime Local(int y, int mo, int d, int h, int mi) { return LocalDateTime{Date{y, mo, d}, h * 60 + mi}; }

TEST(TimeZone, LoadsParisAndRefusesUnknownOrUnsafeNames) {
  ASSERT_NE(TimeZone::Load("Europe/Paris"), nullptr);
  EXPECT_EQ(TimeZone::Load("Europe/Paris"), TimeZone::Load("Europe/Paris"));  // cached
  EXPECT_EQ(TimeZone::Load("Europe/Lutece"), nullptr);
  EXPECT_EQ(TimeZone::Load("../../etc/passwd"), nullptr);
  EXPECT_EQ(TimeZone::Load("/etc/passwd"), nullptr);
}

TEST(TimeZone, ParisOffsetsAroundTheMarchAndOctoberChanges2026) {
  auto paris = TimeZone::Load("Europe/Paris");
  // Clocks go forward on Sunday 29 March 2026 at 01:00 UTC, back on 25 October at 01:00 UTC.
  EXPECT_EQ(paris->OffsetAt(Utc(2026, 3, 29, 0, 59)), 3600);
  EXPECT_EQ(paris->OffsetAt(Utc(2026, 3, 29, 1, 0)), 7200);
  EXPECT_EQ(paris->OffsetAt(Utc(2026, 10, 25, 0, 59)), 7200);
  EXPECT_EQ(paris->OffsetAt(Utc(2026, 10, 25, 1, 0)), 3600);
}

TEST(TimeZone, ToUtc_SkippedHourDoesNotExist) {
  auto paris = TimeZone::Load("Europe/Paris");
  EXPECT_FALSE(paris->ToUtc(Local(2026, 3, 29, 2, 30)));
  EXPECT_EQ(*paris->ToUtc(Local(2026, 3, 29, 1, 59)), Utc(2026, 3, 29, 0, 59));
  EXPECT_EQ(*paris->ToUtc(Local(2026, 3, 29, 3, 0)), Utc(2026, 3, 29, 1, 0));
}

TEST(TimeZone, ToUtc_RepeatedHourTakesTheEarlierInstant) {
  auto paris = TimeZone::Load("Europe/Paris");
  EXPECT_EQ(*paris->ToUtc(Local(2026, 10, 25, 2, 30)), Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(*paris->ToUtc(Local(2026, 10, 25, 3, 0)), Utc(2026, 10, 25, 2, 0));
  // 01:00 to 04:00 local spans four real hours that night, two in March.
  EXPECT_EQ(paris->ToUtc(Local(2026, 10, 25, 4, 0))->unix_seconds -
                paris->ToUtc(Local(2026, 10, 25, 1, 0))->unix_seconds,
            4 * 3600);
  EXPECT_EQ(paris->ToUtc(Local(2026, 3, 29, 4, 0))->unix_seconds - paris->ToUtc(Local(2026, 3, 29, 1, 0))->unix_seconds,
            2 * 3600);
}

TEST(TimeZone, ToLocalRoundTripsEveryQuarterHourOfTheChangeDays) {
  auto paris = TimeZone::Load("Europe/Paris");
  for (Date day : {Date{2026, 3, 29}, Date{2026, 10, 25}, Date{2027, 3, 28}}) {
    for (int minute = 0; minute < 1440; minute += 15) {
      LocalDateTime local{day, minute};
      auto utc = paris->ToUtc(local);
      if (!utc) continue;
      EXPECT_EQ(paris->ToLocal(*utc), local) << FormatLocalDateTime(local);
    }
  }
}

TEST(TimeZone, BeyondTheTableTheFooterRuleApplies) {
  auto paris = TimeZone::Load("Europe/Paris");
  // 2045: last Sunday of March is the 26th, of October the 29th.
  EXPECT_EQ(paris->OffsetAt(Utc(2045, 3, 26, 0, 59)), 3600);
  EXPECT_EQ(paris->OffsetAt(Utc(2045, 3, 26, 1, 0)), 7200);
  EXPECT_EQ(paris->OffsetAt(Utc(2045, 10, 29, 1, 0)), 3600);
  EXPECT_EQ(paris->OffsetAt(Utc(2045, 7, 1, 12, 0)), 7200);
}

TEST(TimeZone, OverseasZonesWithoutDaylightSaving) {
  auto cayenne = TimeZone::Load("America/Cayenne");
  ASSERT_NE(cayenne, nullptr);
  EXPECT_EQ(cayenne->OffsetAt(Utc(2026, 7, 1, 0, 0)), -3 * 3600);
  auto reunion = TimeZone::Load("Indian/Reunion");
  ASSERT_NE(reunion, nullptr);
  EXPECT_EQ(reunion->ToLocal(Utc(2026, 1, 1, 20, 30)), Local(2026, 1, 2, 0, 30));
}

TEST(TimeZoneRule, ParsesPosixRules) {
  auto rule = TimeZone::ParseRule("CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->std_offset, 3600);
  EXPECT_EQ(*rule->dst_offset, 7200);
  EXPECT_EQ(rule->start_month, 3);
  EXPECT_EQ(rule->end_time, 3 * 3600);
  auto fixed = TimeZone::ParseRule("<-03>3");
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->std_offset, -3 * 3600);
  EXPECT_FALSE(fixed->dst_offset);
  EXPECT_FALSE(TimeZone::ParseRule("CET-1CEST,M3.5"));
  EXPECT_FALSE(TimeZone::ParseRule(""));
}

TEST(CivilDates, WeekdaysMonthsAndParsing) {
  EXPECT_EQ(IsoWeekday(Date{2026, 11, 23}), 1);  // a Monday
  EXPECT_EQ(IsoWeekday(Date{2026, 3, 29}), 7);
  EXPECT_EQ(AddMonths(Date{2026, 1, 31}, 1), (Date{2026, 2, 28}));
  EXPECT_EQ(AddMonths(Date{2026, 11, 30}, 3), (Date{2027, 2, 28}));
  EXPECT_EQ(AddDays(Date{2026, 12, 31}, 1), (Date{2027, 1, 1}));
  EXPECT_EQ(DateFromDays(DaysSinceEpoch(Date{1999, 2, 28})), (Date{1999, 2, 28}));
  EXPECT_EQ(ParseClock("09:05"), 545);
  EXPECT_FALSE(ParseClock("24:00"));
  EXPECT_FALSE(ParseClock("9:05"));
  EXPECT_EQ(ParseLocalDateTime("2026-03-29T09:30"), Local(2026, 3, 29, 9, 30));
  EXPECT_EQ(ParseLocalDateTime("2026-03-29 09:30:00"), Local(2026, 3, 29, 9, 30));
  EXPECT_FALSE(ParseLocalDateTime("2026-02-30T09:30"));
  EXPECT_FALSE(ParseLocalDateTime("2026-03-29T09:30Z"));
  EXPECT_EQ(FormatLocalDateTime(Local(2026, 3, 29, 9, 5)), "2026-03-29T09:05");
}

}  // namespace
}  // namespace coopole
