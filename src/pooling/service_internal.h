// Pieces shared by the pooling use cases (private to the module).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "coopole/core/time_zone.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::internal {

using identity::Permission;

inline bool May(const Actor& actor, const HubContext& hub, Permission permission,
                std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}

// Whether the actor may act for `member`: coordinators (and admins) for any member, users
// of the member role for their own organisation only.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  return May(actor, hub, Permission::kEditOwnMember, member);
}

// Whether the actor may act for a party: the hub itself is acted for by coordinators.
inline bool ActsFor(const Actor& actor, const HubContext& hub, const Party& party) {
  return party.member ? ActsFor(actor, hub, *party.member) : May(actor, hub, Permission::kManagePooling);
}

// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}

// The hub's time zone (Europe/Paris when the stored name cannot be loaded).
std::shared_ptr<const TimeZone> ZoneOf(const HubContext& hub);
// Today's date in the hub's time zone.
Date TodayIn(const Clock& clock, const HubContext& hub);

inline Error FieldError(const std::string& field, const std::string& key,
                        std::string message = "validation failed") {
  return Error::Invalid({{field, key}}, std::move(message));
}

inline Error Stale(const char* what) {
  return Error{ErrorCode::kConflict, std::string("the ") + what + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

inline Error OutOfOrder(const std::string& message) {
  return Error{ErrorCode::kFailedPrecondition, message, {}};
}

// Parses an optional member id field: nullopt with no error for "" (the hub, or "own").
// Errors: {field: "validation.member"} when not a positive integer.
Result<std::optional<MemberId>> ParseMemberField(const std::optional<std::string>& text, const std::string& field);

}  // namespace coopole::pooling::internal
