// Use cases of the catalogue and bookings, on SQLite and PostgreSQL.
#include <atomic>
#include <thread>

#include "pooling_test_fixture.h"

namespace coopole::pooling {
namespace {

class BookingServiceTest : public PoolingTest {
 protected:
  Resource Room(std::optional<MemberId> owner = std::nullopt, bool approval = false) {
    auto room = service_->CreateResource(
        actor_, coordinator_,
        {.kind = "premises", .category = "room", .name = "Salle Belledonne",
         .owner_member_id = owner ? std::to_string(owner->value) : "", .capacity = "12",
         .opening_hours = "lun-ven 08:00-19:00", .approval_required = approval ? "oui" : "non", .price_unit = "hour",
         .price_member = "15", .price_non_member = "25", .price_solidarity = "8"});
    EXPECT_TRUE(room.ok()) << (room.ok() ? "" : room.error().message);
    return *room;
  }

  Resource Van() {
    return *service_->CreateResource(actor_, coordinator_,
                                     {.kind = "equipment", .category = "vehicle", .name = "Camion frigorifique",
                                      .owner_member_id = std::to_string(recyclerie_.value),
                                      .approval_required = "oui", .price_unit = "day", .price_member = "60"});
  }

  Result<BookingOutcome> Book(const HubContext& as, ResourceId resource, MemberId member, const std::string& start,
                              const std::string& end, BookingMode mode = BookingMode::kAllOrNothing,
                              BookingInput extra = {}) {
    extra.resource_id = std::to_string(resource.value);
    extra.member_id = std::to_string(member.value);
    extra.starts_at = start;
    extra.ends_at = end;
    return service_->BookResource(actor_, as, extra, mode);
  }
};

TEST_P(BookingServiceTest, CreateResource_MemberOffersForItsOwnOrganisationOnly) {
  auto mine = service_->CreateResource(actor_, MemberRole(atelier_),
                                       {.kind = "equipment", .name = "Perceuse", .price_unit = "free"});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->owner, atelier_);
  EXPECT_EQ(mine->owner_name, "Atelier Vélo Solidaire");
  auto theirs = service_->CreateResource(actor_, MemberRole(atelier_),
                                         {.kind = "equipment", .name = "Perceuse",
                                          .owner_member_id = std::to_string(recyclerie_.value)});
  EXPECT_EQ(theirs.error().code, ErrorCode::kPermissionDenied);
  auto observer = service_->CreateResource(actor_, observer_, {.kind = "equipment", .name = "Perceuse"});
  EXPECT_EQ(observer.error().code, ErrorCode::kPermissionDenied);
  auto other_hub_owner = service_->CreateResource(
      actor_, coordinator_, {.kind = "equipment", .name = "Perceuse", .owner_member_id = std::to_string(nordiste_.value)});
  EXPECT_EQ(other_hub_owner.error().fields.at("owner_member_id"), "validation.member");
}

TEST_P(BookingServiceTest, ListResources_SearchIgnoresAccentsAndFiltersKind) {
  Room();
  Van();
  auto page = service_->ListResources(actor_, observer_, {.text = "frigo"});
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].name, "Camion frigorifique");
  EXPECT_EQ(service_->ListResources(actor_, observer_, {.text = "BELLEDONNE"})->total, 1);
  EXPECT_EQ(service_->ListResources(actor_, observer_, {.kind = ResourceKind::kPremises})->total, 1);
  EXPECT_EQ(service_->ListResources(actor_, other_hub_, {})->total, 0);
  EXPECT_EQ(service_->GetResource(actor_, other_hub_, page->items[0].id).error().code, ErrorCode::kNotFound);
}

TEST_P(BookingServiceTest, UpdateResource_RefusesAStaleVersion) {
  auto room = Room();
  ASSERT_TRUE(service_->UpdateResource(actor_, coordinator_, room.id, room.version, {.capacity = "20"}).ok());
  auto stale = service_->UpdateResource(actor_, coordinator_, room.id, room.version, {.capacity = "30"});
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(*service_->GetResource(actor_, observer_, room.id)->capacity, 20);
}

