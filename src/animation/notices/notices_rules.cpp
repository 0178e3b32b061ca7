#include "notices_rules.h"

#include "coopole/animation/notices.h"

namespace coopole::animation::notice_rules {

bool IsFrequency(std::string_view frequency) {
  for (const char* known : kDigestFrequencies)
    if (frequency == known) return true;
  return false;
}

std::optional<LocalDateTime> LatestDigestTime(std::string_view frequency, LocalDateTime now_local) {
  Date day = now_local.date;
  if (frequency == "daily") {
    if (now_local.minute < kDigestMinute) day = AddDays(day, -1);
    return LocalDateTime{day, kDigestMinute};
  }
  if (frequency == "weekly") {
    day = AddDays(day, -(IsoWeekday(day) - 1));  // this week's Monday
    if (day == now_local.date && now_local.minute < kDigestMinute) day = AddDays(day, -7);
    return LocalDateTime{day, kDigestMinute};
  }
  return std::nullopt;
}

bool DigestDue(std::string_view frequency, std::optional<Timestamp> last_digest, Timestamp oldest_unmailed,
               Timestamp now, const TimeZone& zone) {
  if (frequency == "immediate") return true;
  auto latest = LatestDigestTime(frequency, zone.ToLocal(now));
  if (!latest) return false;
  if (!(zone.ToLocal(oldest_unmailed) < *latest)) return false;  // posted since: waits for the next one
  return !last_digest || zone.ToLocal(*last_digest) < *latest;
}

bool IsAppPath(std::string_view link) {
  if (link.empty() || link.front() != '/') return false;
  if (link.size() > 1 && (link[1] == '/' || link[1] == '\\')) return false;
  for (unsigned char c : link)
    if (c < 0x20 || c == 0x7F) return false;  // browsers strip these, which can rebuild a "//"
  return true;
}

std::map<std::string, std::string> DisplayParams(std::map<std::string, std::string> params, std::string_view lang) {
  if (auto date = params.find("date"); date != params.end())
    if (auto parsed = ParseDate(date->second)) date->second = FormatDate(*parsed, lang);
  return params;
}

std::string FillPlaceholders(std::string text, const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    auto param = params.find(text.substr(open + 1, close - open - 1));
    if (param != params.end()) {
      out += param->second;
      at = close + 1;
    } else {
      out += '{';  // not a known placeholder: kept, and scanning goes on after its brace
      at = open + 1;
    }
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace coopole::animation::notice_rules
