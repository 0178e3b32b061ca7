// The event pages: the list (kind, group, upcoming/past, search, pages), the form (new, edit;
// prefilled from ?kind=&newcomer=&group=), the event page (details, invitations with replies
// and counts, waiting list, minutes, attendance summary), its printable version, and the
// forms it posts (status, minutes, invitations, replies in the app).
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "event_web.h"
#include "events_internal.h"

namespace coopole::animation::web::events_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

std::string DoneNotice(const Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done) return "";
  for (const char* known : {"created", "saved", "status", "minutes", "invited", "replied"})
    if (*done == known) return T(ctx, std::string("animation.events.done.") + known);
  return "";
}

render::ViewList Options(const std::vector<std::pair<std::string, std::string>>& choices, const std::string& selected) {
  render::ViewList list;
  for (const auto& [value, label] : choices) {
    render::View o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", value == selected);
    list.push_back(std::move(o));
  }
  return list;
}

std::vector<std::pair<std::string, std::string>> KindChoices(const ViewContext& ctx) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* k : kEventKindCodes) out.emplace_back(k, T(ctx, std::string("animation.events.kind.") + k));
  return out;
}

std::vector<std::pair<std::string, std::string>> GroupChoices(const ViewContext& ctx) {
  std::vector<std::pair<std::string, std::string>> out;
  if (auto groups = ctx.deps.events.GroupChoices(ctx.actor, ctx.hub))
    for (const auto& [id, name] : *groups) out.emplace_back(std::to_string(id.value), name);
  return out;
}

std::vector<std::pair<std::string, std::string>> MemberChoices(const ViewContext& ctx) {
  std::vector<std::pair<std::string, std::string>> out;
  if (ctx.deps.member_choices)
    for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) out.emplace_back(std::to_string(id), name);
  return out;
}

// ---- the list -------------------------------------------------------------------------------

Response ListPage(Request& req, const ViewContext& ctx) {
  EventQuery query;
  query.kind = std::string(Trim(req.Query("kind").value_or("")));
  query.when = req.Query("when").value_or("upcoming");
  query.text = req.Query("q").value_or("");
  const std::string group(Trim(req.Query("group").value_or("")));
  if (auto id = cw::ParseId(group)) query.group = GroupId{*id};
  if (auto p = req.Query("page")) query.page = static_cast<int>(cw::ParseId(*p).value_or(1));
  query.per_page = 30;
  auto page = ctx.deps.events.ListEvents(ctx.actor, ctx.hub, query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  render::ViewList items;
  for (const auto& e : page->items) items.push_back(EventView(e, ctx.hub.hub, ctx.deps.shell, ctx.lang));
  view.set("events", items);
  view.set("has_events", !items.empty());
  view.set("kind_options", Options(KindChoices(ctx), query.kind));
  view.set("group_options", Options(GroupChoices(ctx), group));
  view.set("when_options", Options({{"upcoming", T(ctx, "animation.events.when.upcoming")},
                                    {"past", T(ctx, "animation.events.when.past")},
                                    {"", T(ctx, "animation.events.when.all")}},
                                   query.when));
  view.set("q", query.text);
  view.set("total", std::to_string(page->total));
  const std::string base = EventsHref(ctx.hub) + "?kind=" + query.kind + "&when=" + query.when + "&group=" + http::UrlEncode(group) +
                           "&q=" + http::UrlEncode(query.text) + "&page=";
  view.set("has_previous", page->page > 1);
  view.set("previous_href", base + std::to_string(page->page - 1));
  view.set("has_next", static_cast<std::int64_t>(page->page) * page->per_page < page->total);
  view.set("next_href", base + std::to_string(page->page + 1));
  return ctx.deps.shell.Page(req, "animation/event_list", std::move(view), "animation.events.title", &ctx.hub);
}

// ---- the form -------------------------------------------------------------------------------

struct FormMode {
  std::optional<EventId> id;
  std::int64_t version = 0;
};

std::string Value(const std::optional<std::string>& text) { return text.value_or(""); }

EventInput InputOf(const Event& e, const hubs::Hub& hub) {
  const auto zone = hubs::ZoneOf(hub);
  const LocalDateTime start = zone->ToLocal(e.starts_at), end = zone->ToLocal(e.ends_at);
  EventInput in;
  in.kind = e.kind;
  in.title = e.title;
  in.description = e.description;
  in.group_id = e.group ? std::to_string(e.group->value) : "";
  in.newcomer_member_id = e.newcomer ? std::to_string(e.newcomer->value) : "";
  in.host_member_id = e.host ? std::to_string(e.host->value) : "";
  in.date = FormatIsoDate(start.date);
  in.start_time = FormatClock(start.minute);
  in.end_time = FormatClock(end.minute);
  in.end_date = start.date == end.date ? "" : FormatIsoDate(end.date);
  in.place = e.place;
  in.room_resource_id = e.room_resource_id ? std::to_string(*e.room_resource_id) : "";
  in.capacity = e.capacity ? std::to_string(*e.capacity) : "";
  return in;
}

Response FormPage(const Request& req, const ViewContext& ctx, const EventInput& in, FormMode mode, const Error* error) {
  render::View view = BaseView(ctx);
  view.set("is_edit", mode.id.has_value());
  view.set("version", std::to_string(mode.version));
  view.set("action", mode.id ? EventHref(ctx.hub, *mode.id) : EventsHref(ctx.hub));
  view.set("cancel_href", mode.id ? EventHref(ctx.hub, *mode.id) : EventsHref(ctx.hub));
  view.set("title", T(ctx, mode.id ? "animation.events.edit" : "animation.events.new"));
  view.set("kind_options", Options(KindChoices(ctx), Value(in.kind)));
  view.set("title_value", Value(in.title));
  view.set("description", Value(in.description));
  view.set("group_options", Options(GroupChoices(ctx), Value(in.group_id)));
  const auto members = MemberChoices(ctx);
  view.set("newcomer_options", Options(members, Value(in.newcomer_member_id)));
  view.set("host_options", Options(members, Value(in.host_member_id)));
  view.set("date", Value(in.date));
  view.set("start_time", Value(in.start_time));
  view.set("end_time", Value(in.end_time));
  view.set("end_date", Value(in.end_date));
  view.set("place", Value(in.place));
  view.set("capacity", Value(in.capacity));
  std::vector<std::pair<std::string, std::string>> rooms;
  if (auto list = ctx.deps.events.RoomChoices(ctx.actor, ctx.hub))
    for (const auto& r : *list)
      rooms.emplace_back(std::to_string(r.resource_id),
                         r.name + (r.capacity ? " (" + std::to_string(*r.capacity) + ")" : std::string()));
  view.set("has_rooms", !rooms.empty());
  view.set("room_options", Options(rooms, Value(in.room_resource_id)));
  view.set("time_zone", ctx.hub.hub.time_zone);
  if (error) ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "animation.events.field.");
  const int status = error ? cw::StatusFor(error->code) : 200;
  return ctx.deps.shell.Page(req, "animation/event_form", std::move(view),
                             mode.id ? "animation.events.edit" : "animation.events.new", &ctx.hub, status);
}

