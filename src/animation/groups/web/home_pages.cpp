// The animation home (/hubs/{hub}/animation): upcoming events, active groups, newcomers to
// welcome and a link to collective time; and the block of the hub home page listing the
// newcomers to welcome (coordinators only; nothing when there are none).
#include "groups_web.h"

namespace coopole::animation::web::groups_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

render::ViewList NewcomerList(const ViewContext& ctx, const std::vector<Welcome>& newcomers) {
  render::ViewList items;
  for (const auto& w : newcomers) items.push_back(WelcomeView(w, ctx));
  return items;
}

Response HomePage(Request& req, const ViewContext& ctx) {
  auto home = ctx.deps.groups.Home(ctx.actor, ctx.hub);
  if (!home) return PageFail(ctx, req, home.error());
  render::View view = BaseView(ctx);
  render::ViewList upcoming;
  for (const auto& e : home->upcoming) {
    render::View v;
    v.set("title", e.title);
    v.set("href", EventHref(ctx.hub, e.id));
    v.set("when", InstantText(ctx, e.starts_at));
    v.set("kind_label", T(ctx, "animation.home.kind." + e.kind));
    upcoming.push_back(std::move(v));
  }
  view.set("upcoming", upcoming);
  view.set("has_upcoming", !upcoming.empty());
  render::ViewList groups;
  for (const auto& g : home->active_groups) groups.push_back(GroupView(g, ctx));
  view.set("active_groups", groups);
  view.set("has_active_groups", !groups.empty());
  view.set("active_group_count", std::to_string(home->active_group_count));
  view.set("more_groups", home->active_group_count > static_cast<std::int64_t>(home->active_groups.size()));
  view.set("newcomers", NewcomerList(ctx, home->newcomers));
  view.set("has_newcomers", !home->newcomers.empty());
  return ctx.deps.shell.Page(req, "animation/home", std::move(view), "animation.home.title", &ctx.hub);
}

std::string HubHomeBlock(const Dependencies& deps, const http::Request& req, const hubs::HubContext& hub) {
  const auto* principal = cw::PrincipalOf(req);
  if (!principal) return "";
  const ViewContext ctx{deps, hub, principal->actor, cw::LanguageOf(req)};
  if (!IsCoordinator(ctx)) return "";
  auto newcomers = deps.groups.ListNewcomers(ctx.actor, hub, false);
  if (!newcomers || newcomers->empty()) return "";
  render::View view = BaseView(ctx);
  view.set("newcomers", NewcomerList(ctx, *newcomers));
  return deps.shell.templates().Render("animation/welcome_home", ctx.lang, view);
}

}  // namespace

void RegisterHomePages(http::Router& router, const Dependencies& deps) {
  router.Add(http::Method::kGet, "/hubs/{hub}/animation", WithHub(deps, Answer::kPage, HomePage));
  deps.shell.AddHomeSection(45, [deps](const http::Request& req, const hubs::HubContext& hub) {
    return HubHomeBlock(deps, req, hub);
  });
}

}  // namespace coopole::animation::web::groups_web
