// The collective-time pages: totals of a year (tabs per breakdown, chart with a table
// fallback, FTE share, exports), time logged (log, validate, refuse, delete, compensate),
// and the valuation settings (hub, organisations, people).
#include "time_internal.h"
#include "time_rules.h"
#include "time_web.h"

namespace coopole::animation::web::time_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

std::string Field(const http::FormFields& form, const std::string& name) {
  return http::FormValue(form, name).value_or("");
}

std::string PlainEuros(const std::optional<Money>& m) {
  if (!m) return "";
  return std::to_string(m->cents / 100) + "," + (m->cents % 100 < 10 ? "0" : "") + std::to_string(m->cents % 100);
}

render::View BaseView(const ViewContext& ctx) {
  render::View view;
  view.set("anim_base", "/hubs/" + ctx.hub.hub.slug + "/animation");
  view.set("time_href", TimeHref(ctx.hub));
  view.set("entries_href", TimeHref(ctx.hub) + "/entries");
  view.set("settings_href", TimeHref(ctx.hub) + "/settings");
  view.set("is_coordinator", IsCoordinator(ctx));
  view.set("may_log", IsCoordinator(ctx) || OwnMember(ctx).has_value());
  return view;
}

std::string DoneNotice(const Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done) return "";
  for (const char* known : {"logged", "validated", "refused", "deleted", "compensated", "settings", "rate"})
    if (*done == known) return T(ctx, std::string("animation.time.done.") + known);
  return "";
}

render::View LineView(const ViewContext& ctx, const std::string& label, const TotalsLine& l) {
  render::View v;
  v.set("label", label);
  v.set("hours", Hours(ctx, l.minutes));
  v.set("value", Euros(ctx, l.value));
  v.set("compensated_hours", Hours(ctx, l.compensated_minutes));
  v.set("compensated_value", Euros(ctx, l.compensated_value));
  v.set("unvalued", l.unvalued_minutes > 0);
  v.set("unvalued_hours", Hours(ctx, l.unvalued_minutes));
  return v;
}

// 123 -> "1,23" (fr) / "1.23".
std::string Hundredths(std::int64_t h, const std::string& lang) {
  return std::to_string(h / 100) + (lang == "fr" ? "," : ".") + (h % 100 < 10 ? "0" : "") + std::to_string(h % 100);
}

// "0,14 %" in French, "0.14%" in English.
std::string Percent(std::int64_t bp, const std::string& lang) {
  const std::string number = std::to_string(bp / 100) + (lang == "fr" ? "," : ".") + (bp % 100 < 10 ? "0" : "") +
                             std::to_string(bp % 100);
  return lang == "fr" ? number + "\u00a0%" : number + "%";
}

// The chart (stacked monthly hours per kind) and its table fallback.
void SetChart(render::View& view, const ViewContext& ctx, const MonthlyByKind& monthly) {
  json labels = json::array();
  render::ViewList head;
  for (int m = 1; m <= 12; ++m) {
    const std::string key = std::string(m < 10 ? "0" : "") + std::to_string(m);
    labels.push_back(T(ctx, "animation.time.month_short." + key));
    render::View h;
    h.set("label", T(ctx, "animation.time.month_short." + key));
    head.push_back(std::move(h));
  }
  json datasets = json::array();
  render::ViewList rows;
  auto add = [&](const std::string& kind) {
    auto it = monthly.minutes.find(kind);
    if (it == monthly.minutes.end()) return;
    json data = json::array();
    render::ViewList cells;
    for (auto minutes : it->second) {
      data.push_back(static_cast<double>(minutes) / 60.0);
      render::View c;
      c.set("hours", time_rules::DecimalHours(minutes, ctx.lang == "fr" ? ',' : '.'));
      cells.push_back(std::move(c));
    }
    const std::string label = T(ctx, "animation.time.kind." + kind);
    datasets.push_back({{"label", label}, {"data", data}});
    render::View row;
    row.set("label", label);
    row.set("cells", cells);
    rows.push_back(std::move(row));
  };
  for (const char* k : kEventKinds) add(k);
  for (const char* k : kEntryKinds) add(k);
  view.set("chart", json{{"labels", labels}, {"datasets", datasets}}.dump());
  view.set("chart_months", head);
  view.set("chart_rows", rows);
  view.set("has_chart", !rows.empty());
}

