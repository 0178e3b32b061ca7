// Project pages: the pipeline (kanban by stage, move form on each card), the new and edit
// forms, and the project page with every section, its forms and its history.
#include "coopole/core/text.h"
#include "projects_web_internal.h"

namespace coopole::cooperation::web {

// The part's entry point (declared in cooperation_web.h).
void RegisterProjectRoutes(http::Router& router, const Dependencies& deps) {
  projects_web::RegisterProjectPages(router, deps);
  projects_web::RegisterProjectApi(router, deps);
  projects_web::RegisterReviewPages(router, deps);
  projects_web::RegisterReviewApi(router, deps);
}

namespace projects_web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

void AddNav(render::View& view, const ViewContext& ctx) {
  view.set("coop_base", CoopBase(ctx.hub));
  view.set("is_coordinator", IsCoordinator(ctx));
}

Response Pipeline(Request& req, const ViewContext& ctx) {
  ProjectFilter filter;
  filter.text = req.Query("q").value_or("");
  std::int64_t member = 0;
  if (auto m = req.Query("member"); m && !m->empty()) {
    if (auto id = cw::ParseId(*m)) {
      member = *id;
      filter.member = MemberId{*id};
    }
  }
  auto projects = ctx.deps.projects.ListProjects(ctx.actor, ctx.hub, filter);
  if (!projects) return PageFail(ctx, req, projects.error());
  render::View view;
  AddNav(view, ctx);
  render::ViewList columns;
  auto stages = PipelineStages();
  stages.push_back(Stage::kAbandoned);
  for (Stage s : stages) {
    render::View column;
    render::ViewList cards;
    for (const auto& p : *projects)
      if (p.stage == s) cards.push_back(ProjectCardView(ctx, p));
    column.set("stage", std::string(StageCode(s)));
    column.set("label", StageLabel(ctx, StageCode(s)));
    column.set("count", std::to_string(cards.size()));
    column.set("cards", cards);
    column.set("is_abandoned", s == Stage::kAbandoned);
    columns.push_back(column);
  }
  view.set("columns", columns);
  view.set("q", filter.text);
  view.set("member_options", MemberOptions(ctx, member));
  view.set("may_create", IsCoordinator(ctx) || ctx.hub.access.role == identity::Role::kMember);
  if (req.Query("moved")) view.set("moved_notice", true);
  return ctx.deps.shell.Page(req, "cooperation/project_pipeline", std::move(view), "cooperation.projects.title", &ctx.hub);
}

Response FormPage(const Request& req, const ViewContext& ctx, const Fields& input, const Project* project,
                  const Error* error) {
  render::View view;
  AddNav(view, ctx);
  auto get = [&](const std::string& k) {
    auto it = input.find(k);
    return it == input.end() ? std::string() : it->second;
  };
  for (const char* k : {"title", "summary", "start_on", "jobs_fte", "jobs_insertion_fte", "public_share_max"})
    view.set(k, get(k));
  std::int64_t lead = 0;
  if (auto id = cw::ParseId(get("lead_member_id"))) lead = *id;
  view.set("member_options", MemberOptions(ctx, lead));
  view.set("is_edit", project != nullptr);
  if (project) {
    view.set("action", CoopBase(ctx.hub) + "/projects/" + std::to_string(project->id.value));
    view.set("cancel_href", CoopBase(ctx.hub) + "/projects/" + std::to_string(project->id.value));
    view.set("version", get("version").empty() ? std::to_string(project->version) : get("version"));
  } else {
    view.set("action", CoopBase(ctx.hub) + "/projects");
    view.set("cancel_href", CoopBase(ctx.hub) + "/projects");
  }
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.projects.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "cooperation/project_form", std::move(view),
                             project ? "cooperation.projects.edit_title" : "cooperation.projects.new_title", &ctx.hub,
                             status);
}

Response NewPage(Request& req, const ViewContext& ctx) {
  Fields input{{"public_share_max", "80"}};
  if (ctx.hub.access.member) input["lead_member_id"] = std::to_string(ctx.hub.access.member->value);
  return FormPage(req, ctx, input, nullptr, nullptr);
}

