// Hub pages (choice of hub, creation, dashboard, settings, audit log) and the hubs API.
#pragma once

#include "coopole/hubs/hubs.h"
#include "coopole/http/http.h"
#include "coopole/web/web.h"

namespace coopole::hubs::web {

struct Dependencies {
  HubService& hubs;
  identity::IdentityService& identity;
  coopole::web::Shell& shell;
};

void RegisterRoutes(http::Router& router, Dependencies deps);

}  // namespace coopole::hubs::web
