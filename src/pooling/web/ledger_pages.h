// The ledger's HTML pages under /hubs/{hub}/pooling: services, placements, advances, leases.
#pragma once

#include "coopole/http/http.h"
#include "pooling_web.h"

namespace coopole::pooling::web {

void RegisterLedgerPages(http::Router& router, const Dependencies& deps);

}  // namespace coopole::pooling::web
