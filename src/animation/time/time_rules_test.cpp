// Pure rules of collective time: durations, the 24 h rule, rate resolution, rounding, FTE.
#include "time_rules.h"

#include <gtest/gtest.h>

namespace coopole::animation::time_rules {
namespace {

TEST(TimeRules, ParsesHoursWithCommaOrPointHoursMinutesAndMinutes) {
  EXPECT_EQ(ParseDuration("1,5"), 90);
  EXPECT_EQ(ParseDuration("1.5"), 90);
  EXPECT_EQ(ParseDuration(" 2 "), 120);
  EXPECT_EQ(ParseDuration("1:30"), 90);
  EXPECT_EQ(ParseDuration("1h30"), 90);
  EXPECT_EQ(ParseDuration("1 h 05"), 65);
  EXPECT_EQ(ParseDuration("3h"), 180);
  EXPECT_EQ(ParseDuration("90 min"), 90);
  EXPECT_EQ(ParseDuration("45min"), 45);
  EXPECT_EQ(ParseDuration("0,25"), 15);
  // 1,33 h = 79.8 min -> 80; 0,01 h = 0.6 min -> 1 (half up).
  EXPECT_EQ(ParseDuration("1,33"), 80);
  EXPECT_EQ(ParseDuration("0,01"), 1);
  EXPECT_EQ(ParseDuration("0"), 0);
  // Decimal hours with the unit, as French write them.
  EXPECT_EQ(ParseDuration("1,5 h"), 90);
  EXPECT_EQ(ParseDuration("1.5h"), 90);
  EXPECT_EQ(ParseDuration("0,25 H"), 15);
  EXPECT_FALSE(ParseDuration(",5 h").has_value());
  EXPECT_FALSE(ParseDuration("1,5 h 30").has_value());
}

TEST(TimeRules, RefusesSignsGarbageAndBadMinutes) {
  for (const char* bad : {"", "-1", "+2", "abc", "1,555", "1:75", "1:5", "1,", ":30", "h", "1e3", "12345678"})
    EXPECT_FALSE(ParseDuration(bad).has_value()) << bad;
}

TEST(TimeRules, TheDayRuleAllowsExactly24Hours) {
  EXPECT_FALSE(PassesDay(1200, 240));  // 20 h + 4 h = 24 h
  EXPECT_TRUE(PassesDay(1200, 241));
  EXPECT_TRUE(PassesDay(0, 1441));
  EXPECT_EQ(FormatHoursMinutes(1530), "25 h 30");
  EXPECT_EQ(FormatHoursMinutes(180), "3 h");
  EXPECT_EQ(FormatHoursMinutes(5), "0 h 05");
  EXPECT_EQ(DayTotalOf(DayTotalMessage(1530)), "25 h 30");
  EXPECT_FALSE(DayTotalOf("validation failed").has_value());
  EXPECT_FALSE(DayTotalOf("the day would total  for this person (24 h at most)").has_value());
}

TEST(TimeRules, VolunteersUseTheirRateThenTheHubVolunteerRateThenTheDefault) {
  RateInputs in{.volunteer = true, .person_rate = Money{1500}, .member_cost = Money{4000},
                .hub_volunteer_rate = Money{1200}, .hub_default_rate = Money{2500}};
  EXPECT_EQ(ResolveRate(in), Money{1500});
  in.person_rate.reset();
  EXPECT_EQ(ResolveRate(in), Money{1200});
  in.hub_volunteer_rate.reset();
  EXPECT_EQ(ResolveRate(in), Money{2500});  // never the organisation's cost
  in.hub_default_rate.reset();
  EXPECT_FALSE(ResolveRate(in).has_value());
}

TEST(TimeRules, EmployeesUseTheirOrganisationsCostThenTheDefault) {
  RateInputs in{.volunteer = false, .person_rate = Money{1500}, .member_cost = Money{4000},
                .hub_volunteer_rate = Money{1200}, .hub_default_rate = Money{2500}};
  EXPECT_EQ(ResolveRate(in), Money{4000});
  in.member_cost.reset();
  EXPECT_EQ(ResolveRate(in), Money{2500});
  in.hub_default_rate.reset();
  EXPECT_FALSE(ResolveRate(in).has_value());
}

TEST(TimeRules, ValuesRoundHalfUpToTheCent) {
  EXPECT_EQ(ValueOf(90, Money{2500}).cents, 3750);   // 1.5 h x 25 €
  EXPECT_EQ(ValueOf(1, Money{2550}).cents, 43);      // 42.5 c -> 43
  EXPECT_EQ(ValueOf(1, Money{2549}).cents, 42);      // 42.48 c -> 42
  EXPECT_EQ(ValueOf(20, Money{3333}).cents, 1111);   // 1111.0
  EXPECT_EQ(ValueOf(0, Money{9999}).cents, 0);
}

TEST(TimeRules, ValuesDoNotOverflowWithHugeMinutesAtTheHighestRate) {
  // 10^12 minutes x 10^7 cents would overflow 64 bits if multiplied first.
  EXPECT_EQ(ValueOf(1'000'000'000'020, Money{kMaxRateCents}).cents, 166'666'666'670'000'000);  // 16,666,666,667 h
  EXPECT_EQ(ValueOf(1'000'000'000'001, Money{kMaxRateCents}).cents, 166'666'666'666'833'333);  // + 1 min: 166,666.67 c
}

TEST(TimeRules, SplitValuesAddUpToThePersonsRoundedValue) {
  // 1 min at 10 €/h = 16,67 c: three lines rounded apart would give 51 c, the person 50 c.
  auto split = SplitValue({1, 1, 1}, Money{1000});
  ASSERT_EQ(split.size(), 3u);
  EXPECT_EQ(split[0].cents, 17);
  EXPECT_EQ(split[1].cents, 17);
  EXPECT_EQ(split[2].cents, 16);
  EXPECT_EQ(split[0].cents + split[1].cents + split[2].cents, ValueOf(3, Money{1000}).cents);
  // The largest remainder gets the cent: 2 min = 33,33 c, 1 min = 16,67 c, total 50 c.
  auto uneven = SplitValue({2, 1}, Money{1000});
  EXPECT_EQ(uneven[0].cents, 33);
  EXPECT_EQ(uneven[1].cents, 17);
  // Whole values need no cent moved; empty and zero parts are fine.
  auto whole = SplitValue({90, 30, 0}, Money{2500});
  EXPECT_EQ(whole[0].cents, 3750);
  EXPECT_EQ(whole[1].cents, 1250);
  EXPECT_EQ(whole[2].cents, 0);
  EXPECT_TRUE(SplitValue({}, Money{2500}).empty());
}

TEST(TimeRules, RatesAreEurosFrom0To100000) {
  std::optional<Money> rate;
  EXPECT_TRUE(ParseRate("25,50", rate));
  EXPECT_EQ(rate, Money{2550});
  EXPECT_TRUE(ParseRate("30.5", rate));
  EXPECT_EQ(rate, Money{3050});
  EXPECT_TRUE(ParseRate("100000", rate));
  EXPECT_EQ(rate, Money{10'000'000});
  EXPECT_TRUE(ParseRate("", rate));
  EXPECT_FALSE(rate.has_value());
  EXPECT_FALSE(ParseRate("100000,01", rate));
  EXPECT_FALSE(ParseRate("-1", rate));
  EXPECT_FALSE(ParseRate("douze", rate));
}

TEST(TimeRules, FteArithmeticUses1607Hours) {
  EXPECT_EQ(FteSpentHundredths(1607 * 60), 100);
  EXPECT_EQ(FteSpentHundredths(1607 * 60 / 2), 50);
  // 160.7 h of a 1 FTE carrier: 10 %.
  EXPECT_EQ(FteShareBp(9642, 100), 1000);
  // 321.4 h of a 2 FTE carrier: 10 %.
  EXPECT_EQ(FteShareBp(19284, 200), 1000);
  EXPECT_FALSE(FteShareBp(9642, std::nullopt).has_value());
  // A month is set against a month of FTE: 1 FTE = 133.92 h a month; 13.39 h = 10 %.
  EXPECT_EQ(FteSpentHundredths(1607 * 60 / 12, 1), 100);
  EXPECT_EQ(FteShareBp(8035, 1000, 1), 1000);  // 133.92 h of a 10 FTE carrier in a month: 10 %
  EXPECT_EQ(FteShareBp(8035, 1000), 83);        // the same hours over a year: 0.83 %
  std::optional<std::int64_t> fte;
  EXPECT_TRUE(ParseFte("2,5", fte));
  EXPECT_EQ(fte, 250);
  EXPECT_FALSE(ParseFte("0", fte));
  EXPECT_EQ(DecimalHours(90, ','), "1,50");
  EXPECT_EQ(DecimalHours(1, '.'), "0.02");
}

}  // namespace
}  // namespace coopole::animation::time_rules
