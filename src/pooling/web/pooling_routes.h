// What the pooling route files share: the request context and the error answers.
// Each part of the web layer lives in its own files:
//   catalogue_routes.cpp  resources, availability search      (pages + API)
//   booking_routes.cpp    bookings, approvals, calendars       (pages + API)
//   feed_routes.cpp       iCalendar feeds and their addresses
//   ledger_routes.cpp     services, placements, advances, leases (pages + API)
//   statement_routes.cpp  monthly statements, balance, settings, alerts (pages + API)
#pragma once

#include <functional>
#include <string>

#include "coopole/http/http.h"
#include "coopole/web/web.h"
#include "pooling_web.h"

namespace coopole::pooling::web {

using Answer = coopole::web::Answer;

// What every handler and view builder needs to know about the request.
struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};

using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

// Resolves the {hub} of the request for the signed-in actor (another hub: 404 in `answer`
// style), then runs `handler`.
inline http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler) {
  return coopole::web::InHub(deps.hubs, deps.shell, answer,
                             // A copy of `deps` (references and one function) lives in the route.
                             [deps, handler = std::move(handler)](http::Request& req,
                                                                  const coopole::web::HubRequest& in) {
                               return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                             });
}

// The error answer of `answer` style: JSON document or HTML error page.
inline http::Response Fail(const ViewContext& ctx, const http::Request& req, Answer answer, const Error& error) {
  return answer == Answer::kJson ? ctx.deps.shell.JsonError(req, error) : ctx.deps.shell.ErrorResponse(req, error);
}

// "/hubs/<slug>/pooling" and "/api/v1/hubs/<slug>/pooling".
inline std::string PoolingHref(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/pooling"; }
inline std::string ApiPoolingHref(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/pooling"; }

}  // namespace coopole::pooling::web