Response OverviewPage(Request& req, const ViewContext& ctx) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return PageFail(ctx, req, query.error());
  auto totals = ctx.deps.time.Totals(ctx.actor, ctx.hub, *query);
  if (!totals) return PageFail(ctx, req, totals.error());
  auto monthly = ctx.deps.time.Monthly(ctx.actor, ctx.hub, query->year);
  if (!monthly) return PageFail(ctx, req, monthly.error());
  render::View view = BaseView(ctx);
  view.set("year", std::to_string(query->year));
  view.set("month", query->month ? std::to_string(*query->month) : "");
  view.set("by", query->by);
  render::ViewList years;
  for (int y = query->year + 1; y >= query->year - 4; --y) {
    render::View o;
    o.set("value", std::to_string(y));
    o.set("selected", y == query->year);
    years.push_back(std::move(o));
  }
  view.set("years", years);
  render::ViewList months;
  for (int m = 1; m <= 12; ++m) {
    const std::string key = std::string(m < 10 ? "0" : "") + std::to_string(m);
    render::View o;
    o.set("value", std::to_string(m));
    o.set("label", T(ctx, "animation.time.month." + key));
    o.set("selected", query->month == m);
    months.push_back(std::move(o));
  }
  view.set("months", months);
  const std::string period = "year=" + std::to_string(query->year) +
                             (query->month ? "&month=" + std::to_string(*query->month) : std::string());
  render::ViewList tabs;
  for (const char* by : {"person", "member", "group", "kind", "month"}) {
    render::View tab;
    tab.set("label", T(ctx, std::string("animation.time.by.") + by));
    tab.set("href", TimeHref(ctx.hub) + "?" + period + "&by=" + by);
    tab.set("current", query->by == by);
    tabs.push_back(std::move(tab));
  }
  view.set("tabs", tabs);
  view.set("by_label", T(ctx, "animation.time.by." + query->by));
  render::ViewList lines;
  for (const auto& l : totals->lines) lines.push_back(LineView(ctx, LineLabel(ctx, *totals, l), l));
  view.set("lines", lines);
  view.set("has_lines", !lines.empty());
  view.set("total", LineView(ctx, T(ctx, "animation.time.total"), totals->scope_total));
  view.set("own_only", totals->own_only);
  view.set("hub_total", LineView(ctx, T(ctx, "animation.time.hub_total"), totals->hub_total));
  view.set("has_pending", totals->pending_count > 0);
  view.set("pending_count", std::to_string(totals->pending_count));
  view.set("pending_hours", Hours(ctx, totals->pending_minutes));
  view.set("fte_spent", Hundredths(totals->fte.fte_spent_hundredths, ctx.lang));
  view.set("fte_month", query->month.has_value());
  view.set("has_share", totals->fte.share_bp.has_value());
  if (totals->fte.share_bp) view.set("share", Percent(*totals->fte.share_bp, ctx.lang));
  view.set("carrier_hours", Hours(ctx, totals->fte.carrier_minutes));
  const std::string export_query = period + "&by=" + query->by;
  view.set("csv_href", TimeHref(ctx.hub) + "/export.csv?" + export_query);
  view.set("xlsx_href", TimeHref(ctx.hub) + "/export.xlsx?" + export_query);
  view.set("report_href", TimeHref(ctx.hub) + "/report?year=" + std::to_string(query->year));
  SetChart(view, ctx, *monthly);
  return ctx.deps.shell.Page(req, "animation/time_overview", std::move(view), "animation.time.title", &ctx.hub);
}

// The printable yearly report for funders: every breakdown of the year on one page.
Response ReportPage(Request& req, const ViewContext& ctx) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return PageFail(ctx, req, query.error());
  query->month.reset();
  render::View view = BaseView(ctx);
  view.set("year", std::to_string(query->year));
  view.set("hub_name", ctx.hub.hub.name);
  render::ViewList sections;
  for (const char* by : {"member", "kind", "group", "month"}) {
    query->by = by;
    auto totals = ctx.deps.time.Totals(ctx.actor, ctx.hub, *query);
    if (!totals) return PageFail(ctx, req, totals.error());
    render::View section;
    section.set("title", T(ctx, std::string("animation.time.by.") + by));
    render::ViewList lines;
    for (const auto& l : totals->lines) lines.push_back(LineView(ctx, LineLabel(ctx, *totals, l), l));
    section.set("lines", lines);
    section.set("total", LineView(ctx, T(ctx, "animation.time.total"), totals->scope_total));
    sections.push_back(std::move(section));
    if (std::string(by) == "member") {
      view.set("fte_spent",
               Hundredths(totals->fte.fte_spent_hundredths, ctx.lang));
      view.set("has_share", totals->fte.share_bp.has_value());
      if (totals->fte.share_bp) view.set("share", Percent(*totals->fte.share_bp, ctx.lang));
      view.set("hub_total", LineView(ctx, T(ctx, "animation.time.hub_total"), totals->hub_total));
    }
  }
  view.set("sections", sections);
  return ctx.deps.shell.Page(req, "animation/time_report", std::move(view), "animation.time.report.title", &ctx.hub);
}

