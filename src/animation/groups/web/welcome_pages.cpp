// The newcomer welcome pages: the list of newcomers with their progress (x/4) and a link to
// propose a breakfast, and a newcomer's checklist (coordinators tick it and close it).
#include "coopole/core/text.h"
#include "groups_web.h"

namespace coopole::animation::web::groups_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

Response ListPage(Request& req, const ViewContext& ctx) {
  const bool closed = req.Query("closed") == std::optional<std::string>("1");
  auto list = ctx.deps.groups.ListNewcomers(ctx.actor, ctx.hub, closed);
  if (!list) return PageFail(ctx, req, list.error());
  render::View view = BaseView(ctx);
  render::ViewList items;
  for (const auto& w : *list) items.push_back(WelcomeView(w, ctx));
  view.set("newcomers", items);
  view.set("has_newcomers", !items.empty());
  view.set("show_closed", closed);
  view.set("closed_href", WelcomeHref(ctx.hub) + "?closed=1");
  return ctx.deps.shell.Page(req, "animation/welcome_list", std::move(view), "animation.welcome.title", &ctx.hub);
}

Response ChecklistPage(const Request& req, const ViewContext& ctx, MemberId member, const WelcomeInput* typed,
                       const Error* error, std::optional<std::int64_t> version_shown) {
  auto welcome = ctx.deps.groups.GetWelcome(ctx.actor, ctx.hub, member);
  if (!welcome) return PageFail(ctx, req, welcome.error());
  render::View view = BaseView(ctx);
  if (req.Query("done") == std::optional<std::string>("saved")) view.set("done_notice", T(ctx, "animation.welcome.done.saved"));
  if (req.Query("done") == std::optional<std::string>("closed")) view.set("done_notice", T(ctx, "animation.welcome.done.closed"));
  render::View w = WelcomeView(*welcome, ctx);
  if (version_shown) w.set("version", std::to_string(*version_shown));
  if (typed && typed->introduced_on) w.set("introduced_iso", *typed->introduced_on);
  std::int64_t buddy = welcome->buddy ? welcome->buddy->value : 0;
  if (typed && typed->buddy_member_id) buddy = cw::ParseId(*typed->buddy_member_id).value_or(0);
  render::ViewList buddies;
  for (auto& option : MemberOptions(ctx, {buddy})) {
    if (option.is_object() && option.get("value") && option.get("value")->string_value() == std::to_string(member.value))
      continue;  // not itself
    buddies.push_back(option);
  }
  view.set("welcome", w);
  view.set("buddy_options", buddies);
  const std::string href = WelcomeMemberHref(ctx.hub, member);
  view.set("action", href);
  view.set("close_action", href + "/close");
  view.set("may_close", IsCoordinator(ctx) && welcome->Progress() == 4 && !welcome->closed);
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "animation.welcome.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, "animation/welcome_detail", std::move(view), welcome->member_name, &ctx.hub,
                                   status);
}

Result<MemberId> MemberParam(const Request& req) {
  auto id = IdParam(req, "member");
  if (!id) return id.error();
  return MemberId{*id};
}

Response DetailPage(Request& req, const ViewContext& ctx) {
  auto member = MemberParam(req);
  if (!member) return PageFail(ctx, req, member.error());
  return ChecklistPage(req, ctx, *member, nullptr, nullptr, std::nullopt);
}

Response UpdatePage(Request& req, const ViewContext& ctx) {
  auto member = MemberParam(req);
  if (!member) return PageFail(ctx, req, member.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  WelcomeInput in;
  in.charter = http::FormValue(*form, "charter").value_or("0");  // an unticked box is absent
  in.introduced_on = http::FormValue(*form, "introduced_on").value_or("");
  in.buddy_member_id = http::FormValue(*form, "buddy_member_id").value_or("");
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return ChecklistPage(req, ctx, *member, &in, &version.error(), std::nullopt);
  auto saved = ctx.deps.groups.UpdateWelcome(ctx.actor, ctx.hub, *member, *version, in);
  if (saved) return Response::Redirect(WelcomeMemberHref(ctx.hub, *member) + "?done=saved");
  if (saved.error().code != ErrorCode::kInvalidArgument && saved.error().code != ErrorCode::kConflict)
    return PageFail(ctx, req, saved.error());
  const bool stale = saved.error().code == ErrorCode::kConflict;
  return ChecklistPage(req, ctx, *member, stale ? nullptr : &in, &saved.error(),
                       stale ? std::nullopt : std::optional<std::int64_t>(*version));
}

Response ClosePage(Request& req, const ViewContext& ctx) {
  auto member = MemberParam(req);
  if (!member) return PageFail(ctx, req, member.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = VersionOf(http::FormValue(*form, "version"));
  // The checklist again with the error (an unknown member answers 404 there).
  if (!version) return ChecklistPage(req, ctx, *member, nullptr, &version.error(), std::nullopt);
  auto closed = ctx.deps.groups.CloseWelcome(ctx.actor, ctx.hub, *member, *version);
  if (closed) return Response::Redirect(WelcomeMemberHref(ctx.hub, *member) + "?done=closed");
  if (closed.error().code == ErrorCode::kInvalidArgument || closed.error().code == ErrorCode::kConflict)
    return ChecklistPage(req, ctx, *member, nullptr, &closed.error(), std::nullopt);
  return PageFail(ctx, req, closed.error());
}

}  // namespace

void RegisterWelcomePages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  using http::Method;
  const std::string welcome = "/hubs/{hub}/animation/welcome";
  router.Add(Method::kGet, welcome, page(ListPage));
  router.Add(Method::kGet, welcome + "/{member}", page(DetailPage));
  router.Add(Method::kPost, welcome + "/{member}", page(UpdatePage));
  router.Add(Method::kPost, welcome + "/{member}/close", page(ClosePage));
}

}  // namespace coopole::animation::web::groups_web
