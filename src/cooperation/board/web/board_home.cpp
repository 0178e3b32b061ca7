// The board's block on the hub home page: open needs and offers, cooperations, and the best
// suggestions for the reader (their organisation's, or the hub's for coordinators).
#include "board_web_internal.h"

namespace coopole::cooperation::web::board {
namespace {

namespace cw = coopole::web;

std::string Block(const Dependencies& deps, const http::Request& req, const hubs::HubContext& hub) {
  const auto* principal = cw::PrincipalOf(req);
  if (!principal) return "";
  Ctx ctx{deps, hub, principal->actor, cw::LanguageOf(req)};
  auto overview = deps.board.Overview(ctx.actor, hub);
  if (!overview) return "";
  render::View view;
  AddLinks(view, ctx);
  view.set("open_needs", std::to_string(overview->open_needs));
  view.set("open_offers", std::to_string(overview->open_offers));
  view.set("cooperations", std::to_string(overview->cooperations));
  render::ViewList top;
  for (std::size_t i = 0; i < overview->top_suggestions.size() && i < 3; ++i)
    top.push_back(SuggestionView(overview->top_suggestions[i], ctx));
  view.set("suggestions", top);
  view.set("has_suggestions", !top.empty());
  return deps.shell.templates().Render("cooperation/board_home", ctx.lang, view);
}

}  // namespace

void RegisterBoardHome(const Dependencies& deps) {
  deps.shell.AddHomeSection(30, [deps](const http::Request& req, const hubs::HubContext& hub) {
    return Block(deps, req, hub);
  });
}

}  // namespace coopole::cooperation::web::board
