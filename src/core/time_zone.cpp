#include "coopole/core/time_zone.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace coopole {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr const char* kZoneInfo = "/usr/share/zoneinfo/";

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsSafeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '-' || c == '+';
  });
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool Has(std::size_t n) const { return pos_ + n <= data_.size(); }
  std::int64_t Be(int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(data_[pos_ + i]);
    pos_ += bytes;
    if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  unsigned char Byte() { return static_cast<unsigned char>(data_[pos_++]); }
  void Skip(std::size_t n) { pos_ += n; }
  std::size_t pos() const { return pos_; }
  std::string_view Rest() const { return data_.substr(pos_); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

struct Counts {
  std::int64_t isut, isstd, leap, time, type, chars;
};

std::optional<Counts> ReadHeader(Reader& r, char& version) {
  if (!r.Has(44) || r.Rest().substr(0, 4) != "TZif") return std::nullopt;
  r.Skip(4);
  version = static_cast<char>(r.Byte());
  r.Skip(15);
  Counts c{r.Be(4), r.Be(4), r.Be(4), r.Be(4), r.Be(4), r.Be(4)};
  if (c.isut < 0 || c.isstd < 0 || c.leap < 0 || c.time < 0 || c.type <= 0 || c.chars < 0) return std::nullopt;
  return c;
}

// Parses [+-]hh[:mm[:ss]] at `s`, advancing it.
std::optional<int> ParseHms(std::string_view& s) {
  int sign = 1;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  int parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (s.empty() || s[0] != ':') break;
      s.remove_prefix(1);
    }
    if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
    int v = 0;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
      v = v * 10 + (s[0] - '0');
      s.remove_prefix(1);
      if (v > 167) return std::nullopt;
    }
    parts[i] = v;
  }
  return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

bool ParseZoneAbbreviation(std::string_view& s) {
  if (!s.empty() && s[0] == '<') {
    auto close = s.find('>');
    if (close == std::string_view::npos) return false;
    s.remove_prefix(close + 1);
    return true;
  }
  std::size_t n = 0;
  while (n < s.size() && ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))) ++n;
  if (n < 3) return false;
  s.remove_prefix(n);
  return true;
}

// "Mm.w.d[/time]"
bool ParseTransitionRule(std::string_view& s, int& month, int& week, int& weekday, int& time) {
  if (s.empty() || s[0] != 'M') return false;
  s.remove_prefix(1);
  int values[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
    if (s.empty() || s[0] < '0' || s[0] > '9') return false;
    int v = 0;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
      v = v * 10 + (s[0] - '0');
      s.remove_prefix(1);
      if (v > 12) return false;
    }
    values[i] = v;
  }
  month = values[0];
  week = values[1];
  weekday = values[2];
  if (month < 1 || week < 1 || week > 5 || weekday > 6) return false;
  time = 7200;
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    auto t = ParseHms(s);
    if (!t) return false;
    time = *t;
  }
  return true;
}

// Local (rule-time) seconds since the epoch of the transition "Mm.w.d/time" in `year`.
std::int64_t TransitionLocalSeconds(int year, int month, int week, int weekday, int time) {
  Date first{year, month, 1};
  int first_weekday = IsoWeekday(first) % 7;  // 0 = Sunday, as in POSIX rules
  int day = 1 + (weekday - first_weekday + 7) % 7 + (week - 1) * 7;
  while (day > DaysInMonth(year, month)) day -= 7;
  return DaysSinceEpoch(Date{year, month, day}) * kDay + time;
}

}  // namespace

std::int64_t DaysSinceEpoch(Date date) {
  using namespace std::chrono;
  return sys_days{year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                                 day{static_cast<unsigned>(date.day)}}}
      .time_since_epoch()
      .count();
}

Date DateFromDays(std::int64_t days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int IsoWeekday(Date date) {
  std::int64_t d = DaysSinceEpoch(date);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((d + 3) % 7 + 7) % 7) + 1;
}

Date AddDays(Date date, std::int64_t days) { return DateFromDays(DaysSinceEpoch(date) + days); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Date AddMonths(Date date, int months) {
  int index = date.year * 12 + (date.month - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  return Date{year, month, std::min(date.day, DaysInMonth(year, month))};
}

std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int h = (text[0] - '0') * 10 + (text[1] - '0');
  int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string FormatClock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 100, minute % 60);
  return buf;
}

std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  auto date = ParseDate(text.substr(0, 10));
  auto clock = ParseClock(text.substr(11, 5));
  if (!date || !clock) return std::nullopt;
  std::string_view rest = text.substr(16);
  if (!rest.empty()) {
    if (rest.size() != 3 || rest[0] != ':' || rest[1] < '0' || rest[1] > '5' || rest[2] < '0' || rest[2] > '9')
      return std::nullopt;
  }
  return LocalDateTime{*date, *clock};
}

std::string FormatLocalDateTime(const LocalDateTime& local) {
  return FormatIsoDate(local.date) + "T" + FormatClock(local.minute);
}