Response ExportPage(Request& req, const ViewContext& ctx, const std::string& format) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return PageFail(ctx, req, query.error());
  auto totals = ctx.deps.time.Totals(ctx.actor, ctx.hub, *query);
  if (!totals) return PageFail(ctx, req, totals.error());
  return ExportResponse(ctx, *totals, format);
}

// ---- entries ------------------------------------------------------------------------------

render::ViewList PeopleOptions(const ViewContext& ctx, const std::string& selected) {
  render::ViewList list;
  auto rates = ctx.deps.time.Rates(ctx.actor, ctx.hub);  // the people the actor may see
  if (!rates) return list;
  for (const auto& p : rates->people) {
    if (!IsCoordinator(ctx) && OwnMember(ctx) != p.member) continue;
    render::View o;
    o.set("value", std::to_string(p.person.value));
    o.set("label", p.person_name + " (" + p.member_name + ")");
    o.set("selected", std::to_string(p.person.value) == selected);
    list.push_back(std::move(o));
  }
  return list;
}

Response EntriesPageWith(Request& req, const ViewContext& ctx, const Error* error, const TimeEntryInput* typed) {
  TimeEntryQuery query;
  const std::string status(Trim(req.Query("status").value_or("")));
  if (!status.empty()) query.status = status;
  auto entries = ctx.deps.time.ListEntries(ctx.actor, ctx.hub, query);
  if (!entries) return PageFail(ctx, req, entries.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  render::ViewList items;
  for (const auto& e : *entries) {
    render::View v;
    v.set("id", std::to_string(e.id.value));
    v.set("person_name", e.person_name);
    v.set("member_name", e.member_name);
    v.set("on_date", FormatDate(e.on, ctx.lang));
    v.set("hours", Hours(ctx, e.minutes));
    v.set("kind", T(ctx, "animation.time.kind." + e.kind));
    v.set("note", e.note);
    v.set("status", e.status);
    v.set("status_label", T(ctx, "animation.time.status." + e.status));
    v.set("reason", e.reason);
    v.set("pending", e.status == "pending");
    v.set("compensated", e.compensated);
    v.set("may_decide", IsCoordinator(ctx) && e.status == "pending");
    v.set("may_delete", IsCoordinator(ctx) || e.status == "pending");
    v.set("action", TimeHref(ctx.hub) + "/entries/" + std::to_string(e.id.value));
    items.push_back(std::move(v));
  }
  view.set("entries", items);
  view.set("has_entries", !items.empty());
  render::ViewList statuses;
  for (const char* code : {"pending", "validated", "refused"}) {
    render::View o;
    o.set("value", code);
    o.set("label", T(ctx, std::string("animation.time.status.") + code));
    o.set("selected", status == code);
    statuses.push_back(std::move(o));
  }
  view.set("status_options", statuses);
  TimeEntryInput in;
  if (typed) in = *typed;
  else in.on_date = FormatIsoDate(hubs::TodayIn(SystemClock(), ctx.hub.hub));
  view.set("people", PeopleOptions(ctx, in.person_id));
  view.set("f_on_date", in.on_date);
  view.set("f_duration", in.duration);
  view.set("f_note", in.note);
  render::ViewList kinds;
  for (const char* k : kEntryKinds) {
    render::View o;
    o.set("value", k);
    o.set("label", T(ctx, std::string("animation.time.kind.") + k));
    o.set("selected", in.kind == k);
    kinds.push_back(std::move(o));
  }
  view.set("kinds", kinds);
  view.set("compensate_month", FormatIsoDate(hubs::TodayIn(SystemClock(), ctx.hub.hub)).substr(0, 7));
  int code = 200;
  if (error) {
    // The 24 h rule names the day's total: shown translated in place of the generic message.
    Error shown = *error;
    if (auto it = shown.fields.find("minutes"); it != shown.fields.end() && it->second == "animation.time.error.day_total") {
      if (auto total = time_rules::DayTotalOf(error->message)) {
        std::string text = T(ctx, "animation.time.error.day_total_is");
        if (auto at = text.find("{total}"); at != std::string::npos) text.replace(at, 7, *total);
        it->second = text;  // not a key: Translate gives it back as is
      }
    }
    ctx.deps.shell.AddFieldErrors(view, shown, ctx.lang, "animation.time.field.");
    code = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "animation/time_entries", std::move(view), "animation.time.entries.title", &ctx.hub,
                             code);
}

Response EntriesPage(Request& req, const ViewContext& ctx) { return EntriesPageWith(req, ctx, nullptr, nullptr); }

Response CreateEntryPage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  TimeEntryInput in;
  in.person_id = Field(*form, "person_id");
  in.on_date = Field(*form, "on_date");
  in.duration = Field(*form, "duration");
  in.kind = Field(*form, "kind");
  in.note = Field(*form, "note");
  auto entry = ctx.deps.time.CreateEntry(ctx.actor, ctx.hub, in);
  if (entry) return Response::Redirect(TimeHref(ctx.hub) + "/entries?done=logged");
  if (!IsFormError(entry.error())) return PageFail(ctx, req, entry.error());
  return EntriesPageWith(req, ctx, &entry.error(), &in);
}

