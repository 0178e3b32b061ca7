// The working group pages: the list (search, status filter, pages), the form (create, edit)
// and the group page (organisations, people, lead, decisions, links, meetings, joining).
#include "coopole/core/text.h"
#include "groups_rules.h"
#include "groups_web.h"

namespace coopole::animation::web::groups_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

std::string DoneNotice(const Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done) return "";
  for (const char* known : {"created", "saved", "status", "joined", "left", "decision", "link"})
    if (*done == known) return T(ctx, std::string("animation.groups.done.") + known);
  return "";
}

Result<GroupId> GroupParam(const Request& req) {
  auto id = IdParam(req, "group");
  if (!id) return id.error();
  return GroupId{*id};
}

std::string Field(const http::FormFields& form, const char* name) { return http::FormValue(form, name).value_or(""); }

Response ListPage(Request& req, const ViewContext& ctx) {
  GroupQuery query;
  query.search = req.Query("q").value_or("");
  const std::string status(Trim(req.Query("status").value_or("")));
  if (!status.empty()) {
    query.status = ParseGroupStatus(status);
    if (!query.status) return PageFail(ctx, req, Error::Invalid({{"status", "validation.choice"}}));
  }
  if (auto page = cw::ParseId(req.Query("page").value_or(""))) query.page = static_cast<int>(std::min<std::int64_t>(*page, 100000));
  auto page = ctx.deps.groups.ListGroups(ctx.actor, ctx.hub, query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  render::ViewList items;
  for (const auto& g : page->items) {
    render::View item = GroupView(g, ctx);
    std::string names;
    for (const auto& m : g.members) names += (names.empty() ? "" : ", ") + m.name;
    item.set("member_names", names);
    items.push_back(std::move(item));
  }
  view.set("groups", items);
  view.set("has_groups", !items.empty());
  view.set("q", query.search);
  render::ViewList statuses;
  for (const char* code : {"active", "paused", "closed"}) {
    render::View o;
    o.set("value", code);
    o.set("label", T(ctx, std::string("animation.groups.status.") + code));
    o.set("selected", status == code);
    statuses.push_back(std::move(o));
  }
  view.set("status_options", statuses);
  view.set("total", std::to_string(page->total));
  const std::int64_t pages = (page->total + page->per_page - 1) / page->per_page;
  view.set("has_pages", pages > 1);
  view.set("page", std::to_string(page->page));
  view.set("pages", std::to_string(pages));
  const std::string filter = "&q=" + http::UrlEncode(query.search) + "&status=" + http::UrlEncode(status);
  view.set("has_prev", page->page > 1);
  view.set("prev_href", GroupsHref(ctx.hub) + "?page=" + std::to_string(page->page - 1) + filter);
  view.set("has_next", page->page < pages);
  view.set("next_href", GroupsHref(ctx.hub) + "?page=" + std::to_string(page->page + 1) + filter);
  return ctx.deps.shell.Page(req, "animation/group_list", std::move(view), "animation.groups.title", &ctx.hub);
}

// ---- the form -------------------------------------------------------------------------------

std::vector<std::int64_t> Ids(const std::optional<std::vector<std::string>>& texts) {
  std::vector<std::int64_t> out;
  if (texts)
    for (const auto& t : *texts)
      if (auto id = cw::ParseId(t)) out.push_back(*id);
  return out;
}
std::vector<std::int64_t> OneId(const std::optional<std::string>& text) {
  std::vector<std::int64_t> out;
  if (text)
    if (auto id = cw::ParseId(*text)) out.push_back(*id);
  return out;
}

GroupInput InputOf(const Group& g) {
  GroupInput in;
  in.name = g.name;
  in.theme = g.theme;
  in.description = g.description;
  in.lead_member_id = g.lead_member ? std::to_string(g.lead_member->value) : "";
  in.lead_person_id = g.lead_person ? std::to_string(g.lead_person->value) : "";
  std::vector<std::string> members, people;
  for (const auto& m : g.members) members.push_back(std::to_string(m.member.value));
  for (const auto& p : g.people) people.push_back(std::to_string(p.person.value));
  in.member_ids = members;
  in.person_ids = people;
  return in;
}

Response FormPage(const Request& req, const ViewContext& ctx, const GroupInput& in, std::optional<GroupId> id,
                  std::int64_t version, const Error* error) {
  render::View view = BaseView(ctx);
  view.set("name", in.name.value_or(""));
  view.set("theme", in.theme.value_or(""));
  view.set("description", in.description.value_or(""));
  view.set("member_options", MemberOptions(ctx, Ids(in.member_ids)));
  view.set("person_options", PersonOptions(ctx, Ids(in.person_ids)));
  view.set("lead_member_options", MemberOptions(ctx, OneId(in.lead_member_id)));
  view.set("lead_person_options", PersonOptions(ctx, OneId(in.lead_person_id)));
  view.set("is_edit", id.has_value());
  view.set("action", id ? GroupHref(ctx.hub, *id) : GroupsHref(ctx.hub));
  view.set("cancel_href", id ? GroupHref(ctx.hub, *id) : GroupsHref(ctx.hub));
  view.set("version", std::to_string(version));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "animation.groups.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "animation/group_form", std::move(view),
                             id ? "animation.groups.edit_title" : "animation.groups.new_title", &ctx.hub, status);
}

