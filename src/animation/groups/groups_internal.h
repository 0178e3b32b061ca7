// Pieces shared by the group and welcome use cases and their web files (private to the
// groups part): permission checks, error builders, input text checks, and the JSON of
// records (used by the audit log and by the API, so that both show the same thing).
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/animation/groups.h"
#include "coopole/core/text.h"

namespace coopole::animation::groups_internal {

using identity::Permission;

inline bool May(const Actor& actor, const HubContext& hub, Permission permission,
                std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}
inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageAnimation);
}
// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}
// Coordinators act for any member; member-role users for their own organisation.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  return IsCoordinator(actor, hub) || (OwnMember(hub) == member && May(actor, hub, Permission::kEditOwnMember, member));
}
// Who may edit a group: coordinators and the users of its lead organisation.
inline bool MayEditGroup(const Actor& actor, const HubContext& hub, const Group& group) {
  return IsCoordinator(actor, hub) || (group.lead_member && ActsFor(actor, hub, *group.lead_member));
}

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

// Trimmed text of at most `max` bytes of valid UTF-8, else a field error in `errors`.
std::string CheckedText(const std::string& text, const std::string& field, std::size_t max,
                        std::map<std::string, std::string>& errors);
// A positive integer id, nullopt otherwise.
std::optional<std::int64_t> ParsePositive(std::string_view text);

nlohmann::json GroupJson(const Group& group);
nlohmann::json WelcomeJson(const Welcome& welcome);

}  // namespace coopole::animation::groups_internal
