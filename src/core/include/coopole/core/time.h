// Dates and instants. Instants are stored as UTC seconds since the epoch; calendar dates
// (a join date, a charter acceptance) carry no time zone.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coopole {

struct Timestamp {
  std::int64_t unix_seconds = 0;
  constexpr auto operator<=>(const Timestamp&) const = default;
};

// "2026-11-23T14:05:00Z"
std::string FormatIsoUtc(Timestamp t);

struct Date {
  int year = 0, month = 0, day = 0;
  constexpr auto operator<=>(const Date&) const = default;
};

// Accepts "YYYY-MM-DD" and the French "DD/MM/YYYY"; rejects impossible dates (31/02).
std::optional<Date> ParseDate(std::string_view text);
// "2026-11-23"
std::string FormatIsoDate(Date d);
// "23/11/2026" for "fr", "2026-11-23" otherwise.
std::string FormatDate(Date d, std::string_view lang);

// The source of "now". Production uses SystemClock; tests pass a FakeClock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_; }
  void Advance(std::int64_t seconds) { now_.unix_seconds += seconds; }

 private:
  Timestamp now_;
};

}  // namespace coopole
