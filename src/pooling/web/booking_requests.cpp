#include "booking_requests.h"

#include <nlohmann/json.hpp>

#include "catalogue_requests.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/web/web.h"

namespace coopole::pooling::web::scheduling {
namespace {

namespace cw = coopole::web;

Error BadParameter(const std::string& name, const char* key) {
  return Error::BadRequest("malformed query parameter " + name, {{name, key}});
}

std::string FormText(const http::FormFields& fields, std::string_view name) {
  return std::string(Trim(http::FormValue(fields, name).value_or("")));
}

// A day ("2026-11-24", local midnight; `end_of_day` moves to the next midnight) or a local
// date-time, as an instant in `zone`.
std::optional<Timestamp> InstantOf(const std::string& text, const TimeZone& zone, bool end_of_day) {
  if (auto local = ParseLocalDateTime(text)) {
    // A reading skipped by a clock change: the hour after it.
    if (auto t = zone.ToUtc(*local)) return t;
    return zone.ToUtc(LocalDateTime{local->date, std::min(local->minute + 60, 1439)});
  }
  if (text.size() == 10) {
    if (auto date = ParseDate(text)) {
      const Date day = end_of_day ? AddDays(*date, 1) : *date;
      // Midnight exists in every zone coopole serves; fall back to 01:00 otherwise.
      if (auto t = zone.ToUtc(LocalDateTime{day, 0})) return t;
      return zone.ToUtc(LocalDateTime{day, 60});
    }
  }
  return std::nullopt;
}

}  // namespace

Result<BookingId> BookingIdParam(const http::Request& req) {
  auto id = cw::ParseId(req.Param("booking"));
  if (!id) return Error::NotFound("booking");
  return BookingId{*id};
}

Result<BookingMode> ParseMode(const std::optional<std::string>& text) {
  const std::string mode(Trim(text.value_or("")));
  if (mode.empty() || mode == "all_or_nothing") return BookingMode::kAllOrNothing;
  if (mode == "preview") return BookingMode::kPreview;
  if (mode == "skip_conflicts") return BookingMode::kSkipConflicts;
  return Error::Invalid({{"mode", "validation.choice"}});
}

Result<BookingInput> BookingInputFromForm(const http::FormFields& fields, ResourceId resource) {
  std::map<std::string, std::string> errors;
  BookingInput input;
  input.resource_id = std::to_string(resource.value);
  const std::string date_text = FormText(fields, "date");
  const std::string end_date_text = FormText(fields, "end_date");
  const std::string start_text = FormText(fields, "start");
  const std::string end_text = FormText(fields, "end");
  auto date = ParseDate(date_text);
  if (date_text.empty()) errors["date"] = "validation.required";
  else if (!date) errors["date"] = "validation.date";
  std::optional<Date> end_date = date;
  if (!end_date_text.empty()) {
    end_date = ParseDate(end_date_text);
    if (!end_date) errors["end_date"] = "validation.date";
  }
  auto start = ParseClock(start_text);
  if (start_text.empty()) errors["starts_at"] = "validation.required";
  else if (!start) errors["starts_at"] = "validation.time";
  // "24:00" ends the day.
  std::optional<int> end = end_text == "24:00" ? std::optional<int>(1440) : ParseClock(end_text);
  if (end_text.empty()) errors["ends_at"] = "validation.required";
  else if (!end) errors["ends_at"] = "validation.time";
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  input.starts_at = FormatLocalDateTime(LocalDateTime{*date, *start});
  input.ends_at = *end == 1440 ? FormatLocalDateTime(LocalDateTime{AddDays(*end_date, 1), 0})
                               : FormatLocalDateTime(LocalDateTime{*end_date, *end});
  input.title = http::FormValue(fields, "title");
  input.attendees = http::FormValue(fields, "attendees");
  if (auto member = FormText(fields, "member_id"); !member.empty()) input.member_id = member;
  if (auto tier = FormText(fields, "tier"); !tier.empty()) input.tier = tier;
  input.recurrence = FormText(fields, "recurrence");
  if (!input.recurrence->empty()) input.recurrence_until = FormText(fields, "recurrence_until");
  return input;
}

Result<BookingInput> BookingInputFromJson(const nlohmann::json& body) {
  BookingInput input;
  struct Field {
    const char* name;
    std::optional<std::string> BookingInput::*value;
  };
  static constexpr Field kFields[] = {
      {"resource_id", &BookingInput::resource_id}, {"member_id", &BookingInput::member_id},
      {"title", &BookingInput::title},             {"attendees", &BookingInput::attendees},
      {"starts_at", &BookingInput::starts_at},     {"ends_at", &BookingInput::ends_at},
      {"tier", &BookingInput::tier},               {"recurrence", &BookingInput::recurrence},
      {"recurrence_until", &BookingInput::recurrence_until},
  };
  for (const auto& field : kFields) {
    auto text = cw::JsonText(body, field.name);
    if (!text) return text.error();
    input.*field.value = std::move(*text);
  }
  return input;
}

Result<BookingQuery> ParseBookingQuery(const http::Request& req, const TimeZone& zone) {
  BookingQuery query;
  auto resource = PositiveQuery(req, "resource");
  if (!resource) return resource.error();
  if (*resource) query.resource = ResourceId{**resource};
  auto member = PositiveQuery(req, "member");
  if (!member) return member.error();
  if (*member) query.member = MemberId{**member};
  if (auto owner = std::string(Trim(req.Query("owner").value_or(""))); !owner.empty()) {
    if (owner == "hub") {
      query.hub_owned = true;
    } else {
      auto id = cw::ParseId(owner);
      if (!id) return BadParameter("owner", "validation.member");
      query.owner = MemberId{*id};
    }
  }
  for (const auto& value : req.QueryAll("status")) {
    for (const auto& part : Split(value, ',')) {
      auto code = Trim(part);
      if (code.empty()) continue;
      auto status = ParseBookingStatus(code);
      if (!status) return BadParameter("status", "validation.choice");
      query.statuses.push_back(*status);
    }
  }
  for (const char* name : {"from", "to"}) {
    auto text = std::string(Trim(req.Query(name).value_or("")));
    if (text.empty()) continue;
    auto instant = InstantOf(text, zone, std::string_view(name) == "to");
    if (!instant) return BadParameter(name, "validation.datetime");
    (std::string_view(name) == "from" ? query.from : query.to) = *instant;
  }
  auto page = PositiveQuery(req, "page");
  if (!page) return page.error();
  if (*page) query.page = static_cast<int>(std::min<std::int64_t>(**page, 1'000'000));
  auto per_page = PositiveQuery(req, "per_page");
  if (!per_page) return per_page.error();
  if (*per_page) query.per_page = static_cast<int>(std::min<std::int64_t>(**per_page, 1000));
  return query;
}

}  // namespace coopole::pooling::web::scheduling
