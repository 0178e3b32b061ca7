// What the collective-time route files share: the request context, error answers,
// addresses, the query of totals, formatting and the JSON documents. Files: time_pages.cpp
// (pages: totals, entries, settings, exports), time_api.cpp (JSON API), time_web.cpp (this
// and the routes).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "animation_web.h"
#include "coopole/render/render.h"

namespace coopole::animation::web::time_web {

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};
using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

http::Handler WithHub(const Dependencies& deps, coopole::web::Answer answer, HubHandler handler);
http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error);

std::string TimeHref(const hubs::HubContext& hub);     // /hubs/<slug>/animation/time
std::string ApiTimeHref(const hubs::HubContext& hub);  // /api/v1/hubs/<slug>/animation/time

// A positive id path parameter, else 404.
Result<std::int64_t> IdParam(const http::Request& req, const std::string& name);
// year (default: this year in the hub's zone), month (optional), by (default person) of the
// query string; 422 naming the parameter when malformed.
Result<TotalsQuery> TotalsQueryOf(const http::Request& req, const ViewContext& ctx);

bool IsCoordinator(const ViewContext& ctx);
std::optional<MemberId> OwnMember(const ViewContext& ctx);
std::string T(const ViewContext& ctx, const std::string& key);
std::string Euros(const ViewContext& ctx, Money money);      // "1 234,50 €"
std::string Hours(const ViewContext& ctx, std::int64_t minutes);  // "12,50 h"
// The label of a totals line as shown (kinds, months and "no group" translated).
std::string LineLabel(const ViewContext& ctx, const TimeTotals& totals, const TotalsLine& line);

nlohmann::json LineJson(const TotalsLine& line);
nlohmann::json TotalsJson(const TimeTotals& totals);
nlohmann::json RatesJson(const RatesOverview& rates);
nlohmann::json SettingsJson(const TimeSettings& settings);

// The CSV / XLSX download of a breakdown (same content as the page's table).
http::Response ExportResponse(const ViewContext& ctx, const TimeTotals& totals, const std::string& format);

void RegisterTimePages(http::Router& router, const Dependencies& deps);
void RegisterTimeApi(http::Router& router, const Dependencies& deps);

}  // namespace coopole::animation::web::time_web
