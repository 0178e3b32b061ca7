// The newcomer welcome on both databases: who is a newcomer, the checklist items (charter
// from members or ticked, introduction, buddy, breakfast from events), 422s, roles, closing.
#include "groups_test_fixture.h"

namespace coopole::animation {
namespace {

using WelcomeServiceTest = GroupServiceTest;

TEST_P(WelcomeServiceTest, NewcomersJoinedWithinAYearOrWithoutAJoinDate) {
  auto list = service_->ListNewcomers(actor_, observer_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].member, ressourcerie_);  // created today
  EXPECT_EQ((*list)[1].member, garage_);
  EXPECT_EQ((*list)[1].joined_on, (Date{2026, 9, 15}));
  EXPECT_EQ((*list)[1].Progress(), 0);
}

TEST_P(WelcomeServiceTest, AnOpenChecklistKeepsAnOlderMemberListed) {
  auto w = service_->UpdateWelcome(actor_, coordinator_, epicerie_, 0, {.introduced_on = "2026-11-05"});
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(service_->ListNewcomers(actor_, coordinator_)->size(), 3u);
  // Once closed, it is among the closed ones shown on request (it once vanished, as the
  // épicerie joined years ago).
  AddEvent(9, coordinator_.hub.id, "newcomer_breakfast", std::nullopt, epicerie_, "held", Paris(2026, 11, 10, 8, 30));
  auto complete = service_->UpdateWelcome(actor_, coordinator_, epicerie_, w->version,
                                          {.charter = "1", .buddy_member_id = Id(garage_)});
  ASSERT_TRUE(complete.ok()) << complete.error().message;
  ASSERT_TRUE(service_->CloseWelcome(actor_, coordinator_, epicerie_, complete->version).ok());
  EXPECT_EQ(service_->ListNewcomers(actor_, coordinator_)->size(), 2u);
  auto with_closed = service_->ListNewcomers(actor_, coordinator_, true);
  ASSERT_EQ(with_closed->size(), 3u);
  EXPECT_EQ(with_closed->back().member, epicerie_);
}

TEST_P(WelcomeServiceTest, ChecklistItemsAndTheirErrors) {
  auto self = service_->UpdateWelcome(actor_, coordinator_, garage_, 0, {.buddy_member_id = Id(garage_)});
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(self.error().fields.at("buddy_member_id"), "animation.welcome.error.buddy_self");
  auto foreign = service_->UpdateWelcome(actor_, coordinator_, garage_, 0,
                                         {.introduced_on = "demain", .buddy_member_id = Id(nordiste_)});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().fields.at("buddy_member_id"), "animation.groups.error.not_member");
  EXPECT_EQ(foreign.error().fields.at("introduced_on"), "validation.date");
  auto w = service_->UpdateWelcome(actor_, coordinator_, garage_, 0,
                                   {.charter = "1", .introduced_on = "2026-10-02", .buddy_member_id = Id(epicerie_)});
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_TRUE(w->charter_done);
  EXPECT_EQ(w->buddy_name, "Épicerie Solidaire du Vercors");
  EXPECT_EQ(w->Progress(), 3);
  EXPECT_EQ(w->version, 1);
  auto stale = service_->UpdateWelcome(actor_, coordinator_, garage_, 0, {.charter = "0"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

TEST_P(WelcomeServiceTest, TheBreakfastComesFromEventsAndClosingNeedsAllFour) {
  auto w = service_->UpdateWelcome(actor_, coordinator_, garage_, 0,
                                   {.charter = "1", .introduced_on = "2026-10-02", .buddy_member_id = Id(epicerie_)});
  ASSERT_TRUE(w.ok());
  auto early = service_->CloseWelcome(actor_, coordinator_, garage_, w->version);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().fields.at("welcome"), "animation.welcome.error.incomplete");
  AddEvent(7, coordinator_.hub.id, "newcomer_breakfast", std::nullopt, garage_, "cancelled", Paris(2026, 12, 10, 8, 30));
  EXPECT_FALSE(service_->GetWelcome(actor_, coordinator_, garage_)->breakfast_done);
  AddEvent(8, coordinator_.hub.id, "newcomer_breakfast", std::nullopt, garage_, "planned", Paris(2026, 12, 12, 8, 30));
  EXPECT_TRUE(service_->GetWelcome(actor_, coordinator_, garage_)->breakfast_done);
  auto closed = service_->CloseWelcome(actor_, coordinator_, garage_, w->version);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_TRUE(closed->closed);
  EXPECT_EQ(service_->ListNewcomers(actor_, coordinator_)->size(), 1u);
  EXPECT_EQ(service_->ListNewcomers(actor_, coordinator_, true)->size(), 2u);
  // Editing it later keeps the date it was closed on (each edit once moved it to "now").
  auto closed_at = [&] {
    auto tx = pool_->Begin(db::TxMode::kRead);
    db::Params p;
    p.push_back(garage_.value);
    return tx.Query("SELECT closed_at FROM animation_welcome WHERE member_id = ?", p).Int(0, 0);
  };
  const auto first = closed_at();
  clock_.Advance(48 * 3600);
  auto edited = service_->UpdateWelcome(actor_, coordinator_, garage_, closed->version, {.introduced_on = "2026-10-03"});
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_TRUE(edited->closed);
  EXPECT_EQ(closed_at(), first);
}

TEST_P(WelcomeServiceTest, AMemberReadsItsOwnChecklistOnlyAndCannotTick) {
  auto own = service_->ListNewcomers(actor_, MemberRole(garage_));
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].member, garage_);
  EXPECT_EQ(service_->GetWelcome(actor_, MemberRole(garage_), ressourcerie_).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->UpdateWelcome(actor_, MemberRole(garage_), garage_, 0, {.charter = "1"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->UpdateWelcome(actor_, observer_, garage_, 0, {.charter = "1"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->GetWelcome(actor_, coordinator_, nordiste_).error().code, ErrorCode::kNotFound);
}

TEST_P(WelcomeServiceTest, TheHomeShowsUpcomingEventsActiveGroupsAndNewcomers) {
  CreateFood();
  AddEvent(1, coordinator_.hub.id, "meeting", std::nullopt, std::nullopt, "planned", Paris(2026, 12, 8, 18, 0));
  AddEvent(2, coordinator_.hub.id, "meeting", std::nullopt, std::nullopt, "planned", Paris(2026, 12, 1, 18, 0));
  AddEvent(3, other_hub_.hub.id, "meeting", std::nullopt, std::nullopt, "planned", Paris(2026, 12, 9, 18, 0));
  auto home = service_->Home(actor_, observer_);
  ASSERT_TRUE(home.ok());
  ASSERT_EQ(home->upcoming.size(), 1u);
  EXPECT_EQ(home->upcoming[0].id, EventId{1});
  EXPECT_EQ(home->active_group_count, 1);
  EXPECT_EQ(home->newcomers.size(), 2u);
}

TEST_P(WelcomeServiceTest, EachNewcomerIsAnnouncedOnceToItsHubsCoordinators) {
  auto coordinator = identity_->CreateUser({.email = "coord@pole.fr", .name = "Coord", .password = "correct horse"});
  ASSERT_TRUE(coordinator.ok());
  ASSERT_TRUE(identity_->GrantRole(coordinator->id, coordinator_.hub.id, identity::Role::kCoordinator, std::nullopt).ok());
  // Garage and Ressourcerie in pole-sud, the Coopérative du Nord in pole-nord; not the épicerie.
  EXPECT_EQ(service_->AnnounceNewcomers(), 3);
  EXPECT_EQ(service_->AnnounceNewcomers(), 0);
  auto tx = pool_->Begin(db::TxMode::kRead);
  db::Params p;
  p.push_back(coordinator->id.value);
  auto rows = tx.Query("SELECT COUNT(*) FROM animation_notices WHERE user_id = ?", p);
  EXPECT_EQ(rows.Int(0, 0), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, WelcomeServiceTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::animation