Response NewPage(Request& req, const ViewContext& ctx) {
  EventInput in;
  in.kind = req.Query("kind").value_or("meeting");
  in.group_id = req.Query("group").value_or("");
  in.newcomer_member_id = req.Query("newcomer").value_or("");
  in.start_time = "09:00";
  in.end_time = "10:30";
  if (Value(in.kind) == "newcomer_breakfast") {
    in.title = T(ctx, "animation.events.breakfast_title");
    in.start_time = "08:30";
    in.end_time = "10:00";
  }
  return FormPage(req, ctx, in, {}, nullptr);
}

Response CreatePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const EventInput input = EventInputFromForm(*form);
  auto event = ctx.deps.events.CreateEvent(ctx.actor, ctx.hub, input);
  if (event) return Response::Redirect(EventHref(ctx.hub, event->id) + "?done=created");
  if (!IsFormError(event.error())) return PageFail(ctx, req, event.error());
  return FormPage(req, ctx, input, {}, &event.error());
}

Response EditPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto event = ctx.deps.events.GetEvent(ctx.actor, ctx.hub, *id);
  if (!event) return PageFail(ctx, req, event.error());
  return FormPage(req, ctx, InputOf(*event, ctx.hub.hub), {*id, event->version}, nullptr);
}

Response UpdatePage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const EventInput input = EventInputFromForm(*form);
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return FormPage(req, ctx, input, {*id, 0}, &version.error());
  auto event = ctx.deps.events.UpdateEvent(ctx.actor, ctx.hub, *id, *version, input);
  if (event) return Response::Redirect(EventHref(ctx.hub, *id) + "?done=saved");
  if (!IsFormError(event.error())) return PageFail(ctx, req, event.error());
  FormMode mode{*id, *version};
  if (event.error().fields.count("version"))
    if (auto current = ctx.deps.events.GetEvent(ctx.actor, ctx.hub, *id)) mode.version = current->version;
  return FormPage(req, ctx, input, mode, &event.error());
}

// ---- the event page ---------------------------------------------------------------------------

