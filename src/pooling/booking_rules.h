// Pure rules of the catalogue and of bookings: parsing and validating resources, opening
// hours, the slot rules of a booking, prices, recurrences. No I/O, no clock: callers pass
// "now" and the time zone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/result.h"
#include "coopole/core/time_zone.h"
#include "coopole/pooling/resources.h"

namespace coopole::pooling {

using FieldErrors = std::map<std::string, std::string>;  // field -> message key

// Parses "lun-ven 08:00-12:00,14:00-18:00; sam 09:00-12:00" (French or English day names
// or abbreviations, ranges "a-b" of days or single days separated by commas; "24:00" may
// end a range). "" means no restriction. nullopt when malformed or when ranges of a day
// overlap or end before they start.
std::optional<OpeningHours> ParseOpeningHours(std::string_view text);
// The canonical form, days grouped when their hours are equal: "mon-fri 08:00-18:00; sat 09:00-12:00".
std::string FormatOpeningHours(const OpeningHours& hours);
// The same with French day names ("lun-ven 08:00-18:00; sam 09:00-12:00") for "fr".
std::string DisplayOpeningHours(const OpeningHours& hours, std::string_view lang);

// Applies raw input onto `resource` and validates the result; returns every field at fault.
// Owner membership is checked by the caller (it needs the database).
FieldErrors ApplyResourceInput(const ResourceInput& input, Resource& resource);

// A slot as asked (local wall times) and as stored (UTC).
struct Slot {
  LocalDateTime start;
  LocalDateTime end;
  Timestamp starts_at;
  Timestamp ends_at;
  std::int64_t Minutes() const { return (ends_at.unix_seconds - starts_at.unix_seconds) / 60; }
};

// Converts local readings to a slot in `zone`. Errors: {"starts_at"|"ends_at":
// "validation.nonexistent_time"} for a reading skipped when clocks go forward;
// {"ends_at": "validation.end_before_start"} when it does not end after it starts.
Result<Slot> ToSlot(const LocalDateTime& start, const LocalDateTime& end, const TimeZone& zone);

// Whether the resource's rules accept the slot for a booker, booked at `now`. Returns the
// first failing rule: resource not schedulable or archived, in the past, too short, too
// long, too little notice, outside opening hours, over capacity, prerequisite missing.
struct SlotContext {
  Timestamp now;
  std::optional<std::int64_t> attendees;
  bool qualified = true;  // the booker holds the prerequisite (or none is needed)
};
FieldErrors CheckSlot(const Resource& resource, const Slot& slot, const SlotContext& context);

// The first rule CheckSlot would report, as (field, message key), without allocating:
// availability searches run it over every resource of the hub.
struct SlotFaultInfo {
  const char* field;
  const char* key;
};
std::optional<SlotFaultInfo> SlotFault(const Resource& resource, const Slot& slot, const SlotContext& context);

// Whether [a_start, a_end) and [b_start, b_end) share an instant.
inline bool Overlaps(Timestamp a_start, Timestamp a_end, Timestamp b_start, Timestamp b_end) {
  return a_start < b_end && b_start < a_end;
}

// The price of a slot: per hour pro rata of the real minutes (a night when clocks change
// counts its real length), per started half-day (4 hours), per local calendar day touched,
// per booking (unit), or free. Rounded half up to the cent, integer arithmetic only.
Money PriceOf(const Pricing& pricing, PriceTier tier, const Slot& slot);

// The occurrences of a request: the first, then every week or month (same local times,
// same day of month clamped to the month's end) while the occurrence starts on or before
// `until`. Errors: {"recurrence_until": "validation.date_order"} when until is before the
// first date; {"recurrence_until": "validation.too_many_occurrences"} beyond kMaxOccurrences.
Result<std::vector<std::pair<LocalDateTime, LocalDateTime>>> ExpandRecurrence(const LocalDateTime& start,
                                                                              const LocalDateTime& end,
                                                                              Frequency frequency, Date until);

}  // namespace coopole::pooling