Response Create(Request& req, const ViewContext& ctx) {
  auto input = FormInput(req);
  if (!input) return PageFail(ctx, req, input.error());
  auto project = ctx.deps.projects.CreateProject(ctx.actor, ctx.hub, *input);
  if (!project) {
    if (IsFormError(project.error())) return FormPage(req, ctx, *input, nullptr, &project.error());
    return PageFail(ctx, req, project.error());
  }
  return Response::Redirect(CoopBase(ctx.hub) + "/projects/" + std::to_string(project->id.value) + "?notice=created");
}

Fields InputOf(const Project& p, const std::string& lang) {
  return {{"title", p.title},
          {"summary", p.summary},
          {"lead_member_id", std::to_string(p.lead.value)},
          {"start_on", p.start_on ? FormatIsoDate(*p.start_on) : ""},
          {"jobs_fte", FormatMoney(Money{p.jobs_fte_hundredths}, lang)},
          {"jobs_insertion_fte", FormatMoney(Money{p.jobs_insertion_fte_hundredths}, lang)},
          {"public_share_max", std::to_string(p.public_share_max_percent)},
          {"version", std::to_string(p.version)}};
}

Response EditPage(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "project");
  if (!id) return PageFail(ctx, req, id.error());
  auto project = ctx.deps.projects.GetProject(ctx.actor, ctx.hub, ProjectId{*id});
  if (!project) return PageFail(ctx, req, project.error());
  if (!MayEditProject(ctx, *project)) return PageFail(ctx, req, Error::Denied());
  return FormPage(req, ctx, InputOf(*project, ctx.lang), &*project, nullptr);
}

Response Update(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "project");
  if (!id) return PageFail(ctx, req, id.error());
  auto input = FormInput(req);
  if (!input) return PageFail(ctx, req, input.error());
  auto current = ctx.deps.projects.GetProject(ctx.actor, ctx.hub, ProjectId{*id});
  if (!current) return PageFail(ctx, req, current.error());
  auto version = VersionOf(*input);
  if (!version) return FormPage(req, ctx, *input, &*current, &version.error());
  auto project = ctx.deps.projects.UpdateProject(ctx.actor, ctx.hub, ProjectId{*id}, *version, *input);
  if (project) return Response::Redirect(CoopBase(ctx.hub) + "/projects/" + std::to_string(*id) + "?notice=saved");
  if (!IsFormError(project.error())) return PageFail(ctx, req, project.error());
  // Stale: keep the user's input, carry the current version.
  if (project.error().code == ErrorCode::kConflict) (*input)["version"] = std::to_string(current->version);
  return FormPage(req, ctx, *input, &*current, &project.error());
}

// The project page; `error` (a refused section form) is shown above it with its status.
Response DetailPage(const Request& req, const ViewContext& ctx, ProjectId id, const Error* error) {
  auto project = ctx.deps.projects.GetProject(ctx.actor, ctx.hub, id);
  if (!project) return PageFail(ctx, req, project.error());
  render::View view = ProjectDetailView(ctx, *project);
  AddNav(view, ctx);
  int status = 200;
  if (error) {
    // The unmet criteria are listed on their own (translated), not as a field error.
    Error shown = *error;
    shown.fields.erase("criteria");
    ctx.deps.shell.AddFieldErrors(view, shown, ctx.lang, "cooperation.projects.field.");
    if (auto it = error->fields.find("criteria"); it != error->fields.end()) {
      std::string unmet;
      for (const auto& c : Split(it->second, ','))
        unmet += (unmet.empty() ? "" : ", ") + ctx.deps.shell.Translate(ctx.lang, "cooperation.projects.criteria." + c);
      view.set("refused_criteria", unmet);
    }
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, "cooperation/project_detail", std::move(view), project->title, &ctx.hub, status);
}

Response Detail(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "project");
  if (!id) return PageFail(ctx, req, id.error());
  return DetailPage(req, ctx, ProjectId{*id}, nullptr);
}

// A section form of the project page: runs `command`, then back to the page (or the
// pipeline when the form came from there), or the page with the error.
using Command = std::function<Status(const ViewContext&, ProjectId, const Fields&, const Request&)>;