render::View DetailView(const Request& req, const ViewContext& ctx, const Event& event) {
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  view.set("event", EventView(event, ctx.hub.hub, ctx.deps.shell, ctx.lang));
  const std::string href = EventHref(ctx.hub, event.id);
  view.set("version", std::to_string(event.version));
  view.set("edit_href", href + "/edit");
  view.set("print_href", href + "/print");
  view.set("attendance_href", href + "/attendance");
  view.set("status_action", href + "/status");
  view.set("minutes_action", href + "/minutes");
  view.set("invite_action", href + "/invitations");
  auto found = ctx.deps.events.Rights(ctx.actor, ctx.hub, event.id);
  const EventRights rights = found.ok() ? *found : EventRights{};
  view.set("is_planned", event.status == "planned");
  view.set("may_manage", rights.manage);
  view.set("may_manage_planned", rights.manage && event.status == "planned");
  view.set("may_write_minutes", rights.minutes);
  auto invitations = ctx.deps.events.ListInvitations(ctx.actor, ctx.hub, event.id);
  render::ViewList confirmed, waiting;
  if (invitations)
    for (const auto& i : *invitations) (i.waitlist_position ? waiting : confirmed).push_back(InvitationView(i, ctx));
  view.set("invitations", confirmed);
  view.set("has_invitations", !confirmed.empty());
  view.set("waiting", waiting);
  view.set("has_waiting", !waiting.empty());
  view.set("member_options", Options(MemberChoices(ctx), ""));
  view.set("group_options", Options(GroupChoices(ctx), event.group ? std::to_string(event.group->value) : ""));
  std::vector<std::pair<std::string, std::string>> people;
  if (auto list = ctx.deps.events.People(ctx.actor, ctx.hub))
    for (const auto& p : *list) people.emplace_back(std::to_string(p.id.value), p.name + " — " + p.member_name);
  view.set("person_options", Options(people, ""));
  return view;
}

Response EventPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto event = ctx.deps.events.GetEvent(ctx.actor, ctx.hub, *id);
  if (!event) return PageFail(ctx, req, event.error());
  return ctx.deps.shell.PageTitled(req, "animation/event_detail", DetailView(req, ctx, *event), event->title, &ctx.hub);
}

Response PrintPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto event = ctx.deps.events.GetEvent(ctx.actor, ctx.hub, *id);
  if (!event) return PageFail(ctx, req, event.error());
  return ctx.deps.shell.PageTitled(req, "animation/event_print", DetailView(req, ctx, *event), event->title, &ctx.hub);
}

Response StatusPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return PageFail(ctx, req, version.error());
  auto event = ctx.deps.events.ChangeStatus(ctx.actor, ctx.hub, *id, *version, http::FormValue(*form, "status").value_or(""));
  if (!event) return PageFail(ctx, req, event.error());
  return Response::Redirect(EventHref(ctx.hub, *id) + "?done=status");
}

Response MinutesPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return PageFail(ctx, req, version.error());
  auto event = ctx.deps.events.SaveMinutes(ctx.actor, ctx.hub, *id, *version, http::FormValue(*form, "minutes").value_or(""));
  if (!event) return PageFail(ctx, req, event.error());
  return Response::Redirect(EventHref(ctx.hub, *id) + "?done=minutes#minutes");
}

Response InvitePage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto nonempty = [](std::vector<std::string> values) {
    std::erase_if(values, [](const std::string& v) { return Trim(v).empty(); });
    return values;
  };
  InviteInput input{nonempty(http::FormValues(*form, "member_id")), nonempty(http::FormValues(*form, "group_id")),
                    nonempty(http::FormValues(*form, "person_id"))};
  auto outcome = ctx.deps.events.Invite(ctx.actor, ctx.hub, *id, input);
  if (!outcome) return PageFail(ctx, req, outcome.error());
  return Response::Redirect(EventHref(ctx.hub, *id) + "?done=invited#invitations");
}

Response ReplyPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "invitation");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto invitation = ctx.deps.events.Reply(ctx.actor, ctx.hub, InvitationId{*id}, http::FormValue(*form, "reply").value_or(""));
  if (!invitation) return PageFail(ctx, req, invitation.error());
  return Response::Redirect(EventHref(ctx.hub, invitation->event) + "?done=replied#invitations");
}

}  // namespace

void RegisterEventPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, cw::Answer::kPage, std::move(handler)); };
  const std::string events = "/hubs/{hub}/animation/events";
  const std::string event = events + "/{event}";
  router.Add(http::Method::kGet, events, page(ListPage));
  router.Add(http::Method::kGet, events + "/new", page(NewPage));
  router.Add(http::Method::kPost, events, page(CreatePage));
  router.Add(http::Method::kGet, event, page(EventPage));
  router.Add(http::Method::kGet, event + "/edit", page(EditPage));
  router.Add(http::Method::kGet, event + "/print", page(PrintPage));
  router.Add(http::Method::kPost, event, page(UpdatePage));
  router.Add(http::Method::kPost, event + "/status", page(StatusPage));
  router.Add(http::Method::kPost, event + "/minutes", page(MinutesPage));
  router.Add(http::Method::kPost, event + "/invitations", page(InvitePage));
  router.Add(http::Method::kPost, events + "/invitations/{invitation}/reply", page(ReplyPage));
}

}  // namespace coopole::animation::web::events_web
