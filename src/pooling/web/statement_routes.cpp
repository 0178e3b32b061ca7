// Monthly statements, the pooling balance, the settings and the alerts: pages under
// /hubs/{hub}/pooling and the JSON API under /api/v1/hubs/{hub}/pooling.
#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "ledger_common.h"
#include "pooling_web.h"
#include "statement_views.h"

namespace coopole::pooling::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

std::string Translate(const ViewContext& ctx, const std::string& key) {
  return ctx.deps.shell.Translate(ctx.lang, key);
}

// "1/true/on/yes/oui" or "0/false/off/no/non"; nullopt otherwise.
std::optional<bool> Flag(std::string_view text) {
  const std::string value = AsciiLower(Trim(text));
  if (value == "1" || value == "true" || value == "on" || value == "yes" || value == "oui") return true;
  if (value == "0" || value == "false" || value == "off" || value == "no" || value == "non" || value.empty()) {
    return false;
  }
  return std::nullopt;
}

// The {party} of a statement address: a member id or "hub". Errors: kNotFound.
Result<Party> PartyParam(const Request& req) {
  auto party = PartyField(req.Param("party"), "party", ErrorCode::kNotFound);
  if (!party) return Error::NotFound("party");
  return *party;
}

// ?member= of the balance and the export: a member id, "hub", or absent.
Result<std::optional<Party>> PartyQuery(const Request& req, const std::string& name) {
  auto text = req.Query(name);
  if (!text || Trim(*text).empty()) return std::optional<Party>{};
  auto party = PartyField(*text, name, ErrorCode::kBadRequest);
  if (!party) return party.error();
  return std::optional<Party>{*party};
}

// ?from= / ?to= dates. Errors: kBadRequest {name: "validation.date"}.
Result<Date> DateQuery(const Request& req, const std::string& name, Date fallback) {
  auto text = req.Query(name);
  if (!text || Trim(*text).empty()) return fallback;
  auto date = ParseDate(Trim(*text));
  if (!date) return Error::BadRequest("malformed " + name, {{name, "validation.date"}});
  return *date;
}

// The month picker: the current month, the previous and next ones.
void AddMonthPicker(render::View& view, const ViewContext& ctx, Month month, const std::string& base_href) {
  Month previous = month.month == 1 ? Month{month.year - 1, 12} : Month{month.year, month.month - 1};
  view.set("month", FormatMonth(month));
  view.set("month_label", MonthText(month, ctx));
  view.set("month_action", base_href);
  view.set("previous_href", base_href + "?month=" + FormatMonth(previous));
  view.set("previous_label", MonthText(previous, ctx));
  view.set("next_href", base_href + "?month=" + FormatMonth(month.Next()));
  view.set("next_label", MonthText(month.Next(), ctx));
}

std::string ExportHref(const ViewContext& ctx, Month month, const char* extension, const std::optional<Party>& party) {
  std::string href = PoolingHref(ctx.hub) + "/statements/export." + extension + "?month=" + FormatMonth(month);
  if (party) href += "&member=" + PartyKey(*party);
  return href;
}

Response StatementPageOf(const Request& req, const ViewContext& ctx, std::string_view template_name,
                         render::View view, const std::string& title, int status = 200) {
  AddLedgerNav(view, ctx, "statements");
  return ctx.deps.shell.PageTitled(req, template_name, std::move(view), title, &ctx.hub, status);
}

// ---- hub statement ----------------------------------------------------------------------

