#include "ledger_rules.h"

#include <gtest/gtest.h>

namespace coopole::pooling {
namespace {

Party Member(std::int64_t id, std::string name) { return Party{MemberId{id}, std::move(name)}; }
Party Hub() { return Party{std::nullopt, ""}; }

StatementLine Line(Party debtor, Party creditor, std::int64_t cents) {
  StatementLine line;
  line.kind = FlowKind::kService;
  line.on = Date{2026, 11, 2};
  line.debtor = std::move(debtor);
  line.creditor = std::move(creditor);
  line.amount = Money{cents};
  return line;
}

Lease LeaseOf(std::int64_t rent_cents, Date starts, std::optional<Date> ends) {
  Lease lease;
  lease.monthly_rent = Money{rent_cents};
  lease.starts_on = starts;
  lease.ends_on = ends;
  return lease;
}

// --- RepaymentSchedule ------------------------------------------------------------------

TEST(LedgerRules, RepaymentSchedule_PutsTheRemainderOnTheLastInstallment) {
  auto schedule = RepaymentSchedule(Money{100000}, 3, Date{2026, 12, 15});
  ASSERT_EQ(schedule.size(), 3u);
  EXPECT_EQ(schedule[0].amount, Money{33333});
  EXPECT_EQ(schedule[1].amount, Money{33333});
  EXPECT_EQ(schedule[2].amount, Money{33334});
  EXPECT_EQ(schedule[0].due_on, (Date{2026, 12, 15}));
  EXPECT_EQ(schedule[1].due_on, (Date{2027, 1, 15}));
  EXPECT_EQ(schedule[2].due_on, (Date{2027, 2, 15}));
  for (const auto& installment : schedule) EXPECT_EQ(installment.paid, Money{0});
}

TEST(LedgerRules, RepaymentSchedule_SumsExactlyToTheAmount) {
  for (int count : {1, 2, 7, 12, 120}) {
    auto schedule = RepaymentSchedule(Money{123457}, count, Date{2027, 1, 1});
    std::int64_t total = 0;
    for (const auto& installment : schedule) total += installment.amount.cents;
    EXPECT_EQ(total, 123457) << count;
    EXPECT_EQ(schedule.size(), static_cast<std::size_t>(count));
  }
}

TEST(LedgerRules, RepaymentSchedule_ClampsToTheMonthEndWithoutDrifting) {
  auto schedule = RepaymentSchedule(Money{3000}, 4, Date{2027, 1, 31});
  ASSERT_EQ(schedule.size(), 4u);
  EXPECT_EQ(schedule[1].due_on, (Date{2027, 2, 28}));
  EXPECT_EQ(schedule[2].due_on, (Date{2027, 3, 31}));  // back to the 31st, not the 28th
  EXPECT_EQ(schedule[3].due_on, (Date{2027, 4, 30}));
  auto leap = RepaymentSchedule(Money{2000}, 2, Date{2028, 1, 31});
  EXPECT_EQ(leap[1].due_on, (Date{2028, 2, 29}));
}

TEST(LedgerRules, RepaymentSchedule_CrossesTheYear) {
  auto schedule = RepaymentSchedule(Money{200}, 2, Date{2026, 12, 5});
  EXPECT_EQ(schedule[1].due_on, (Date{2027, 1, 5}));
  EXPECT_EQ(schedule[0].amount, Money{100});
}

// --- AllocateRepayments -----------------------------------------------------------------

TEST(LedgerRules, AllocateRepayments_PaysTheOldestInstallmentFirst) {
  auto schedule = RepaymentSchedule(Money{30000}, 3, Date{2027, 1, 10});
  auto extra = AllocateRepayments(schedule, {{Date{2027, 1, 9}, Money{8000}}, {Date{2027, 2, 1}, Money{7000}}});
  EXPECT_EQ(extra, Money{0});
  EXPECT_EQ(schedule[0].paid, Money{10000});
  EXPECT_EQ(schedule[1].paid, Money{5000});
  EXPECT_EQ(schedule[2].paid, Money{0});
}

TEST(LedgerRules, AllocateRepayments_FollowsDueDatesEvenWhenTheListIsNotSorted) {
  std::vector<Installment> schedule = {{Date{2027, 3, 1}, Money{100}, Money{0}},
                                       {Date{2027, 1, 1}, Money{100}, Money{0}}};
  AllocateRepayments(schedule, {{Date{2027, 1, 1}, Money{150}}});
  EXPECT_EQ(schedule[1].paid, Money{100});
  EXPECT_EQ(schedule[0].paid, Money{50});
}

TEST(LedgerRules, AllocateRepayments_ReturnsWhatIsRepaidBeyondTheSchedule) {
  auto schedule = RepaymentSchedule(Money{1000}, 2, Date{2027, 1, 10});
  EXPECT_EQ(AllocateRepayments(schedule, {{Date{2027, 1, 1}, Money{1250}}}), Money{250});
  EXPECT_EQ(schedule[0].paid, Money{500});
  EXPECT_EQ(schedule[1].paid, Money{500});
}

TEST(LedgerRules, AllocateRepayments_ResetsPreviousAllocation) {
  auto schedule = RepaymentSchedule(Money{1000}, 2, Date{2027, 1, 10});
  AllocateRepayments(schedule, {{Date{2027, 1, 1}, Money{1000}}});
  AllocateRepayments(schedule, {});
  EXPECT_EQ(schedule[0].paid, Money{0});
  EXPECT_EQ(schedule[1].paid, Money{0});
}

// --- OverdueAmount ----------------------------------------------------------------------

TEST(LedgerRules, OverdueAmount_CountsOnlyInstallmentsDueStrictlyBeforeToday) {
  auto schedule = RepaymentSchedule(Money{30000}, 3, Date{2027, 1, 10});
  EXPECT_EQ(OverdueAmount(schedule, Date{2027, 1, 10}), Money{0});  // due today: not yet overdue
  EXPECT_EQ(OverdueAmount(schedule, Date{2027, 1, 11}), Money{10000});
  EXPECT_EQ(OverdueAmount(schedule, Date{2027, 3, 11}), Money{30000});
}

TEST(LedgerRules, OverdueAmount_SubtractsWhatWasPaid) {
  auto schedule = RepaymentSchedule(Money{30000}, 3, Date{2027, 1, 10});
  AllocateRepayments(schedule, {{Date{2027, 1, 10}, Money{12000}}});
  EXPECT_EQ(OverdueAmount(schedule, Date{2027, 2, 11}), Money{8000});
}

// --- AmountForHours ---------------------------------------------------------------------

TEST(LedgerRules, AmountForHours_MultipliesHundredthsOfHours) {
  EXPECT_EQ(AmountForHours(350, Money{4000}), Money{14000});  // 3,5 h x 40 €
  EXPECT_EQ(AmountForHours(0, Money{4000}), Money{0});
}

TEST(LedgerRules, AmountForHours_RoundsHalfUpToTheCent) {
  EXPECT_EQ(AmountForHours(150, Money{1}), Money{2});     // 1.5 cents -> 2
  EXPECT_EQ(AmountForHours(149, Money{1}), Money{1});     // 1.49 cents -> 1
  EXPECT_EQ(AmountForHours(125, Money{1999}), Money{2499});  // 2498.75 -> 2499
  EXPECT_EQ(AmountForHours(10, Money{1005}), Money{101});    // 100.5 -> 101
  EXPECT_EQ(AmountForHours(150, Money{-1}), Money{-2});   // half away from zero
}

TEST(LedgerRules, AmountForHours_DoesNotOverflowOnLargeProducts) {
  EXPECT_EQ(AmountForHours(744'00, Money{1'000'000'000'000}), Money{744'000'000'000'000});
}

// --- RentDue ----------------------------------------------------------------------------

TEST(LedgerRules, RentDue_FullMonthIsTheMonthlyRent) {
  auto lease = LeaseOf(45000, Date{2026, 1, 1}, std::nullopt);
  EXPECT_EQ(RentDue(lease, Month{2026, 11}), Money{45000});
  EXPECT_EQ(RentDue(lease, Month{2026, 2}), Money{45000});
}

TEST(LedgerRules, RentDue_ProratesTheFirstMonthByDaysOccupied) {
  // From 20 November: 11 days of 30.
  auto lease = LeaseOf(30000, Date{2026, 11, 20}, std::nullopt);
  EXPECT_EQ(RentDue(lease, Month{2026, 11}), Money{11000});
  EXPECT_EQ(RentDue(lease, Month{2026, 12}), Money{30000});
}

TEST(LedgerRules, RentDue_ProratesTheLastMonthAndRoundsHalfUp) {
  // Until 10 February 2027 (inclusive): 10 days of 28; 10001 x 10 / 28 = 3571.79 -> 3572.
  auto lease = LeaseOf(10001, Date{2026, 1, 1}, Date{2027, 2, 10});
  EXPECT_EQ(RentDue(lease, Month{2027, 2}), Money{3572});
  // 100 x 14 / 28 = 50 exactly; 1 x 14 / 28 = 0.5 -> 1.
  EXPECT_EQ(RentDue(LeaseOf(100, Date{2026, 1, 1}, Date{2027, 2, 14}), Month{2027, 2}), Money{50});
  EXPECT_EQ(RentDue(LeaseOf(1, Date{2026, 1, 1}, Date{2027, 2, 14}), Month{2027, 2}), Money{1});
}

TEST(LedgerRules, RentDue_StartAndEndInTheSameMonth) {
  // 10 to 19 April: 10 days of 30.
  auto lease = LeaseOf(60000, Date{2027, 4, 10}, Date{2027, 4, 19});
  EXPECT_EQ(RentDue(lease, Month{2027, 4}), Money{20000});
}

TEST(LedgerRules, RentDue_IsZeroOutsideTheLease) {
  auto lease = LeaseOf(60000, Date{2027, 4, 10}, Date{2027, 6, 30});
  EXPECT_EQ(RentDue(lease, Month{2027, 3}), Money{0});
  EXPECT_EQ(RentDue(lease, Month{2027, 7}), Money{0});
  EXPECT_EQ(RentDue(lease, Month{2027, 6}), Money{60000});
}

// --- MaxMonthlyHoursHundredths ----------------------------------------------------------

TEST(LedgerRules, MaxMonthlyHours_Is24HoursTimesTheDaysOfTheMonth) {
  EXPECT_EQ(MaxMonthlyHoursHundredths(Month{2026, 11}), 72000);
  EXPECT_EQ(MaxMonthlyHoursHundredths(Month{2027, 2}), 67200);
  EXPECT_EQ(MaxMonthlyHoursHundredths(Month{2028, 2}), 69600);
  EXPECT_EQ(MaxMonthlyHoursHundredths(Month{2026, 12}), 74400);
}

// --- SettlementsOf ----------------------------------------------------------------------

TEST(LedgerRules, SettlementsOf_SumsLinesPerPairWithoutNetting) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau");
  auto out = SettlementsOf({Line(a, b, 1000), Line(a, b, 500), Line(b, a, 300)}, false);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].debtor, a);
  EXPECT_EQ(out[0].creditor, b);
  EXPECT_EQ(out[0].amount, Money{1500});
  EXPECT_EQ(out[0].paid, Money{0});
  EXPECT_EQ(out[1].debtor, b);
  EXPECT_EQ(out[1].amount, Money{300});
  EXPECT_EQ(out[0].debtor.name, "Atelier");
  EXPECT_EQ(out[0].creditor.name, "Bureau");
}

TEST(LedgerRules, SettlementsOf_NettingLeavesOnlyTheBalanceOfEachPair) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau");
  auto out = SettlementsOf({Line(a, b, 1000), Line(a, b, 500), Line(b, a, 300)}, true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].debtor, a);
  EXPECT_EQ(out[0].creditor, b);
  EXPECT_EQ(out[0].amount, Money{1200});
  // Reversed balance: the pair's other direction owes.
  out = SettlementsOf({Line(a, b, 100), Line(b, a, 400)}, true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].debtor, b);
  EXPECT_EQ(out[0].creditor, a);
  EXPECT_EQ(out[0].amount, Money{300});
}