Response DecidePage(Request& req, const ViewContext& ctx, bool validate) {
  auto id = IdParam(req, "entry");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto entry = ctx.deps.time.Decide(ctx.actor, ctx.hub, TimeEntryId{*id}, validate, Field(*form, "reason"));
  if (entry)
    return Response::Redirect(TimeHref(ctx.hub) + "/entries?done=" + (validate ? "validated" : "refused"));
  if (!IsFormError(entry.error())) return PageFail(ctx, req, entry.error());
  return EntriesPageWith(req, ctx, &entry.error(), nullptr);
}

Response DeletePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "entry");
  if (!id) return PageFail(ctx, req, id.error());
  auto done = ctx.deps.time.DeleteEntry(ctx.actor, ctx.hub, TimeEntryId{*id});
  if (done) return Response::Redirect(TimeHref(ctx.hub) + "/entries?done=deleted");
  if (!IsFormError(done.error())) return PageFail(ctx, req, done.error());
  return EntriesPageWith(req, ctx, &done.error(), nullptr);
}

Response CompensatePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  CompensateInput in{.person_id = Field(*form, "person_id"), .month = Field(*form, "month")};
  in.compensated = Field(*form, "compensated") != "0";
  auto result = ctx.deps.time.Compensate(ctx.actor, ctx.hub, in);
  if (result) return Response::Redirect(TimeHref(ctx.hub) + "/entries?done=compensated");
  if (!IsFormError(result.error())) return PageFail(ctx, req, result.error());
  return EntriesPageWith(req, ctx, &result.error(), nullptr);
}

// ---- settings -----------------------------------------------------------------------------

Response SettingsPageWith(Request& req, const ViewContext& ctx, const Error* error, const TimeSettingsInput* typed) {
  auto rates = ctx.deps.time.Rates(ctx.actor, ctx.hub);
  if (!rates) return PageFail(ctx, req, rates.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  const auto& s = rates->settings;
  TimeSettingsInput in;
  if (typed) {
    in = *typed;
  } else {
    in.default_hourly = PlainEuros(s.default_hourly);
    in.volunteer_hourly = PlainEuros(s.volunteer_hourly);
    if (s.staff_fte_hundredths) in.staff_fte = PlainEuros(Money{*s.staff_fte_hundredths});
    if (s.carrier) in.carrier_member_id = std::to_string(s.carrier->value);
    in.version = s.version;
  }
  view.set("f_default_hourly", in.default_hourly);
  view.set("f_volunteer_hourly", in.volunteer_hourly);
  view.set("f_staff_fte", in.staff_fte);
  view.set("settings_version", std::to_string(in.version));
  render::ViewList carriers;
  render::ViewList members;
  for (const auto& m : rates->members) {
    render::View o;
    o.set("value", std::to_string(m.member.value));
    o.set("label", m.member_name);
    o.set("selected", in.carrier_member_id == std::to_string(m.member.value));
    carriers.push_back(std::move(o));
    render::View row;
    row.set("name", m.member_name);
    row.set("hourly_cost", PlainEuros(m.hourly_cost));
    row.set("may_edit", IsCoordinator(ctx) || OwnMember(ctx) == m.member);
    row.set("action", TimeHref(ctx.hub) + "/settings/members/" + std::to_string(m.member.value));
    members.push_back(std::move(row));
  }
  view.set("carriers", carriers);
  view.set("member_rates", members);
  render::ViewList people;
  for (const auto& p : rates->people) {
    render::View row;
    row.set("name", p.person_name);
    row.set("member_name", p.member_name);
    row.set("volunteer", p.volunteer);
    row.set("hourly", PlainEuros(p.hourly));
    row.set("may_edit", IsCoordinator(ctx) || OwnMember(ctx) == p.member);
    row.set("action", TimeHref(ctx.hub) + "/settings/people/" + std::to_string(p.person.value));
    people.push_back(std::move(row));
  }
  view.set("person_rates", people);
  view.set("has_people", !people.empty());
  int code = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "animation.time.field.");
    code = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "animation/time_settings", std::move(view), "animation.time.settings.title",
                             &ctx.hub, code);
}

