// The attendance page of an event, made for a phone on the day: one column, large touch
// targets, invitees ("yes" first) with a present toggle and their minutes, a search to add
// someone of the directory who came without an invitation (accepted, flagged).
#include <set>

#include "coopole/core/text.h"
#include "event_web.h"
#include "events_internal.h"

namespace coopole::animation::web::events_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

Response AttendancePage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto sheet = ctx.deps.events.Attendance(ctx.actor, ctx.hub, *id);
  if (!sheet) return PageFail(ctx, req, sheet.error());
  render::View view = BaseView(ctx);
  view.set("event", EventView(sheet->event, ctx.hub.hub, ctx.deps.shell, ctx.lang));
  const std::string href = EventHref(ctx.hub, *id);
  view.set("event_href", href);
  view.set("action", href + "/attendance");
  view.set("default_minutes", std::to_string(sheet->default_minutes));
  view.set("is_cancelled", sheet->event.status == "cancelled");
  auto rights = ctx.deps.events.Rights(ctx.actor, ctx.hub, *id);
  view.set("may_record", rights.ok() && rights->attendance && sheet->event.status != "cancelled");
  std::map<std::int64_t, const AttendanceRow*> present;
  for (const auto& a : sheet->present) present[a.person.value] = &a;
  render::ViewList rows;
  std::set<std::int64_t> invited;
  for (const auto& i : sheet->invitations) {
    invited.insert(i.person.value);
    render::View r;
    auto it = present.find(i.person.value);
    r.set("person_id", std::to_string(i.person.value));
    r.set("person_name", i.person_name);
    r.set("member_name", i.member_name);
    r.set("reply_label", T(ctx, "animation.invitations.reply." + i.reply));
    r.set("reply", i.reply);
    r.set("present", it != present.end());
    r.set("minutes", std::to_string(it != present.end() ? it->second->minutes : sheet->default_minutes));
    r.set("invited", true);
    rows.push_back(std::move(r));
  }
  for (const auto& a : sheet->present) {
    if (invited.count(a.person.value)) continue;
    render::View r;
    r.set("person_id", std::to_string(a.person.value));
    r.set("person_name", a.person_name);
    r.set("member_name", a.member_name);
    r.set("present", true);
    r.set("minutes", std::to_string(a.minutes));
    r.set("invited", false);
    rows.push_back(std::move(r));
  }
  view.set("rows", rows);
  view.set("has_rows", !rows.empty());
  view.set("present_count", std::to_string(sheet->present.size()));
  const std::string q = req.Query("q").value_or("");
  view.set("q", q);
  render::ViewList found;
  if (!Trim(q).empty()) {
    if (auto people = ctx.deps.events.SearchPeople(ctx.actor, ctx.hub, q))
      for (const auto& p : *people) {
        if (present.count(p.id.value)) continue;
        render::View f;
        f.set("person_id", std::to_string(p.id.value));
        f.set("person_name", p.name);
        f.set("member_name", p.member_name);
        f.set("invited", invited.count(p.id.value) > 0);
        found.push_back(std::move(f));
      }
    view.set("searched", true);
  }
  view.set("found", found);
  view.set("has_found", !found.empty());
  if (auto done = req.Query("done"); done && (*done == "present" || *done == "absent"))
    view.set("done_notice", T(ctx, "animation.attendance.done." + *done));
  return ctx.deps.shell.PageTitled(req, "animation/attendance_sheet", std::move(view),
                                   T(ctx, "animation.attendance.title") + " — " + sheet->event.title, &ctx.hub);
}

Response RecordPage(Request& req, const ViewContext& ctx) {
  auto id = EventParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const std::string person = http::FormValue(*form, "person_id").value_or("");
  const bool present = http::FormValue(*form, "present").value_or("1") != "0";
  // The anchor names the person by the id the use case accepted, never by the raw field
  // (which may carry anything, line breaks included, into the Location header).
  auto back = [&](std::int64_t person_id) {
    return EventHref(ctx.hub, *id) + "/attendance?done=" + (present ? "present" : "absent") + "#p-" +
           std::to_string(person_id);
  };
  if (!present) {
    auto removed = ctx.deps.events.RemoveAttendance(ctx.actor, ctx.hub, *id, person);
    if (!removed) return PageFail(ctx, req, removed.error());
    return Response::Redirect(back(events_internal::ParsePositiveId(person).value_or(0)));
  }
  auto row = ctx.deps.events.RecordAttendance(ctx.actor, ctx.hub, *id, person,
                                              http::FormValue(*form, "minutes").value_or(""));
  if (!row) return PageFail(ctx, req, row.error());
  return Response::Redirect(back(row->person.value));
}

}  // namespace

void RegisterAttendancePages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, cw::Answer::kPage, std::move(handler)); };
  const std::string attendance = "/hubs/{hub}/animation/events/{event}/attendance";
  router.Add(http::Method::kGet, attendance, page(AttendancePage));
  router.Add(http::Method::kPost, attendance, page(RecordPage));
}

}  // namespace coopole::animation::web::events_web