TEST_P(BookingServiceTest, BookResource_ConfirmsAndPricesAtTheMemberTier) {
  auto room = Room();
  auto outcome = Book(MemberRole(atelier_), room.id, atelier_, "2026-11-24T09:00", "2026-11-24T12:00");
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_EQ(outcome->created.size(), 1u);
  EXPECT_EQ(outcome->created[0].status, BookingStatus::kConfirmed);
  EXPECT_EQ(outcome->created[0].price, Money{4500});
  EXPECT_EQ(outcome->created[0].starts_at, Paris(2026, 11, 24, 9, 0));
}

TEST_P(BookingServiceTest, BookResource_RejectsOverlapAndShowsTheCollidingBooking) {
  auto room = Room();
  ASSERT_TRUE(Book(coordinator_, room.id, atelier_, "2026-11-24T09:00", "2026-11-24T12:00").ok());
  auto second = Book(coordinator_, room.id, traiteur_, "2026-11-24T11:30", "2026-11-24T13:00");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->conflicted);
  EXPECT_TRUE(second->created.empty());
  ASSERT_TRUE(second->occurrences[0].conflict);
  EXPECT_EQ(second->occurrences[0].conflict->member_name, "Atelier Vélo Solidaire");
  // Touching slots do not overlap.
  auto after = Book(coordinator_, room.id, traiteur_, "2026-11-24T12:00", "2026-11-24T13:00");
  EXPECT_EQ(after->created.size(), 1u);
}

TEST_P(BookingServiceTest, BookResource_ReportsRuleFailuresAsFieldErrors) {
  auto room = Room();
  auto past = Book(coordinator_, room.id, atelier_, "2026-11-23T08:00", "2026-11-23T09:00");
  EXPECT_EQ(past.error().fields.at("starts_at"), "validation.in_the_past");
  auto closed = Book(coordinator_, room.id, atelier_, "2026-11-28T09:00", "2026-11-28T10:00");
  EXPECT_EQ(closed.error().fields.at("starts_at"), "validation.outside_opening_hours");
  auto inverted = Book(coordinator_, room.id, atelier_, "2026-11-24T10:00", "2026-11-24T09:00");
  EXPECT_EQ(inverted.error().fields.at("ends_at"), "validation.end_before_start");
  auto garbled = Book(coordinator_, room.id, atelier_, "mardi matin", "2026-11-24T09:00");
  EXPECT_EQ(garbled.error().fields.at("starts_at"), "validation.datetime");
}

TEST_P(BookingServiceTest, BookResource_NeedsThePrerequisite) {
  auto workshop = service_->CreateResource(actor_, coordinator_,
                                           {.kind = "premises", .category = "workshop", .name = "Atelier bois",
                                            .prerequisite = "Formation sécurité machines", .price_unit = "free"});
  auto refused = Book(coordinator_, workshop->id, atelier_, "2026-11-24T09:00", "2026-11-24T10:00");
  EXPECT_EQ(refused.error().fields.at("resource_id"), "validation.prerequisite");
  ASSERT_TRUE(service_->GrantPrerequisite(actor_, coordinator_, workshop->id, atelier_).ok());
  EXPECT_EQ(Book(coordinator_, workshop->id, atelier_, "2026-11-24T09:00", "2026-11-24T10:00")->created.size(), 1u);
  EXPECT_EQ(service_->ListQualified(actor_, observer_, workshop->id)->size(), 1u);
}