Response HubStatementPage(Request& req, const ViewContext& ctx) {
  auto month = MonthQuery(req, ctx.hub);
  if (!month) return PageFail(ctx, req, month.error());
  // A member's users read their own organisation's statement.
  if (auto own = OwnMember(ctx)) {
    return Response::Redirect(PartyStatementHref(ctx.hub, Party{own, ""}, *month));
  }
  auto statement = ctx.deps.pooling.StatementOfHub(ctx.actor, ctx.hub, *month);
  if (!statement) return PageFail(ctx, req, statement.error());
  const HubStatement& st = *statement;
  render::View view;
  AddMonthPicker(view, ctx, *month, PoolingHref(ctx.hub) + "/statements");
  render::ViewList parties;
  json labels = json::array(), used = json::array(), provided = json::array();
  for (const auto& p : st.parties) {
    render::View row;
    const std::string name = PartyName(p.party, ctx);
    row.set("name", name);
    row.set("href", PartyStatementHref(ctx.hub, p.party, *month));
    row.set("used", MoneyText(p.used, ctx.lang));
    row.set("provided", MoneyText(p.provided, ctx.lang));
    row.set("balance", MoneyText(p.provided - p.used, ctx.lang));
    row.set("lines", std::to_string(p.lines));
    parties.push_back(std::move(row));
    labels.push_back(name);
    used.push_back(p.used.cents);
    provided.push_back(p.provided.cents);
  }
  view.set("has_parties", !parties.empty());
  view.set("parties", parties);
  render::ViewList settlements;
  for (const auto& s : st.settlements) {
    render::View row = SettlementView(s, *month, ctx);
    row.set("back", StatementsHref(ctx.hub, *month));
    settlements.push_back(std::move(row));
  }
  view.set("has_settlements", !settlements.empty());
  view.set("settlements", settlements);
  view.set("netting", st.netting);
  view.set("total", MoneyText(st.total, ctx.lang));
  view.set("export_csv_href", ExportHref(ctx, *month, "csv", std::nullopt));
  view.set("export_xlsx_href", ExportHref(ctx, *month, "xlsx", std::nullopt));
  // Read by the page's script from a data attribute (escaped like any attribute); amounts
  // in cents, formatted by the script; the same figures are in the table above.
  view.set("chart",
           json{{"labels", labels},
                {"used", used},
                {"provided", provided},
                {"used_label", Translate(ctx, "ledger.statements.used")},
                {"provided_label", Translate(ctx, "ledger.statements.provided")},
                {"locale", ctx.lang == "fr" ? "fr-FR" : "en-GB"}}
               .dump());
  return StatementPageOf(req, ctx, "pooling/statement_hub", std::move(view),
                         Translate(ctx, "ledger.statements.title") + " — " + MonthText(*month, ctx));
}

// ---- one party's statement ----------------------------------------------------------------

Response PartyStatementPage(Request& req, const ViewContext& ctx) {
  auto party = PartyParam(req);
  if (!party) return PageFail(ctx, req, party.error());
  auto month = MonthQuery(req, ctx.hub);
  if (!month) return PageFail(ctx, req, month.error());
  auto statement = ctx.deps.pooling.StatementOf(ctx.actor, ctx.hub, party->member, *month);
  if (!statement) return PageFail(ctx, req, statement.error());
  const MemberStatement& st = *statement;
  render::View view;
  const std::string self = PoolingHref(ctx.hub) + "/statements/" + PartyKey(st.party);
  AddMonthPicker(view, ctx, *month, self);
  view.set("party_name", PartyName(st.party, ctx));
  view.set("hub_name", ctx.hub.hub.name);
  render::ViewList used, provided;
  for (const auto& line : st.used) used.push_back(LineView(line, true, ctx));
  for (const auto& line : st.provided) provided.push_back(LineView(line, false, ctx));
  view.set("has_used", !used.empty());
  view.set("used", used);
  view.set("has_provided", !provided.empty());
  view.set("provided", provided);
  view.set("used_total", MoneyText(st.used_total, ctx.lang));
  view.set("provided_total", MoneyText(st.provided_total, ctx.lang));
  view.set("balance", MoneyText(st.provided_total - st.used_total, ctx.lang));
  render::ViewList settlements;
  for (const auto& s : st.settlements) {
    render::View row = SettlementView(s, *month, ctx);
    row.set("back", self + "?month=" + FormatMonth(*month));
    settlements.push_back(std::move(row));
  }
  view.set("has_settlements", !settlements.empty());
  view.set("settlements", settlements);
  view.set("can_read_hub", !OwnMember(ctx));
  view.set("hub_statement_href", StatementsHref(ctx.hub, *month));
  view.set("export_csv_href", ExportHref(ctx, *month, "csv", st.party));
  view.set("export_xlsx_href", ExportHref(ctx, *month, "xlsx", st.party));
  return StatementPageOf(req, ctx, "pooling/statement_party", std::move(view),
                         Translate(ctx, "ledger.statements.party_title") + " — " + PartyName(st.party, ctx) + " — " +
                             MonthText(*month, ctx));
}

