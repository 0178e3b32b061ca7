// Display helpers every pooling page shares: text sections, amounts, the hub's time zone,
// the organisation of a member-role user.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "coopole/core/money.h"
#include "coopole/core/time_zone.h"
#include "coopole/render/render.h"
#include "pooling_routes.h"

namespace coopole::pooling::web {

// Sets `key` and `has_<key>` (mustache renders a section for any string, even empty).
void SetText(render::View& view, const std::string& key, const std::string& text);
// "1 234,50 €" (fr, no-break space before the sign) or "€1,234.50" (en).
std::string MoneyText(Money money, std::string_view lang);
// The hub's time zone (Europe/Paris when its name cannot be loaded).
std::shared_ptr<const TimeZone> HubZone(const hubs::HubContext& hub);
// Whether `target`, taken from a form to redirect to, is a page under `prefix` of this site:
// no other host ("//", "\\"), and no control character that could split a header.
bool IsSafeReturnTarget(const std::string& target, const std::string& prefix);
// The organisation of a member-role user, if any.
std::optional<MemberId> OwnMember(const ViewContext& ctx);

}  // namespace coopole::pooling::web
