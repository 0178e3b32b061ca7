// The statements' documents: JSON for the API, view models for the pages, and the CSV /
// XLSX downloads of a month.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "coopole/pooling/ledger.h"
#include "coopole/render/render.h"
#include "coopole/tabular/tabular.h"
#include "pooling_routes.h"

namespace coopole::pooling::web {

nlohmann::json StatementLineJson(const StatementLine& line);
nlohmann::json SettlementJson(const Settlement& settlement);
nlohmann::json HubStatementJson(const HubStatement& statement);
nlohmann::json MemberStatementJson(const MemberStatement& statement);
nlohmann::json BalanceJson(const PoolingBalance& balance);
nlohmann::json SettingsJson(const PoolingSettings& settings);
nlohmann::json AlertsJson(const PoolingAlerts& alerts);

// Addresses of the statement pages ("/hubs/<slug>/pooling/statements[/<party>]?month=").
std::string StatementsHref(const hubs::HubContext& hub, Month month);
std::string PartyStatementHref(const hubs::HubContext& hub, const Party& party, Month month);

// A settlement for a page: names, amounts, paid or not, and the "mark as paid" form
// (can_settle when the actor may record the payment).
render::View SettlementView(const Settlement& settlement, Month month, const ViewContext& ctx);
// A statement line for a page: date, kind label, label, counterparty, amount.
render::View LineView(const StatementLine& line, bool used, const ViewContext& ctx);

enum class ExportFormat { kCsv, kXlsx };
// "csv" (default when absent or empty) or "xlsx". Errors: kBadRequest {"format": "validation.choice"}.
Result<ExportFormat> ParseExportFormat(const std::optional<std::string>& text);
// The month's table as "releve-<hub>-<YYYY-MM>[-<party>].csv|xlsx": CSV for Excel FR
// (formula injection defused by tabular), or XLSX with real dates and amounts.
http::Response StatementDownload(const tabular::Table& table, ExportFormat format, const hubs::HubContext& hub,
                                 Month month, const std::string& party_suffix, const std::string& sheet_name);

}  // namespace coopole::pooling::web
