// The JSON API of projects under /api/v1/hubs/{hub}/cooperation/projects (see
// web/openapi/cooperation-projects.json). Changes to a collection answer the whole project.
#include "projects_web_internal.h"

namespace coopole::cooperation::web::projects_web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

Response List(Request& req, const ViewContext& ctx) {
  ProjectFilter filter;
  filter.text = req.Query("q").value_or("");
  if (auto s = req.Query("stage"); s && !s->empty()) {
    filter.stage = ParseStage(*s);
    if (!filter.stage) return ApiFail(ctx, req, Error::Invalid({{"stage", "cooperation.projects.error.stage"}}));
  }
  if (auto m = req.Query("member"); m && !m->empty()) {
    auto id = cw::ParseId(*m);
    if (!id) return ApiFail(ctx, req, Error::Invalid({{"member", "validation.member"}}));
    filter.member = MemberId{*id};
  }
  auto projects = ctx.deps.projects.ListProjects(ctx.actor, ctx.hub, filter);
  if (!projects) return ApiFail(ctx, req, projects.error());
  json items = json::array();
  for (const auto& p : *projects) items.push_back(ProjectJson(p, false));
  return cw::JsonResponse({{"items", items}, {"total", items.size()}});
}

Response Whole(const Request& req, const ViewContext& ctx, ProjectId id, int status) {
  auto project = ctx.deps.projects.GetProject(ctx.actor, ctx.hub, id);
  if (!project) return ApiFail(ctx, req, project.error());
  return cw::JsonResponse(ProjectJson(*project, true), status);
}

Response Create(Request& req, const ViewContext& ctx) {
  auto input = JsonInput(req);
  if (!input) return ApiFail(ctx, req, input.error());
  auto project = ctx.deps.projects.CreateProject(ctx.actor, ctx.hub, *input);
  if (!project) return ApiFail(ctx, req, project.error());
  auto res = Whole(req, ctx, project->id, 201);
  res.SetHeader("Location", ApiBase(ctx.hub) + "/projects/" + std::to_string(project->id.value));
  return res;
}

Response Get(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "project");
  if (!id) return ApiFail(ctx, req, id.error());
  return Whole(req, ctx, ProjectId{*id}, 200);
}

Response Update(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "project");
  if (!id) return ApiFail(ctx, req, id.error());
  auto input = JsonInput(req);
  if (!input) return ApiFail(ctx, req, input.error());
  auto version = VersionOf(*input);
  if (!version) return ApiFail(ctx, req, version.error());
  auto project = ctx.deps.projects.UpdateProject(ctx.actor, ctx.hub, ProjectId{*id}, *version, *input);
  if (!project) return ApiFail(ctx, req, project.error());
  return Whole(req, ctx, ProjectId{*id}, 200);
}

using Command = std::function<Status(const ViewContext&, ProjectId, const Fields&, const Request&)>;

Handler Post(Command command, int status) {
  return [command = std::move(command), status](Request& req, const ViewContext& ctx) -> Response {
    auto id = PathId(req, "project");
    if (!id) return ApiFail(ctx, req, id.error());
    Fields input;
    if (!req.body.empty()) {
      auto parsed = JsonInput(req);
      if (!parsed) return ApiFail(ctx, req, parsed.error());
      input = std::move(*parsed);
    }
    auto done = command(ctx, ProjectId{*id}, input, req);
    if (!done) return ApiFail(ctx, req, done.error());
    return Whole(req, ctx, ProjectId{*id}, status);
  };
}

// "/budget" -> "budget", "/fundings" -> "funding", ...: the kinds of RemoveLine.
std::string KindOf(const std::string& collection) {
  if (collection == "budget") return "budget";
  if (collection == "fundings") return "funding";
  if (collection == "milestones") return "milestone";
  if (collection == "documents") return "document";
  if (collection == "spreadings") return "spreading";
  return "";
}

}  // namespace

void RegisterProjectApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](Handler h) { return WithHub(deps, Answer::kJson, std::move(h)); };
  const std::string base = "/api/v1/hubs/{hub}/cooperation/projects";
  const std::string one = base + "/{project}";
  router.Add(Method::kGet, base, api(List));
  router.Add(Method::kPost, base, api(Create));
  router.Add(Method::kGet, one, api(Get));
  router.Add(Method::kPatch, one, api(Update));
  router.Add(Method::kPost, one + "/stage", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) -> Status {
        auto moved = c.deps.projects.MoveStage(c.actor, c.hub, id, in);
        if (!moved) return moved.error();
        return OkStatus();
      }, 200)));
  router.Add(Method::kPost, one + "/partners", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddPartner(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kDelete, one + "/partners/{member}", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields&, const Request& req) -> Status {
        auto member = PathId(req, "member");
        if (!member) return member.error();
        return c.deps.projects.RemovePartner(c.actor, c.hub, id, MemberId{*member});
      }, 200)));
  router.Add(Method::kPost, one + "/budget", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddBudgetLine(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kPost, one + "/fundings", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddFunding(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kPost, one + "/fundings/{line}/status", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request& req) -> Status {
        auto line = PathId(req, "line");
        if (!line) return line.error();
        return c.deps.projects.SetFundingStatus(c.actor, c.hub, id, *line, in);
      }, 200)));
  router.Add(Method::kPost, one + "/milestones", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddMilestone(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kPost, one + "/milestones/{line}/done", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request& req) -> Status {
        auto line = PathId(req, "line");
        if (!line) return line.error();
        return c.deps.projects.CompleteMilestone(c.actor, c.hub, id, *line, in);
      }, 200)));
  router.Add(Method::kPost, one + "/documents", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddDocument(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kPost, one + "/spreadings", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddSpreading(c.actor, c.hub, id, in); }, 201)));
  router.Add(Method::kDelete, one + "/{collection}/{line}", api(Post(
      [](const ViewContext& c, ProjectId id, const Fields&, const Request& req) -> Status {
        auto line = PathId(req, "line");
        if (!line) return line.error();
        const auto kind = KindOf(req.Param("collection"));
        if (kind.empty()) return Error::NotFound("collection");
        return c.deps.projects.RemoveLine(c.actor, c.hub, id, kind, *line);
      }, 200)));
}

}  // namespace coopole::cooperation::web::projects_web
