#include "cooperation_web.h"

namespace coopole::cooperation::web {

void RegisterRoutes(http::Router& router, Dependencies deps) {
  deps.shell.AddNavItem({.key = "cooperation", .label_key = "nav.cooperation", .path = "/cooperation", .order = 30});
  RegisterBoardRoutes(router, deps);
  RegisterProjectRoutes(router, deps);
  RegisterBidRoutes(router, deps);
  RegisterNetworkRoutes(router, deps);
}

}  // namespace coopole::cooperation::web
