#include "booking_rules.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "coopole/core/text.h"

namespace coopole::pooling {
namespace {

constexpr std::array<const char*, 7> kEnglishDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<const char*, 7> kFrenchDays = {"lun", "mar", "mer", "jeu", "ven", "sam", "dim"};
constexpr std::array<const char*, 7> kEnglishNames = {"monday", "tuesday",  "wednesday", "thursday",
                                                      "friday", "saturday", "sunday"};
constexpr std::array<const char*, 7> kFrenchNames = {"lundi", "mardi", "mercredi", "jeudi",
                                                     "vendredi", "samedi", "dimanche"};

// 0 = Monday ... 6 = Sunday, from a day name or abbreviation in either language.
std::optional<int> ParseDay(std::string_view word) {
  std::string key = FoldForSearch(Trim(word));
  if (!key.empty() && key.back() == '.') key.pop_back();
  for (int i = 0; i < 7; ++i) {
    if (key == kEnglishDays[i] || key == kFrenchDays[i] || key == kEnglishNames[i] || key == kFrenchNames[i]) return i;
  }
  return std::nullopt;
}

// "HH:MM" with "24:00" allowed as the end of a day.
std::optional<int> ParseBoundary(std::string_view text) {
  text = Trim(text);
  if (text == "24:00") return 1440;
  return ParseClock(text);
}

std::vector<std::string_view> SplitOn(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(from, i - from));
      from = i + 1;
    }
  }
  return parts;
}

std::optional<std::vector<int>> ParseDays(std::string_view text) {
  std::vector<int> days;
  for (auto item : SplitOn(text, ',')) {
    auto dash = item.find('-');
    if (dash == std::string_view::npos) {
      auto day = ParseDay(item);
      if (!day) return std::nullopt;
      days.push_back(*day);
      continue;
    }
    auto from = ParseDay(item.substr(0, dash));
    auto to = ParseDay(item.substr(dash + 1));
    if (!from || !to || *to < *from) return std::nullopt;
    for (int d = *from; d <= *to; ++d) days.push_back(d);
  }
  return days;
}

std::optional<std::vector<std::pair<int, int>>> ParseRanges(std::string_view text) {
  std::vector<std::pair<int, int>> ranges;
  for (auto item : SplitOn(text, ',')) {
    auto dash = item.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto from = ParseBoundary(item.substr(0, dash));
    auto to = ParseBoundary(item.substr(dash + 1));
    if (!from || !to || *from >= *to || *from == 1440) return std::nullopt;
    ranges.emplace_back(*from, *to);
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second) return std::nullopt;
  return ranges;
}

std::string FormatRanges(const std::vector<std::pair<int, int>>& ranges) {
  std::string out;
  for (const auto& [from, to] : ranges) {
    if (!out.empty()) out += ',';
    out += FormatClock(from) + "-" + (to == 1440 ? std::string("24:00") : FormatClock(to));
  }
  return out;
}

std::string FormatWith(const OpeningHours& hours, const std::array<const char*, 7>& names) {
  std::string out;
  for (int d = 0; d < 7;) {
    if (hours.days[d].empty()) {
      ++d;
      continue;
    }
    int last = d;
    while (last + 1 < 7 && hours.days[last + 1] == hours.days[d]) ++last;
    if (!out.empty()) out += "; ";
    out += names[d];
    if (last > d) out += std::string("-") + names[last];
    out += " " + FormatRanges(hours.days[d]);
    d = last + 1;
  }
  return out;
}

bool ValidText(const std::string& text, std::size_t max, const char* field, FieldErrors& errors) {
  if (!IsValidUtf8(text)) {
    errors[field] = "validation.encoding";
    return false;
  }
  if (text.size() > max) {
    errors[field] = "validation.too_long";
    return false;
  }
  return true;
}

// A whole number of minutes in [0, max]; "" is 0.
std::optional<int> ParseMinutes(std::string_view text, int max) {
  text = Trim(text);
  if (text.empty()) return 0;
  if (text.size() > 7) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// cents * numerator / denominator, rounded half up (all positive).
std::int64_t Prorate(std::int64_t cents, std::int64_t numerator, std::int64_t denominator) {
  return (cents * numerator * 2 + denominator) / (2 * denominator);
}

}  // namespace

std::optional<OpeningHours> ParseOpeningHours(std::string_view text) {
  OpeningHours hours;
  for (auto segment : SplitOn(text, ';')) {
    segment = Trim(segment);
    if (segment.empty()) continue;
    auto space = segment.find_first_of(" \t");
    if (space == std::string_view::npos) return std::nullopt;
    auto days = ParseDays(segment.substr(0, space));
    std::string ranges_text;
    for (char c : segment.substr(space + 1))
      if (c != ' ' && c != '\t') ranges_text += c;
    auto ranges = ParseRanges(ranges_text);
    if (!days || !ranges) return std::nullopt;
    for (int d : *days) {
      if (!hours.days[d].empty()) return std::nullopt;  // a day given twice
      hours.days[d] = *ranges;
    }
  }
  return hours;
}

