#include "booking_views.h"

#include <nlohmann/json.hpp>

#include "catalogue_views.h"

namespace coopole::pooling::web::scheduling {
namespace {

// "lun. 23/11/2026, 09:00–12:00", or both dates when the slot spans several days.
std::string SlotText(const LocalDateTime& start, const LocalDateTime& end, std::string_view lang) {
  std::string text = DayText(start.date, lang) + ", " + FormatClock(start.minute) + "–";
  if (end.date == start.date) return text + FormatClock(end.minute);
  if (end.minute == 0 && AddDays(start.date, 1) == end.date) return text + "24:00";
  return text + DayText(end.date, lang) + " " + FormatClock(end.minute);
}

std::string DurationText(std::int64_t minutes) {
  std::string out;
  if (minutes >= 60) out = std::to_string(minutes / 60) + " h";
  if (minutes % 60 != 0) out += (out.empty() ? "" : " ") + std::to_string(minutes % 60) + " min";
  return out.empty() ? "0 min" : out;
}

}  // namespace

std::string BookingsHref(const hubs::HubContext& hub) { return PoolingHref(hub) + "/bookings"; }
std::string BookingHref(const hubs::HubContext& hub, BookingId id) {
  return BookingsHref(hub) + "/" + std::to_string(id.value);
}
std::string ApiBookingHref(const hubs::HubContext& hub, BookingId id) {
  return ApiPoolingHref(hub) + "/bookings/" + std::to_string(id.value);
}
std::string CalendarHref(const hubs::HubContext& hub) { return PoolingHref(hub) + "/calendar"; }

std::string LocalIso(Timestamp t, const TimeZone& zone) { return FormatLocalDateTime(zone.ToLocal(t)); }

render::View BookingView(const Booking& b, const ViewContext& ctx) {
  const auto& shell = ctx.deps.shell;
  const std::string& lang = ctx.lang;
  auto zone = HubZone(ctx.hub);
  const LocalDateTime start = zone->ToLocal(b.starts_at);
  const LocalDateTime end = zone->ToLocal(b.ends_at);
  render::View v;
  const std::string href = BookingHref(ctx.hub, b.id);
  v.set("id", std::to_string(b.id.value));
  v.set("href", href);
  v.set("approve_href", href + "/approve");
  v.set("refuse_href", href + "/refuse");
  v.set("cancel_href", href + "/cancel");
  v.set("resource_name", b.resource_name);
  v.set("resource_href", ResourceHref(ctx.hub, b.resource));
  v.set("member_name", b.member_name);
  SetText(v, "title", b.title);
  SetText(v, "attendees", b.attendees ? std::to_string(*b.attendees) : "");
  v.set("when", SlotText(start, end, lang));
  v.set("date", FormatDate(start.date, lang));
  v.set("start_time", FormatClock(start.minute));
  v.set("end_time", FormatClock(end.minute));
  v.set("start_local", FormatLocalDateTime(start));
  v.set("end_local", FormatLocalDateTime(end));
  v.set("starts_at", FormatIsoUtc(b.starts_at));
  v.set("ends_at", FormatIsoUtc(b.ends_at));
  v.set("duration", DurationText((b.ends_at.unix_seconds - b.starts_at.unix_seconds) / 60));
  v.set("status", BookingStatusCode(b.status));
  v.set("status_label", shell.Translate(lang, std::string("pooling.status.") + BookingStatusCode(b.status)));
  v.set("pending", b.status == BookingStatus::kPending);
  v.set("holds_slot", HoldsSlot(b.status));
  v.set("tier_label", shell.Translate(lang, std::string("pooling.tier.") + TierCode(b.tier)));
  v.set("price", MoneyText(b.price, lang));
  v.set("recurring", b.series.has_value());
  SetText(v, "reason", b.reason);
  const auto own = OwnMember(ctx);
  const bool coordinator = IsCoordinator(ctx);
  const bool owns_resource = own && b.owner && *own == *b.owner;
  v.set("can_decide", b.status == BookingStatus::kPending && (coordinator || owns_resource));
  v.set("can_cancel",
        HoldsSlot(b.status) && b.starts_at > WallNow() && (coordinator || owns_resource || (own && *own == b.member)));
  return v;
}

render::View OccurrenceView(const Occurrence& o, const ViewContext& ctx) {
  render::View v;
  v.set("when", SlotText(o.start, o.end, ctx.lang));
  v.set("start_local", FormatLocalDateTime(o.start));
  v.set("end_local", FormatLocalDateTime(o.end));
  v.set("duration", DurationText((o.ends_at.unix_seconds - o.starts_at.unix_seconds) / 60));
  v.set("price", MoneyText(o.price, ctx.lang));
  v.set("has_conflict", o.Conflicted());
  if (o.conflict) v.set("conflict", BookingView(*o.conflict, ctx));
  v.set("self_conflict", o.collides_with.has_value());
  if (o.collides_with) v.set("self_conflict_with", std::to_string(*o.collides_with + 1));
  return v;
}

nlohmann::json BookingJson(const Booking& b, const TimeZone& zone) {
  return {
      {"id", b.id.value},
      {"resource", {{"id", b.resource.value}, {"name", b.resource_name}}},
      {"member", {{"id", b.member.value}, {"name", b.member_name}}},
      {"member_name", b.member_name},
      {"owner_id", b.owner ? nlohmann::json(b.owner->value) : nlohmann::json(nullptr)},
      {"title", b.title},
      {"attendees", OrNull(b.attendees)},
      {"starts_at", FormatIsoUtc(b.starts_at)},
      {"ends_at", FormatIsoUtc(b.ends_at)},
      {"starts_at_local", LocalIso(b.starts_at, zone)},
      {"ends_at_local", LocalIso(b.ends_at, zone)},
      {"time_zone", zone.name()},
      {"duration_minutes", (b.ends_at.unix_seconds - b.starts_at.unix_seconds) / 60},
      {"status", BookingStatusCode(b.status)},
      {"tier", TierCode(b.tier)},
      {"price_cents", b.price.cents},
      {"series_id", b.series ? nlohmann::json(b.series->value) : nlohmann::json(nullptr)},
      {"reason", b.reason},
      {"created_at", FormatIsoUtc(b.created_at)},
      {"updated_at", FormatIsoUtc(b.updated_at)},
      {"version", b.version},
  };
}

nlohmann::json OccurrenceJson(const Occurrence& o, const TimeZone& zone) {
  return {
      {"start", FormatLocalDateTime(o.start)},
      {"end", FormatLocalDateTime(o.end)},
      {"starts_at", FormatIsoUtc(o.starts_at)},
      {"ends_at", FormatIsoUtc(o.ends_at)},
      {"duration_minutes", (o.ends_at.unix_seconds - o.starts_at.unix_seconds) / 60},
      {"price_cents", o.price.cents},
      {"conflict", o.conflict ? BookingJson(*o.conflict, zone) : nlohmann::json(nullptr)},
      {"collides_with_occurrence", o.collides_with ? nlohmann::json(*o.collides_with) : nlohmann::json(nullptr)},
  };
}

nlohmann::json ConflictJson(const Occurrence& o, const TimeZone& zone) {
  return {
      {"start", FormatLocalDateTime(o.start)},
      {"end", FormatLocalDateTime(o.end)},
      {"starts_at", FormatIsoUtc(o.starts_at)},
      {"ends_at", FormatIsoUtc(o.ends_at)},
      {"booking", o.conflict ? BookingJson(*o.conflict, zone) : nlohmann::json(nullptr)},
      {"collides_with_occurrence", o.collides_with ? nlohmann::json(*o.collides_with) : nlohmann::json(nullptr)},
  };
}

}  // namespace coopole::pooling::web::scheduling
