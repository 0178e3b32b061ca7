// HTML pages and JSON API of cooperation.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/cooperation/bids.h"
#include "coopole/cooperation/board.h"
#include "coopole/cooperation/network.h"
#include "coopole/cooperation/projects.h"
#include "coopole/http/http.h"
#include "coopole/hubs/hubs.h"
#include "coopole/web/web.h"

namespace coopole::cooperation::web {

// The hub's active member organisations as (id, name), by name: for the pickers of forms.
using MemberChoices =
    std::function<std::vector<std::pair<std::int64_t, std::string>>(const identity::Actor&, const hubs::HubContext&)>;

struct Dependencies {
  BoardService& board;
  ProjectService& projects;
  BidService& bids;
  NetworkService& network;
  hubs::HubService& hubs;
  coopole::web::Shell& shell;
  MemberChoices member_choices;
};

// Registers the pages under /hubs/{hub}/cooperation..., the API under
// /api/v1/hubs/{hub}/cooperation/... (and /api/v1/cooperation/... for the whole
// installation), and the "cooperation" navigation entry.
void RegisterRoutes(http::Router& router, Dependencies deps);

// The parts, each in its own files.
void RegisterBoardRoutes(http::Router& router, const Dependencies& deps);    // board, suggestions, cooperations
void RegisterProjectRoutes(http::Router& router, const Dependencies& deps);  // projects, pipeline, reviews, spreading
void RegisterBidRoutes(http::Router& router, const Dependencies& deps);      // joint bids, hub share
void RegisterNetworkRoutes(http::Router& router, const Dependencies& deps);  // the graph and its metrics

}  // namespace coopole::cooperation::web