TEST(LedgerRules, SettlementsOf_NettingToZeroLeavesNothing) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau");
  EXPECT_TRUE(SettlementsOf({Line(a, b, 700), Line(b, a, 700)}, true).empty());
  EXPECT_EQ(SettlementsOf({Line(a, b, 700), Line(b, a, 700)}, false).size(), 2u);
}

TEST(LedgerRules, SettlementsOf_DropsLinesBetweenAPartyAndItself) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau");
  auto out = SettlementsOf({Line(a, a, 5000), Line(Hub(), Hub(), 100), Line(a, b, 10)}, false);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].amount, Money{10});
}

TEST(LedgerRules, SettlementsOf_DropsZeroTotals) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau");
  EXPECT_TRUE(SettlementsOf({Line(a, b, 0)}, false).empty());
}

TEST(LedgerRules, SettlementsOf_LargestFirstThenByNamesWithTheHubLast) {
  auto a = Member(1, "Atelier"), b = Member(2, "Bureau"), c = Member(3, "Épicerie");
  auto out = SettlementsOf({Line(Hub(), a, 100), Line(c, a, 100), Line(b, a, 100), Line(a, c, 900)}, false);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].amount, Money{900});
  EXPECT_EQ(out[1].debtor, b);     // Bureau
  EXPECT_EQ(out[2].debtor, c);     // Épicerie sorts as "epicerie", after "bureau"
  EXPECT_EQ(out[3].debtor, Hub());  // the hub last
  EXPECT_FALSE(out[3].debtor.member.has_value());
}

