// What pooling publishes to the cooperation module: links between members and the resources
// members offer, on both databases.
#include <gtest/gtest.h>

#include "pooling_test_fixture.h"

namespace coopole::pooling {
namespace {

class LinksServiceTest : public PoolingTest {
 protected:
  static std::string Id(MemberId id) { return std::to_string(id.value); }

  Resource RoomOf(std::optional<MemberId> owner, const std::string& name = "Salle Belledonne") {
    auto room = service_->CreateResource(actor_, coordinator_,
                                         {.kind = "premises", .category = "room", .name = name,
                                          .owner_member_id = owner ? Id(*owner) : "", .capacity = "12",
                                          .location = "Crolles", .opening_hours = "lun-ven 08:00-19:00",
                                          .price_unit = "hour", .price_member = "15"});
    EXPECT_TRUE(room.ok()) << (room.ok() ? "" : room.error().message);
    return *room;
  }

  void Book(ResourceId room, MemberId member, const std::string& start, const std::string& end) {
    BookingInput input{.resource_id = std::to_string(room.value), .member_id = Id(member), .starts_at = start,
                       .ends_at = end};
    auto outcome = service_->BookResource(actor_, coordinator_, input, BookingMode::kAllOrNothing);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(outcome->created.size(), 1u);
  }

  std::vector<MemberLink> Links(Date from, Date to, HubId hub) {
    auto tx = pool_->Begin(db::TxMode::kRead);
    return PoolingService::MemberLinks(tx, hub, from, to);
  }
  std::vector<MemberLink> Links(Date from, Date to) { return Links(from, to, coordinator_.hub.id); }

  static const MemberLink* Find(const std::vector<MemberLink>& links, const std::string& kind) {
    for (const auto& l : links)
      if (l.kind == kind) return &l;
    return nullptr;
  }
};

TEST_P(LinksServiceTest, MemberLinks_BookingsOfAnotherMembersResourceMakeOneLinkPerPair) {
  auto room = RoomOf(recyclerie_);
  Book(room.id, atelier_, "2026-11-24T09:00", "2026-11-24T11:00");
  Book(room.id, atelier_, "2026-12-01T09:00", "2026-12-01T11:00");
  Book(room.id, recyclerie_, "2026-12-02T09:00", "2026-12-02T11:00");  // its own room: no link
  auto hub_room = RoomOf(std::nullopt, "Salle du pôle");
  Book(hub_room.id, traiteur_, "2026-11-24T09:00", "2026-11-24T11:00");  // the hub's room: no link

  auto links = Links({2026, 1, 1}, {2026, 12, 31});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].kind, "booking");
  EXPECT_EQ(links[0].a, std::min(atelier_, recyclerie_));
  EXPECT_EQ(links[0].b, std::max(atelier_, recyclerie_));
  EXPECT_EQ(links[0].count, 2);
  EXPECT_EQ(links[0].first_on, (Date{2026, 11, 24}));
  EXPECT_EQ(links[0].last_on, (Date{2026, 12, 1}));
  // The period bounds are inclusive and exclude what falls outside.
  auto november = Links({2026, 11, 24}, {2026, 11, 30});
  ASSERT_EQ(november.size(), 1u);
  EXPECT_EQ(november[0].count, 1);
  EXPECT_TRUE(Links({2026, 12, 2}, {2026, 12, 31}).empty());
}

TEST_P(LinksServiceTest, MemberLinks_DateABookingByTheHubLocalDay) {
  auto room = service_->CreateResource(actor_, coordinator_,
                                       {.kind = "premises", .category = "room", .name = "Salle de nuit",
                                        .owner_member_id = Id(recyclerie_)});
  ASSERT_TRUE(room.ok()) << room.error().message;
  // 00:30 in Paris on 1 December is 23:30 UTC on 30 November: December for the hub.
  Book(room->id, atelier_, "2026-12-01T00:30", "2026-12-01T01:30");
  auto december = Links({2026, 12, 1}, {2026, 12, 31});
  ASSERT_EQ(december.size(), 1u);
  EXPECT_EQ(december[0].first_on, (Date{2026, 12, 1}));
  EXPECT_TRUE(Links({2026, 11, 1}, {2026, 11, 30}).empty());
}

TEST_P(LinksServiceTest, MemberLinks_CancelledBookingsDoNotLink) {
  auto room = RoomOf(recyclerie_);
  Book(room.id, atelier_, "2026-11-24T09:00", "2026-11-24T11:00");
  auto bookings = service_->ListBookings(actor_, coordinator_, {});
  ASSERT_TRUE(bookings.ok());
  ASSERT_EQ(bookings->items.size(), 1u);
  ASSERT_TRUE(service_->CancelBooking(actor_, coordinator_, bookings->items[0].id, "plus besoin").ok());
  EXPECT_TRUE(Links({2026, 1, 1}, {2026, 12, 31}).empty());
}

