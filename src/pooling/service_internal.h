// Pieces shared by the pooling use cases (private to the module).
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
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

// Whether the actor may write at all: members for their organisation, coordinators for
// anyone; observers write nothing. (Which organisation is checked with ActsFor.)
inline bool MayWrite(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManagePooling) ||
         (hub.access.role == identity::Role::kMember && hub.access.member.has_value());
}

// The trimmed text of an optional field ("" when absent), viewing the input's own storage.
inline std::string_view TrimmedOf(const std::optional<std::string>& text) {
  return text ? Trim(*text) : std::string_view{};
}

// JSON text for the audit log: invalid UTF-8 replaced rather than thrown, so that the audit
// log is never the reason a write fails.
inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Adds the field errors of `error` to `fields` (the first message of a field wins).
inline void MergeFields(const Error& error, std::map<std::string, std::string>& fields) {
  fields.insert(error.fields.begin(), error.fields.end());
}

// Whether the actor may read a record between these parties. Coordinators and observers
// (funders, the network) read everything of the hub; a member organisation's users read only
// what involves their organisation: loans, salary costs and prices between two others are
// not theirs to see.
inline bool MayRead(const Actor& actor, const HubContext& hub, std::initializer_list<std::optional<MemberId>> parties) {
  if (actor.is_admin || hub.access.role != identity::Role::kMember) return true;
  for (const auto& party : parties)
    if (party && party == hub.access.member) return true;
  return false;
}

// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}

// The organisation a request acts for: the one named in `text`, else the member-role user's
// own. Errors: kPermissionDenied when the actor may not act for it. A malformed or missing
// value is not an error here but a field error added to `fields` (nullopt is returned), so
// that the form reports it with the others.
Result<std::optional<MemberId>> ActingMember(const Actor& actor, const HubContext& hub,
                                             const std::optional<std::string>& text, const std::string& field,
                                             std::map<std::string, std::string>& fields);

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
