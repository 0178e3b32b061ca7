// What the event route files share: the request context, error answers, addresses and view
// builders. Files: event_pages.cpp (list, form, event page, printable, minutes, invitations),
// attendance_pages.cpp (the phone page), invitation_pages.cpp (the public reply link),
// event_api.cpp (JSON API), events_web.cpp (routes).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "animation_web.h"
#include "coopole/animation/events.h"
#include "coopole/render/render.h"

namespace coopole::animation::web::events_web {

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};
using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

http::Handler WithHub(const Dependencies& deps, coopole::web::Answer answer, HubHandler handler);
http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error);

std::string AnimBase(const hubs::HubContext& hub);  // /hubs/<slug>/animation
std::string EventsHref(const hubs::HubContext& hub);
std::string EventHref(const hubs::HubContext& hub, EventId id);
std::string ApiEventsHref(const hubs::HubContext& hub);

Result<EventId> EventParam(const http::Request& req);
Result<std::int64_t> IdParam(const http::Request& req, const std::string& name);
Result<std::int64_t> VersionOf(const std::optional<std::string>& text);

bool IsCoordinator(const ViewContext& ctx);
std::string T(const ViewContext& ctx, const std::string& key);
std::string T(const coopole::web::Shell& shell, const std::string& lang, const std::string& key);

// The base view of every page of the part.
render::View BaseView(const ViewContext& ctx);
// An event for lists and pages: title, kind, when (in the hub's zone), place, status, counts.
render::View EventView(const Event& event, const hubs::Hub& hub, const coopole::web::Shell& shell,
                       const std::string& lang);
render::View InvitationView(const Invitation& invitation, const ViewContext& ctx);

// Inputs of the form and of the JSON API.
EventInput EventInputFromForm(const http::FormFields& form);
Result<EventInput> EventInputFromJson(const nlohmann::json& body);

void RegisterEventPages(http::Router& router, const Dependencies& deps);
void RegisterAttendancePages(http::Router& router, const Dependencies& deps);
void RegisterInvitationPages(http::Router& router, const Dependencies& deps);
void RegisterEventApi(http::Router& router, const Dependencies& deps);

}  // namespace coopole::animation::web::events_web