Response NewPage(Request& req, const ViewContext& ctx) {
  if (!IsCoordinator(ctx)) return PageFail(ctx, req, Error::Denied());
  return FormPage(req, ctx, GroupInput{}, std::nullopt, 0, nullptr);
}

Response CreatePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const GroupInput input = GroupInputFromForm(*form);
  auto group = ctx.deps.groups.CreateGroup(ctx.actor, ctx.hub, input);
  if (!group) {
    if (IsFormError(group.error())) return FormPage(req, ctx, input, std::nullopt, 0, &group.error());
    return PageFail(ctx, req, group.error());
  }
  return Response::Redirect(GroupHref(ctx.hub, group->id) + "?done=created");
}

Response EditPage(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto group = ctx.deps.groups.GetGroup(ctx.actor, ctx.hub, *id);
  if (!group) return PageFail(ctx, req, group.error());
  if (!MayEdit(ctx, *group)) return PageFail(ctx, req, Error::Denied());
  return FormPage(req, ctx, InputOf(*group), *id, group->version, nullptr);
}

Response UpdatePage(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const GroupInput input = GroupInputFromForm(*form);
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return FormPage(req, ctx, input, *id, 0, &version.error());
  auto group = ctx.deps.groups.UpdateGroup(ctx.actor, ctx.hub, *id, *version, input);
  if (group) return Response::Redirect(GroupHref(ctx.hub, *id) + "?done=saved");
  if (!IsFormError(group.error())) return PageFail(ctx, req, group.error());
  std::int64_t shown = *version;
  if (group.error().fields.count("version"))
    if (auto current = ctx.deps.groups.GetGroup(ctx.actor, ctx.hub, *id)) shown = current->version;
  return FormPage(req, ctx, input, *id, shown, &group.error());
}

// ---- the group page -------------------------------------------------------------------------