TEST_P(BookingServiceTest, BookResource_PendingUntilTheOwnerApproves) {
  auto van = Van();
  auto outcome = Book(MemberRole(atelier_), van.id, atelier_, "2026-11-26T08:00", "2026-11-27T18:00");
  ASSERT_EQ(outcome->created.size(), 1u);
  auto booking = outcome->created[0];
  EXPECT_EQ(booking.status, BookingStatus::kPending);
  EXPECT_EQ(booking.price, Money{12000});
  // The pending booking holds its slot.
  EXPECT_TRUE(Book(MemberRole(traiteur_), van.id, traiteur_, "2026-11-27T08:00", "2026-11-27T10:00")->conflicted);
  EXPECT_EQ(service_->ApproveBooking(actor_, MemberRole(traiteur_), booking.id).error().code,
            ErrorCode::kPermissionDenied);
  auto approved = service_->ApproveBooking(actor_, MemberRole(recyclerie_), booking.id);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->status, BookingStatus::kConfirmed);
  EXPECT_EQ(service_->ApproveBooking(actor_, MemberRole(recyclerie_), booking.id).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST_P(BookingServiceTest, ApproveBooking_RefusesARequestLeftPendingPastItsStart) {
  auto van = Van();
  auto booking = Book(MemberRole(atelier_), van.id, atelier_, "2026-11-26T08:00", "2026-11-26T18:00")->created[0];
  clock_.Advance(4 * 86400);  // 27 November: the day has passed
  EXPECT_EQ(service_->ApproveBooking(actor_, MemberRole(recyclerie_), booking.id).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(service_->RefuseBooking(actor_, MemberRole(recyclerie_), booking.id, "Trop tard").ok());
}

TEST_P(BookingServiceTest, RefuseAndCancel_FreeTheSlotAndNeedAReason) {
  auto van = Van();
  auto booking = Book(MemberRole(atelier_), van.id, atelier_, "2026-11-26T08:00", "2026-11-26T18:00")->created[0];
  EXPECT_EQ(service_->RefuseBooking(actor_, MemberRole(recyclerie_), booking.id, " ").error().fields.at("reason"),
            "validation.required");
  ASSERT_TRUE(service_->RefuseBooking(actor_, MemberRole(recyclerie_), booking.id, "Camion en révision").ok());
  auto again = Book(MemberRole(traiteur_), van.id, traiteur_, "2026-11-26T08:00", "2026-11-26T18:00");
  ASSERT_EQ(again->created.size(), 1u);
  EXPECT_EQ(service_->CancelBooking(actor_, MemberRole(atelier_), again->created[0].id, "plus besoin").error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->CancelBooking(actor_, MemberRole(traiteur_), again->created[0].id, "plus besoin").ok());
  clock_.Advance(10 * 86400);
  auto room = Room();
  auto later = Book(coordinator_, room.id, atelier_, "2026-12-04T09:00", "2026-12-04T10:00")->created[0];
  clock_.Advance(86400);  // now 4 December, 10:00: the booking has started
  EXPECT_EQ(service_->CancelBooking(actor_, coordinator_, later.id, "trop tard").error().code,
            ErrorCode::kFailedPrecondition);
}

TEST_P(BookingServiceTest, Recurrence_ListsConflictsThenBooksTheOthers) {
  auto room = Room();
  ASSERT_TRUE(Book(coordinator_, room.id, traiteur_, "2026-12-08T09:00", "2026-12-08T10:00").ok());
  BookingInput weekly{.recurrence = "weekly", .recurrence_until = "2026-12-22"};
  auto preview = Book(coordinator_, room.id, atelier_, "2026-12-01T09:00", "2026-12-01T11:00", BookingMode::kPreview,
                      weekly);
  ASSERT_EQ(preview->occurrences.size(), 4u);
  EXPECT_TRUE(preview->occurrences[1].conflict);
  EXPECT_TRUE(preview->created.empty());
  auto strict = Book(coordinator_, room.id, atelier_, "2026-12-01T09:00", "2026-12-01T11:00",
                     BookingMode::kAllOrNothing, weekly);
  EXPECT_TRUE(strict->conflicted);
  EXPECT_EQ(service_->ListBookings(actor_, observer_, {.resource = room.id})->total, 1);
  auto skip = Book(coordinator_, room.id, atelier_, "2026-12-01T09:00", "2026-12-01T11:00",
                   BookingMode::kSkipConflicts, weekly);
  ASSERT_EQ(skip->created.size(), 3u);
  EXPECT_TRUE(skip->created[0].series);
  EXPECT_EQ(service_->ListBookings(actor_, observer_, {.resource = room.id})->total, 4);
}

TEST_P(BookingServiceTest, Recurrence_OccurrencesThatOverlapEachOtherGiveWayToTheFirst) {
  auto hall = *service_->CreateResource(actor_, coordinator_, {.kind = "premises", .name = "Hangar"});
  BookingInput weekly{.recurrence = "weekly", .recurrence_until = "2026-12-15"};
  // Eight days, every week: the second occurrence starts before the first ends.
  auto preview = Book(coordinator_, hall.id, atelier_, "2026-12-01T09:00", "2026-12-09T09:00", BookingMode::kPreview,
                      weekly);
  ASSERT_EQ(preview->occurrences.size(), 3u);
  EXPECT_FALSE(preview->occurrences[0].Conflicted());
  EXPECT_EQ(preview->occurrences[1].collides_with, 0);
  EXPECT_FALSE(preview->occurrences[1].conflict);
  EXPECT_FALSE(preview->occurrences[2].Conflicted());
  auto booked = Book(coordinator_, hall.id, atelier_, "2026-12-01T09:00", "2026-12-09T09:00",
                     BookingMode::kSkipConflicts, weekly);
  EXPECT_EQ(booked->created.size(), 2u);
}

TEST_P(BookingServiceTest, Recurrence_RefusesMoreThan500Occurrences) {
  auto room = Room();
  auto outcome = Book(coordinator_, room.id, atelier_, "2026-11-24T09:00", "2026-11-24T10:00",
                      BookingMode::kAllOrNothing, {.recurrence = "weekly", .recurrence_until = "2036-12-31"});
  EXPECT_EQ(outcome.error().fields.at("recurrence_until"), "validation.too_many_occurrences");
}

TEST_P(BookingServiceTest, DaylightSaving_LastSundaysOfMarchAndOctober) {
  clock_ = FakeClock(Paris(2026, 3, 1, 9, 0));
  auto hall = *service_->CreateResource(actor_, coordinator_,
                                        {.kind = "premises", .name = "Salle des fêtes", .price_unit = "hour",
                                         .price_member = "10"});
  auto march = Book(coordinator_, hall.id, atelier_, "2026-03-29T01:00", "2026-03-29T04:00");
  ASSERT_EQ(march->created.size(), 1u);
  EXPECT_EQ(march->created[0].ends_at.unix_seconds - march->created[0].starts_at.unix_seconds, 2 * 3600);
  EXPECT_EQ(march->created[0].price, Money{2000});
  auto october = Book(coordinator_, hall.id, atelier_, "2026-10-25T01:00", "2026-10-25T04:00");
  ASSERT_EQ(october->created.size(), 1u);
  EXPECT_EQ(october->created[0].starts_at, Paris(2026, 10, 25, 1, 0));
  EXPECT_EQ(october->created[0].ends_at.unix_seconds - october->created[0].starts_at.unix_seconds, 4 * 3600);
  EXPECT_EQ(october->created[0].price, Money{4000});
  auto skipped = Book(coordinator_, hall.id, atelier_, "2026-03-29T02:30", "2026-03-29T05:00");
  EXPECT_EQ(skipped.error().fields.at("starts_at"), "validation.nonexistent_time");
}

TEST_P(BookingServiceTest, SearchAvailability_LeavesOutBusyClosedAndSmallResources) {
  auto room = Room();
  auto big = *service_->CreateResource(actor_, coordinator_,
                                       {.kind = "premises", .category = "room", .name = "Grande salle",
                                        .capacity = "40", .price_unit = "free"});
  Van();
  LocalDateTime start{Date{2026, 11, 24}, 9 * 60}, end{Date{2026, 11, 24}, 12 * 60};
  auto free = service_->SearchAvailability(actor_, observer_,
                                           {.kind = ResourceKind::kPremises, .capacity = 10, .start = start, .end = end});
  ASSERT_EQ(free->items.size(), 2u);
  ASSERT_TRUE(Book(coordinator_, room.id, atelier_, "2026-11-24T11:00", "2026-11-24T13:00").ok());
  free = service_->SearchAvailability(actor_, observer_,
                                      {.kind = ResourceKind::kPremises, .capacity = 10, .start = start, .end = end});
  ASSERT_EQ(free->items.size(), 1u);
  EXPECT_EQ(free->items[0].id, big.id);
  free = service_->SearchAvailability(actor_, observer_,
                                      {.kind = ResourceKind::kPremises, .capacity = 20, .start = start, .end = end});
  EXPECT_EQ(free->total, 1);
  LocalDateTime saturday{Date{2026, 11, 28}, 9 * 60}, saturday_end{Date{2026, 11, 28}, 10 * 60};
  free = service_->SearchAvailability(actor_, observer_, {.category = "room", .start = saturday, .end = saturday_end});
  ASSERT_EQ(free->total, 1);  // the Belledonne room is closed on Saturdays
  free = service_->SearchAvailability(actor_, observer_, {.text = "GRANDE", .start = start, .end = end});
  ASSERT_EQ(free->total, 1);
  EXPECT_EQ(free->items[0].id, big.id);
}

TEST_P(BookingServiceTest, SearchAvailability_FollowsEditsArchivesAndRenamesAtOnce) {
  auto room = Room(recyclerie_);
  LocalDateTime start{Date{2026, 11, 24}, 9 * 60}, end{Date{2026, 11, 24}, 10 * 60};
  const AvailabilityQuery query{.start = start, .end = end};
  EXPECT_EQ(service_->SearchAvailability(actor_, observer_, query)->total, 1);  // cached from here on
  ASSERT_TRUE(service_->UpdateResource(actor_, coordinator_, room.id, room.version, {.capacity = "3"}).ok());
  EXPECT_EQ(*service_->SearchAvailability(actor_, observer_, query)->items[0].capacity, 3);
  auto member = members_->GetMember(actor_, coordinator_, recyclerie_).value();
  ASSERT_TRUE(members_->UpdateMember(actor_, coordinator_, recyclerie_, member.version, {.name = "Recyclerie 2"}).ok());
  EXPECT_EQ(service_->SearchAvailability(actor_, observer_, query)->items[0].owner_name, "Recyclerie 2");
  ASSERT_TRUE(service_->ArchiveResource(actor_, coordinator_, room.id).ok());
  EXPECT_EQ(service_->SearchAvailability(actor_, observer_, query)->total, 0);
  ASSERT_TRUE(service_->RestoreResource(actor_, coordinator_, room.id).ok());
  EXPECT_EQ(service_->SearchAvailability(actor_, observer_, query)->total, 1);
}

TEST_P(BookingServiceTest, SearchAvailability_PagesByName) {
  for (const char* name : {"Salle C", "Salle A", "Salle B"})
    ASSERT_TRUE(service_->CreateResource(actor_, coordinator_, {.kind = "premises", .name = name}).ok());
  LocalDateTime start{Date{2026, 11, 24}, 9 * 60}, end{Date{2026, 11, 24}, 10 * 60};
  auto second = service_->SearchAvailability(actor_, observer_, {.start = start, .end = end, .page = 2, .per_page = 2});
  EXPECT_EQ(second->total, 3);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].name, "Salle C");
  auto beyond = service_->SearchAvailability(actor_, observer_, {.start = start, .end = end, .page = 9});
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 3);
}

