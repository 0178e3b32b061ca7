// What the notice route files share: the request context, addresses, the text and JSON of a
// notice. Files: notices_pages.cpp (the page and its forms), notices_api.cpp (JSON API),
// notices_web.cpp (these helpers and the routes).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "animation_web.h"
#include "coopole/animation/notices.h"
#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"

namespace coopole::animation::web::notices_web {

using Answer = coopole::web::Answer;

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};
using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

// Resolves the {hub} of the request for the signed-in actor (another hub: 404), then runs
// `handler`. Every role of the hub may use the notice routes: each reads and changes only
// its own notices and preference.
http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler);

std::string NoticesHref(const hubs::HubContext& hub);     // /hubs/<slug>/animation/notices
std::string ApiNoticesHref(const hubs::HubContext& hub);  // /api/v1/hubs/<slug>/animation/notices

// The notice's text in `lang`: its kind's catalogue text with the params filled in (the kind
// itself when the catalogue has no text for it).
std::string NoticeText(const render::Messages& messages, const std::string& lang, const Notice& notice);
// "23/11/2026 10:05" in the hub's zone.
std::string LocalTime(const ViewContext& ctx, Timestamp at);

// {"id", "kind", "params", "text", "link", "created_at", "read", "read_at", "mailed"}; instants
// as ISO 8601 UTC; "link" is "" unless a path inside the app (notice_rules::IsAppPath).
nlohmann::json NoticeJson(const ViewContext& ctx, const Notice& notice);
nlohmann::json PreferenceJson(const DigestPreference& preference);

// The "page" and "per_page" query parameters (defaults when absent or not positive).
NoticeQuery QueryOf(const http::Request& req);

void RegisterNoticePages(http::Router& router, const Dependencies& deps);
void RegisterNoticeApi(http::Router& router, const Dependencies& deps);

}  // namespace coopole::animation::web::notices_web
