// HTML pages and JSON API of animation.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/animation/events.h"
#include "coopole/animation/groups.h"
#include "coopole/animation/notices.h"
#include "coopole/animation/time.h"
#include "coopole/http/http.h"
#include "coopole/hubs/hubs.h"
#include "coopole/web/web.h"

namespace coopole::animation::web {

// The hub's active member organisations as (id, name), by name: for the pickers of forms.
using MemberChoices =
    std::function<std::vector<std::pair<std::int64_t, std::string>>(const identity::Actor&, const hubs::HubContext&)>;

struct Dependencies {
  GroupService& groups;
  EventService& events;
  NoticeService& notices;
  TimeService& time;
  hubs::HubService& hubs;
  coopole::web::Shell& shell;
  MemberChoices member_choices;
};

// Registers the pages under /hubs/{hub}/animation..., the API under
// /api/v1/hubs/{hub}/animation/..., the public reply pages under /invitations/..., and the
// "animation" navigation entry.
void RegisterRoutes(http::Router& router, Dependencies deps);

// The parts, each in its own files.
void RegisterGroupRoutes(http::Router& router, const Dependencies& deps);   // groups, welcome
void RegisterEventRoutes(http::Router& router, const Dependencies& deps);   // events, invitations, replies, attendance
void RegisterNoticeRoutes(http::Router& router, const Dependencies& deps);  // notices, digest preferences
void RegisterTimeRoutes(http::Router& router, const Dependencies& deps);    // collective time, rates, totals, exports

}  // namespace coopole::animation::web
