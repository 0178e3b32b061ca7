// The JSON API of events under /api/v1/hubs/{hub}/animation/events, and the public reply
// /api/v1/invitations/{token}: the same use cases as the pages.
#include "coopole/core/text.h"
#include "event_web.h"
#include "events_internal.h"

namespace coopole::animation::web::events_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;
using events_internal::AttendanceJson;
using events_internal::EventJson;
using events_internal::InvitationJson;

std::string Text(const json& body, const std::string& name) {
  auto text = cw::JsonText(body, name);
  return text && *text ? **text : "";
}

Result<std::int64_t> JsonVersion(const json& body) {
  auto text = cw::JsonText(body, "version");
  if (!text) return text.error();
  return VersionOf(*text);
}

// A list of ids given as numbers or strings; a single value is a list of one.
std::vector<std::string> Ids(const json& body, const char* name) {
  std::vector<std::string> out;
  if (!body.contains(name)) return out;
  const json& v = body[name];
  auto one = [&](const json& x) {
    if (x.is_number_integer()) out.push_back(std::to_string(x.get<long long>()));
    else if (x.is_string()) out.push_back(x.get<std::string>());
    else out.push_back("?");
  };
  if (v.is_array()) for (const auto& x : v) one(x);
  else if (!v.is_null()) one(v);
  return out;
}

Response ListApi(Request& req, const ViewContext& ctx) {
  EventQuery query;
  query.kind = req.Query("kind").value_or("");
  query.when = req.Query("when").value_or("");
  query.text = req.Query("q").value_or("");
  if (auto g = req.Query("group_id"); g && !Trim(*g).empty()) {
    auto id = cw::ParseId(Trim(*g));
    if (!id) return ApiFail(ctx, req, Error::Invalid({{"group_id", "validation.integer"}}));
    query.group = GroupId{*id};
  }
  if (auto p = req.Query("page")) query.page = static_cast<int>(cw::ParseId(*p).value_or(1));
  if (auto p = req.Query("per_page")) query.per_page = static_cast<int>(cw::ParseId(*p).value_or(50));
  auto page = ctx.deps.events.ListEvents(ctx.actor, ctx.hub, query);
  if (!page) return ApiFail(ctx, req, page.error());
  json items = json::array();
  for (const auto& e : page->items) items.push_back(EventJson(e, ctx.hub.hub));
  return cw::JsonResponse({{"items", items}, {"total", page->total}, {"page", page->page}, {"per_page", page->per_page}});
}

Response CreateApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = EventInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto event = ctx.deps.events.CreateEvent(ctx.actor, ctx.hub, *input);
  if (!event) return ApiFail(ctx, req, event.error());
  auto res = cw::JsonResponse(EventJson(*event, ctx.hub.hub), 201);
  res.SetHeader("Location", ApiEventsHref(ctx.hub) + "/" + std::to_string(event->id.value));
  return res;
}

Response GetApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto event = ctx.deps.events.GetEvent(ctx.actor, ctx.hub, *id);
  if (!event) return ApiFail(ctx, req, event.error());
  return cw::JsonResponse(EventJson(*event, ctx.hub.hub));
}

Response UpdateApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = EventInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto event = ctx.deps.events.UpdateEvent(ctx.actor, ctx.hub, *id, *version, *input);
  if (!event) return ApiFail(ctx, req, event.error());
  return cw::JsonResponse(EventJson(*event, ctx.hub.hub));
}

Response StatusApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto event = ctx.deps.events.ChangeStatus(ctx.actor, ctx.hub, *id, *version, Text(*body, "status"));
  if (!event) return ApiFail(ctx, req, event.error());
  return cw::JsonResponse(EventJson(*event, ctx.hub.hub));
}

Response MinutesApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto event = ctx.deps.events.SaveMinutes(ctx.actor, ctx.hub, *id, *version, Text(*body, "minutes"));
  if (!event) return ApiFail(ctx, req, event.error());
  return cw::JsonResponse(EventJson(*event, ctx.hub.hub));
}

Response InvitationsApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto list = ctx.deps.events.ListInvitations(ctx.actor, ctx.hub, *id);
  if (!list) return ApiFail(ctx, req, list.error());
  json items = json::array();
  for (const auto& i : *list) items.push_back(InvitationJson(i));
  return cw::JsonResponse({{"items", items}});
}

