// Reading booking requests: the {booking} id, BookingInput and the mode from the booking
// form or a JSON body, and the booking list query.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "coopole/http/http.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::web::scheduling {

Result<BookingId> BookingIdParam(const http::Request& req);

// "preview", "all_or_nothing" (the default) or "skip_conflicts". Errors: kInvalidArgument
// {"mode": "validation.choice"}.
Result<BookingMode> ParseMode(const std::optional<std::string>& text);

// The booking form: date, start, end (HH:MM), end_date (optional, for slots over several
// days; an end at or before the start on the same date is not moved), title, attendees,
// member_id, tier, recurrence, recurrence_until. Errors: kInvalidArgument {"date":
// "validation.date" | "validation.required"}, {"starts_at"|"ends_at": "validation.time"}.
Result<BookingInput> BookingInputFromForm(const http::FormFields& fields, ResourceId resource);
// A JSON body: resource_id, member_id, title, attendees, starts_at, ends_at (local
// "YYYY-MM-DDTHH:MM"), tier, recurrence, recurrence_until. Errors: kBadRequest naming a
// field that is an array or an object.
Result<BookingInput> BookingInputFromJson(const nlohmann::json& body);

// Which bookings a list shows: resource, member, owner (a member id or "hub"), status
// (repeated or comma-separated), from and to ("YYYY-MM-DD" local days, or local date-times;
// `to` a day means to the end of it), page, per_page. Errors: kBadRequest naming the
// parameter.
Result<BookingQuery> ParseBookingQuery(const http::Request& req, const TimeZone& zone);

}  // namespace coopole::pooling::web::scheduling
