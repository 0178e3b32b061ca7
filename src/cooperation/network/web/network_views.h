// The network's web pieces shared by the page and the API: reading the query string, and
// the JSON and view models of the graph and its metrics.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "coopole/cooperation/network.h"
#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"

namespace coopole::cooperation::web {

// ?from=YYYY-MM-DD&to=YYYY-MM-DD and the kinds as repeated ?kind= or ?kinds=a,b (both may
// be used). Errors: kInvalidArgument {"from"|"to": "validation.date"} (the kinds are
// checked by the service).
Result<NetworkQuery> NetworkQueryOf(const http::Request& req);

nlohmann::json GraphJson(const NetworkGraph& graph);
nlohmann::json MetricsJson(const NetworkMetrics& metrics);

// "66,7 %" / "66.7 %": a share in [0, 1] as a percentage with one decimal.
std::string PercentText(double share, std::string_view lang);
// "1,33" / "1.33": two decimals.
std::string DecimalText(double value, std::string_view lang);

// The view model of the network page: filters, metrics, new links per year, the most
// connected members, the edges table and the graph's data for the drawing script.
render::View NetworkPageView(const NetworkGraph& graph, const NetworkMetrics& metrics, const NetworkQuery& query,
                             const coopole::web::Shell& shell, const std::string& lang, const std::string& base);

}  // namespace coopole::cooperation::web
