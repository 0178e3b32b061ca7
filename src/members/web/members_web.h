// HTML pages and JSON API of the member directory.
#pragma once

#include "coopole/http/http.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "coopole/reference/catalogue.h"
#include "coopole/web/web.h"

namespace coopole::members::web {

struct Dependencies {
  MemberService& members;
  hubs::HubService& hubs;
  coopole::web::Shell& shell;
  std::shared_ptr<const reference::Catalogue> catalogue;
};

// Registers the directory pages under /hubs/{hub}/members... and the API under
// /api/v1/hubs/{hub}/members... and /api/v1/hubs/{hub}/people/...; adds the "members"
// navigation entry.
void RegisterRoutes(http::Router& router, Dependencies deps);

}  // namespace coopole::members::web