std::optional<TimeZone::Rule> TimeZone::ParseRule(std::string_view s) {
  Rule rule;
  if (!ParseZoneAbbreviation(s)) return std::nullopt;
  auto std_offset = ParseHms(s);
  if (!std_offset) return std::nullopt;
  rule.std_offset = -*std_offset;  // POSIX offsets count west of Greenwich
  if (s.empty()) return rule;
  if (!ParseZoneAbbreviation(s)) return std::nullopt;
  rule.dst_offset = rule.std_offset + 3600;
  if (!s.empty() && s[0] != ',') {
    auto dst = ParseHms(s);
    if (!dst) return std::nullopt;
    rule.dst_offset = -*dst;
  }
  if (s.empty() || s[0] != ',') return std::nullopt;
  s.remove_prefix(1);
  if (!ParseTransitionRule(s, rule.start_month, rule.start_week, rule.start_weekday, rule.start_time))
    return std::nullopt;
  if (s.empty() || s[0] != ',') return std::nullopt;
  s.remove_prefix(1);
  if (!ParseTransitionRule(s, rule.end_month, rule.end_week, rule.end_weekday, rule.end_time)) return std::nullopt;
  if (!s.empty()) return std::nullopt;
  return rule;
}

int TimeZone::RuleOffsetAt(std::int64_t t) const {
  if (!rule_) return initial_offset_;
  const Rule& r = *rule_;
  if (!r.dst_offset) return r.std_offset;
  int year = DateFromDays(FloorDiv(t + r.std_offset, kDay)).year;
  std::int64_t start =
      TransitionLocalSeconds(year, r.start_month, r.start_week, r.start_weekday, r.start_time) - r.std_offset;
  std::int64_t end = TransitionLocalSeconds(year, r.end_month, r.end_week, r.end_weekday, r.end_time) - *r.dst_offset;
  bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
  return dst ? *r.dst_offset : r.std_offset;
}

int TimeZone::OffsetAt(Timestamp t) const {
  if (transitions_.empty() || t.unix_seconds >= transitions_.back().at) {
    if (rule_) return RuleOffsetAt(t.unix_seconds);
    return transitions_.empty() ? initial_offset_ : transitions_.back().offset;
  }
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t.unix_seconds,
                             [](std::int64_t v, const Transition& tr) { return v < tr.at; });
  if (it == transitions_.begin()) return initial_offset_;
  return std::prev(it)->offset;
}

LocalDateTime TimeZone::ToLocal(Timestamp t) const {
  std::int64_t local = t.unix_seconds + OffsetAt(t);
  std::int64_t days = FloorDiv(local, kDay);
  return LocalDateTime{DateFromDays(days), static_cast<int>((local - days * kDay) / 60)};
}

std::optional<Timestamp> TimeZone::ToUtc(const LocalDateTime& local) const {
  std::int64_t wall = DaysSinceEpoch(local.date) * kDay + static_cast<std::int64_t>(local.minute) * 60;
  std::optional<std::int64_t> best;
  for (std::int64_t probe : {wall - kDay, wall, wall + kDay}) {
    int offset = OffsetAt(Timestamp{probe});
    std::int64_t candidate = wall - offset;
    if (OffsetAt(Timestamp{candidate}) == offset && (!best || candidate < *best)) best = candidate;
  }
  if (!best) return std::nullopt;
  return Timestamp{*best};
}

std::shared_ptr<const TimeZone> TimeZone::Fixed(std::string name, int utc_offset_seconds) {
  auto zone = std::shared_ptr<TimeZone>(new TimeZone());
  zone->name_ = std::move(name);
  zone->initial_offset_ = utc_offset_seconds;
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::Load(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  if (!IsSafeZoneName(name)) return nullptr;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second;

  std::ifstream in(std::string(kZoneInfo) + std::string(name), std::ios::binary);
  if (!in) return nullptr;
  std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  Reader r(data);
  char version = 0;
  auto counts = ReadHeader(r, version);
  if (!counts) return nullptr;
  int time_size = 4;
  if (version >= '2') {
    // Skip the 32-bit block; the 64-bit one that follows covers every instant.
    r.Skip(counts->time * 5 + counts->type * 6 + counts->chars + counts->leap * 8 + counts->isstd + counts->isut);
    counts = ReadHeader(r, version);
    if (!counts) return nullptr;
    time_size = 8;
  }
  const Counts c = *counts;
  if (!r.Has(c.time * (time_size + 1) + c.type * 6)) return nullptr;
  std::vector<std::int64_t> times(c.time);
  for (auto& t : times) t = r.Be(time_size);
  std::vector<int> indices(c.time);
  for (auto& i : indices) i = r.Byte();
  std::vector<int> offsets(c.type);
  for (auto& o : offsets) {
    o = static_cast<int>(r.Be(4));
    r.Skip(2);  // isdst, abbreviation index
  }
  auto zone = std::shared_ptr<TimeZone>(new TimeZone());
  zone->name_ = std::string(name);
  zone->initial_offset_ = offsets[0];
  for (std::int64_t i = 0; i < c.time; ++i) {
    if (indices[i] >= c.type) return nullptr;
    zone->transitions_.push_back({times[i], offsets[indices[i]]});
  }
  if (time_size == 8) {
    r.Skip(c.chars + c.leap * 12 + c.isstd + c.isut);
    std::string_view footer = r.pos() <= data.size() ? r.Rest() : std::string_view{};
    if (footer.size() > 2 && footer[0] == '\n') {
      footer.remove_prefix(1);
      footer = footer.substr(0, footer.find('\n'));
      if (!footer.empty()) zone->rule_ = ParseRule(footer);
    }
  }
  cache.emplace(std::string(name), zone);
  return zone;
}

}  // namespace coopole
