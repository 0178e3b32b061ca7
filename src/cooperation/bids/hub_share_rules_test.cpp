#include "hub_share_rules.h"

#include <gtest/gtest.h>

namespace coopole::cooperation::hub_share_rules {
namespace {

Contract FivePercent(std::optional<Money> cap = std::nullopt) {
  Contract c;
  c.hub_rate_bp = 500;
  c.cap = cap;
  c.members = {{.member = MemberId{1}}, {.member = MemberId{2}, .rate_bp = 200}, {.member = MemberId{3}}};
  return c;
}

InvoiceLine Line(std::int64_t id, std::int64_t member, Date on, std::int64_t cents) {
  return InvoiceLine{.id = id, .member = MemberId{member}, .invoiced_on = on, .amount = Money{cents}};
}

TEST(HubShareRate, RoundsToTheCentHalvesAwayFromZero) {
  EXPECT_EQ(ApplyRate(Money{100000}, 500).cents, 5000);   // 1 000 € x 5 % = 50 €
  EXPECT_EQ(ApplyRate(Money{123450}, 250).cents, 3086);   // 30,8625 -> 30,86
  EXPECT_EQ(ApplyRate(Money{10}, 500).cents, 1);          // 0,005 -> 0,01 (half up)
  EXPECT_EQ(ApplyRate(Money{9}, 500).cents, 0);           // 0,0045 -> 0,00
  EXPECT_EQ(ApplyRate(Money{30}, 500).cents, 2);          // 0,015 -> 0,02
  EXPECT_EQ(ApplyRate(Money{-10}, 500).cents, -1);        // symmetric
  EXPECT_EQ(ApplyRate(Money{123456}, 0).cents, 0);
  EXPECT_EQ(ApplyRate(Money{123456}, 10000).cents, 123456);
}

TEST(HubShareRate, ValidBetween0And100Percent) {
  EXPECT_TRUE(ValidRate(0));
  EXPECT_TRUE(ValidRate(10000));
  EXPECT_FALSE(ValidRate(-1));
  EXPECT_FALSE(ValidRate(10001));
}

TEST(HubShareDue, AMemberOverrideReplacesTheContractRate) {
  auto c = FivePercent();
  EXPECT_EQ(RateOf(c, MemberId{1}), 500);
  EXPECT_EQ(RateOf(c, MemberId{2}), 200);
  EXPECT_EQ(RateOf(c, MemberId{9}), 500);
  auto due = SharesDue({Line(1, 1, {2026, 3, 1}, 200000), Line(2, 2, {2026, 3, 2}, 200000)}, c, Money{0});
  EXPECT_EQ(due[1].cents, 10000);  // 2 000 € x 5 %
  EXPECT_EQ(due[2].cents, 4000);   // 2 000 € x 2 %
}

TEST(HubShareDue, TheCapHoldsAcrossTheContractInDateOrder) {
  auto c = FivePercent(Money{15000});  // at most 150 €
  // Listed out of order: the earlier invoice (id 3) takes the cap first.
  auto due = SharesDue({Line(1, 1, {2026, 5, 1}, 200000), Line(3, 3, {2026, 4, 1}, 200000),
                        Line(2, 1, {2026, 6, 1}, 200000)},
                       c, Money{0});
  EXPECT_EQ(due[3].cents, 10000);
  EXPECT_EQ(due[1].cents, 5000);
  EXPECT_EQ(due[2].cents, 0);
}

TEST(HubShareDue, WhatEarlierCallsConsumedCountsAgainstTheCap) {
  auto c = FivePercent(Money{15000});
  auto due = SharesDue({Line(1, 1, {2026, 5, 1}, 200000)}, c, Money{12000});
  EXPECT_EQ(due[1].cents, 3000);
  auto none = SharesDue({Line(1, 1, {2026, 5, 1}, 200000)}, c, Money{20000});
  EXPECT_EQ(none[1].cents, 0);
}

TEST(HubShareDue, SameDateKeepsDeclarationOrder) {
  auto c = FivePercent(Money{6000});
  auto due = SharesDue({Line(7, 1, {2026, 5, 1}, 100000), Line(5, 3, {2026, 5, 1}, 100000)}, c, Money{0});
  EXPECT_EQ(due[5].cents, 5000);
  EXPECT_EQ(due[7].cents, 1000);
}

TEST(ContractSplit, DefaultMemberAmountIsShareTimesAmount) {
  EXPECT_EQ(DefaultMemberAmount(Money{10000000}, 3333).cents, 3333000);
  EXPECT_EQ(DefaultMemberAmount(Money{100}, 3333).cents, 33);
  EXPECT_EQ(DefaultMemberAmount(Money{150}, 5000).cents, 75);
  EXPECT_EQ(DefaultMemberAmount(Money{1}, 5000).cents, 1);  // 0,5 cent -> 1
}

TEST(ShareArrears, OnlyAfterTheDueDateAndNeverNegative) {
  const Date due{2026, 11, 30};
  EXPECT_EQ(Arrears(Money{5000}, Money{2000}, due, Date{2026, 11, 30}).cents, 0);
  EXPECT_EQ(Arrears(Money{5000}, Money{2000}, due, Date{2026, 12, 1}).cents, 3000);
  EXPECT_EQ(Arrears(Money{5000}, Money{6000}, due, Date{2026, 12, 1}).cents, 0);
}

}  // namespace
}  // namespace coopole::cooperation::hub_share_rules