std::string FormatOpeningHours(const OpeningHours& hours) { return FormatWith(hours, kEnglishDays); }

std::string DisplayOpeningHours(const OpeningHours& hours, std::string_view lang) {
  return FormatWith(hours, lang == "fr" ? kFrenchDays : kEnglishDays);
}

FieldErrors ApplyResourceInput(const ResourceInput& input, Resource& r) {
  FieldErrors errors;
  if (input.kind) {
    auto kind = ParseKind(Trim(*input.kind));
    if (kind) r.kind = *kind;
    else errors["kind"] = "validation.choice";
  }
  if (input.category) r.category = std::string(Trim(*input.category));
  const auto& categories = CategoriesOf(r.kind);
  if (!r.category.empty() && std::find(categories.begin(), categories.end(), r.category) == categories.end())
    errors["category"] = "validation.choice";
  if (input.name) r.name = std::string(Trim(*input.name));
  if (r.name.empty()) errors["name"] = "validation.required";
  else ValidText(r.name, 200, "name", errors);
  if (input.description) {
    r.description = *input.description;
    ValidText(r.description, 5000, "description", errors);
  }
  if (input.location) {
    r.location = std::string(Trim(*input.location));
    ValidText(r.location, 300, "location", errors);
  }
  if (input.prerequisite) {
    r.rules.prerequisite = std::string(Trim(*input.prerequisite));
    ValidText(r.rules.prerequisite, 200, "prerequisite", errors);
  }
  if (input.capacity) {
    auto text = Trim(*input.capacity);
    if (text.empty()) {
      r.capacity.reset();
    } else if (auto value = ParseMinutes(text, 100000); value && *value > 0) {
      r.capacity = *value;
    } else {
      errors["capacity"] = "validation.integer";
    }
  }
  if (input.opening_hours) {
    if (auto hours = ParseOpeningHours(*input.opening_hours)) r.opening = *hours;
    else errors["opening_hours"] = "validation.opening_hours";
  }
  auto minutes = [&](const std::optional<std::string>& text, const char* field, int max, int& out) {
    if (!text) return;
    if (auto value = ParseMinutes(*text, max)) out = *value;
    else errors[field] = "validation.integer";
  };
  minutes(input.min_minutes, "min_minutes", kMaxBookingMinutes, r.rules.min_minutes);
  minutes(input.max_minutes, "max_minutes", kMaxBookingMinutes, r.rules.max_minutes);
  minutes(input.notice_minutes, "notice_minutes", 366 * 24 * 60, r.rules.notice_minutes);
  if (r.rules.max_minutes > 0 && r.rules.min_minutes > r.rules.max_minutes && !errors.contains("max_minutes"))
    errors["max_minutes"] = "validation.max_below_min";
  if (input.approval_required) {
    if (auto value = ParseBoolean(*input.approval_required)) r.rules.approval_required = *value;
    else errors["approval_required"] = "validation.boolean";
  }
  if (input.price_unit) {
    if (auto unit = ParsePriceUnit(Trim(*input.price_unit))) r.pricing.unit = *unit;
    else errors["price_unit"] = "validation.choice";
  }
  auto price = [&](const std::optional<std::string>& text, const char* field, bool optional,
                   std::optional<Money>& out) {
    if (!text) return;
    if (Trim(*text).empty()) {
      if (optional) out.reset();
      else out = Money{0};
      return;
    }
    auto money = ParseMoney(*text);
    if (!money || money->cents < 0 || money->cents > 100'000'000) errors[field] = "validation.amount";
    else out = *money;
  };
  std::optional<Money> member = r.pricing.member;
  price(input.price_member, "price_member", false, member);
  r.pricing.member = member.value_or(Money{0});
  price(input.price_non_member, "price_non_member", true, r.pricing.non_member);
  price(input.price_solidarity, "price_solidarity", true, r.pricing.solidarity);
  if (r.pricing.unit != PriceUnit::kFree && r.pricing.member.cents == 0 && !r.pricing.non_member &&
      !r.pricing.solidarity && !errors.contains("price_member"))
    errors["price_member"] = "validation.price_missing";
  return errors;
}

