// Pieces shared by the time use cases (private to the time part): permission checks, error
// builders, the hub's people by id, the JSON of records (the audit log and the API show the
// same thing) and the notices posted.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/animation/time.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/use_case.h"

namespace coopole::animation::time_internal {

using identity::Permission;

using hubs::use_case::AuditJson;
using hubs::use_case::FieldError;
using hubs::use_case::May;
using hubs::use_case::Stale;

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageAnimation);
}
// The organisation of a member-role user (non-admin), if any: its scope is that organisation.
inline std::optional<MemberId> OwnMember(const Actor& actor, const HubContext& hub) {
  if (actor.is_admin) return std::nullopt;
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}
// Coordinators act for any organisation; member-role users for their own.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  if (IsCoordinator(actor, hub)) return true;
  auto own = OwnMember(actor, hub);
  return own && *own == member && May(actor, hub, Permission::kEditOwnMember, member);
}

// The hub's people (Directory.people) by id.
std::map<std::int64_t, DirectoryPerson> PeopleById(const Directory& directory, db::Transaction& tx, HubId hub);
// The hub's active members' names by id.
std::map<std::int64_t, std::string> MemberNames(const Directory& directory, db::Transaction& tx, HubId hub);

nlohmann::json EntryJson(const TimeEntry& entry);

// The in-app notices of this part, posted in the caller's transaction: "time_to_validate"
// to the hub's coordinators, "time_validated" / "time_refused" to the users of the person's
// organisation. The single call site of the notices part (NoticeService::Post).
void PostEntryNotice(db::Transaction& tx, const HubContext& hub, const TimeEntry& entry, const std::string& kind,
                     Timestamp now);

}  // namespace coopole::animation::time_internal
