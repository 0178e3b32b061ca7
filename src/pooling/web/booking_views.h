// View models (HTML) and JSON documents of bookings, occurrences and conflicts. Times are
// shown and sent both as UTC instants and as wall-clock readings in the hub's zone.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "coopole/render/render.h"
#include "pooling_routes.h"

namespace coopole::pooling::web::scheduling {

std::string BookingsHref(const hubs::HubContext& hub);
std::string BookingHref(const hubs::HubContext& hub, BookingId id);
std::string ApiBookingHref(const hubs::HubContext& hub, BookingId id);
std::string CalendarHref(const hubs::HubContext& hub);

// A booking for display: resource and member (names and links), title, attendees, the day
// and local times, status (code, label, `pending`), tier and price, reason, and the forms
// the actor may use (can_decide: approve/refuse; can_cancel) with their addresses.
render::View BookingView(const Booking& booking, const ViewContext& ctx);
// One occurrence of a request: its day, local times, price, and the conflicting booking.
render::View OccurrenceView(const Occurrence& occurrence, const ViewContext& ctx);

// The API documents (web/openapi/pooling.json: Booking, Occurrence, Conflict).
nlohmann::json BookingJson(const Booking& booking, const TimeZone& zone);
nlohmann::json OccurrenceJson(const Occurrence& occurrence, const TimeZone& zone);
// {start, end, starts_at, ends_at, booking} of an occurrence that collides.
nlohmann::json ConflictJson(const Occurrence& occurrence, const TimeZone& zone);

// The local reading of an instant as "YYYY-MM-DDTHH:MM".
std::string LocalIso(Timestamp t, const TimeZone& zone);

}  // namespace coopole::pooling::web::scheduling