TEST(LedgerRules, SettlementsOf_HubIsAPartyLikeAnother) {
  auto a = Member(1, "Atelier");
  auto out = SettlementsOf({Line(a, Hub(), 45000), Line(Hub(), a, 5000)}, true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].debtor, a);
  EXPECT_FALSE(out[0].creditor.member.has_value());
  EXPECT_EQ(out[0].amount, Money{40000});
}

}  // namespace
}  // namespace coopole::pooling

namespace coopole::pooling {
namespace {

TEST(LedgerRules, LeaseEndingSoon_FromSixtyDaysBeforeItsEndUntilItsLastDay) {
  Lease lease;
  lease.starts_on = Date{2026, 1, 1};
  lease.ends_on = Date{2027, 1, 31};
  EXPECT_FALSE(LeaseEndingSoon(lease, Date{2026, 12, 1}));  // 61 days before
  EXPECT_TRUE(LeaseEndingSoon(lease, Date{2026, 12, 2}));   // 60 days before
  EXPECT_TRUE(LeaseEndingSoon(lease, Date{2027, 1, 31}));
  EXPECT_FALSE(LeaseEndingSoon(lease, Date{2027, 2, 1}));   // ended
  lease.ends_on.reset();
  EXPECT_FALSE(LeaseEndingSoon(lease, Date{2027, 1, 31}));  // open-ended
}

}  // namespace
}  // namespace coopole::pooling
