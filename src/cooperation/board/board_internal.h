// Pieces shared by the board use cases (private to the part).
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/cooperation/board.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "suggestion_rules.h"

namespace coopole::cooperation::board_internal {

using identity::Permission;

inline bool May(const Actor& actor, const HubContext& hub, Permission permission,
                std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageCooperation);
}

// Coordinators (and admins) act for any member; users of the member role for their own only.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  return IsCoordinator(actor, hub) || May(actor, hub, Permission::kEditOwnMember, member);
}

// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}

// Whether the actor may write at all (observers write nothing).
inline bool MayWrite(const Actor& actor, const HubContext& hub) {
  return IsCoordinator(actor, hub) || OwnMember(hub).has_value();
}

// JSON for the audit log: invalid UTF-8 replaced rather than thrown.
inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline Error FieldError(const std::string& field, const std::string& key) {
  return Error::Invalid({{field, key}});
}

inline Error Stale(const char* what) {
  return Error{ErrorCode::kConflict, std::string("the ") + what + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

// Today's date in the hub's time zone.
inline Date TodayIn(const Clock& clock, const HubContext& hub) { return hubs::TodayIn(clock, hub.hub); }

// A positive member id in text; nullopt when malformed.
inline std::optional<MemberId> ParseMemberId(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return MemberId{v};
}

// The matcher's view of members, posts and resources.
rules::MatchMember ToMatch(const members::Member& m);
rules::MatchPost ToMatch(const Post& p, const std::string& commune_name);
rules::MatchResource ToMatch(const OfferedResource& r);

std::string PostJson(const Post& p);

}  // namespace coopole::cooperation::board_internal