TEST_P(LinksServiceTest, MemberLinks_ServicesPlacementsAndAdvancesBetweenMembers) {
  // A service agreed between the traiteur (provider) and the atelier; a requested one does not count.
  auto agreed = service_->RequestService(actor_, MemberRole(atelier_),
                                         {.provider_member_id = Id(traiteur_), .what = "Buffet", .amount = "200"});
  ASSERT_TRUE(agreed.ok()) << agreed.error().message;
  ASSERT_TRUE(service_->AgreeService(actor_, MemberRole(traiteur_), agreed->id).ok());
  ASSERT_TRUE(service_->RequestService(actor_, MemberRole(recyclerie_),
                                       {.provider_member_id = Id(traiteur_), .what = "Repas", .amount = "50"})
                  .ok());
  // A placement from the atelier to the recyclerie.
  ASSERT_TRUE(service_->CreatePlacement(actor_, coordinator_,
                                        {.employer_member_id = Id(atelier_), .host_member_id = Id(recyclerie_),
                                         .person = "Marie Dupont", .starts_on = "2026-10-15",
                                         .ends_on = "2027-03-31", .weekly_hours = "17,5", .hourly_cost = "22,40"})
                  .ok());
  // An advance lent by the recyclerie to the traiteur, approved; one lent by the hub does not link.
  auto advance = service_->RequestAdvance(actor_, coordinator_,
                                          {.lender_member_id = Id(recyclerie_), .borrower_member_id = Id(traiteur_),
                                           .amount = "1000", .purpose = "Trésorerie", .installments = "2",
                                           .first_due_on = "2026-12-15"});
  ASSERT_TRUE(advance.ok()) << advance.error().message;
  ASSERT_TRUE(service_->ApproveAdvance(actor_, coordinator_, advance->id).ok());
  auto from_hub = service_->RequestAdvance(actor_, coordinator_,
                                           {.borrower_member_id = Id(atelier_), .amount = "500",
                                            .purpose = "Trésorerie", .installments = "1", .first_due_on = "2026-12-15"});
  ASSERT_TRUE(from_hub.ok()) << from_hub.error().message;
  ASSERT_TRUE(service_->ApproveAdvance(actor_, coordinator_, from_hub->id).ok());

  auto links = Links({2026, 1, 1}, {2026, 12, 31});
  ASSERT_EQ(links.size(), 3u);
  const auto* service = Find(links, "service");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->a, std::min(atelier_, traiteur_));
  EXPECT_EQ(service->b, std::max(atelier_, traiteur_));
  EXPECT_EQ(service->count, 1);
  const auto* placement = Find(links, "placement");
  ASSERT_NE(placement, nullptr);
  EXPECT_EQ(placement->first_on, (Date{2026, 10, 15}));
  const auto* lent = Find(links, "advance");
  ASSERT_NE(lent, nullptr);
  EXPECT_EQ(lent->a, std::min(recyclerie_, traiteur_));
  EXPECT_EQ(lent->first_on, (Date{2026, 11, 23}));
  // A placement still running counts in a later period; nothing leaks into another hub.
  auto next_year = Links({2027, 1, 1}, {2027, 12, 31});
  ASSERT_EQ(next_year.size(), 1u);
  EXPECT_EQ(next_year[0].kind, "placement");
  EXPECT_TRUE(Links({2026, 1, 1}, {2026, 12, 31}, other_hub_.hub.id).empty());
  EXPECT_TRUE(Links({2026, 12, 31}, {2026, 1, 1}).empty());
}

TEST_P(LinksServiceTest, OfferedResources_ListsUnarchivedResourcesOfActiveMembersOnly) {
  auto room = RoomOf(recyclerie_);
  RoomOf(std::nullopt, "Salle du pôle");  // the hub's own: not a member's offer
  auto archived = RoomOf(atelier_, "Atelier fermé");
  ASSERT_TRUE(service_->ArchiveResource(actor_, coordinator_, archived.id).ok());
  RoomOf(traiteur_, "Cuisine du traiteur");  // its owner leaves the hub
  ASSERT_TRUE(members_->ArchiveMember(actor_, coordinator_, traiteur_).ok());
  auto tx = pool_->Begin(db::TxMode::kRead);
  auto offered = PoolingService::OfferedResources(tx, coordinator_.hub.id);
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].member, recyclerie_);
  EXPECT_EQ(offered[0].kind, "premises");
  EXPECT_EQ(offered[0].category, "room");
  EXPECT_EQ(offered[0].name, "Salle Belledonne");
  EXPECT_EQ(offered[0].location, "Crolles");
  EXPECT_EQ(offered[0].hub, coordinator_.hub.id);
  EXPECT_EQ(PoolingService::OfferedResources(tx, std::nullopt).size(), 1u);
  EXPECT_TRUE(PoolingService::OfferedResources(tx, other_hub_.hub.id).empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, LinksServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::pooling
