#include "coopole/core/money.h"

#include "coopole/core/decimal.h"

namespace coopole {

std::optional<Money> ParseMoney(std::string_view text) {
  auto cents = ParseFixed(text, 2);
  if (!cents) return std::nullopt;
  return Money{*cents};
}

std::string FormatMoney(Money money, std::string_view lang) {
  bool negative = money.cents < 0;
  std::int64_t abs = negative ? -money.cents : money.cents;
  std::string whole = std::to_string(abs / 100);
  const bool fr = lang == "fr";
  // Group thousands from the right: "1234567" -> "1 234 567".
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += fr ? "\xE2\x80\xAF" : ",";
    grouped += whole[i];
  }
  std::string cents = (abs % 100 < 10 ? "0" : "") + std::to_string(abs % 100);
  return (negative ? "-" : "") + grouped + (fr ? "," : ".") + cents;
}

}  // namespace coopole
