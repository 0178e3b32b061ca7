// Pure rules of events: kinds, moves, the reply window, the waiting list.
#include "events_rules.h"

#include <gtest/gtest.h>

namespace coopole::animation::events_rules {
namespace {

TEST(EventRules, KindsRepliesAndMoves) {
  EXPECT_TRUE(IsKind("newcomer_breakfast"));
  EXPECT_TRUE(IsKind("general_assembly"));
  EXPECT_FALSE(IsKind("party"));
  EXPECT_TRUE(IsReply("maybe"));
  EXPECT_FALSE(IsReply("pending"));
  EXPECT_TRUE(MayMove("planned", "held"));
  EXPECT_TRUE(MayMove("planned", "cancelled"));
  EXPECT_FALSE(MayMove("held", "planned"));
  EXPECT_FALSE(MayMove("cancelled", "held"));
}

TEST(EventRules, RepliesCloseWhenTheEventEndsOrIsCancelled) {
  const Timestamp end{1000};
  EXPECT_EQ(ReplyRefusal("planned", end, Timestamp{999}), "");
  EXPECT_EQ(ReplyRefusal("planned", end, Timestamp{1000}), "animation.invitations.error.over");
  EXPECT_EQ(ReplyRefusal("held", end, Timestamp{10}), "animation.invitations.error.over");
  EXPECT_EQ(ReplyRefusal("cancelled", end, Timestamp{10}), "animation.invitations.error.cancelled");
}

TEST(WaitingList, AYesTakesAFreeSeatElseWaitsLast) {
  std::vector<Seat> seats{{1, "yes", std::nullopt}, {2, "no", std::nullopt}};
  EXPECT_EQ(PositionForYes(std::nullopt, seats), std::nullopt);
  EXPECT_EQ(PositionForYes(2, seats), std::nullopt);
  seats.push_back({3, "yes", std::nullopt});
  EXPECT_EQ(PositionForYes(2, seats), std::optional<std::int64_t>(1));
  seats.push_back({4, "yes", 1});
  EXPECT_EQ(PositionForYes(2, seats), std::optional<std::int64_t>(2));
}

TEST(WaitingList, AFreedSeatPromotesTheFirstWaitingAndRenumbers) {
  std::vector<Seat> seats{{1, "maybe", std::nullopt}, {2, "yes", std::nullopt}, {3, "yes", 2}, {4, "yes", 1}, {5, "yes", 3}};
  auto promoted = Rebalance(2, seats);
  ASSERT_EQ(promoted, std::vector<std::int64_t>{4});
  EXPECT_FALSE(seats[3].position);
  EXPECT_EQ(seats[2].position, std::optional<std::int64_t>(1));
  EXPECT_EQ(seats[4].position, std::optional<std::int64_t>(2));
}

TEST(WaitingList, MoreCapacityPromotesSeveralNoCapacityEveryoneAndNobodyIsDemoted) {
  std::vector<Seat> seats{{1, "yes", std::nullopt}, {2, "yes", std::nullopt}, {3, "yes", 1}, {4, "yes", 2}};
  EXPECT_EQ(Rebalance(3, seats), std::vector<std::int64_t>{3});
  EXPECT_EQ(seats[3].position, std::optional<std::int64_t>(1));
  EXPECT_EQ(Rebalance(std::nullopt, seats), std::vector<std::int64_t>{4});
  std::vector<Seat> full{{1, "yes", std::nullopt}, {2, "yes", std::nullopt}, {3, "yes", std::nullopt}};
  EXPECT_TRUE(Rebalance(1, full).empty());  // lowering the capacity keeps confirmed seats
  for (const auto& s : full) EXPECT_FALSE(s.position);
}

TEST(WaitingList, ANoOrMaybeLeavesTheListAndClosesTheGap) {
  std::vector<Seat> seats{{1, "yes", std::nullopt}, {2, "no", 1}, {3, "yes", 2}};
  EXPECT_TRUE(Rebalance(1, seats).empty());
  EXPECT_FALSE(seats[1].position);
  EXPECT_EQ(seats[2].position, std::optional<std::int64_t>(1));
}

}  // namespace
}  // namespace coopole::animation::events_rules
