#include "coopole/hubs/hubs.h"

namespace coopole::hubs {

std::shared_ptr<const TimeZone> ZoneOf(const Hub& hub) {
  if (auto zone = TimeZone::Load(hub.time_zone)) return zone;
  if (auto paris = TimeZone::Load("Europe/Paris")) return paris;
  static const auto fallback = TimeZone::Fixed("UTC+01", 3600);
  return fallback;
}

Date TodayIn(const Clock& clock, const Hub& hub) { return ZoneOf(hub)->ToLocal(clock.Now()).date; }

}  // namespace coopole::hubs
