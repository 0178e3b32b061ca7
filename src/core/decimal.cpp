#include "coopole/core/decimal.h"

#include <limits>

namespace coopole {
namespace {

constexpr std::int64_t Pow10(int n) {
  std::int64_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// Skips one thousands separator at `i` if present: ASCII space, U+00A0 or U+202F.
bool SkipSpace(std::string_view s, std::size_t& i) {
  if (s[i] == ' ') { ++i; return true; }
  if (s.substr(i, 2) == "\xC2\xA0") { i += 2; return true; }
  if (s.substr(i, 3) == "\xE2\x80\xAF") { i += 3; return true; }
  return false;
}

}  // namespace

std::optional<std::int64_t> ParseFixed(std::string_view s, int decimals) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x82\xAC") {  // trailing euro sign
    s.remove_suffix(3);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  }
  if (s.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+') { negative = s[0] == '-'; ++i; }
  std::int64_t whole = 0;
  int int_digits = 0;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 1000000;
  while (i < s.size()) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      whole = whole * 10 + (c - '0');
      if (whole > kMax) return std::nullopt;
      ++int_digits;
      ++i;
    } else if (int_digits > 0 && SkipSpace(s, i)) {
      continue;
    } else {
      break;
    }
  }
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size() && (s[i] == ',' || s[i] == '.')) {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (frac_digits == decimals) return std::nullopt;
      frac = frac * 10 + (s[i] - '0');
      ++frac_digits;
      ++i;
    }
    if (frac_digits == 0 && int_digits == 0) return std::nullopt;
  }
  if (i != s.size() || (int_digits == 0 && frac_digits == 0)) return std::nullopt;
  std::int64_t scaled = whole * Pow10(decimals) + frac * Pow10(decimals - frac_digits);
  return negative ? -scaled : scaled;
}

std::string FormatFixed(std::int64_t scaled, int decimals, std::string_view lang) {
  std::string out;
  if (scaled < 0) { out += '-'; scaled = -scaled; }
  std::int64_t unit = Pow10(decimals);
  out += std::to_string(scaled / unit);
  std::int64_t frac = scaled % unit;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits = std::string(static_cast<std::size_t>(decimals) - digits.size(), '0') + digits;
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += lang == "fr" ? ',' : '.';
    out += digits;
  }
  return out;
}

}  // namespace coopole