// ---- settle ---------------------------------------------------------------------------------

struct SettleRequest {
  Month month;
  Party debtor;
  Party creditor;
};

Result<SettleRequest> ReadSettle(const std::optional<std::string>& month, const std::optional<std::string>& debtor,
                                 const std::optional<std::string>& creditor) {
  SettleRequest out;
  std::map<std::string, std::string> fields;
  auto m = MonthField(month, "month");
  if (m) out.month = *m; else fields.insert(m.error().fields.begin(), m.error().fields.end());
  auto d = PartyField(debtor, "debtor", ErrorCode::kInvalidArgument);
  if (d) out.debtor = *d; else fields.insert(d.error().fields.begin(), d.error().fields.end());
  auto c = PartyField(creditor, "creditor", ErrorCode::kInvalidArgument);
  if (c) out.creditor = *c; else fields.insert(c.error().fields.begin(), c.error().fields.end());
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  return out;
}

Response SettlePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto settle = ReadSettle(http::FormValue(*form, "month"), http::FormValue(*form, "debtor"),
                           http::FormValue(*form, "creditor"));
  if (!settle) return PageFail(ctx, req, settle.error());
  auto done = ctx.deps.pooling.MarkSettled(ctx.actor, ctx.hub, settle->month, settle->debtor, settle->creditor);
  if (!done) return PageFail(ctx, req, done.error());
  // Back to the page the button was on, when it is a statement page of this hub.
  std::string back = http::FormValue(*form, "back").value_or("");
  const std::string statements = PoolingHref(ctx.hub) + "/statements";
  if (!IsSafeReturnTarget(back, statements)) back = StatementsHref(ctx.hub, settle->month);
  return RedirectWithNotice(back, "ledger_settled");
}

// ---- export -------------------------------------------------------------------------------

Result<Response> RunExport(const Request& req, const ViewContext& ctx, ExportFormat format) {
  auto month = MonthQuery(req, ctx.hub);
  if (!month) return month.error();
  auto party = PartyQuery(req, "member");
  if (!party) return party.error();
  // The hub's own statement is "member=hub"; no member is every party.
  auto table = ctx.deps.pooling.ExportStatement(ctx.actor, ctx.hub, *party, *month, ctx.lang);
  if (!table) return table.error();
  const std::string suffix = *party ? PartyKey(**party) : "";
  return StatementDownload(*table, format, ctx.hub, *month, suffix, Translate(ctx, "ledger.statements.sheet"));
}

HubHandler ExportPage(ExportFormat format) {
  return [format](Request& req, const ViewContext& ctx) -> Response {
    auto download = RunExport(req, ctx, format);
    if (!download) return PageFail(ctx, req, download.error());
    return std::move(*download);
  };
}

// ---- balance ------------------------------------------------------------------------------

struct BalanceQuery {
  std::optional<MemberId> member;
  Date from, to;
};

Result<BalanceQuery> ReadBalanceQuery(const Request& req, const ViewContext& ctx) {
  BalanceQuery query;
  auto party = PartyQuery(req, "member");
  if (!party) return party.error();
  if (*party) {
    query.member = (*party)->member;
  } else {
    query.member = OwnMember(ctx);  // a member's users: their organisation; others: the hub
  }
  const Date today = TodayOf(ctx.hub);
  auto from = DateQuery(req, "from", Date{today.year, 1, 1});
  if (!from) return from.error();
  auto to = DateQuery(req, "to", today);
  if (!to) return to.error();
  query.from = *from;
  query.to = *to;
  return query;
}

