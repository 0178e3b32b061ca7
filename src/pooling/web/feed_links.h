// Addresses of the iCalendar feeds, shown on the resource and calendar pages and returned
// by the API.
#pragma once

#include <string>

#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "pooling_routes.h"

namespace coopole::pooling::web::scheduling {

// The absolute address of a feed: "<scheme>://<host>/feeds/pooling/<token>.ics", with the
// host of the request (the scheme is https behind a proxy that says so).
std::string FeedUrl(const http::Request& req, const std::string& token);
// The page address that renews a feed's token (POST).
std::string FeedRenewHref(const hubs::HubContext& hub, const FeedSubject& subject);

// The feed block of a page (pooling/calendar_feed): the address, a copy button and, when
// `can_renew`, the renew form. Sets has_feed false when the actor may not see the feed.
render::View FeedBoxView(const http::Request& req, const ViewContext& ctx, const FeedSubject& subject,
                         bool can_renew);

}  // namespace coopole::pooling::web::scheduling
