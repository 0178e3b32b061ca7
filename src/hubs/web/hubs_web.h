// Hub pages (choice of hub, creation, dashboard, settings, audit log) and the hubs API.
#pragma once

#include <functional>

#include "coopole/hubs/hubs.h"
#include "coopole/http/http.h"
#include "coopole/web/web.h"

namespace coopole::hubs::web {

// The organisations of a hub a member-role user can be attached to, as (id, name), by name.
// Wired by the app to the member directory, which hubs does not depend on.
using MemberChoices =
    std::function<std::vector<std::pair<std::int64_t, std::string>>(const identity::Actor&, const HubContext&)>;

struct Dependencies {
  HubService& hubs;
  identity::IdentityService& identity;
  coopole::web::Shell& shell;
  MemberChoices member_choices;
};

void RegisterRoutes(http::Router& router, Dependencies deps);
// The users of a hub: page and API (hub_users_web.cpp).
void RegisterUserRoutes(http::Router& router, const Dependencies& deps);

}  // namespace coopole::hubs::web