Response BalancePage(Request& req, const ViewContext& ctx) {
  auto query = ReadBalanceQuery(req, ctx);
  if (!query) return PageFail(ctx, req, query.error());
  render::View view;
  view.set("action", PoolingHref(ctx.hub) + "/balance");
  const bool member_user = OwnMember(ctx).has_value();
  view.set("member_options", MemberOptions(ctx, query->member ? std::to_string(query->member->value) : "",
                                           !member_user, member_user));
  view.set("from", FormatIsoDate(query->from));
  view.set("to", FormatIsoDate(query->to));
  auto balance = ctx.deps.pooling.BalanceOf(ctx.actor, ctx.hub, query->member, query->from, query->to);
  int status = 200;
  if (!balance) {
    if (balance.error().code != ErrorCode::kInvalidArgument) return PageFail(ctx, req, balance.error());
    ctx.deps.shell.AddFieldErrors(view, balance.error(), ctx.lang, "ledger.field.");
    status = cw::StatusFor(balance.error().code);
  } else {
    const PoolingBalance& b = *balance;
    view.set("has_balance", true);
    view.set("party_name", PartyName(b.party, ctx));
    view.set("from_label", DateText(b.from, ctx.lang));
    view.set("to_label", DateText(b.to, ctx.lang));
    render::ViewList rows;
    for (const auto& row : b.rows) {
      render::View r;
      r.set("kind_label", Translate(ctx, std::string("ledger.kind.") + FlowKindCode(row.kind)));
      r.set("provided", MoneyText(row.provided, ctx.lang));
      r.set("used", MoneyText(row.used, ctx.lang));
      r.set("net", MoneyText(row.provided - row.used, ctx.lang));
      rows.push_back(std::move(r));
    }
    view.set("rows", rows);
    view.set("provided", MoneyText(b.provided, ctx.lang));
    view.set("used", MoneyText(b.used, ctx.lang));
    view.set("net", MoneyText(b.provided - b.used, ctx.lang));
  }
  AddLedgerNav(view, ctx, "balance");
  return ctx.deps.shell.PageTitled(req, "pooling/statement_balance", std::move(view),
                                   Translate(ctx, "ledger.balance.title"), &ctx.hub, status);
}

// ---- settings -----------------------------------------------------------------------------

struct SettingsForm {
  std::string netting, limit;
};

Response SettingsPageOf(const Request& req, const ViewContext& ctx, const SettingsForm* form, const Error* error) {
  auto settings = ctx.deps.pooling.Settings(ctx.actor, ctx.hub);
  if (!settings) return PageFail(ctx, req, settings.error());
  render::View view;
  view.set("action", PoolingHref(ctx.hub) + "/settings");
  view.set("can_edit", MayManage(ctx));
  view.set("netting_checked", form ? Flag(form->netting).value_or(false) : settings->netting);
  view.set("netting_label", Translate(ctx, settings->netting ? "form.yes" : "form.no"));
  view.set("default_exposure_limit",
           form ? form->limit : MoneyField(settings->default_exposure_limit, ctx.lang));
  view.set("default_exposure_limit_text", MoneyText(settings->default_exposure_limit, ctx.lang));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "ledger.field.");
    status = cw::StatusFor(error->code);
  }
  AddLedgerNav(view, ctx, "settings");
  return ctx.deps.shell.PageTitled(req, "pooling/statement_settings", std::move(view),
                                   Translate(ctx, "ledger.settings.title"), &ctx.hub, status);
}

Response SettingsPage(Request& req, const ViewContext& ctx) { return SettingsPageOf(req, ctx, nullptr, nullptr); }

