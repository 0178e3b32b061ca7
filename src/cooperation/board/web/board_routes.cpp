// The board part's routes: pages, JSON API and the home block (see board_web_internal.h).
#include "board_web_internal.h"
#include "cooperation_web.h"

namespace coopole::cooperation::web {

void RegisterBoardRoutes(http::Router& router, const Dependencies& deps) {
  board::RegisterBoardPages(router, deps);
  board::RegisterSuggestionPages(router, deps);
  board::RegisterBoardApi(router, deps);
  board::RegisterBoardHome(deps);
}

}  // namespace coopole::cooperation::web
