#include "statement_views.h"

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "ledger_common.h"
#include "ledger_json.h"

namespace coopole::pooling::web {
namespace {

using nlohmann::json;

json Lines(const std::vector<StatementLine>& lines) {
  json out = json::array();
  for (const auto& line : lines) out.push_back(StatementLineJson(line));
  return out;
}

json Settlements(const std::vector<Settlement>& settlements) {
  json out = json::array();
  for (const auto& s : settlements) out.push_back(SettlementJson(s));
  return out;
}

}  // namespace

json StatementLineJson(const StatementLine& line) {
  return {{"kind", FlowKindCode(line.kind)},
          {"on", FormatIsoDate(line.on)},
          {"label", line.label},
          {"debtor", PartyJson(line.debtor)},
          {"creditor", PartyJson(line.creditor)},
          {"amount_cents", line.amount.cents},
          {"count", line.count}};
}

json SettlementJson(const Settlement& s) {
  return {{"debtor", PartyJson(s.debtor)},
          {"creditor", PartyJson(s.creditor)},
          {"amount_cents", s.amount.cents},
          {"paid_cents", s.paid.cents},
          {"settled", s.settled()}};
}

json HubStatementJson(const HubStatement& st) {
  json parties = json::array();
  for (const auto& p : st.parties) {
    parties.push_back({{"party", PartyJson(p.party)},
                       {"used_cents", p.used.cents},
                       {"provided_cents", p.provided.cents},
                       {"lines", p.lines}});
  }
  return {{"month", FormatMonth(st.month)},
          {"netting", st.netting},
          {"total_cents", st.total.cents},
          {"parties", parties},
          {"settlements", Settlements(st.settlements)}};
}

json MemberStatementJson(const MemberStatement& st) {
  return {{"month", FormatMonth(st.month)},
          {"party", PartyJson(st.party)},
          {"used", Lines(st.used)},
          {"provided", Lines(st.provided)},
          {"used_total_cents", st.used_total.cents},
          {"provided_total_cents", st.provided_total.cents},
          {"settlements", Settlements(st.settlements)}};
}

json BalanceJson(const PoolingBalance& b) {
  json rows = json::array();
  for (const auto& row : b.rows) {
    rows.push_back({{"kind", FlowKindCode(row.kind)},
                    {"provided_cents", row.provided.cents},
                    {"used_cents", row.used.cents},
                    {"net_cents", (row.provided - row.used).cents}});
  }
  return {{"party", PartyJson(b.party)},
          {"from", FormatIsoDate(b.from)},
          {"to", FormatIsoDate(b.to)},
          {"rows", rows},
          {"provided_cents", b.provided.cents},
          {"used_cents", b.used.cents},
          {"net_cents", (b.provided - b.used).cents}};
}

json SettingsJson(const PoolingSettings& s) {
  return {{"netting", s.netting}, {"default_exposure_limit_cents", s.default_exposure_limit.cents}};
}

json AlertsJson(const PoolingAlerts& alerts) {
  json bookings = json::array();
  for (const auto& b : alerts.pending_approvals) bookings.push_back(BookingSummaryJson(b));
  json leases = json::array();
  for (const auto& l : alerts.leases_ending) leases.push_back(LeaseJson(l));
  json advances = json::array();
  for (const auto& a : alerts.overdue_advances) advances.push_back(AdvanceJson(a));
  return {{"pending_approvals", bookings}, {"leases_ending", leases}, {"overdue_advances", advances}};
}

std::string StatementsHref(const hubs::HubContext& hub, Month month) {
  return PoolingHref(hub) + "/statements?month=" + FormatMonth(month);
}

std::string PartyStatementHref(const hubs::HubContext& hub, const Party& party, Month month) {
  return PoolingHref(hub) + "/statements/" + PartyKey(party) + "?month=" + FormatMonth(month);
}

render::View SettlementView(const Settlement& s, Month month, const ViewContext& ctx) {
  render::View v;
  v.set("debtor_name", PartyName(s.debtor, ctx));
  v.set("creditor_name", PartyName(s.creditor, ctx));
  v.set("debtor_href", PartyStatementHref(ctx.hub, s.debtor, month));
  v.set("creditor_href", PartyStatementHref(ctx.hub, s.creditor, month));
  v.set("debtor_key", PartyKey(s.debtor));
  v.set("creditor_key", PartyKey(s.creditor));
  v.set("amount", MoneyText(s.amount, ctx.lang));
  v.set("paid", MoneyText(s.paid, ctx.lang));
  v.set("settled", s.settled());
  v.set("can_settle", !s.settled() && s.amount.cents > 0 && ActsFor(ctx, s.creditor));
  v.set("settle_href", PoolingHref(ctx.hub) + "/statements/settle");
  v.set("month", FormatMonth(month));
  return v;
}

render::View LineView(const StatementLine& line, bool used, const ViewContext& ctx) {
  render::View v;
  v.set("on", FormatDate(line.on, ctx.lang));
  v.set("kind", FlowKindCode(line.kind));
  v.set("kind_label", ctx.deps.shell.Translate(ctx.lang, std::string("ledger.kind.") + FlowKindCode(line.kind)));
  v.set("label", line.label);
  v.set("counterparty", PartyName(used ? line.creditor : line.debtor, ctx));
  v.set("amount", MoneyText(line.amount, ctx.lang));
  v.set("information", line.kind == FlowKind::kAdvance || line.kind == FlowKind::kRepayment);
  return v;
}

Result<ExportFormat> ParseExportFormat(const std::optional<std::string>& text) {
  if (!text || Trim(*text).empty() || Trim(*text) == "csv") return ExportFormat::kCsv;
  if (Trim(*text) == "xlsx") return ExportFormat::kXlsx;
  return Error::BadRequest("format must be csv or xlsx", {{"format", "validation.choice"}});
}

http::Response StatementDownload(const tabular::Table& table, ExportFormat format, const hubs::HubContext& hub,
                                 Month month, const std::string& party_suffix, const std::string& sheet_name) {
  const std::string stem =
      "releve-" + hub.hub.slug + "-" + FormatMonth(month) + (party_suffix.empty() ? "" : "-" + party_suffix);
  if (format == ExportFormat::kCsv) {
    return http::Response::Download(tabular::WriteCsv(table), "text/csv; charset=utf-8", stem + ".csv");
  }
  // The table's columns: date, kind, label, debtor, creditor, amount ("1234,50").
  tabular::Sheet sheet{sheet_name, table.header, {}, table.rows};
  sheet.kinds.assign(table.header.size(), tabular::CellKind::kText);
  if (!sheet.kinds.empty()) sheet.kinds.front() = tabular::CellKind::kDate;
  if (sheet.kinds.size() >= 2) {
    const std::size_t amount = sheet.kinds.size() - 1;
    sheet.kinds[amount] = tabular::CellKind::kMoneyCents;
    for (auto& row : sheet.rows) {
      if (amount >= row.size()) continue;
      if (auto money = ParseMoney(row[amount])) row[amount] = std::to_string(money->cents);
    }
  }
  return http::Response::Download(tabular::WriteXlsx({sheet}),
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx");
}

}  // namespace coopole::pooling::web