Response InviteApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  InviteInput input{Ids(*body, "member_ids"), Ids(*body, "group_ids"), Ids(*body, "person_ids")};
  auto outcome = ctx.deps.events.Invite(ctx.actor, ctx.hub, *id, input);
  if (!outcome) return ApiFail(ctx, req, outcome.error());
  return cw::JsonResponse({{"invited", outcome->invited}, {"already", outcome->already}}, 201);
}

Response ReplyApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "invitation");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto invitation = ctx.deps.events.Reply(ctx.actor, ctx.hub, InvitationId{*id}, Text(*body, "reply"));
  if (!invitation) return ApiFail(ctx, req, invitation.error());
  return cw::JsonResponse(InvitationJson(*invitation));
}

Response AttendanceApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto sheet = ctx.deps.events.Attendance(ctx.actor, ctx.hub, *id);
  if (!sheet) return ApiFail(ctx, req, sheet.error());
  json present = json::array();
  for (const auto& a : sheet->present) present.push_back(AttendanceJson(a));
  return cw::JsonResponse({{"event_id", id->value}, {"default_minutes", sheet->default_minutes}, {"present", present}});
}

Response RecordApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto row = ctx.deps.events.RecordAttendance(ctx.actor, ctx.hub, *id, Text(*body, "person_id"), Text(*body, "minutes"));
  if (!row) return ApiFail(ctx, req, row.error());
  return cw::JsonResponse(AttendanceJson(*row));
}

Response RemoveApi(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto removed = ctx.deps.events.RemoveAttendance(ctx.actor, ctx.hub, *id, req.Param("person"));
  if (!removed) return ApiFail(ctx, req, removed.error());
  return cw::JsonResponse({{"removed", *removed}});
}

json PublicJson(const PublicInvitation& p) {
  json out = InvitationJson(p.invitation);
  out["open"] = p.open;
  out["event"] = EventJson(p.event, p.hub);
  // The link shows the event and this person's own reply, nothing about the others (counts)
  // nor the internals (minutes, the pooled booking).
  for (const char* hidden : {"minutes", "counts", "room_booking_id", "room_resource_id"}) out["event"].erase(hidden);
  out["hub"] = {{"slug", p.hub.slug}, {"name", p.hub.name}};
  return out;
}

}  // namespace

void RegisterEventApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, cw::Answer::kJson, std::move(handler)); };
  const std::string events = "/api/v1/hubs/{hub}/animation/events";
  const std::string event = events + "/{event}";
  router.Add(http::Method::kGet, events, api(ListApi));
  router.Add(http::Method::kPost, events, api(CreateApi));
  router.Add(http::Method::kGet, event, api(GetApi));
  router.Add(http::Method::kPut, event, api(UpdateApi));
  router.Add(http::Method::kPost, event + "/status", api(StatusApi));
  router.Add(http::Method::kPut, event + "/minutes", api(MinutesApi));
  router.Add(http::Method::kGet, event + "/invitations", api(InvitationsApi));
  router.Add(http::Method::kPost, event + "/invitations", api(InviteApi));
  router.Add(http::Method::kPost, "/api/v1/hubs/{hub}/animation/invitations/{invitation}/reply", api(ReplyApi));
  router.Add(http::Method::kGet, event + "/attendance", api(AttendanceApi));
  router.Add(http::Method::kPost, event + "/attendance", api(RecordApi));
  router.Add(http::Method::kDelete, event + "/attendance/{person}", api(RemoveApi));

  http::RouteOptions public_route;
  public_route.public_route = true;
  router.Add(http::Method::kGet, "/api/v1/invitations/{token}", [deps](Request& req) {
    auto found = deps.events.InvitationByToken(req.Param("token"));
    if (!found) return deps.shell.JsonError(req, found.error());
    return cw::JsonResponse(PublicJson(*found));
  }, public_route);
  router.Add(http::Method::kPost, "/api/v1/invitations/{token}", [deps](Request& req) {
    auto body = cw::ParseJsonObject(req);
    if (!body) return deps.shell.JsonError(req, body.error());
    auto text = cw::JsonText(*body, "reply");
    auto done = deps.events.ReplyByToken(req.Param("token"), text && *text ? **text : "");
    if (!done) return deps.shell.JsonError(req, done.error());
    return cw::JsonResponse(PublicJson(*done));
  }, public_route);
}

}  // namespace coopole::animation::web::events_web