TEST_P(BookingServiceTest, ConcurrentBookings_ExactlyOneWinsEachSlot) {
  auto room = Room();
  std::atomic<int> won{0}, lost{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      // Overlapping slots: every pair of requests collides.
      std::string start = i % 2 == 0 ? "2026-11-24T09:00" : "2026-11-24T10:00";
      auto outcome = Book(coordinator_, room.id, i % 3 == 0 ? atelier_ : traiteur_, start, "2026-11-24T11:00");
      if (!outcome.ok()) ++failed;
      else if (outcome->created.size() == 1) ++won;
      else ++lost;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 15);
  EXPECT_EQ(failed.load(), 0);
}

TEST_P(BookingServiceTest, FeedCalendar_ServesTheResourcesBookingsBehindItsToken) {
  auto room = Room();
  ASSERT_TRUE(Book(coordinator_, room.id, atelier_, "2026-11-24T09:00", "2026-11-24T12:00", BookingMode::kAllOrNothing,
                   {.title = "Réunion; bilan, annuel"})
                  .ok());
  auto token = service_->FeedToken(actor_, observer_, {.resource = room.id});
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(*service_->FeedToken(actor_, observer_, {.resource = room.id}), *token);
  auto calendar = service_->FeedCalendar(*token);
  ASSERT_TRUE(calendar.ok());
  EXPECT_NE(calendar->find("SUMMARY:Réunion\\; bilan\\, annuel · Salle Belledonne"), std::string::npos);
  EXPECT_NE(calendar->find("DTSTART:20261124T080000Z"), std::string::npos);
  EXPECT_EQ(service_->RenewFeedToken(actor_, observer_, {.resource = room.id}).error().code,
            ErrorCode::kPermissionDenied);
  auto renewed = service_->RenewFeedToken(actor_, coordinator_, {.resource = room.id});
  EXPECT_NE(*renewed, *token);
  EXPECT_EQ(service_->FeedCalendar(*token).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->FeedToken(actor_, MemberRole(atelier_), {.member = traiteur_}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->FeedToken(actor_, other_hub_, {.resource = room.id}).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, BookingServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::pooling