Response SettingsPage(Request& req, const ViewContext& ctx) { return SettingsPageWith(req, ctx, nullptr, nullptr); }

Response SaveSettingsPage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  TimeSettingsInput in{.default_hourly = Field(*form, "default_hourly"),
                       .volunteer_hourly = Field(*form, "volunteer_hourly"),
                       .staff_fte = Field(*form, "staff_fte"),
                       .carrier_member_id = Field(*form, "carrier_member_id")};
  auto version = cw::ParseId(Field(*form, "version"));
  in.version = version.value_or(0);
  auto saved = ctx.deps.time.SaveSettings(ctx.actor, ctx.hub, in);
  if (saved) return Response::Redirect(TimeHref(ctx.hub) + "/settings?done=settings");
  if (!IsFormError(saved.error())) return PageFail(ctx, req, saved.error());
  return SettingsPageWith(req, ctx, &saved.error(), &in);
}

Response MemberRatePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "member");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto rate = ctx.deps.time.SetMemberRate(ctx.actor, ctx.hub, MemberId{*id}, Field(*form, "hourly_cost"));
  if (rate) return Response::Redirect(TimeHref(ctx.hub) + "/settings?done=rate");
  if (!IsFormError(rate.error())) return PageFail(ctx, req, rate.error());
  return SettingsPageWith(req, ctx, &rate.error(), nullptr);
}

Response PersonRatePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "person");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto rate = ctx.deps.time.SetPersonRate(ctx.actor, ctx.hub, PersonId{*id}, Field(*form, "volunteer") == "1",
                                          Field(*form, "hourly"));
  if (rate) return Response::Redirect(TimeHref(ctx.hub) + "/settings?done=rate");
  if (!IsFormError(rate.error())) return PageFail(ctx, req, rate.error());
  return SettingsPageWith(req, ctx, &rate.error(), nullptr);
}

}  // namespace

void RegisterTimePages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, cw::Answer::kPage, std::move(handler)); };
  using http::Method;
  const std::string base = "/hubs/{hub}/animation/time";
  router.Add(Method::kGet, base, page(OverviewPage));
  router.Add(Method::kGet, base + "/report", page(ReportPage));
  router.Add(Method::kGet, base + "/export.csv", page([](Request& r, const ViewContext& c) { return ExportPage(r, c, "csv"); }));
  router.Add(Method::kGet, base + "/export.xlsx", page([](Request& r, const ViewContext& c) { return ExportPage(r, c, "xlsx"); }));
  router.Add(Method::kGet, base + "/entries", page(EntriesPage));
  router.Add(Method::kPost, base + "/entries", page(CreateEntryPage));
  router.Add(Method::kPost, base + "/entries/{entry}/validate",
             page([](Request& r, const ViewContext& c) { return DecidePage(r, c, true); }));
  router.Add(Method::kPost, base + "/entries/{entry}/refuse",
             page([](Request& r, const ViewContext& c) { return DecidePage(r, c, false); }));
  router.Add(Method::kPost, base + "/entries/{entry}/delete", page(DeletePage));
  router.Add(Method::kPost, base + "/compensate", page(CompensatePage));
  router.Add(Method::kGet, base + "/settings", page(SettingsPage));
  router.Add(Method::kPost, base + "/settings", page(SaveSettingsPage));
  router.Add(Method::kPost, base + "/settings/members/{member}", page(MemberRatePage));
  router.Add(Method::kPost, base + "/settings/people/{person}", page(PersonRatePage));
}

}  // namespace coopole::animation::web::time_web
