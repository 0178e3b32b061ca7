// What the project and review route files share: the request context, the error answers,
// raw input from forms and JSON, and the JSON and view builders (projects_views.cpp).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/cooperation/projects.h"
#include "coopole/http/http.h"
#include "coopole/web/web.h"
#include "cooperation_web.h"

namespace coopole::cooperation::web::projects_web {

using Answer = coopole::web::Answer;
using nlohmann::json;

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};

using Handler = std::function<http::Response(http::Request&, const ViewContext&)>;

inline http::Handler WithHub(const Dependencies& deps, Answer answer, Handler handler) {
  return coopole::web::InHub(deps.hubs, deps.shell, answer,
                             [deps, handler = std::move(handler)](http::Request& req, const coopole::web::HubRequest& in) {
                               return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                             });
}

inline http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.ErrorResponse(req, error);
}
inline http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.JsonError(req, error);
}

// "/hubs/<slug>/cooperation" and "/api/v1/hubs/<slug>/cooperation".
inline std::string CoopBase(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/cooperation"; }
inline std::string ApiBase(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/cooperation"; }

bool IsCoordinator(const ViewContext& ctx);
bool MayEditProject(const ViewContext& ctx, const Project& project);

// Raw input: the fields of a urlencoded form (csrf dropped), or the members of a JSON object
// (numbers and booleans as text). Errors: kUnsupportedMediaType, kBadRequest.
Result<Fields> FormInput(const http::Request& req);
Result<Fields> JsonInput(const http::Request& req);
// A positive integer path parameter. Errors: kNotFound (a malformed id names nothing).
Result<std::int64_t> PathId(const http::Request& req, const std::string& name);
// The "version" field. Errors: kInvalidArgument {"version": "validation.integer"}.
Result<std::int64_t> VersionOf(const Fields& input);

// JSON documents.
json ProjectJson(const Project& project, bool full);
json ReviewJson(const Review& review, bool full);

// Views of the pages.
std::string StageLabel(const ViewContext& ctx, std::string_view code);
render::View ProjectCardView(const ViewContext& ctx, const Project& project);
render::View ProjectDetailView(const ViewContext& ctx, const Project& project);
render::View ReviewView(const ViewContext& ctx, const Review& review, bool full);
// <option> lists: the hub's members (selected `selected`), the stages.
render::ViewList MemberOptions(const ViewContext& ctx, std::int64_t selected);
render::ViewList StageOptions(const ViewContext& ctx, const std::string& selected, bool with_abandoned);

void RegisterProjectPages(http::Router& router, const Dependencies& deps);
void RegisterProjectApi(http::Router& router, const Dependencies& deps);
void RegisterReviewPages(http::Router& router, const Dependencies& deps);
void RegisterReviewApi(http::Router& router, const Dependencies& deps);

}  // namespace coopole::cooperation::web::projects_web
