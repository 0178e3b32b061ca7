// View models (HTML) and JSON documents of the catalogue of shared resources, and the small
// display helpers the pooling pages share (hub time zone, local times, prices, options).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time_zone.h"
#include "coopole/render/render.h"
#include "pooling_routes.h"
#include "pooling_views.h"

namespace coopole::pooling::web::scheduling {

// ---- shared helpers ------------------------------------------------------------------------

// "23/11/2026 09:00" (fr) or "2026-11-23 09:00" (en): a wall-clock reading for display.
std::string LocalText(const LocalDateTime& local, std::string_view lang);
// "lun. 23/11/2026" / "Mon 2026-11-23": a date with its weekday.
std::string DayText(Date date, std::string_view lang);
// Whether the actor may do `permission` in the hub (for `member` with kEditOwnMember).
bool May(const ViewContext& ctx, identity::Permission permission, std::optional<MemberId> member = std::nullopt);
// Coordinators (and administrators).
bool IsCoordinator(const ViewContext& ctx);
// The options of a <select>: {value, label, selected}.
render::View Option(const std::string& value, const std::string& label, bool selected);
// The pooling notice of ?done=<key> ("pooling.notice.<key>"), "" when none or unknown.
std::string DoneNotice(const http::Request& req, const ViewContext& ctx);
// The current instant from the system clock (for "upcoming" lists and buttons; the use
// cases check times with the application's clock).
Timestamp WallNow();
// The links of the pooling sub-navigation (pooling/overview_nav) and whether the actor may
// publish a resource (`can_publish`).
void AddPoolingLinks(render::View& view, const ViewContext& ctx);
// A JSON value for an optional integer (null when unset).
nlohmann::json OrNull(const std::optional<std::int64_t>& value);

// ---- addresses ----------------------------------------------------------------------------

std::string ResourcesHref(const hubs::HubContext& hub);
std::string ResourceHref(const hubs::HubContext& hub, ResourceId id);
std::string ApiResourceHref(const hubs::HubContext& hub, ResourceId id);
std::string AvailabilityHref(const hubs::HubContext& hub);

// ---- resources ------------------------------------------------------------------------------

// A resource for display: name, kind and category labels, owner ("the hub" when unset),
// capacity, location, description, opening hours in the request language, rules,
// prices per tier, archived, and the links (href, edit_href, archive_href, restore_href,
// book_href, calendar_href). `can_edit` when the actor may change it, `bookable` when
// it can be booked.
render::View ResourceView(const Resource& resource, const ViewContext& ctx);

// The options of the kind / category / price unit / tier selects.
render::ViewList KindOptions(const ViewContext& ctx, const std::string& selected, bool schedulable_only = false);
render::ViewList CategoryOptions(const ViewContext& ctx, const std::string& selected,
                                 std::optional<ResourceKind> only_kind = std::nullopt);
render::ViewList PriceUnitOptions(const ViewContext& ctx, const std::string& selected);
render::ViewList TierOptions(const ViewContext& ctx, const std::string& selected);
// The hub's member organisations for a <select>, with `selected` chosen.
render::ViewList MemberOptions(const ViewContext& ctx, const std::string& selected);

// The current values of a resource as its edit form would send them.
ResourceInput InputOf(const Resource& resource, std::string_view lang);
// The resource form: every field's text as given, the options with the current choices,
// and whether the owner may be chosen (coordinators) or is the user's organisation.
render::View ResourceFormView(const ResourceInput& input, const ViewContext& ctx);

// The API document of a resource (web/openapi/pooling.json: Resource).
nlohmann::json ResourceJson(const Resource& resource);
nlohmann::json PartyJson(const Party& party);

}  // namespace coopole::pooling::web::scheduling
