#include "coopole/identity/identity.h"

namespace coopole::identity {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kCoordinator: return "coordinator";
    case Role::kMember: return "member";
    case Role::kObserver: return "observer";
  }
  return "observer";
}

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "coordinator") return Role::kCoordinator;
  if (text == "member") return Role::kMember;
  if (text == "observer") return Role::kObserver;
  return std::nullopt;
}

bool Allows(const Actor& actor, const HubAccess& access, Permission permission, std::optional<MemberId> member) {
  if (actor.is_admin) return true;
  switch (permission) {
    case Permission::kViewHub:
      return true;  // holding any role in the hub is enough to read it
    case Permission::kEditHub:
    case Permission::kManageMembers:
    case Permission::kViewAudit:
    case Permission::kManagePooling:
    case Permission::kManageCooperation:
    case Permission::kManageAnimation:
      return access.role == Role::kCoordinator;
    case Permission::kEditOwnMember:
      if (access.role == Role::kCoordinator) return true;
      return access.role == Role::kMember && member.has_value() && access.member == member;
  }
  return false;
}

}  // namespace coopole::identity
