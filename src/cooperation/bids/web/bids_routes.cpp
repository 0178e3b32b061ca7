// The joint bids and hub-share routes: pages under /hubs/{hub}/cooperation/bids and
// /hubs/{hub}/cooperation/hub-share, API under /api/v1/hubs/{hub}/cooperation/...
#include "bids_pages.h"
#include "cooperation_web.h"

namespace coopole::cooperation::web {

void RegisterBidRoutes(http::Router& router, const Dependencies& deps) {
  bids_web::RegisterBidPages(router, deps);
  bids_web::RegisterHubSharePages(router, deps);
  bids_web::RegisterBidApi(router, deps);
  bids_web::RegisterBidHomeSection(deps);
}

}  // namespace coopole::cooperation::web
