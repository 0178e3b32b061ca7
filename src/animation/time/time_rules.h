// Pure rules of collective time: reading durations, the 24 h rule, which hourly rate values
// a record, rounding of values, hours and FTE arithmetic. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/money.h"

namespace coopole::animation::time_rules {

inline constexpr std::int64_t kMinutesPerDay = 24 * 60;
// French legal annual working time of one FTE (1,607 h).
inline constexpr std::int64_t kLegalAnnualHours = 1607;
// Rates accepted: 0 to 100,000 €/h.
inline constexpr std::int64_t kMaxRateCents = 100'000 * 100;

// A duration as typed, in minutes: hours with a decimal comma or point ("1,5", "1.5", "2"),
// hours and minutes ("1:30", "1h30", "1 h", "45min", "90 min"). Decimal hours are rounded to
// the nearest minute (half up). Nullopt for anything else, including signs; 0 is returned
// as 0 (the caller refuses it as not positive).
std::optional<std::int64_t> ParseDuration(std::string_view text);

// True when adding `added` minutes to `already` minutes of the same day passes 24 h.
bool PassesDay(std::int64_t already, std::int64_t added);

// "25 h 30", "3 h", "0 h 45": a day's total in messages.
std::string FormatHoursMinutes(std::int64_t minutes);
// The message of the 24 h error: "the day would total 25 h 30 for this person (24 h at most)";
// DayTotalOf reads the total ("25 h 30") back from such a message (pages show it translated).
std::string DayTotalMessage(std::int64_t day_minutes);
std::optional<std::string> DayTotalOf(std::string_view message);
// Minutes as decimal hours with two decimals: "12,50" (fr) / "12.50" (other).
std::string DecimalHours(std::int64_t minutes, char decimal_point);

// Who a person is for valuation.
struct RateInputs {
  bool volunteer = false;
  std::optional<Money> person_rate;        // a volunteer's own rate
  std::optional<Money> member_cost;        // the organisation's declared hourly cost
  std::optional<Money> hub_volunteer_rate;
  std::optional<Money> hub_default_rate;
};
// The rate of a record: volunteer -> own rate, else the hub's volunteer rate, else the hub's
// default; employee -> the organisation's cost, else the hub's default. Nullopt: not valued.
std::optional<Money> ResolveRate(const RateInputs& in);

// round-half-up(minutes x rate / 60) in cents, minutes >= 0 (exact, no overflow for any
// realistic minutes: computed as whole hours x rate + the rest's rounded part).
Money ValueOf(std::int64_t minutes, Money hourly_rate);

// Splits ValueOf(sum of parts, rate) over the parts (minutes >= 0 each) so that the parts'
// values add up exactly to it: each part gets floor(part x rate / 60) and the cents left go
// one each to the parts with the largest remainders (ties: the first part). So every
// breakdown of a person's time adds up to the person's value.
std::vector<Money> SplitValue(const std::vector<std::int64_t>& parts, Money hourly_rate);

// A rate typed in euros per hour, 0..100,000; "" is "no rate" (nullopt inside ok).
// Returns false when the text is not such a rate.
bool ParseRate(std::string_view text, std::optional<Money>& out);
// FTE typed as "2,5" / "2.5" (hundredths, 0 < fte <= 10,000); "" is none. False otherwise.
bool ParseFte(std::string_view text, std::optional<std::int64_t>& out_hundredths);

// FTE spent in hundredths over `months` months (12: a year, 1: a month, whose FTE is a
// twelfth of 1,607 h): round-half-up(minutes / 60 / (1607 x months / 12) x 100).
std::int64_t FteSpentHundredths(std::int64_t minutes, int months = 12);
// Share of the carrier's FTE in basis points over `months` months: minutes / (fte x 1607 h x
// months / 12), half up.
std::optional<std::int64_t> FteShareBp(std::int64_t carrier_minutes, std::optional<std::int64_t> staff_fte_hundredths,
                                       int months = 12);

}  // namespace coopole::animation::time_rules
