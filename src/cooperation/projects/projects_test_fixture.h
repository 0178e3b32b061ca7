// A project service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (three member organisations) and
// "pole-nord" (one). The clock stands on Monday 23 November 2026, 10:00 UTC.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/cooperation/projects.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::cooperation {

class ProjectsTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    if (!catalogue_) catalogue_ = reference::Catalogue::LoadFrom(testing::ReferenceDir());
  }

  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 4});
    db::Migrate(*pool_, identity::IdentityService::Migrations());
    db::Migrate(*pool_, hubs::HubService::Migrations());
    db::Migrate(*pool_, members::MemberService::Migrations());
    db::Migrate(*pool_, ProjectService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_, &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{.active_members = &members::MemberService::ActiveMembers};
    service_ = std::make_unique<ProjectService>(*pool_, clock_, *identity_, directory);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    atelier_ = AddMember(coordinator_, "Atelier Vélo Solidaire");
    recyclerie_ = AddMember(coordinator_, "Recyclerie du Grésivaudan");
    traiteur_ = AddMember(coordinator_, "Traiteur d'Insertion");
    nordiste_ = AddMember(other_hub_, "Coopérative du Nord");
  }

  MemberId AddMember(const HubContext& hub, const std::string& name) {
    auto member = members_->CreateMember(actor_, hub, members::MemberInput{.name = name, .legal_form = "association"});
    EXPECT_TRUE(member.ok()) << (member.ok() ? "" : member.error().message);
    return member->id;
  }

  HubContext MemberRole(MemberId member) const {
    return HubContext{coordinator_.hub, identity::HubAccess{coordinator_.hub.id, identity::Role::kMember, member}};
  }

  // A project led by the atelier, at the idea stage.
  Project NewProject(const std::string& title = "Logistique frigorifique partagée",
                     const std::string& summary = "Un camion frigorifique pour trois structures") {
    auto p = service_->CreateProject(actor_, coordinator_,
                                     {{"title", title}, {"summary", summary},
                                      {"lead_member_id", std::to_string(atelier_.value)}});
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return *p;
  }

  static std::string Id(MemberId m) { return std::to_string(m.value); }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Timestamp{1795427999}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<ProjectService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId atelier_, recyclerie_, traiteur_, nordiste_;
};

}  // namespace coopole::cooperation
