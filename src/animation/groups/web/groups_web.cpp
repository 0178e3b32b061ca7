// The routes of working groups, the welcome and the animation home, and the helpers their
// files share.
#include "groups_web.h"

#include <algorithm>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "groups_internal.h"

namespace coopole::animation::web {

void RegisterGroupRoutes(http::Router& router, const Dependencies& deps) {
  groups_web::RegisterHomePages(router, deps);
  groups_web::RegisterGroupPages(router, deps);
  groups_web::RegisterWelcomePages(router, deps);
  groups_web::RegisterGroupApi(router, deps);
}

}  // namespace coopole::animation::web

namespace coopole::animation::web::groups_web {

namespace cw = coopole::web;
using nlohmann::json;

http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   // A copy of `deps` (references and one function) lives in the route: the
                   // Dependencies given to RegisterRoutes do not outlive it.
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
std::string GroupsHref(const hubs::HubContext& hub) { return AnimBase(hub) + "/groups"; }
std::string GroupHref(const hubs::HubContext& hub, GroupId id) { return GroupsHref(hub) + "/" + std::to_string(id.value); }
std::string WelcomeHref(const hubs::HubContext& hub) { return AnimBase(hub) + "/welcome"; }
std::string WelcomeMemberHref(const hubs::HubContext& hub, MemberId member) {
  return WelcomeHref(hub) + "/" + std::to_string(member.value);
}
std::string EventHref(const hubs::HubContext& hub, EventId id) {
  return AnimBase(hub) + "/events/" + std::to_string(id.value);
}
std::string BreakfastHref(const hubs::HubContext& hub, MemberId member) {
  return AnimBase(hub) + "/events/new?kind=newcomer_breakfast&newcomer=" + std::to_string(member.value);
}
std::string ApiGroupsHref(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/animation/groups"; }

Result<std::int64_t> IdParam(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return *id;
}

Result<std::int64_t> VersionOf(const std::optional<std::string>& text) {
  if (text) {
    std::string_view t = Trim(*text);
    if (t == "0") return std::int64_t{0};
    if (auto v = cw::ParseId(t)) return *v;
  }
  return Error::Invalid({{"version", "validation.integer"}});
}

bool IsCoordinator(const ViewContext& ctx) { return groups_internal::IsCoordinator(ctx.actor, ctx.hub); }
std::optional<MemberId> OwnMember(const ViewContext& ctx) { return groups_internal::OwnMember(ctx.hub); }
bool MayEdit(const ViewContext& ctx, const Group& group) {
  return groups_internal::MayEditGroup(ctx.actor, ctx.hub, group);
}
std::string T(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }
std::string DateText(const ViewContext& ctx, Date date) { return FormatDate(date, ctx.lang); }
std::string InstantText(const ViewContext& ctx, Timestamp at) {
  const auto local = hubs::ZoneOf(ctx.hub.hub)->ToLocal(at);
  return FormatDate(local.date, ctx.lang) + " " + FormatClock(local.minute);
}

render::View BaseView(const ViewContext& ctx) {
  render::View view;
  view.set("anim_base", AnimBase(ctx.hub));
  view.set("groups_href", GroupsHref(ctx.hub));
  view.set("new_group_href", GroupsHref(ctx.hub) + "/new");
  view.set("welcome_href", WelcomeHref(ctx.hub));
  view.set("time_href", AnimBase(ctx.hub) + "/time");
  view.set("events_href", AnimBase(ctx.hub) + "/events");
  view.set("is_coordinator", IsCoordinator(ctx));
  return view;
}

render::View GroupView(const Group& group, const ViewContext& ctx) {
  render::View v;
  v.set("id", std::to_string(group.id.value));
  v.set("href", GroupHref(ctx.hub, group.id));
  v.set("name", group.name);
  v.set("theme", group.theme);
  v.set("has_theme", !group.theme.empty());
  v.set("description", group.description);
  v.set("has_description", !group.description.empty());
  v.set("status", GroupStatusCode(group.status));
  v.set("status_label", T(ctx, std::string("animation.groups.status.") + GroupStatusCode(group.status)));
  v.set("lead_member_name", group.lead_member_name);
  v.set("lead_person_name", group.lead_person_name);
  v.set("has_lead", group.lead_member.has_value() || group.lead_person.has_value());
  v.set("member_count", std::to_string(group.members.size()));
  v.set("person_count", std::to_string(group.people.size()));
  return v;
}

render::View WelcomeView(const Welcome& w, const ViewContext& ctx) {
  render::View v;
  v.set("member_id", std::to_string(w.member.value));
  v.set("href", WelcomeMemberHref(ctx.hub, w.member));
  v.set("member_name", w.member_name);
  v.set("joined_on", DateText(ctx, w.joined_on));
  v.set("joined_iso", FormatIsoDate(w.joined_on));
  v.set("progress", std::to_string(w.Progress()));
  v.set("complete", w.Progress() == 4);
  v.set("charter_done", w.charter_done);
  v.set("charter_from_members", w.charter_accepted_on.has_value());
  if (w.charter_accepted_on) v.set("charter_accepted_on", DateText(ctx, *w.charter_accepted_on));
  v.set("charter_ticked", w.charter_ticked);
  v.set("introduced", w.introduced_on.has_value());
  v.set("introduced_on", w.introduced_on ? DateText(ctx, *w.introduced_on) : std::string());
  v.set("introduced_iso", w.introduced_on ? FormatIsoDate(*w.introduced_on) : std::string());
  v.set("has_buddy", w.buddy.has_value());
  v.set("buddy_name", w.buddy_name);
  v.set("breakfast_done", w.breakfast_done);
  v.set("breakfast_href", BreakfastHref(ctx.hub, w.member));
  v.set("closed", w.closed);
  v.set("version", std::to_string(w.version));
  return v;
}

render::ViewList MemberOptions(const ViewContext& ctx, const std::vector<std::int64_t>& selected) {
  render::ViewList list;
  if (!ctx.deps.member_choices) return list;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    render::View o;
    o.set("value", std::to_string(id));
    o.set("label", name);
    o.set("selected", std::find(selected.begin(), selected.end(), id) != selected.end());
    list.push_back(std::move(o));
  }
  return list;
}

render::ViewList PersonOptions(const ViewContext& ctx, const std::vector<std::int64_t>& selected) {
  render::ViewList list;
  auto people = ctx.deps.groups.PeopleChoices(ctx.actor, ctx.hub);
  if (!people) return list;
  for (const auto& p : *people) {
    render::View o;
    o.set("value", std::to_string(p.id.value));
    o.set("label", p.name + " (" + p.member_name + ")");
    o.set("selected", std::find(selected.begin(), selected.end(), p.id.value) != selected.end());
    list.push_back(std::move(o));
  }
  return list;
}

GroupInput GroupInputFromForm(const http::FormFields& form) {
  GroupInput in;
  in.name = http::FormValue(form, "name");
  in.theme = http::FormValue(form, "theme");
  in.description = http::FormValue(form, "description");
  in.lead_member_id = http::FormValue(form, "lead_member_id").value_or("");
  in.lead_person_id = http::FormValue(form, "lead_person_id").value_or("");
  in.member_ids = http::FormValues(form, "member_ids");
  in.person_ids = http::FormValues(form, "person_ids");
  return in;
}

namespace {
// An array of ids (numbers or strings) as text; nullopt when absent.
Result<std::optional<std::vector<std::string>>> IdList(const json& body, const std::string& name) {
  if (!body.contains(name) || body[name].is_null()) return std::optional<std::vector<std::string>>();
  if (!body[name].is_array()) return Error::Invalid({{name, "validation.type"}});
  std::vector<std::string> out;
  for (const auto& item : body[name]) {
    if (item.is_number_integer()) out.push_back(std::to_string(item.get<std::int64_t>()));
    else if (item.is_string()) out.push_back(item.get<std::string>());
    else out.push_back("invalid");  // refused by the service on the field
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}
}  // namespace

Result<GroupInput> GroupInputFromJson(const json& body) {
  GroupInput in;
  for (auto [name, field] : {std::pair{"name", &GroupInput::name}, std::pair{"theme", &GroupInput::theme},
                             std::pair{"description", &GroupInput::description},
                             std::pair{"lead_member_id", &GroupInput::lead_member_id},
                             std::pair{"lead_person_id", &GroupInput::lead_person_id}}) {
    auto text = cw::JsonText(body, name);
    if (!text) return text.error();
    in.*field = *text;
  }
  auto members = IdList(body, "member_ids");
  if (!members) return members.error();
  in.member_ids = *members;
  auto people = IdList(body, "person_ids");
  if (!people) return people.error();
  in.person_ids = *people;
  return in;
}

}  // namespace coopole::animation::web::groups_web
