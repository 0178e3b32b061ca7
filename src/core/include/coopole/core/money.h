// Money in integer cents; never a floating-point amount.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coopole {

struct Money {
  std::int64_t cents = 0;
  constexpr auto operator<=>(const Money&) const = default;
  constexpr Money operator+(Money o) const { return {cents + o.cents}; }
  constexpr Money operator-(Money o) const { return {cents - o.cents}; }
};

// Parses "1234", "1234,5", "1 234,50", "1234.50", "-12,30 €" into cents.
// Returns nullopt for anything else, including more than two decimals.
std::optional<Money> ParseMoney(std::string_view text);

// "1 234,50" (French, narrow no-break space as thousands separator) or "1,234.50" (English).
std::string FormatMoney(Money money, std::string_view lang);

}  // namespace coopole
