// The routes of the events part: pages under /hubs/{hub}/animation/events, the public reply
// link under /invitations/{token}, the API under /api/v1/hubs/{hub}/animation/events and
// /api/v1/invitations/{token}.
#include "event_web.h"

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "events_internal.h"

namespace coopole::animation::web {

namespace cw = coopole::web;

namespace events_web {

http::Handler WithHub(const Dependencies& deps, cw::Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   // A copy of `deps` lives in the route: the Dependencies given to
                   // RegisterRoutes do not outlive it.
                   [deps, handler = std::move(handler)](http::Request& req, const cw::HubRequest& in) {
                     return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                   });
}

http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.ErrorResponse(req, error);
}
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.JsonError(req, error);
}

std::string AnimBase(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/animation"; }
std::string EventsHref(const hubs::HubContext& hub) { return AnimBase(hub) + "/events"; }
std::string EventHref(const hubs::HubContext& hub, EventId id) { return EventsHref(hub) + "/" + std::to_string(id.value); }
std::string ApiEventsHref(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/animation/events"; }

Result<std::int64_t> IdParam(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return *id;
}
Result<EventId> EventParam(const http::Request& req) {
  auto id = IdParam(req, "event");
  if (!id) return id.error();
  return EventId{*id};
}
Result<std::int64_t> VersionOf(const std::optional<std::string>& text) {
  if (text) {
    if (auto v = cw::ParseId(Trim(*text))) return *v;
  }
  return Error::Invalid({{"version", "validation.integer"}});
}

bool IsCoordinator(const ViewContext& ctx) { return events_internal::IsCoordinator(ctx.actor, ctx.hub); }
std::string T(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }
std::string T(const cw::Shell& shell, const std::string& lang, const std::string& key) { return shell.Translate(lang, key); }

render::View BaseView(const ViewContext& ctx) {
  render::View view;
  view.set("anim_base", AnimBase(ctx.hub));
  view.set("events_href", EventsHref(ctx.hub));
  view.set("new_event_href", EventsHref(ctx.hub) + "/new");
  view.set("is_coordinator", IsCoordinator(ctx));
  view.set("may_create", IsCoordinator(ctx) || events_internal::OwnMember(ctx.hub).has_value());
  return view;
}

render::View EventView(const Event& e, const hubs::Hub& hub, const cw::Shell& shell, const std::string& lang) {
  const auto zone = hubs::ZoneOf(hub);
  const LocalDateTime start = zone->ToLocal(e.starts_at), end = zone->ToLocal(e.ends_at);
  render::View v;
  v.set("id", std::to_string(e.id.value));
  v.set("href", "/hubs/" + hub.slug + "/animation/events/" + std::to_string(e.id.value));
  v.set("title", e.title);
  v.set("kind", e.kind);
  v.set("kind_label", shell.Translate(lang, "animation.events.kind." + e.kind));
  v.set("status", e.status);
  v.set("status_label", shell.Translate(lang, "animation.events.status." + e.status));
  v.set("date", FormatDate(start.date, lang));
  v.set("date_iso", FormatIsoDate(start.date));
  v.set("start_time", FormatClock(start.minute));
  v.set("end_time", FormatClock(end.minute));
  v.set("end_date", start.date == end.date ? "" : FormatDate(end.date, lang));
  v.set("several_days", start.date != end.date);
  v.set("starts_iso", FormatIsoUtc(e.starts_at));
  v.set("place", e.place);
  v.set("has_place", !e.place.empty());
  v.set("description", e.description);
  v.set("has_description", !e.description.empty());
  v.set("group_name", e.group_name);
  v.set("has_group", e.group.has_value());
  v.set("group_href", e.group ? "/hubs/" + hub.slug + "/animation/groups/" + std::to_string(e.group->value) : "");
  v.set("host_name", e.host_name);
  v.set("has_host", e.host.has_value());
  v.set("newcomer_name", e.newcomer_name);
  v.set("has_newcomer", e.newcomer.has_value());
  v.set("capacity", e.capacity ? std::to_string(*e.capacity) : "");
  v.set("has_capacity", e.capacity.has_value());
  v.set("has_room", e.room_booking_id.has_value());
  v.set("yes", std::to_string(e.yes));
  v.set("no", std::to_string(e.no));
  v.set("maybe", std::to_string(e.maybe));
  v.set("pending", std::to_string(e.pending));
  v.set("waitlisted", std::to_string(e.waitlisted));
  v.set("attended", std::to_string(e.attended));
  v.set("is_planned", e.status == "planned");
  v.set("is_cancelled", e.status == "cancelled");
  v.set("minutes", e.minutes);
  v.set("has_minutes", !e.minutes.empty());
  return v;
}

render::View InvitationView(const Invitation& i, const ViewContext& ctx) {
  render::View v;
  v.set("id", std::to_string(i.id.value));
  v.set("person_name", i.person_name);
  v.set("member_name", i.member_name);
  v.set("reply", i.reply);
  v.set("reply_label", T(ctx, "animation.invitations.reply." + i.reply));
  v.set("waitlisted", i.waitlist_position.has_value());
  v.set("waitlist_position", i.waitlist_position ? std::to_string(*i.waitlist_position) : "");
  v.set("via_label", T(ctx, "animation.invitations.via." + i.invited_via));
  v.set("may_reply", IsCoordinator(ctx) || events_internal::OwnMember(ctx.hub) == i.member);
  v.set("reply_action", EventsHref(ctx.hub) + "/invitations/" + std::to_string(i.id.value) + "/reply");
  return v;
}

namespace {
std::optional<std::string> Field(const http::FormFields& form, const char* name) { return http::FormValue(form, name); }
}  // namespace

EventInput EventInputFromForm(const http::FormFields& form) {
  EventInput in;
  in.kind = Field(form, "kind");
  in.title = Field(form, "title");
  in.description = Field(form, "description");
  in.group_id = Field(form, "group_id");
  in.newcomer_member_id = Field(form, "newcomer_member_id");
  in.host_member_id = Field(form, "host_member_id");
  in.date = Field(form, "date");
  in.start_time = Field(form, "start_time");
  in.end_time = Field(form, "end_time");
  in.end_date = Field(form, "end_date");
  in.place = Field(form, "place");
  in.room_resource_id = Field(form, "room_resource_id");
  in.capacity = Field(form, "capacity");
  return in;
}

Result<EventInput> EventInputFromJson(const nlohmann::json& body) {
  EventInput in;
  const std::pair<const char*, std::optional<std::string>*> fields[] = {
      {"kind", &in.kind},
      {"title", &in.title},
      {"description", &in.description},
      {"group_id", &in.group_id},
      {"newcomer_member_id", &in.newcomer_member_id},
      {"host_member_id", &in.host_member_id},
      {"date", &in.date},
      {"start_time", &in.start_time},
      {"end_time", &in.end_time},
      {"end_date", &in.end_date},
      {"place", &in.place},
      {"room_resource_id", &in.room_resource_id},
      {"capacity", &in.capacity}};
  for (const auto& [name, target] : fields) {
    auto text = cw::JsonText(body, name);
    if (!text) return text.error();
    *target = *text;
  }
  return in;
}

}  // namespace events_web

void RegisterEventRoutes(http::Router& router, const Dependencies& deps) {
  events_web::RegisterEventPages(router, deps);
  events_web::RegisterAttendancePages(router, deps);
  events_web::RegisterInvitationPages(router, deps);
  events_web::RegisterEventApi(router, deps);
}

}  // namespace coopole::animation::web
