#include "coopole/core/time.h"

#include <cstdio>

namespace coopole {
namespace {

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::optional<Date> Checked(int y, int m, int d) {
  using namespace std::chrono;
  if (y < 1800 || y > 2200) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{y, m, d};
}

}  // namespace

std::string FormatIsoUtc(Timestamp t) {
  using namespace std::chrono;
  sys_seconds tp{seconds{t.unix_seconds}};
  auto days = floor<std::chrono::days>(tp);
  year_month_day ymd{days};
  hh_mm_ss hms{tp - days};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

std::optional<Date> ParseDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!ParseDigits(s.substr(0, 4), y) || !ParseDigits(s.substr(5, 2), m) || !ParseDigits(s.substr(8, 2), d))
      return std::nullopt;
    return Checked(y, m, d);
  }
  if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    if (!ParseDigits(s.substr(0, 2), d) || !ParseDigits(s.substr(3, 2), m) || !ParseDigits(s.substr(6, 4), y))
      return std::nullopt;
    return Checked(y, m, d);
  }
  return std::nullopt;
}

std::string FormatIsoDate(Date d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string FormatDate(Date d, std::string_view lang) {
  if (lang != "fr") return FormatIsoDate(d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

Timestamp SystemClock::Now() const {
  using namespace std::chrono;
  return Timestamp{duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
}

}  // namespace coopole
