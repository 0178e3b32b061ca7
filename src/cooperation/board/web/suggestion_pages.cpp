// The suggestions page (score bars, reasons, accept and dismiss with an optional reason).
#include "board_web_internal.h"

namespace coopole::cooperation::web::board {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

Response PageFail(const Ctx& ctx, const Request& req, const Error& e) { return Fail(ctx, req, Answer::kPage, e); }

Response SuggestionsPage(Request& req, const Ctx& ctx) {
  SuggestionQuery query;
  auto member = MemberQuery(req);
  if (!member) return PageFail(ctx, req, member.error());
  query.member = *member;
  query.kind = req.Query("kind").value_or("");
  if (!query.kind.empty() && query.kind != "need_offer" && query.kind != "need_member" && query.kind != "group")
    query.kind.clear();
  query.limit = 100;
  auto list = ctx.deps.board.Suggestions(ctx.actor, ctx.hub, query);
  if (!list) return PageFail(ctx, req, list.error());
  render::View view;
  AddLinks(view, ctx);
  render::ViewList items;
  for (const auto& s : list->items) items.push_back(SuggestionView(s, ctx));
  view.set("suggestions", items);
  view.set("has_suggestions", !items.empty());
  view.set("total", std::to_string(list->total));
  view.set("accept_href", CoopBase(ctx.hub) + "/suggestions/accept");
  view.set("dismiss_href", CoopBase(ctx.hub) + "/suggestions/dismiss");
  view.set("member_options", MemberOptions(ctx, query.member ? std::to_string(query.member->value) : ""));
  view.set("choose_member", !OwnMember(ctx).has_value());
  render::ViewList kinds;
  for (const char* code : {"need_offer", "need_member", "group"}) {
    render::View k;
    k.set("value", std::string(code));
    k.set("label", ctx.T(std::string("cooperation.suggestion_kind.") + code));
    k.set("selected", query.kind == code);
    kinds.push_back(std::move(k));
  }
  view.set("kind_options", kinds);
  if (auto done = req.Query("done"); done && *done == "dismissed") view.set("done_notice", ctx.T("cooperation.notice.dismissed"));
  return ctx.deps.shell.Page(req, "cooperation/suggestion_list", std::move(view), "cooperation.suggestions.title",
                             &ctx.hub);
}

Response AcceptPage(Request& req, const Ctx& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto c = ctx.deps.board.AcceptSuggestion(ctx.actor, ctx.hub, http::FormValue(*form, "key").value_or(""));
  if (!c) return PageFail(ctx, req, c.error());
  return Response::Redirect(CoopBase(ctx.hub) + "/cooperations?done=accepted");
}

Response DismissPage(Request& req, const Ctx& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto done = ctx.deps.board.DismissSuggestion(ctx.actor, ctx.hub, http::FormValue(*form, "key").value_or(""),
                                               http::FormValue(*form, "reason").value_or(""));
  if (!done) return PageFail(ctx, req, done.error());
  return Response::Redirect(CoopBase(ctx.hub) + "/suggestions?done=dismissed");
}

}  // namespace

void RegisterSuggestionPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](Handler h) { return InHub(deps, Answer::kPage, std::move(h)); };
  const std::string base = "/hubs/{hub}/cooperation/suggestions";
  router.Add(Method::kGet, base, page(SuggestionsPage));
  router.Add(Method::kPost, base + "/accept", page(AcceptPage));
  router.Add(Method::kPost, base + "/dismiss", page(DismissPage));
}

}  // namespace coopole::cooperation::web::board
