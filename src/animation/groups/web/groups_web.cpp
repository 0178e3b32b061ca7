#include "animation_web.h"

namespace coopole::animation::web {

void RegisterGroupRoutes(http::Router& router, const Dependencies& deps) {
  (void)router;
  (void)deps;
}

}  // namespace coopole::animation::web
