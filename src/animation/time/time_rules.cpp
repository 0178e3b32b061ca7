#include "time_rules.h"

#include <cctype>

namespace coopole::animation::time_rules {
namespace {

std::string_view TrimSpaces(std::string_view t) {
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  return t;
}

// Up to 6 ASCII digits (bounded so nothing overflows); nullopt otherwise.
std::optional<std::int64_t> Digits(std::string_view t) {
  if (t.empty() || t.size() > 6) return std::nullopt;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "12", "1,5", "0.25": an exact decimal as (units, fraction digits, number of decimals).
struct Decimal {
  std::int64_t whole = 0, fraction = 0;
  int decimals = 0;
};
std::optional<Decimal> ParseDecimal(std::string_view t, int max_decimals) {
  auto sep = t.find_first_of(",.");
  Decimal d;
  auto whole = Digits(t.substr(0, sep));
  if (!whole) return std::nullopt;
  d.whole = *whole;
  if (sep != std::string_view::npos) {
    auto frac_text = t.substr(sep + 1);
    if (frac_text.empty() || static_cast<int>(frac_text.size()) > max_decimals) return std::nullopt;
    auto frac = Digits(frac_text);
    if (!frac) return std::nullopt;
    d.fraction = *frac;
    d.decimals = static_cast<int>(frac_text.size());
  }
  return d;
}

std::int64_t Pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::int64_t HalfUpDivide(std::int64_t numerator, std::int64_t denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

}  // namespace

std::optional<std::int64_t> ParseDuration(std::string_view text) {
  std::string lower;
  for (char c : TrimSpaces(text)) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view t = lower;
  if (t.empty()) return std::nullopt;
  // Minutes: "90min", "90 min", "90 mn".
  for (std::string_view unit : {"min", "mn"}) {
    if (t.size() > unit.size() && t.substr(t.size() - unit.size()) == unit)
      return Digits(TrimSpaces(t.substr(0, t.size() - unit.size())));
  }
  // Hours and minutes: "1:30", "1h30", "1 h 30", "2h".
  auto sep = t.find_first_of(":h");
  if (sep != std::string_view::npos) {
    auto rest = TrimSpaces(t.substr(sep + 1));
    if (rest.empty() && t[sep] == 'h') {  // "2h", "1,5 h" (how French write decimal hours)
      auto d = ParseDecimal(TrimSpaces(t.substr(0, sep)), 2);
      if (!d) return std::nullopt;
      return d->whole * 60 + HalfUpDivide(d->fraction * 60, Pow10(d->decimals));
    }
    auto hours = Digits(TrimSpaces(t.substr(0, sep)));
    if (!hours || rest.empty()) return std::nullopt;
    auto minutes = Digits(rest);
    if (!minutes || *minutes > 59 || rest.size() != 2) return std::nullopt;
    return *hours * 60 + *minutes;
  }
  // Decimal hours.
  auto d = ParseDecimal(t, 2);
  if (!d) return std::nullopt;
  return d->whole * 60 + HalfUpDivide(d->fraction * 60, Pow10(d->decimals));
}

bool PassesDay(std::int64_t already, std::int64_t added) { return already + added > kMinutesPerDay; }

std::string FormatHoursMinutes(std::int64_t minutes) {
  std::string out = std::to_string(minutes / 60) + " h";
  if (minutes % 60 != 0) out += " " + std::string(minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60);
  return out;
}

namespace {
constexpr std::string_view kDayTotalPrefix = "the day would total ";
constexpr std::string_view kDayTotalSuffix = " for this person (24 h at most)";
}  // namespace

std::string DayTotalMessage(std::int64_t day_minutes) {
  return std::string(kDayTotalPrefix) + FormatHoursMinutes(day_minutes) + std::string(kDayTotalSuffix);
}

std::optional<std::string> DayTotalOf(std::string_view message) {
  if (message.size() <= kDayTotalPrefix.size() + kDayTotalSuffix.size() || message.substr(0, kDayTotalPrefix.size()) != kDayTotalPrefix ||
      message.substr(message.size() - kDayTotalSuffix.size()) != kDayTotalSuffix)
    return std::nullopt;
  return std::string(message.substr(kDayTotalPrefix.size(), message.size() - kDayTotalPrefix.size() - kDayTotalSuffix.size()));
}

std::string DecimalHours(std::int64_t minutes, char decimal_point) {
  const bool negative = minutes < 0;
  if (negative) minutes = -minutes;
  const std::int64_t hundredths = HalfUpDivide(minutes * 100, 60);
  std::string out = (negative ? "-" : "") + std::to_string(hundredths / 100);
  out += decimal_point;
  out += static_cast<char>('0' + (hundredths % 100) / 10);
  out += static_cast<char>('0' + hundredths % 10);
  return out;
}

std::optional<Money> ResolveRate(const RateInputs& in) {
  if (in.volunteer) {
    if (in.person_rate) return in.person_rate;
    if (in.hub_volunteer_rate) return in.hub_volunteer_rate;
    return in.hub_default_rate;
  }
  if (in.member_cost) return in.member_cost;
  return in.hub_default_rate;
}

Money ValueOf(std::int64_t minutes, Money hourly_rate) {
  // (60 q + r) x rate / 60 = q x rate + r x rate / 60, q x rate an integer: only the rest is rounded.
  return Money{minutes / 60 * hourly_rate.cents + HalfUpDivide(minutes % 60 * hourly_rate.cents, 60)};
}

std::vector<Money> SplitValue(const std::vector<std::int64_t>& parts, Money hourly_rate) {
  std::vector<Money> out(parts.size());
  std::vector<std::int64_t> remainders(parts.size());
  std::int64_t total_minutes = 0, given = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    total_minutes += parts[i];
    const std::int64_t rest = parts[i] % 60 * hourly_rate.cents;
    out[i] = Money{parts[i] / 60 * hourly_rate.cents + rest / 60};
    remainders[i] = rest % 60;
    given += out[i].cents;
  }
  // round(sum) - sum of floors is in [0, number of parts with a remainder].
  std::int64_t left = ValueOf(total_minutes, hourly_rate).cents - given;
  while (left > 0) {
    std::size_t best = parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (remainders[i] > 0 && (best == parts.size() || remainders[i] > remainders[best])) best = i;
    if (best == parts.size()) break;
    out[best].cents += 1;
    remainders[best] = 0;
    --left;
  }
  return out;
}

bool ParseRate(std::string_view text, std::optional<Money>& out) {
  auto t = TrimSpaces(text);
  if (t.empty()) {
    out.reset();
    return true;
  }
  auto d = ParseDecimal(t, 2);
  if (!d || d->whole > kMaxRateCents / 100) return false;
  const std::int64_t cents = d->whole * 100 + d->fraction * (d->decimals == 1 ? 10 : 1);
  if (cents > kMaxRateCents) return false;
  out = Money{cents};
  return true;
}

bool ParseFte(std::string_view text, std::optional<std::int64_t>& out_hundredths) {
  auto t = TrimSpaces(text);
  if (t.empty()) {
    out_hundredths.reset();
    return true;
  }
  auto d = ParseDecimal(t, 2);
  if (!d || d->whole > 10'000) return false;
  const std::int64_t h = d->whole * 100 + d->fraction * (d->decimals == 1 ? 10 : 1);
  if (h <= 0 || h > 10'000 * 100) return false;
  out_hundredths = h;
  return true;
}

std::int64_t FteSpentHundredths(std::int64_t minutes, int months) {
  if (months < 1) months = 1;
  return HalfUpDivide(minutes * 100 * 12, 60 * kLegalAnnualHours * months);
}

std::optional<std::int64_t> FteShareBp(std::int64_t carrier_minutes, std::optional<std::int64_t> staff_fte_hundredths,
                                       int months) {
  if (!staff_fte_hundredths || *staff_fte_hundredths <= 0) return std::nullopt;
  if (months < 1) months = 1;
  // minutes / (fte_h / 100 x 1607 x 60 x months / 12) x 10000
  //   = minutes x 12,000,000 / (fte_h x 96,420 x months)
  return HalfUpDivide(carrier_minutes * 12'000'000, *staff_fte_hundredths * 60 * kLegalAnnualHours * months);
}

}  // namespace coopole::animation::time_rules