Result<Slot> ToSlot(const LocalDateTime& start, const LocalDateTime& end, const TimeZone& zone) {
  auto starts_at = zone.ToUtc(start);
  if (!starts_at) return Error::Invalid({{"starts_at", "validation.nonexistent_time"}});
  auto ends_at = zone.ToUtc(end);
  if (!ends_at) return Error::Invalid({{"ends_at", "validation.nonexistent_time"}});
  if (*ends_at <= *starts_at) return Error::Invalid({{"ends_at", "validation.end_before_start"}});
  return Slot{start, end, *starts_at, *ends_at};
}

std::optional<SlotFaultInfo> SlotFault(const Resource& resource, const Slot& slot, const SlotContext& context) {
  if (!IsSchedulable(resource.kind) || resource.archived_at) return SlotFaultInfo{"resource_id", "validation.not_bookable"};
  if (slot.ends_at <= slot.starts_at) return SlotFaultInfo{"ends_at", "validation.end_before_start"};
  if (slot.starts_at < context.now) return SlotFaultInfo{"starts_at", "validation.in_the_past"};
  const std::int64_t minutes = slot.Minutes();
  if (minutes > kMaxBookingMinutes || (resource.rules.max_minutes > 0 && minutes > resource.rules.max_minutes))
    return SlotFaultInfo{"ends_at", "validation.booking_too_long"};
  if (minutes < resource.rules.min_minutes) return SlotFaultInfo{"ends_at", "validation.booking_too_short"};
  if (slot.starts_at.unix_seconds - context.now.unix_seconds <
      static_cast<std::int64_t>(resource.rules.notice_minutes) * 60)
    return SlotFaultInfo{"starts_at", "validation.notice"};
  if (!resource.opening.Unrestricted()) {
    // Within one opening range of one day; an end at midnight closes the day before.
    int end_minute = slot.end.minute;
    Date end_date = slot.end.date;
    if (end_minute == 0) {
      end_minute = 1440;
      end_date = AddDays(end_date, -1);
    }
    bool inside = false;
    if (end_date == slot.start.date) {
      for (const auto& [from, to] : resource.opening.days[IsoWeekday(slot.start.date) - 1])
        if (from <= slot.start.minute && end_minute <= to) inside = true;
    }
    if (!inside) return SlotFaultInfo{"starts_at", "validation.outside_opening_hours"};
  }
  if (resource.capacity && context.attendees && *context.attendees > *resource.capacity)
    return SlotFaultInfo{"attendees", "validation.over_capacity"};
  if (!context.qualified) return SlotFaultInfo{"resource_id", "validation.prerequisite"};
  return std::nullopt;
}

FieldErrors CheckSlot(const Resource& resource, const Slot& slot, const SlotContext& context) {
  auto fault = SlotFault(resource, slot, context);
  if (!fault) return {};
  return {{fault->field, fault->key}};
}

Money PriceOf(const Pricing& pricing, PriceTier tier, const Slot& slot) {
  const Money unit_price = pricing.PriceFor(tier);
  const std::int64_t minutes = std::max<std::int64_t>(slot.Minutes(), 0);
  switch (pricing.unit) {
    case PriceUnit::kFree:
      return Money{0};
    case PriceUnit::kHour:
      return Money{Prorate(unit_price.cents, minutes, 60)};
    case PriceUnit::kHalfDay:
      return Money{unit_price.cents * std::max<std::int64_t>(1, (minutes + 239) / 240)};
    case PriceUnit::kDay: {
      std::int64_t days = DaysSinceEpoch(slot.end.date) - DaysSinceEpoch(slot.start.date);
      if (slot.end.minute > 0) ++days;
      return Money{unit_price.cents * std::max<std::int64_t>(1, days)};
    }
    case PriceUnit::kUnit:
      return unit_price;
  }
  return Money{0};
}

Result<std::vector<std::pair<LocalDateTime, LocalDateTime>>> ExpandRecurrence(const LocalDateTime& start,
                                                                              const LocalDateTime& end,
                                                                              Frequency frequency, Date until) {
  std::vector<std::pair<LocalDateTime, LocalDateTime>> out;
  if (frequency == Frequency::kNone) {
    out.emplace_back(start, end);
    return out;
  }
  if (until < start.date) return Error::Invalid({{"recurrence_until", "validation.date_order"}});
  const std::int64_t span_days = DaysSinceEpoch(end.date) - DaysSinceEpoch(start.date);
  for (int k = 0;; ++k) {
    Date day = frequency == Frequency::kWeekly ? AddDays(start.date, 7 * k) : AddMonths(start.date, k);
    if (day > until) break;
    if (static_cast<int>(out.size()) == kMaxOccurrences)
      return Error::Invalid({{"recurrence_until", "validation.too_many_occurrences"}});
    out.emplace_back(LocalDateTime{day, start.minute}, LocalDateTime{AddDays(day, span_days), end.minute});
  }
  return out;
}

}  // namespace coopole::pooling
