// The common ground of the animation parts' service tests: a fresh database of each kind
// (SQLite, and PostgreSQL when COOPOLE_TEST_PG_URL is set) with identity, hubs and members
// migrated and served, two hubs "pole-sud" (Europe/Paris) and "pole-nord", an administrator
// "Claire" acting in them, and her coordinator, observer and other-hub contexts. Each part's
// fixture derives from it: OpenDatabase with its own migrations, CreateHubs, then its service
// and its members and people.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/core/time_zone.h"
#include "coopole/db/migrations.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::animation {

class AnimationServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  explicit AnimationServiceTest(Timestamp now) : clock_(now) {}

  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  // Opens the database and migrates identity, hubs, members, then `parts` in order.
  void OpenDatabase(const std::vector<std::vector<db::Migration>>& parts) {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 4});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, members::MemberService::Migrations());
    for (const auto& part : parts) db::Migrate(*pool_, part);
  }

  // The foundation's services, the two hubs, the actor and the contexts (after OpenDatabase).
  void CreateHubs() {
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    admin_user_ = *user;
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
  }

  // What the application wires from the members module (rooms and bookings left to the part).
  static Directory MembersDirectory() {
    return Directory{.active_members = members::MemberService::ActiveMembers, .people = DirectoryPeople};
  }

  // A member organisation (an association), joined on `joined` ('YYYY-MM-DD') when given.
  MemberId AddMember(const HubContext& hub, const std::string& name, const std::string& joined = "") {
    members::MemberInput in{.name = name, .legal_form = "association"};
    if (!joined.empty()) in.join_date = joined;
    auto member = members_->CreateMember(actor_, hub, in);
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }
  PersonId AddPerson(const HubContext& hub, MemberId member, const std::string& name, const std::string& email = "") {
    auto person = members_->AddPerson(actor_, hub, member, members::PersonInput{.name = name, .email = email});
    EXPECT_TRUE(person.ok()) << (person.ok() ? "" : person.error().message);
    return person->id;
  }

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_;
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  identity::User admin_user_;  // Claire
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
};

}  // namespace coopole::animation
