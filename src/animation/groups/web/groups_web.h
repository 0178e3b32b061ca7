// What the group, welcome and animation-home route files share: the request context, error
// answers, addresses, view builders and input readers. Files: group_pages.cpp (group pages),
// welcome_pages.cpp (welcome pages), home_pages.cpp (the animation home and the hub-home
// block), groups_api.cpp (JSON API), groups_web.cpp (these helpers and the registration).
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "animation_web.h"
#include "coopole/animation/groups.h"
#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"

namespace coopole::animation::web::groups_web {

using Answer = coopole::web::Answer;

struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};

using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;

// Resolves the {hub} of the request for the signed-in actor (another hub: 404), then runs
// `handler`.
http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler);
http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error);

// Addresses.
std::string AnimBase(const hubs::HubContext& hub);                   // /hubs/<slug>/animation
std::string GroupsHref(const hubs::HubContext& hub);                 // .../animation/groups
std::string GroupHref(const hubs::HubContext& hub, GroupId id);      // .../groups/<id>
std::string WelcomeHref(const hubs::HubContext& hub);                // .../animation/welcome
std::string WelcomeMemberHref(const hubs::HubContext& hub, MemberId member);
std::string EventHref(const hubs::HubContext& hub, EventId id);      // .../animation/events/<id>
std::string BreakfastHref(const hubs::HubContext& hub, MemberId member);  // the events form, prefilled
std::string ApiGroupsHref(const hubs::HubContext& hub);              // /api/v1/hubs/<slug>/animation/groups

// Path parameters: 404 when not a positive integer.
Result<std::int64_t> IdParam(const http::Request& req, const std::string& name);
// The "version" of a form or JSON body: 422 {"version": "validation.integer"} otherwise.
Result<std::int64_t> VersionOf(const std::optional<std::string>& text);

bool IsCoordinator(const ViewContext& ctx);
std::optional<MemberId> OwnMember(const ViewContext& ctx);
bool MayEdit(const ViewContext& ctx, const Group& group);
std::string T(const ViewContext& ctx, const std::string& key);
std::string DateText(const ViewContext& ctx, Date date);
std::string InstantText(const ViewContext& ctx, Timestamp at);  // date and time in the hub's zone

// The base view of every page of the part: the animation navigation and links.
render::View BaseView(const ViewContext& ctx);
render::View GroupView(const Group& group, const ViewContext& ctx);
render::View WelcomeView(const Welcome& welcome, const ViewContext& ctx);
// <option>s of the hub's members and people, `selected` marked.
render::ViewList MemberOptions(const ViewContext& ctx, const std::vector<std::int64_t>& selected);
render::ViewList PersonOptions(const ViewContext& ctx, const std::vector<std::int64_t>& selected);

// Input of the group form (member_ids and person_ids repeated) and of the JSON API.
GroupInput GroupInputFromForm(const http::FormFields& form);
Result<GroupInput> GroupInputFromJson(const nlohmann::json& body);

void RegisterGroupPages(http::Router& router, const Dependencies& deps);    // group_pages.cpp
void RegisterWelcomePages(http::Router& router, const Dependencies& deps);  // welcome_pages.cpp
void RegisterHomePages(http::Router& router, const Dependencies& deps);     // home_pages.cpp
void RegisterGroupApi(http::Router& router, const Dependencies& deps);      // groups_api.cpp

}  // namespace coopole::animation::web::groups_web
