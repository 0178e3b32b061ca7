#include "bids_rules.h"

#include <gtest/gtest.h>

#include <limits>

namespace coopole::cooperation::bids_rules {
namespace {

CoContractor Co(std::int64_t member, std::int64_t share_bp) {
  return CoContractor{.member = MemberId{member}, .share_bp = share_bp};
}

TEST(BidTransitions, FollowTheLifeOfABid) {
  EXPECT_TRUE(MayMove(BidStatus::kWatching, BidStatus::kPreparing));
  EXPECT_TRUE(MayMove(BidStatus::kPreparing, BidStatus::kSubmitted));
  EXPECT_TRUE(MayMove(BidStatus::kSubmitted, BidStatus::kWon));
  EXPECT_TRUE(MayMove(BidStatus::kSubmitted, BidStatus::kLost));
  EXPECT_TRUE(MayMove(BidStatus::kPreparing, BidStatus::kWithdrawn));
  EXPECT_TRUE(MayMove(BidStatus::kPreparing, BidStatus::kWatching));
}

TEST(BidTransitions, RefuseSkippingStepsAndLeavingFinalStatuses) {
  EXPECT_FALSE(MayMove(BidStatus::kWatching, BidStatus::kWon));
  EXPECT_FALSE(MayMove(BidStatus::kWatching, BidStatus::kSubmitted));
  EXPECT_FALSE(MayMove(BidStatus::kPreparing, BidStatus::kWon));
  EXPECT_FALSE(MayMove(BidStatus::kWon, BidStatus::kLost));
  EXPECT_FALSE(MayMove(BidStatus::kLost, BidStatus::kPreparing));
  EXPECT_FALSE(MayMove(BidStatus::kWithdrawn, BidStatus::kPreparing));
  EXPECT_FALSE(MayMove(BidStatus::kSubmitted, BidStatus::kSubmitted));
  EXPECT_TRUE(NextStatuses(BidStatus::kWon).empty());
}

TEST(BidCodes, RoundTrip) {
  for (auto s : {BidStatus::kWatching, BidStatus::kPreparing, BidStatus::kSubmitted, BidStatus::kWon, BidStatus::kLost,
                 BidStatus::kWithdrawn})
    EXPECT_EQ(ParseBidStatus(BidStatusCode(s)), s);
  EXPECT_EQ(ParseBidKind("tender"), BidKind::kTender);
  EXPECT_EQ(ParseBidKind("call_for_projects"), BidKind::kCallForProjects);
  EXPECT_FALSE(ParseBidKind("marche"));
  EXPECT_FALSE(ParseBidStatus("gagné"));
}

TEST(CoContractorShares, SummingToExactly100PercentPass) {
  EXPECT_TRUE(CheckCoContractors({Co(1, 5000), Co(2, 3000), Co(3, 2000)}, MemberId{1}).empty());
  EXPECT_TRUE(CheckCoContractors({Co(1, 3334), Co(2, 3333), Co(3, 3333)}, MemberId{2}).empty());
  EXPECT_TRUE(CheckCoContractors({Co(1, 10000)}, MemberId{1}).empty());
}

TEST(CoContractorShares, AnyOtherTotalIsAnErrorOnShares) {
  auto under = CheckCoContractors({Co(1, 5000), Co(2, 4999)}, MemberId{1});
  EXPECT_EQ(under["shares"], "cooperation.bids.error.shares_total");
  auto over = CheckCoContractors({Co(1, 6000), Co(2, 4001)}, MemberId{1});
  EXPECT_EQ(over["shares"], "cooperation.bids.error.shares_total");
  EXPECT_EQ(ShareTotal({Co(1, 6000), Co(2, 4001)}), 10001);
  // A negative share cannot make up for an excess.
  auto negative = CheckCoContractors({Co(1, 12000), Co(2, -2000)}, MemberId{1});
  EXPECT_EQ(negative.count("shares"), 1u);
}

TEST(CoContractorShares, AMemberTwiceNoMemberOrALeadOutsideAreErrors) {
  auto twice = CheckCoContractors({Co(1, 5000), Co(1, 5000)}, MemberId{1});
  EXPECT_EQ(twice["members"], "cooperation.bids.error.member_twice");
  EXPECT_EQ(twice.count("shares"), 0u);
  EXPECT_EQ(CheckCoContractors({}, MemberId{1})["members"], "cooperation.bids.error.no_members");
  auto outside = CheckCoContractors({Co(1, 5000), Co(2, 5000)}, MemberId{3});
  EXPECT_EQ(outside["lead_member_id"], "cooperation.bids.error.lead_not_member");
}

TEST(PercentText, ParsesFrenchAndEnglishDecimals) {
  EXPECT_EQ(ParsePercent("33,33"), 3333);
  EXPECT_EQ(ParsePercent("33.34"), 3334);
  EXPECT_EQ(ParsePercent("5"), 500);
  EXPECT_EQ(ParsePercent("12,5 %"), 1250);
  EXPECT_EQ(ParsePercent("12,5\xC2\xA0%"), 1250);      // no-break space
  EXPECT_EQ(ParsePercent("12,5\xE2\x80\xAF%"), 1250);  // narrow no-break space
  EXPECT_FALSE(ParsePercent("12,5\xC2\xA0"));
  EXPECT_EQ(ParsePercent(" 100 "), 10000);
  EXPECT_FALSE(ParsePercent("-5"));
  EXPECT_FALSE(ParsePercent("1,234"));
  EXPECT_FALSE(ParsePercent("cinq"));
  EXPECT_FALSE(ParsePercent(""));
  EXPECT_EQ(FormatBasisPoints(9500), "95,00");
  EXPECT_EQ(FormatBasisPoints(3333), "33,33");
  EXPECT_EQ(FormatBasisPoints(5), "0,05");
  EXPECT_EQ(ParseBasisPoints("3333"), 3333);
  EXPECT_FALSE(ParseBasisPoints("33,3"));
}

TEST(PlainEurosText, HasACommaAndNoThousandsSeparator) {
  EXPECT_EQ(PlainEuros(Money{123450}), "1234,50");
  EXPECT_EQ(PlainEuros(Money{5}), "0,05");
  EXPECT_EQ(PlainEuros(Money{-5}), "-0,05");
  EXPECT_EQ(PlainEuros(Money{0}), "0,00");
}

// The extremes of int64 format (a JSON rate or amount can carry them): no negation overflow.
TEST(PlainEurosText, FormatsTheExtremesOfInt64) {
  EXPECT_EQ(PlainEuros(Money{std::numeric_limits<std::int64_t>::min()}), "-92233720368547758,08");
  EXPECT_EQ(PlainEuros(Money{std::numeric_limits<std::int64_t>::max()}), "92233720368547758,07");
  EXPECT_EQ(FormatBasisPoints(std::numeric_limits<std::int64_t>::min()), "-92233720368547758,08");
  EXPECT_FALSE(ParsePercent(FormatBasisPoints(std::numeric_limits<std::int64_t>::min())));
}

TEST(Reminders, ThresholdsOf14_7And2Days) {
  EXPECT_EQ(DaysLeft(Date{2026, 11, 23}, Date{2026, 12, 3}), 10);
  EXPECT_EQ(DaysLeft(Date{2026, 12, 30}, Date{2027, 1, 2}), 3);
  EXPECT_EQ(ReminderThreshold(15), std::nullopt);
  EXPECT_EQ(ReminderThreshold(14), 14);
  EXPECT_EQ(ReminderThreshold(8), 14);
  EXPECT_EQ(ReminderThreshold(7), 7);
  EXPECT_EQ(ReminderThreshold(3), 7);
  EXPECT_EQ(ReminderThreshold(2), 2);
  EXPECT_EQ(ReminderThreshold(0), 2);
  EXPECT_EQ(ReminderThreshold(-1), std::nullopt);
  EXPECT_TRUE(AwaitsSubmission(BidStatus::kPreparing));
  EXPECT_TRUE(AwaitsSubmission(BidStatus::kWatching));
  EXPECT_FALSE(AwaitsSubmission(BidStatus::kSubmitted));
  EXPECT_FALSE(AwaitsSubmission(BidStatus::kWon));
}

TEST(Deadline, PassedOnlyWhenBeforeNow) {
  EXPECT_TRUE(DeadlinePassed(Timestamp{99}, Timestamp{100}));
  EXPECT_FALSE(DeadlinePassed(Timestamp{100}, Timestamp{100}));
  EXPECT_FALSE(DeadlinePassed(std::nullopt, Timestamp{100}));
}

}  // namespace
}  // namespace coopole::cooperation::bids_rules
