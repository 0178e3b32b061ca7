// A bid service on a fresh database of each kind (SQLite, PostgreSQL when
// COOPOLE_TEST_PG_URL is set), with two hubs: "pole-sud" (Europe/Paris) with three member
// organisations and "pole-nord" with one. The clock stands on Monday 23 November 2026,
// 10:00 in Paris.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "coopole/cooperation/bids.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "test_database.h"
#include "test_paths.h"

namespace coopole::cooperation {

class BidServiceTest : public ::testing::TestWithParam<std::string> {
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
    db::Migrate(*pool_, BidService::Migrations());
    identity_ = std::make_unique<identity::IdentityService>(*pool_, clock_,
                                                            identity::IdentityOptions{.fast_hashing = true});
    hubs_ = std::make_unique<hubs::HubService>(*pool_, clock_, *identity_,
                                               &members::MemberService::MemberBelongsToHub);
    members_ = std::make_unique<members::MemberService>(*pool_, clock_, *identity_, catalogue_,
                                                        members::MemberServiceOptions{.directory_cache_members = 0});
    Directory directory{.active_members = members::MemberService::ActiveMembers};
    service_ = std::make_unique<BidService>(*pool_, clock_, *identity_, directory);

    auto user = identity_->CreateUser(
        {.email = "claire@pole.fr", .name = "Claire", .password = "correct horse", .is_admin = true});
    identity::Actor admin{.user = user->id, .name = "Claire", .is_admin = true};
    auto hub = hubs_->CreateHub(admin, {.slug = "pole-sud", .name = "Pôle Sud"}).value();
    auto other = hubs_->CreateHub(admin, {.slug = "pole-nord", .name = "Pôle Nord"}).value();
    actor_ = identity::Actor{.user = user->id, .name = "Claire", .request_id = "req-1"};
    coordinator_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}};
    observer_ = HubContext{hub, identity::HubAccess{hub.id, identity::Role::kObserver, std::nullopt}};
    other_hub_ = HubContext{other, identity::HubAccess{other.id, identity::Role::kCoordinator, std::nullopt}};
    insertion_ = AddMember(coordinator_, "Chantier d'Insertion Belledonne");
    company_ = AddMember(coordinator_, "Menuiserie Durand SARL");
    scop_ = AddMember(coordinator_, "Scop Énergie Partagée");
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

  static std::string Id(MemberId id) { return std::to_string(id.value); }

  // A tender led by the insertion structure, 50 / 30 / 20 %.
  BidInput Tender(const std::string& deadline = "2026-12-03T12:00") const {
    BidInput in;
    in.kind = "tender";
    in.title = "Rénovation du gymnase municipal";
    in.buyer = "Ville de Grenoble";
    in.reference = "2026-GYM-04";
    in.deadline = deadline;
    in.amount = "120000";
    in.lead_member_id = Id(insertion_);
    in.members = std::vector<CoContractorInput>{
        {Id(insertion_), "5000", ""}, {Id(company_), "3000", "co_contractor"}, {Id(scop_), "2000", "subcontractor"}};
    in.lots = std::vector<LotInput>{{"Lot 1 menuiserie", "70000"}, {"Lot 2 électricité", "50000"}};
    return in;
  }

  // Records the tender and takes it to "won".
  Bid WonBid() {
    auto saved = service_->CreateBid(actor_, coordinator_, Tender());
    EXPECT_TRUE(saved.ok()) << (saved.ok() ? "" : saved.error().message);
    Bid bid = saved->bid;
    for (const char* status : {"preparing", "submitted", "won"}) {
      auto moved = service_->ChangeStatus(actor_, coordinator_, bid.id, bid.version, status);
      EXPECT_TRUE(moved.ok()) << status;
      bid = *moved;
    }
    return bid;
  }

  ContractInput FivePercent() const {
    ContractInput in;
    in.reference = "MP-2026-118";
    in.signed_on = "2026-11-20";
    in.start_on = "2026-12-01";
    in.end_on = "2027-06-30";
    in.amount = "100000";
    in.hub_rate = "5";
    return in;
  }

  static Timestamp Paris(int y, int mo, int d, int h, int mi) {
    return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
  }

  static inline std::shared_ptr<const reference::Catalogue> catalogue_;
  FakeClock clock_{Paris(2026, 11, 23, 10, 0)};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<hubs::HubService> hubs_;
  std::unique_ptr<members::MemberService> members_;
  std::unique_ptr<BidService> service_;
  identity::Actor actor_;
  HubContext coordinator_, observer_, other_hub_;
  MemberId insertion_, company_, scop_, nordiste_;
};

}  // namespace coopole::cooperation
