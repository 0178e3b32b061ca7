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
#include "coopole/hubs/use_case.h"

namespace coopole::animation::groups_internal {

using identity::Permission;

using hubs::use_case::AuditJson;
using hubs::use_case::CheckedText;
using hubs::use_case::FieldError;
using hubs::use_case::May;
using hubs::use_case::OwnMember;
using hubs::use_case::ParsePositiveId;
using hubs::use_case::Stale;

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageAnimation);
}
// Coordinators act for any member; member-role users for their own organisation.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  return IsCoordinator(actor, hub) || (OwnMember(hub) == member && May(actor, hub, Permission::kEditOwnMember, member));
}
// Who may edit a group: coordinators and the users of its lead organisation.
inline bool MayEditGroup(const Actor& actor, const HubContext& hub, const Group& group) {
  return IsCoordinator(actor, hub) || (group.lead_member && ActsFor(actor, hub, *group.lead_member));
}

nlohmann::json GroupJson(const Group& group);
nlohmann::json WelcomeJson(const Welcome& welcome);

}  // namespace coopole::animation::groups_internal
