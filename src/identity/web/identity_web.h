// Sign-in, sign-out and language pages.
#pragma once

#include "coopole/http/http.h"
#include "coopole/identity/identity.h"
#include "coopole/web/web.h"

namespace coopole::identity::web {

struct Dependencies {
  IdentityService& identity;
  coopole::web::Shell& shell;
  coopole::web::WebOptions options;
};

// GET/POST /login, POST /logout, POST /language; the account page: GET /account,
// POST /account/tokens, POST /account/tokens/{token}/revoke.
void RegisterRoutes(http::Router& router, Dependencies deps);

}  // namespace coopole::identity::web
