// Fixed-point numbers as French offices write them ("2,5", "1 234,50", "2.5").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coopole {

// Parses a decimal with at most `decimals` fractional digits into an integer scaled by
// 10^decimals ("2,5" with 2 decimals -> 250). Accepts a comma or a dot as decimal mark,
// spaces (including no-break spaces) as thousands separators, a leading sign and a trailing
// "€". Returns nullopt for anything else, for too many decimals, or on overflow.
std::optional<std::int64_t> ParseFixed(std::string_view text, int decimals);

// Formats a scaled integer with the decimal mark of `lang` ("fr": comma, else dot),
// dropping trailing zero decimals ("2,5", "3"); thousands are not grouped.
std::string FormatFixed(std::int64_t scaled, int decimals, std::string_view lang);

}  // namespace coopole
