#include "pooling_web.h"

namespace coopole::pooling::web {

void RegisterRoutes(http::Router& router, Dependencies deps) {
  deps.shell.AddNavItem({.key = "pooling", .label_key = "nav.pooling", .path = "/pooling", .order = 20});
  RegisterCatalogueRoutes(router, deps);
  RegisterBookingRoutes(router, deps);
  RegisterFeedRoutes(router, deps);
  RegisterLedgerRoutes(router, deps);
  RegisterStatementRoutes(router, deps);
  RegisterHomeSection(deps);
}

}  // namespace coopole::pooling::web
