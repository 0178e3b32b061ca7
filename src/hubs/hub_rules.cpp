#include <filesystem>

#include "coopole/core/text.h"
#include "coopole/hubs/hubs.h"

namespace coopole::hubs {

bool IsValidSlug(std::string_view slug) {
  if (slug.size() < 2 || slug.size() > 60 || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  // Words the URL space uses for itself.
  return slug != "new" && slug != "api" && slug != "static";
}

bool IsKnownTimeZone(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.find("..") != std::string_view::npos || name.front() == '/') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return false;
  }
  // The IANA database as installed by Debian's tzdata.
  return std::filesystem::is_regular_file("/usr/share/zoneinfo/" + std::string(name));
}

std::map<std::string, std::string> ValidateHub(const Hub& hub) {
  std::map<std::string, std::string> fields;
  auto text = [&](const char* field, const std::string& value, std::size_t max, bool required) {
    if (!IsValidUtf8(value)) {
      fields[field] = "validation.encoding";
    } else if (required && Trim(value).empty()) {
      fields[field] = "validation.required";
    } else if (value.size() > max) {
      fields[field] = "validation.too_long";
    }
  };
  text("name", hub.name, 200, true);
  text("territory", hub.territory, 200, false);
  text("description", hub.description, 10000, false);
  if (!IsValidSlug(hub.slug)) fields["slug"] = "validation.slug";
  if (!IsKnownTimeZone(hub.time_zone)) fields["time_zone"] = "validation.time_zone";
  return fields;
}

}  // namespace coopole::hubs
