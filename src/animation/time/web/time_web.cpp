// Collective time routes: pages under /hubs/{hub}/animation/time, API under
// /api/v1/hubs/{hub}/animation/time; and the helpers the route files share.
#include "time_web.h"

#include "time_export.h"
#include "time_internal.h"
#include "time_rules.h"

namespace coopole::animation::web {

void RegisterTimeRoutes(http::Router& router, const Dependencies& deps) {
  time_web::RegisterTimePages(router, deps);
  time_web::RegisterTimeApi(router, deps);
}

namespace time_web {

namespace cw = coopole::web;
using nlohmann::json;

http::Handler WithHub(const Dependencies& deps, cw::Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   // A copy of `deps` (references and one function) lives in the route.
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

std::string TimeHref(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/animation/time"; }
std::string ApiTimeHref(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/animation/time"; }

Result<std::int64_t> IdParam(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return *id;
}

namespace {
std::optional<int> SmallNumber(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 4) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}
}  // namespace

Result<TotalsQuery> TotalsQueryOf(const http::Request& req, const ViewContext& ctx) {
  TotalsQuery q;
  q.year = hubs::TodayIn(SystemClock(), ctx.hub.hub).year;
  if (auto y = req.Query("year"); y && !Trim(*y).empty()) {
    auto v = SmallNumber(*y);
    if (!v) return Error::Invalid({{"year", "animation.time.error.year"}});
    q.year = *v;
  }
  if (auto m = req.Query("month"); m && !Trim(*m).empty()) {
    auto v = SmallNumber(*m);
    if (!v) return Error::Invalid({{"month", "animation.time.error.month"}});
    q.month = *v;
  }
  if (auto by = req.Query("by"); by && !Trim(*by).empty()) q.by = std::string(Trim(*by));
  return q;
}

bool IsCoordinator(const ViewContext& ctx) { return time_internal::IsCoordinator(ctx.actor, ctx.hub); }
std::optional<MemberId> OwnMember(const ViewContext& ctx) { return time_internal::OwnMember(ctx.actor, ctx.hub); }
std::string T(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }
std::string Euros(const ViewContext& ctx, Money money) { return FormatMoney(money, ctx.lang) + " €"; }
std::string Hours(const ViewContext& ctx, std::int64_t minutes) {
  return time_rules::DecimalHours(minutes, ctx.lang == "fr" ? ',' : '.') + " h";
}

std::string LineLabel(const ViewContext& ctx, const TimeTotals& totals, const TotalsLine& line) {
  if (totals.query.by == "kind") return T(ctx, "animation.time.kind." + line.key);
  if (totals.query.by == "month") return T(ctx, "animation.time.month." + line.key);
  if (totals.query.by == "group" && line.key.empty()) return T(ctx, "animation.time.no_group");
  return line.label;
}

json LineJson(const TotalsLine& l) {
  return {{"key", l.key},
          {"label", l.label},
          {"minutes", l.minutes},
          {"value_cents", l.value.cents},
          {"compensated_minutes", l.compensated_minutes},
          {"compensated_value_cents", l.compensated_value.cents},
          {"unvalued_minutes", l.unvalued_minutes}};
}

json TotalsJson(const TimeTotals& t) {
  json lines = json::array();
  for (const auto& l : t.lines) lines.push_back(LineJson(l));
  return {{"year", t.query.year},
          {"month", t.query.month ? json(*t.query.month) : json(nullptr)},
          {"by", t.query.by},
          {"own_only", t.own_only},
          {"lines", lines},
          {"total", LineJson(t.scope_total)},
          {"hub_total", LineJson(t.hub_total)},
          {"pending", {{"count", t.pending_count}, {"minutes", t.pending_minutes}}},
          {"fte",
           {{"fte_spent_hundredths", t.fte.fte_spent_hundredths},
            {"carrier_minutes", t.fte.carrier_minutes},
            {"share_bp", t.fte.share_bp ? json(*t.fte.share_bp) : json(nullptr)},
            {"legal_annual_hours", time_rules::kLegalAnnualHours}}}};
}

namespace {
json MoneyJson(const std::optional<Money>& m) { return m ? json(m->cents) : json(nullptr); }
}  // namespace

json SettingsJson(const TimeSettings& s) {
  return {{"default_hourly_cents", MoneyJson(s.default_hourly)},
          {"volunteer_hourly_cents", MoneyJson(s.volunteer_hourly)},
          {"staff_fte_hundredths", s.staff_fte_hundredths ? json(*s.staff_fte_hundredths) : json(nullptr)},
          {"carrier_member_id", s.carrier ? json(s.carrier->value) : json(nullptr)},
          {"carrier_name", s.carrier_name},
          {"version", s.version}};
}

json RatesJson(const RatesOverview& r) {
  json members = json::array();
  for (const auto& m : r.members)
    members.push_back({{"member_id", m.member.value}, {"name", m.member_name}, {"hourly_cost_cents", MoneyJson(m.hourly_cost)}});
  json people = json::array();
  for (const auto& p : r.people)
    people.push_back({{"person_id", p.person.value},
                      {"name", p.person_name},
                      {"member_id", p.member.value},
                      {"member_name", p.member_name},
                      {"volunteer", p.volunteer},
                      {"hourly_cents", MoneyJson(p.hourly)}});
  return {{"settings", SettingsJson(r.settings)}, {"members", members}, {"people", people}};
}

http::Response ExportResponse(const ViewContext& ctx, const TimeTotals& totals, const std::string& format) {
  auto translate = [&ctx](const std::string& key) { return T(ctx, key); };
  const std::string stem = time_export::FileStem(totals);
  if (format == "xlsx") {
    return http::Response::Download(time_export::TotalsXlsx(totals, translate),
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    stem + ".xlsx");
  }
  return http::Response::Download(time_export::TotalsCsv(totals, translate), "text/csv; charset=utf-8", stem + ".csv");
}

}  // namespace time_web
}  // namespace coopole::animation::web
