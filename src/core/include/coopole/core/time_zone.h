// Civil time in a named IANA time zone, read from the system's compiled tz database
// (/usr/share/zoneinfo, Debian package tzdata). libstdc++ 12 has no <chrono> tzdb, so the
// TZif files are read here: the transition table, then the POSIX rule of the footer for
// instants beyond it.
#pragma once

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time.h"

namespace coopole {

// A wall-clock reading in some zone: a calendar date and the minute of that day.
struct LocalDateTime {
  Date date;
  int minute = 0;  // 0..1439 since local midnight
  constexpr auto operator<=>(const LocalDateTime&) const = default;
};

// Days since 1970-01-01 of a date, and back (proleptic Gregorian).
std::int64_t DaysSinceEpoch(Date date);
Date DateFromDays(std::int64_t days);
// 1 = Monday ... 7 = Sunday (ISO 8601).
int IsoWeekday(Date date);
// The date `days` later (or earlier when negative).
Date AddDays(Date date, std::int64_t days);
// The same day `months` later, clamped to the month's last day (31 Jan + 1 -> 28/29 Feb).
Date AddMonths(Date date, int months);
int DaysInMonth(int year, int month);

// Parses "HH:MM" (00:00..23:59) into minutes since midnight.
std::optional<int> ParseClock(std::string_view text);
// "09:05"
std::string FormatClock(int minute);
// Parses "YYYY-MM-DDTHH:MM" (seconds ":SS" accepted and dropped) or "YYYY-MM-DD HH:MM".
std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text);
// "2026-03-29T09:00"
std::string FormatLocalDateTime(const LocalDateTime& local);

class TimeZone {
 public:
  // The zone named `name` ("Europe/Paris"), loaded once and shared; nullptr for a name that
  // is not in the tz database (or not a safe relative path).
  static std::shared_ptr<const TimeZone> Load(std::string_view name);
  // A zone without daylight saving and with a fixed offset (tests, fallbacks).
  static std::shared_ptr<const TimeZone> Fixed(std::string name, int utc_offset_seconds);

  const std::string& name() const { return name_; }
  // Seconds to add to UTC to get local time at instant `t`.
  int OffsetAt(Timestamp t) const;
  // The wall-clock reading at `t` (seconds dropped).
  LocalDateTime ToLocal(Timestamp t) const;
  // The instant at which the wall clock reads `local`. nullopt when that reading never
  // happens (the hour skipped when clocks go forward). When it happens twice (the hour
  // repeated when clocks go back) the earlier instant is returned.
  std::optional<Timestamp> ToUtc(const LocalDateTime& local) const;

  // A POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3" (exposed for tests).
  struct Rule {
    int std_offset = 0;                 // seconds east of UTC
    std::optional<int> dst_offset;      // set when the rule has daylight saving
    int start_month = 0, start_week = 0, start_weekday = 0, start_time = 7200;
    int end_month = 0, end_week = 0, end_weekday = 0, end_time = 7200;
  };
  static std::optional<Rule> ParseRule(std::string_view posix);

 private:
  struct Transition {
    std::int64_t at;  // UTC seconds
    int offset;       // in force from `at`
  };
  TimeZone() = default;
  int RuleOffsetAt(std::int64_t t) const;

  std::string name_;
  int initial_offset_ = 0;
  std::vector<Transition> transitions_;
  std::optional<Rule> rule_;
};

}  // namespace coopole
