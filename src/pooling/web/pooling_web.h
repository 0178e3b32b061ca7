// HTML pages, JSON API and calendar feeds of pooling.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/http/http.h"
#include "coopole/hubs/hubs.h"
#include "coopole/pooling/pooling.h"
#include "coopole/web/web.h"

namespace coopole::pooling::web {

// The hub's active member organisations as (id, name), by name: for the pickers of forms.
using MemberChoices =
    std::function<std::vector<std::pair<std::int64_t, std::string>>(const identity::Actor&, const hubs::HubContext&)>;

struct Dependencies {
  PoolingService& pooling;
  hubs::HubService& hubs;
  coopole::web::Shell& shell;
  MemberChoices member_choices;
};

// Registers the pooling pages under /hubs/{hub}/pooling..., the API under
// /api/v1/hubs/{hub}/pooling/..., the public feeds under /feeds/pooling/{token}.ics, and
// the "pooling" navigation entry.
void RegisterRoutes(http::Router& router, Dependencies deps);

// The parts, each in its own files (pooling_routes.h says which).
void RegisterCatalogueRoutes(http::Router& router, const Dependencies& deps);   // resources, availability
void RegisterBookingRoutes(http::Router& router, const Dependencies& deps);     // bookings, calendars
void RegisterFeedRoutes(http::Router& router, const Dependencies& deps);        // iCalendar feeds
void RegisterLedgerRoutes(http::Router& router, const Dependencies& deps);      // services, placements, advances, leases
void RegisterStatementRoutes(http::Router& router, const Dependencies& deps);   // statements, balance, settings
void RegisterHomeSection(const Dependencies& deps);                             // the block on the hub home page

}  // namespace coopole::pooling::web