Response UpdateSettingsPage(Request& req, const ViewContext& ctx) {
  if (!MayManage(ctx)) return PageFail(ctx, req, Error::Denied());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  SettingsForm input{http::FormValue(*form, "netting").value_or("0"),
                     http::FormValue(*form, "default_exposure_limit").value_or("")};
  PoolingSettings settings;
  auto netting = Flag(input.netting);
  auto limit = ParseMoney(Trim(input.limit));
  std::map<std::string, std::string> fields;
  if (!netting) fields["netting"] = "validation.boolean";
  if (Trim(input.limit).empty()) {
    fields["default_exposure_limit"] = "validation.required";
  } else if (!limit || limit->cents < 0) {
    fields["default_exposure_limit"] = "validation.amount";
  }
  if (!fields.empty()) {
    Error error = Error::Invalid(std::move(fields));
    return SettingsPageOf(req, ctx, &input, &error);
  }
  settings.netting = *netting;
  settings.default_exposure_limit = *limit;
  auto saved = ctx.deps.pooling.UpdateSettings(ctx.actor, ctx.hub, settings);
  if (!saved) {
    if (IsFormError(saved.error())) return SettingsPageOf(req, ctx, &input, &saved.error());
    return PageFail(ctx, req, saved.error());
  }
  return RedirectWithNotice(PoolingHref(ctx.hub) + "/settings", "ledger_saved");
}

// ---- API ----------------------------------------------------------------------------------

Response HubStatementApi(Request& req, const ViewContext& ctx) {
  auto month = MonthQuery(req, ctx.hub);
  if (!month) return ApiFail(ctx, req, month.error());
  auto statement = ctx.deps.pooling.StatementOfHub(ctx.actor, ctx.hub, *month);
  if (!statement) return ApiFail(ctx, req, statement.error());
  return cw::JsonResponse(HubStatementJson(*statement));
}

Response PartyStatementApi(Request& req, const ViewContext& ctx) {
  auto party = PartyParam(req);
  if (!party) return ApiFail(ctx, req, party.error());
  auto month = MonthQuery(req, ctx.hub);
  if (!month) return ApiFail(ctx, req, month.error());
  auto statement = ctx.deps.pooling.StatementOf(ctx.actor, ctx.hub, party->member, *month);
  if (!statement) return ApiFail(ctx, req, statement.error());
  return cw::JsonResponse(MemberStatementJson(*statement));
}

Response SettleApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  std::optional<std::string> texts[3];
  const char* names[3] = {"month", "debtor", "creditor"};
  for (int i = 0; i < 3; ++i) {
    auto text = cw::JsonText(*body, names[i]);
    if (!text) return ApiFail(ctx, req, text.error());
    texts[i] = *text;
  }
  auto settle = ReadSettle(texts[0], texts[1], texts[2]);
  if (!settle) return ApiFail(ctx, req, settle.error());
  auto done = ctx.deps.pooling.MarkSettled(ctx.actor, ctx.hub, settle->month, settle->debtor, settle->creditor);
  if (!done) return ApiFail(ctx, req, done.error());
  json answer = {{"month", FormatMonth(settle->month)},
                 {"debtor", PartyJson(settle->debtor)},
                 {"creditor", PartyJson(settle->creditor)},
                 {"settled", true}};
  // The pair as the creditor's statement now shows it.
  if (auto statement = ctx.deps.pooling.StatementOf(ctx.actor, ctx.hub, settle->creditor.member, settle->month)) {
    for (const auto& s : statement->settlements) {
      if (s.debtor == settle->debtor && s.creditor == settle->creditor) answer = SettlementJson(s);
    }
    answer["month"] = FormatMonth(settle->month);
  }
  return cw::JsonResponse(answer);
}

Response ExportApi(Request& req, const ViewContext& ctx) {
  auto format = ParseExportFormat(req.Query("format"));
  if (!format) return ApiFail(ctx, req, format.error());
  auto download = RunExport(req, ctx, *format);
  if (!download) return ApiFail(ctx, req, download.error());
  return std::move(*download);
}

