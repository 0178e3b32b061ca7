#include "animation_web.h"

namespace coopole::animation::web {

void RegisterRoutes(http::Router& router, Dependencies deps) {
  deps.shell.AddNavItem({.key = "animation", .label_key = "nav.animation", .path = "/animation", .order = 40});
  RegisterGroupRoutes(router, deps);
  RegisterEventRoutes(router, deps);
  RegisterNoticeRoutes(router, deps);
  RegisterTimeRoutes(router, deps);
}

}  // namespace coopole::animation::web