Response GroupPage(const Request& req, const ViewContext& ctx, GroupId id, const Error* error) {
  auto group = ctx.deps.groups.GetGroup(ctx.actor, ctx.hub, id);
  if (!group) return PageFail(ctx, req, group.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  view.set("group", GroupView(*group, ctx));
  const bool may_edit = MayEdit(ctx, *group);
  const auto own = OwnMember(ctx);
  const std::string href = GroupHref(ctx.hub, id);
  view.set("may_edit", may_edit);
  view.set("edit_href", href + "/edit");
  view.set("status_action", href + "/status");
  view.set("members_action", href + "/members");
  view.set("people_action", href + "/people");
  view.set("decisions_action", href + "/decisions");
  view.set("links_action", href + "/links");
  view.set("version", std::to_string(group->version));
  view.set("today", FormatIsoDate(hubs::TodayIn(SystemClock(), ctx.hub.hub)));
  render::ViewList next;
  if (may_edit) {
    for (auto status : groups_rules::NextStatuses(group->status)) {
      render::View b;
      b.set("value", GroupStatusCode(status));
      b.set("label", T(ctx, std::string("animation.groups.move.") + GroupStatusCode(status)));
      next.push_back(std::move(b));
    }
  }
  view.set("next_statuses", next);
  view.set("has_next_statuses", !next.empty());
  bool own_in = false;
  render::ViewList members;
  for (const auto& m : group->members) {
    render::View v;
    v.set("name", m.name);
    v.set("is_lead", group->lead_member == m.member);
    v.set("may_leave", may_edit || own == m.member);
    v.set("leave_action", href + "/members/" + std::to_string(m.member.value) + "/leave");
    if (own == m.member) own_in = true;
    members.push_back(std::move(v));
  }
  view.set("members", members);
  view.set("has_members", !members.empty());
  render::ViewList people;
  for (const auto& p : group->people) {
    render::View v;
    v.set("name", p.name);
    v.set("member_name", p.member_name);
    v.set("is_lead", group->lead_person == p.person);
    v.set("may_leave", may_edit || own == p.member);
    v.set("leave_action", href + "/people/" + std::to_string(p.person.value) + "/leave");
    people.push_back(std::move(v));
  }
  view.set("people", people);
  view.set("has_people", !people.empty());
  // Joining: a member-role user with its own organisation and people; editors with anyone.
  view.set("may_join_own", own.has_value() && !own_in && group->status != GroupStatus::kClosed);
  view.set("may_add", may_edit);
  if (may_edit) {
    view.set("member_options", MemberOptions(ctx, {}));
    view.set("person_options", PersonOptions(ctx, {}));
  } else if (own) {
    render::ViewList own_people;
    if (auto all = ctx.deps.groups.PeopleChoices(ctx.actor, ctx.hub)) {
      for (const auto& p : *all) {
        if (p.member != *own) continue;
        render::View o;
        o.set("value", std::to_string(p.id.value));
        o.set("label", p.name);
        own_people.push_back(std::move(o));
      }
    }
    view.set("has_own_people", !own_people.empty());
    view.set("own_people_options", own_people);
  }
  render::ViewList decisions;
  for (const auto& d : group->decisions) {
    render::View v;
    v.set("decided_on", DateText(ctx, d.decided_on));
    v.set("decided_iso", FormatIsoDate(d.decided_on));
    v.set("text", d.text);
    v.set("has_event", d.event.has_value());
    if (d.event) v.set("event_href", EventHref(ctx.hub, *d.event));
    decisions.push_back(std::move(v));
  }
  view.set("decisions", decisions);
  view.set("has_decisions", !decisions.empty());
  render::ViewList links;
  for (const auto& l : group->links) {
    render::View v;
    v.set("label", l.label);
    v.set("url", l.url);
    v.set("delete_action", href + "/links/" + std::to_string(l.id) + "/delete");
    links.push_back(std::move(v));
  }
  view.set("links", links);
  view.set("has_links", !links.empty());
  render::ViewList meetings, meeting_options;
  for (const auto& m : group->meetings) {
    render::View v;
    v.set("title", m.title);
    v.set("href", EventHref(ctx.hub, m.id));
    v.set("when", InstantText(ctx, m.starts_at));
    v.set("status", m.status);
    v.set("status_label", T(ctx, "animation.groups.meeting_status." + m.status));
    meetings.push_back(std::move(v));
    render::View o;
    o.set("value", std::to_string(m.id.value));
    o.set("label", InstantText(ctx, m.starts_at) + " — " + m.title);
    meeting_options.push_back(std::move(o));
  }
  view.set("meetings", meetings);
  view.set("has_meetings", !meetings.empty());
  view.set("meeting_options", meeting_options);
  view.set("new_meeting_href", AnimBase(ctx.hub) + "/events/new?group=" + std::to_string(id.value));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "animation.groups.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, "animation/group_detail", std::move(view), group->name, &ctx.hub, status);
}

Response DetailPage(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  return GroupPage(req, ctx, *id, nullptr);
}

// Runs a change posted from the group page: back to the page with `done`, or the page with
// the field errors.
Response PostOnGroup(Request& req, const ViewContext& ctx, const char* done,
                     const std::function<Result<Group>(GroupId, const http::FormFields&)>& change) {
  auto id = GroupParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto group = change(*id, *form);
  if (group) return Response::Redirect(GroupHref(ctx.hub, *id) + "?done=" + done);
  if (IsFormError(group.error())) return GroupPage(req, ctx, *id, &group.error());
  return PageFail(ctx, req, group.error());
}

Response StatusPage(Request& req, const ViewContext& ctx) {
  return PostOnGroup(req, ctx, "status", [&](GroupId id, const http::FormFields& form) -> Result<Group> {
    auto version = VersionOf(http::FormValue(form, "version"));
    if (!version) return version.error();
    return ctx.deps.groups.ChangeStatus(ctx.actor, ctx.hub, id, *version, Field(form, "status"));
  });
}

Response JoinMemberPage(Request& req, const ViewContext& ctx) {
  return PostOnGroup(req, ctx, "joined", [&](GroupId id, const http::FormFields& form) {
    return ctx.deps.groups.JoinMember(ctx.actor, ctx.hub, id, Field(form, "member_id"));
  });
}

Response LeaveMemberPage(Request& req, const ViewContext& ctx) {
  auto member = IdParam(req, "member");
  if (!member) return PageFail(ctx, req, member.error());
  return PostOnGroup(req, ctx, "left", [&](GroupId id, const http::FormFields&) {
    return ctx.deps.groups.LeaveMember(ctx.actor, ctx.hub, id, MemberId{*member});
  });
}

Response JoinPersonPage(Request& req, const ViewContext& ctx) {
  return PostOnGroup(req, ctx, "joined", [&](GroupId id, const http::FormFields& form) {
    return ctx.deps.groups.JoinPerson(ctx.actor, ctx.hub, id, Field(form, "person_id"));
  });
}

Response LeavePersonPage(Request& req, const ViewContext& ctx) {
  auto person = IdParam(req, "person");
  if (!person) return PageFail(ctx, req, person.error());
  return PostOnGroup(req, ctx, "left", [&](GroupId id, const http::FormFields&) {
    return ctx.deps.groups.LeavePerson(ctx.actor, ctx.hub, id, PersonId{*person});
  });
}

Response DecisionPage(Request& req, const ViewContext& ctx) {
  return PostOnGroup(req, ctx, "decision", [&](GroupId id, const http::FormFields& form) {
    return ctx.deps.groups.AddDecision(ctx.actor, ctx.hub, id,
                                       {Field(form, "decided_on"), Field(form, "text"), Field(form, "event_id")});
  });
}

Response LinkPage(Request& req, const ViewContext& ctx) {
  return PostOnGroup(req, ctx, "link", [&](GroupId id, const http::FormFields& form) {
    return ctx.deps.groups.AddLink(ctx.actor, ctx.hub, id, {Field(form, "label"), Field(form, "url")});
  });
}

Response RemoveLinkPage(Request& req, const ViewContext& ctx) {
  auto link = IdParam(req, "link");
  if (!link) return PageFail(ctx, req, link.error());
  return PostOnGroup(req, ctx, "link", [&](GroupId id, const http::FormFields&) {
    return ctx.deps.groups.RemoveLink(ctx.actor, ctx.hub, id, *link);
  });
}

}  // namespace

void RegisterGroupPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  using http::Method;
  const std::string groups = "/hubs/{hub}/animation/groups";
  const std::string group = groups + "/{group}";
  router.Add(Method::kGet, groups, page(ListPage));
  router.Add(Method::kGet, groups + "/new", page(NewPage));
  router.Add(Method::kPost, groups, page(CreatePage));
  router.Add(Method::kGet, group, page(DetailPage));
  router.Add(Method::kGet, group + "/edit", page(EditPage));
  router.Add(Method::kPost, group, page(UpdatePage));
  router.Add(Method::kPost, group + "/status", page(StatusPage));
  router.Add(Method::kPost, group + "/members", page(JoinMemberPage));
  router.Add(Method::kPost, group + "/members/{member}/leave", page(LeaveMemberPage));
  router.Add(Method::kPost, group + "/people", page(JoinPersonPage));
  router.Add(Method::kPost, group + "/people/{person}/leave", page(LeavePersonPage));
  router.Add(Method::kPost, group + "/decisions", page(DecisionPage));
  router.Add(Method::kPost, group + "/links", page(LinkPage));
  router.Add(Method::kPost, group + "/links/{link}/delete", page(RemoveLinkPage));
}

}  // namespace coopole::animation::web::groups_web