Response BalanceApi(Request& req, const ViewContext& ctx) {
  auto query = ReadBalanceQuery(req, ctx);
  if (!query) return ApiFail(ctx, req, query.error());
  auto balance = ctx.deps.pooling.BalanceOf(ctx.actor, ctx.hub, query->member, query->from, query->to);
  if (!balance) return ApiFail(ctx, req, balance.error());
  return cw::JsonResponse(BalanceJson(*balance));
}

Response GetSettingsApi(Request& req, const ViewContext& ctx) {
  auto settings = ctx.deps.pooling.Settings(ctx.actor, ctx.hub);
  if (!settings) return ApiFail(ctx, req, settings.error());
  return cw::JsonResponse(SettingsJson(*settings));
}

Response PutSettingsApi(Request& req, const ViewContext& ctx) {
  if (!MayManage(ctx)) return ApiFail(ctx, req, Error::Denied());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto settings = ctx.deps.pooling.Settings(ctx.actor, ctx.hub);
  if (!settings) return ApiFail(ctx, req, settings.error());
  PoolingSettings updated = *settings;
  std::map<std::string, std::string> fields;
  auto netting = cw::JsonText(*body, "netting");
  if (!netting) return ApiFail(ctx, req, netting.error());
  if (*netting) {
    auto flag = Flag(**netting);
    if (flag) updated.netting = *flag; else fields["netting"] = "validation.boolean";
  }
  auto limit = JsonField(*body, "default_exposure_limit", true);
  if (!limit) return ApiFail(ctx, req, limit.error());
  if (*limit) {
    auto money = ParseMoney(Trim(**limit));
    if (money && money->cents >= 0) updated.default_exposure_limit = *money;
    else fields["default_exposure_limit"] = "validation.amount";
  }
  if (!fields.empty()) return ApiFail(ctx, req, Error::Invalid(std::move(fields)));
  auto saved = ctx.deps.pooling.UpdateSettings(ctx.actor, ctx.hub, updated);
  if (!saved) return ApiFail(ctx, req, saved.error());
  return cw::JsonResponse(SettingsJson(updated));
}

Response AlertsApi(Request& req, const ViewContext& ctx) {
  auto alerts = ctx.deps.pooling.Alerts(ctx.actor, ctx.hub);
  if (!alerts) return ApiFail(ctx, req, alerts.error());
  return cw::JsonResponse(AlertsJson(*alerts));
}

}  // namespace

void RegisterStatementRoutes(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };

  const std::string pages = "/hubs/{hub}/pooling";
  router.Add(Method::kGet, pages + "/statements", page(HubStatementPage));
  router.Add(Method::kGet, pages + "/statements/export.csv", page(ExportPage(ExportFormat::kCsv)));
  router.Add(Method::kGet, pages + "/statements/export.xlsx", page(ExportPage(ExportFormat::kXlsx)));
  router.Add(Method::kPost, pages + "/statements/settle", page(SettlePage));
  router.Add(Method::kGet, pages + "/statements/{party}", page(PartyStatementPage));
  router.Add(Method::kGet, pages + "/balance", page(BalancePage));
  router.Add(Method::kGet, pages + "/settings", page(SettingsPage));
  router.Add(Method::kPost, pages + "/settings", page(UpdateSettingsPage));

  const std::string base = "/api/v1/hubs/{hub}/pooling";
  router.Add(Method::kGet, base + "/statements", api(HubStatementApi));
  router.Add(Method::kGet, base + "/statements/export", api(ExportApi));
  router.Add(Method::kPost, base + "/statements/settle", api(SettleApi));
  router.Add(Method::kGet, base + "/statements/{party}", api(PartyStatementApi));
  router.Add(Method::kGet, base + "/balance", api(BalanceApi));
  router.Add(Method::kGet, base + "/settings", api(GetSettingsApi));
  router.Add(Method::kPut, base + "/settings", api(PutSettingsApi));
  router.Add(Method::kGet, base + "/alerts", api(AlertsApi));
}

}  // namespace coopole::pooling::web
