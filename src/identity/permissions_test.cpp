#include <gtest/gtest.h>

#include "coopole/identity/identity.h"

namespace coopole::identity {
namespace {

const Actor kUser{.user = UserId{1}, .name = "Ana"};
const Actor kAdmin{.user = UserId{2}, .name = "Root", .is_admin = true};

TEST(Allows, ObserverOnlyReads) {
  HubAccess observer{HubId{1}, Role::kObserver, std::nullopt};
  EXPECT_TRUE(Allows(kUser, observer, Permission::kViewHub));
  EXPECT_FALSE(Allows(kUser, observer, Permission::kManageMembers));
  EXPECT_FALSE(Allows(kUser, observer, Permission::kEditOwnMember, MemberId{3}));
}

TEST(Allows, MemberEditsOnlyTheirOwnOrganisation) {
  HubAccess member{HubId{1}, Role::kMember, MemberId{7}};
  EXPECT_TRUE(Allows(kUser, member, Permission::kEditOwnMember, MemberId{7}));
  EXPECT_FALSE(Allows(kUser, member, Permission::kEditOwnMember, MemberId{8}));
  EXPECT_FALSE(Allows(kUser, member, Permission::kEditOwnMember));
  EXPECT_FALSE(Allows(kUser, member, Permission::kManageMembers));
}

TEST(Allows, CoordinatorManagesAndAdminOverrides) {
  HubAccess coordinator{HubId{1}, Role::kCoordinator, std::nullopt};
  EXPECT_TRUE(Allows(kUser, coordinator, Permission::kManageMembers));
  EXPECT_TRUE(Allows(kUser, coordinator, Permission::kEditOwnMember, MemberId{9}));
  HubAccess none{HubId{1}, Role::kObserver, std::nullopt};
  EXPECT_TRUE(Allows(kAdmin, none, Permission::kEditHub));
}

TEST(ParseRole, RoundTrips) {
  for (auto r : {Role::kCoordinator, Role::kMember, Role::kObserver}) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
}

}  // namespace
}  // namespace coopole::identity
