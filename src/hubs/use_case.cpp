#include "coopole/hubs/use_case.h"

#include "coopole/core/text.h"

namespace coopole::hubs::use_case {

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

std::string CheckedText(const std::string& text, const std::string& field, std::size_t max,
                        std::map<std::string, std::string>& errors) {
  if (!IsValidUtf8(text)) {
    errors[field] = "validation.encoding";
    return "";
  }
  std::string trimmed(Trim(text));
  if (trimmed.size() > max) errors[field] = "validation.too_long";
  return trimmed;
}

}  // namespace coopole::hubs::use_case
