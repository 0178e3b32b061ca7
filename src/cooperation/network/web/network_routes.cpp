// The network's page (/hubs/{hub}/cooperation/network) and JSON API
// (/api/v1/hubs/{hub}/cooperation/network and /network/metrics). Handlers are thin: parse the
// query, call the use cases, render. Each route keeps its own copy of `deps` (references and
// one function): RegisterRoutes receives them by value.
#include <nlohmann/json.hpp>

#include "cooperation_web.h"
#include "network_views.h"

namespace coopole::cooperation::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

std::string CooperationBase(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/cooperation"; }

http::Handler NetworkPage(const Dependencies& deps) {
  return cw::InHub(deps.hubs, deps.shell, cw::Answer::kPage,
                   [deps](Request& req, const cw::HubRequest& in) -> Response {
                     auto query = NetworkQueryOf(req);
                     if (!query) return deps.shell.ErrorResponse(req, query.error());
                     auto picture = deps.network.Picture(in.actor, in.hub, *query);
                     if (!picture) return deps.shell.ErrorResponse(req, picture.error());
                     auto view = NetworkPageView(picture->graph, picture->metrics, *query, deps.shell, in.lang,
                                                 CooperationBase(in.hub));
                     return deps.shell.Page(req, "cooperation/network", std::move(view),
                                            "cooperation.network.title", &in.hub);
                   });
}

http::Handler GraphApi(const Dependencies& deps) {
  return cw::InHub(deps.hubs, deps.shell, cw::Answer::kJson,
                   [deps](Request& req, const cw::HubRequest& in) -> Response {
                     auto query = NetworkQueryOf(req);
                     if (!query) return deps.shell.JsonError(req, query.error());
                     auto graph = deps.network.Graph(in.actor, in.hub, *query);
                     if (!graph) return deps.shell.JsonError(req, graph.error());
                     return cw::JsonResponse(GraphJson(*graph));
                   });
}

http::Handler MetricsApi(const Dependencies& deps) {
  return cw::InHub(deps.hubs, deps.shell, cw::Answer::kJson,
                   [deps](Request& req, const cw::HubRequest& in) -> Response {
                     auto query = NetworkQueryOf(req);
                     if (!query) return deps.shell.JsonError(req, query.error());
                     auto metrics = deps.network.Metrics(in.actor, in.hub, *query);
                     if (!metrics) return deps.shell.JsonError(req, metrics.error());
                     return cw::JsonResponse(MetricsJson(*metrics));
                   });
}

}  // namespace

void RegisterNetworkRoutes(http::Router& router, const Dependencies& deps) {
  router.Add(Method::kGet, "/hubs/{hub}/cooperation/network", NetworkPage(deps));
  router.Add(Method::kGet, "/api/v1/hubs/{hub}/cooperation/network", GraphApi(deps));
  router.Add(Method::kGet, "/api/v1/hubs/{hub}/cooperation/network/metrics", MetricsApi(deps));
}

}  // namespace coopole::cooperation::web