Handler SectionPost(Command command, std::string anchor) {
  return [command = std::move(command), anchor = std::move(anchor)](Request& req, const ViewContext& ctx) -> Response {
    auto id = PathId(req, "project");
    if (!id) return PageFail(ctx, req, id.error());
    auto input = FormInput(req);
    if (!input) return PageFail(ctx, req, input.error());
    auto done = command(ctx, ProjectId{*id}, *input, req);
    const bool from_pipeline = input->count("from") && input->at("from") == "pipeline";
    if (!done) {
      if (!IsFormError(done.error())) return PageFail(ctx, req, done.error());
      return DetailPage(req, ctx, ProjectId{*id}, &done.error());
    }
    if (from_pipeline) return Response::Redirect(CoopBase(ctx.hub) + "/projects?moved=" + std::to_string(*id));
    return Response::Redirect(CoopBase(ctx.hub) + "/projects/" + std::to_string(*id) + "#" + anchor);
  };
}

Result<std::int64_t> LineId(const Request& req) { return PathId(req, "line"); }

}  // namespace

void RegisterProjectPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](Handler h) { return WithHub(deps, Answer::kPage, std::move(h)); };
  const std::string base = "/hubs/{hub}/cooperation/projects";
  const std::string one = base + "/{project}";
  router.Add(Method::kGet, base, page(Pipeline));
  router.Add(Method::kGet, base + "/new", page(NewPage));
  router.Add(Method::kPost, base, page(Create));
  router.Add(Method::kGet, one, page(Detail));
  router.Add(Method::kGet, one + "/edit", page(EditPage));
  router.Add(Method::kPost, one, page(Update));
  router.Add(Method::kPost, one + "/stage", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) -> Status {
        auto moved = c.deps.projects.MoveStage(c.actor, c.hub, id, in);
        if (!moved) return moved.error();
        return OkStatus();
      }, "stage")));
  router.Add(Method::kPost, one + "/partners", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddPartner(c.actor, c.hub, id, in); },
      "partners")));
  router.Add(Method::kPost, one + "/partners/{member}/remove", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields&, const Request& req) -> Status {
        auto member = PathId(req, "member");
        if (!member) return member.error();
        return c.deps.projects.RemovePartner(c.actor, c.hub, id, MemberId{*member});
      }, "partners")));
  router.Add(Method::kPost, one + "/budget", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddBudgetLine(c.actor, c.hub, id, in); },
      "budget")));
  router.Add(Method::kPost, one + "/fundings", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddFunding(c.actor, c.hub, id, in); },
      "financing")));
  router.Add(Method::kPost, one + "/fundings/{line}/status", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request& req) -> Status {
        auto line = LineId(req);
        if (!line) return line.error();
        return c.deps.projects.SetFundingStatus(c.actor, c.hub, id, *line, in);
      }, "financing")));
  router.Add(Method::kPost, one + "/milestones", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddMilestone(c.actor, c.hub, id, in); },
      "milestones")));
  router.Add(Method::kPost, one + "/milestones/{line}/done", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request& req) -> Status {
        auto line = LineId(req);
        if (!line) return line.error();
        return c.deps.projects.CompleteMilestone(c.actor, c.hub, id, *line, in);
      }, "milestones")));
  router.Add(Method::kPost, one + "/documents", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddDocument(c.actor, c.hub, id, in); },
      "documents")));
  router.Add(Method::kPost, one + "/spreadings", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields& in, const Request&) { return c.deps.projects.AddSpreading(c.actor, c.hub, id, in); },
      "spreading")));
  router.Add(Method::kPost, one + "/lines/{kind}/{line}/remove", page(SectionPost(
      [](const ViewContext& c, ProjectId id, const Fields&, const Request& req) -> Status {
        auto line = LineId(req);
        if (!line) return line.error();
        return c.deps.projects.RemoveLine(c.actor, c.hub, id, req.Param("kind"), *line);
      }, "project")));
}

}  // namespace projects_web
}  // namespace coopole::cooperation::web
