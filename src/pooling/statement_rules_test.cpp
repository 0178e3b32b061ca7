#include "statement_rules.h"

#include <gtest/gtest.h>

#include <limits>

namespace coopole::pooling {
namespace {

Timestamp Utc(Date date, int hour, int minute = 0) {
  return Timestamp{DaysSinceEpoch(date) * 86400 + hour * 3600 + minute * 60};
}

Party Member(std::int64_t id, std::string name) { return Party{MemberId{id}, std::move(name)}; }
const Party kHub{};
const Party kAtelier = Member(1, "Atelier Vélo");
const Party kRecyclerie = Member(2, "Recyclerie");
const Party kEpicerie = Member(3, "Épicerie Solidaire");

StatementLine Line(FlowKind kind, Date on, const Party& debtor, const Party& creditor, std::int64_t cents,
                   std::string label = "", std::int64_t count = 1) {
  StatementLine line;
  line.kind = kind;
  line.on = on;
  line.label = std::move(label);
  line.debtor = debtor;
  line.creditor = creditor;
  line.amount = Money{cents};
  line.count = count;
  return line;
}

const Settlement* Find(const std::vector<Settlement>& settlements, const Party& debtor, const Party& creditor) {
  for (const auto& s : settlements)
    if (s.debtor == debtor && s.creditor == creditor) return &s;
  return nullptr;
}

// --- Month bounds ---------------------------------------------------------------------

TEST(StatementRules, MonthBoundsFollowDaylightSavingInParis) {
  auto paris = TimeZone::Load("Europe/Paris");
  ASSERT_TRUE(paris);
  // March 2026: starts in winter time (UTC+1), ends in summer time (UTC+2).
  auto march = UtcRangeOf(*paris, Month{2026, 3});
  EXPECT_EQ(march.from, Utc(Date{2026, 2, 28}, 23));
  EXPECT_EQ(march.to, Utc(Date{2026, 3, 31}, 22));
  // October 2026: the reverse, one hour longer than 31 days.
  auto october = UtcRangeOf(*paris, Month{2026, 10});
  EXPECT_EQ(october.from, Utc(Date{2026, 9, 30}, 22));
  EXPECT_EQ(october.to, Utc(Date{2026, 10, 31}, 23));
  EXPECT_EQ(october.to.unix_seconds - october.from.unix_seconds, 31 * 86400 + 3600);
}

TEST(StatementRules, DayStartsAtItsFirstExistingMinuteWhenMidnightIsSkipped) {
  // Cuba moves its clocks from 00:00 to 01:00: 8 March 2026 starts at 01:00 local, 05:00 UTC.
  auto havana = TimeZone::Load("America/Havana");
  ASSERT_TRUE(havana);
  EXPECT_EQ(StartOfLocalDay(*havana, Date{2026, 3, 8}), Utc(Date{2026, 3, 8}, 5));
  // Samoa skipped 30 December 2011 altogether: that day is empty, it starts when the 31st does.
  auto apia = TimeZone::Load("Pacific/Apia");
  ASSERT_TRUE(apia);
  EXPECT_EQ(StartOfLocalDay(*apia, Date{2011, 12, 30}), StartOfLocalDay(*apia, Date{2011, 12, 31}));
  EXPECT_EQ(StartOfLocalDay(*apia, Date{2011, 12, 31}), Utc(Date{2011, 12, 30}, 10));
}

TEST(StatementRules, DateRangeEndsAtTheMidnightAfterItsLastDay) {
  auto utc = TimeZone::Fixed("UTC", 0);
  auto range = UtcRangeOf(*utc, Date{2026, 1, 1}, Date{2026, 1, 1});
  EXPECT_EQ(range.from, Utc(Date{2026, 1, 1}, 0));
  EXPECT_EQ(range.to, Utc(Date{2026, 1, 2}, 0));
}

// --- Labels and ordering ----------------------------------------------------------------

TEST(StatementRules, BookingLabelShowsTheLocalSlot) {
  EXPECT_EQ(BookingLabel("Salle Rivière", {Date{2026, 11, 5}, 9 * 60}, {Date{2026, 11, 5}, 12 * 60 + 30}),
            "Salle Rivière, 2026-11-05 09:00-12:30");
  EXPECT_EQ(BookingLabel("Camion", {Date{2026, 11, 5}, 18 * 60}, {Date{2026, 11, 6}, 8 * 60}),
            "Camion, 2026-11-05 18:00-2026-11-06 08:00");
}

TEST(StatementRules, LinesSortByDateThenKindThenLabel) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kRent, Date{2026, 11, 1}, kAtelier, kHub, 100, "Bureau"),
      Line(FlowKind::kBooking, Date{2026, 11, 2}, kAtelier, kHub, 100, "B"),
      Line(FlowKind::kBooking, Date{2026, 11, 1}, kAtelier, kHub, 100, "Z"),
      Line(FlowKind::kBooking, Date{2026, 11, 1}, kAtelier, kHub, 100, "A"),
  };
  SortLines(lines);
  EXPECT_EQ(lines[0].label, "A");
  EXPECT_EQ(lines[1].label, "Z");
  EXPECT_EQ(lines[2].kind, FlowKind::kRent);
  EXPECT_EQ(lines[3].label, "B");
}

// --- Settlements ----------------------------------------------------------------------

TEST(StatementRules, AdvancesInstallmentsAndSelfLinesAreNotSettled) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kBooking, Date{2026, 11, 3}, kAtelier, kRecyclerie, 5000),
      Line(FlowKind::kAdvance, Date{2026, 11, 4}, kAtelier, kRecyclerie, 100000),
      Line(FlowKind::kRepayment, Date{2026, 11, 5}, kAtelier, kRecyclerie, 10000),
      Line(FlowKind::kBooking, Date{2026, 11, 6}, kAtelier, kAtelier, 700),
  };
  auto settlements = SettlementsWithPayments(lines, false, {});
  ASSERT_EQ(settlements.size(), 1u);
  EXPECT_EQ(settlements[0].debtor, kAtelier);
  EXPECT_EQ(settlements[0].creditor, kRecyclerie);
  EXPECT_EQ(settlements[0].amount, Money{5000});
  EXPECT_EQ(settlements[0].paid, Money{0});
  EXPECT_FALSE(settlements[0].settled());
}

TEST(StatementRules, PaymentsAttachToTheirPairAndAddUp) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kBooking, Date{2026, 11, 3}, kAtelier, kRecyclerie, 5000),
      Line(FlowKind::kRent, Date{2026, 11, 1}, kAtelier, kHub, 40000),
  };
  std::vector<PaidAmount> payments = {{kAtelier, kHub, Money{30000}}, {kAtelier, kHub, Money{10000}},
                                      {kAtelier, kRecyclerie, Money{1000}}};
  auto settlements = SettlementsWithPayments(lines, false, payments);
  ASSERT_EQ(settlements.size(), 2u);
  const auto* rent = Find(settlements, kAtelier, kHub);
  ASSERT_NE(rent, nullptr);
  EXPECT_EQ(rent->paid, Money{40000});
  EXPECT_TRUE(rent->settled());
  const auto* booking = Find(settlements, kAtelier, kRecyclerie);
  ASSERT_NE(booking, nullptr);
  EXPECT_EQ(booking->paid, Money{1000});
  EXPECT_FALSE(booking->settled());
  // Largest first.
  EXPECT_EQ(settlements[0].creditor, kHub);
}

TEST(StatementRules, APaymentForAPairOwingNothingIsKept) {
  std::vector<StatementLine> lines = {Line(FlowKind::kBooking, Date{2026, 11, 3}, kAtelier, kRecyclerie, 5000)};
  auto settlements = SettlementsWithPayments(lines, false, {{kRecyclerie, kEpicerie, Money{2500}}});
  ASSERT_EQ(settlements.size(), 2u);
  EXPECT_EQ(settlements[0].debtor, kAtelier);
  EXPECT_EQ(settlements[1].debtor, kRecyclerie);
  EXPECT_EQ(settlements[1].creditor, kEpicerie);
  EXPECT_EQ(settlements[1].amount, Money{0});
  EXPECT_EQ(settlements[1].paid, Money{2500});
}

TEST(StatementRules, NettingIsPassedOnToTheSettlements) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kBooking, Date{2026, 11, 3}, kAtelier, kRecyclerie, 5000),
      Line(FlowKind::kService, Date{2026, 11, 4}, kRecyclerie, kAtelier, 2000),
  };
  EXPECT_EQ(SettlementsWithPayments(lines, false, {}).size(), 2u);
  auto netted = SettlementsWithPayments(lines, true, {});
  ASSERT_EQ(netted.size(), 1u);
  EXPECT_EQ(netted[0].debtor, kAtelier);
  EXPECT_EQ(netted[0].amount, Money{3000});
}

// --- Hub and member statements -------------------------------------------------------------

TEST(StatementRules, HubStatementTotalsPartiesByNameWithTheHubLast) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kBooking, Date{2026, 11, 1}, kRecyclerie, kHub, 12000, "", 40),
      Line(FlowKind::kBooking, Date{2026, 11, 1}, kEpicerie, kAtelier, 3000, "", 2),
      Line(FlowKind::kRent, Date{2026, 11, 1}, kAtelier, kHub, 50000),
      Line(FlowKind::kAdvance, Date{2026, 11, 9}, kRecyclerie, kAtelier, 900000),
  };
  auto statement = BuildHubStatement(Month{2026, 11}, true, lines, {{kAtelier, kHub, Money{50000}}});
  EXPECT_EQ(statement.month, (Month{2026, 11}));
  EXPECT_TRUE(statement.netting);
  EXPECT_EQ(statement.total, Money{65000});  // the advance is not counted
  ASSERT_EQ(statement.parties.size(), 4u);
  // "Épicerie" sorts as "epicerie", between "Atelier" and "Recyclerie".
  EXPECT_EQ(statement.parties[0].party, kAtelier);
  EXPECT_EQ(statement.parties[0].used, Money{50000});
  EXPECT_EQ(statement.parties[0].provided, Money{3000});
  EXPECT_EQ(statement.parties[0].lines, 3);
  EXPECT_EQ(statement.parties[1].party, kEpicerie);
  EXPECT_EQ(statement.parties[2].party, kRecyclerie);
  EXPECT_EQ(statement.parties[2].used, Money{12000});
  EXPECT_EQ(statement.parties[2].lines, 40);
  EXPECT_EQ(statement.parties[3].party, kHub);
  EXPECT_EQ(statement.parties[3].provided, Money{62000});
  ASSERT_EQ(statement.settlements.size(), 3u);
  EXPECT_EQ(statement.settlements[0].amount, Money{50000});
  EXPECT_TRUE(statement.settlements[0].settled());
  EXPECT_EQ(statement.settlements[1].amount, Money{12000});
  EXPECT_EQ(statement.settlements[2].amount, Money{3000});
}

TEST(StatementRules, MemberStatementKeepsItsOwnLinesAndPairs) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kBooking, Date{2026, 11, 20}, kAtelier, kRecyclerie, 3000, "late"),
      Line(FlowKind::kBooking, Date{2026, 11, 2}, kAtelier, kRecyclerie, 2000, "early"),
      Line(FlowKind::kService, Date{2026, 11, 4}, kEpicerie, kAtelier, 7000),
      Line(FlowKind::kRepayment, Date{2026, 11, 5}, kAtelier, kEpicerie, 10000),
      Line(FlowKind::kBooking, Date{2026, 11, 6}, kAtelier, kAtelier, 900),  // its own resource
      Line(FlowKind::kRent, Date{2026, 11, 1}, kRecyclerie, kHub, 40000),    // not its line
  };
  std::vector<PaidAmount> payments = {{kEpicerie, kAtelier, Money{7000}}, {kRecyclerie, kHub, Money{40000}}};
  auto statement = BuildMemberStatement(kAtelier, Month{2026, 11}, false, lines, payments);
  ASSERT_EQ(statement.used.size(), 3u);
  EXPECT_EQ(statement.used[0].label, "early");
  EXPECT_EQ(statement.used[1].kind, FlowKind::kRepayment);
  EXPECT_EQ(statement.used[2].label, "late");
  EXPECT_EQ(statement.used_total, Money{5000});  // the installment is information only
  ASSERT_EQ(statement.provided.size(), 1u);
  EXPECT_EQ(statement.provided_total, Money{7000});
  ASSERT_EQ(statement.settlements.size(), 2u);
  const auto* owed = Find(statement.settlements, kAtelier, kRecyclerie);
  ASSERT_NE(owed, nullptr);
  EXPECT_EQ(owed->amount, Money{5000});
  const auto* due = Find(statement.settlements, kEpicerie, kAtelier);
  ASSERT_NE(due, nullptr);
  EXPECT_TRUE(due->settled());
  EXPECT_EQ(Find(statement.settlements, kRecyclerie, kHub), nullptr);
}

// --- Export -----------------------------------------------------------------------------------

TEST(StatementRules, SpreadsheetAmountsUseTheLanguagesDecimalMark) {
  EXPECT_EQ(SpreadsheetAmount(Money{123450}, "fr"), "1234,50");
  EXPECT_EQ(SpreadsheetAmount(Money{123450}, "en"), "1234.50");
  EXPECT_EQ(SpreadsheetAmount(Money{5}, "fr"), "0,05");
  EXPECT_EQ(SpreadsheetAmount(Money{0}, "fr"), "0,00");
  EXPECT_EQ(SpreadsheetAmount(Money{-1234}, "fr"), "-12,34");
  EXPECT_EQ(SpreadsheetAmount(Money{100000000}, "fr"), "1000000,00");  // no thousands separator
  EXPECT_EQ(SpreadsheetAmount(Money{std::numeric_limits<std::int64_t>::min()}, "en"), "-92233720368547758.08");
}

TEST(StatementRules, ExportTableInFrench) {
  std::vector<StatementLine> lines = {
      Line(FlowKind::kRent, Date{2026, 11, 1}, kAtelier, kHub, 45050, "Bureau 12"),
      Line(FlowKind::kBooking, Date{2026, 10, 31}, kRecyclerie, kAtelier, 1200, "Camion, 2026-10-31 09:00-12:00"),
  };
  auto table = StatementTable(lines, "fr", "Pôle Sud");
  EXPECT_EQ(table.header,
            (std::vector<std::string>{"Date", "Nature", "Libellé", "Débiteur", "Créancier", "Montant"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"31/10/2026", "Réservation", "Camion, 2026-10-31 09:00-12:00",
                                                     "Recyclerie", "Atelier Vélo", "12,00"}));
  EXPECT_EQ(table.rows[1],
            (std::vector<std::string>{"01/11/2026", "Loyer", "Bureau 12", "Atelier Vélo", "Pôle Sud", "450,50"}));
}

TEST(StatementRules, ExportTableInEnglish) {
  auto table = StatementTable({Line(FlowKind::kPlacement, Date{2026, 11, 30}, kAtelier, kEpicerie, 123456, "Marie")},
                              "en", "Pôle Sud");
  EXPECT_EQ(table.header, (std::vector<std::string>{"Date", "Kind", "Label", "Debtor", "Creditor", "Amount"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"2026-11-30", "Staff placement", "Marie", "Atelier Vélo",
                                                     "Épicerie Solidaire", "1234.56"}));
}

// --- Balances ----------------------------------------------------------------------------------

TEST(StatementRules, BalanceHasOneRowPerCountedKind) {
  auto balance = BuildBalance(kAtelier, Date{2026, 1, 1}, Date{2026, 12, 31},
                              {{FlowKind::kService, Money{500}, Money{0}},
                               {FlowKind::kBooking, Money{100}, Money{250}},
                               {FlowKind::kRepayment, Money{0}, Money{999}},
                               {FlowKind::kRent, Money{0}, Money{4000}}});
  ASSERT_EQ(balance.rows.size(), 5u);
  EXPECT_EQ(balance.rows[0].kind, FlowKind::kBooking);
  EXPECT_EQ(balance.rows[0].used, Money{250});
  EXPECT_EQ(balance.rows[1].kind, FlowKind::kService);
  EXPECT_EQ(balance.rows[2].kind, FlowKind::kPlacement);
  EXPECT_EQ(balance.rows[2].provided, Money{0});
  EXPECT_EQ(balance.rows[3].kind, FlowKind::kRent);
  EXPECT_EQ(balance.rows[4].kind, FlowKind::kAdvance);
  EXPECT_EQ(balance.provided, Money{600});
  EXPECT_EQ(balance.used, Money{4250});  // repayments never count
  EXPECT_EQ(balance.from, (Date{2026, 1, 1}));
  EXPECT_EQ(balance.to, (Date{2026, 12, 31}));
}

TEST(StatementRules, MonthlyChargesCountInThePeriodHoldingTheirFirstDay) {
  auto year = MonthsStartingIn(Date{2026, 1, 1}, Date{2026, 12, 31});
  ASSERT_TRUE(year);
  EXPECT_EQ(year->first, (Month{2026, 1}));
  EXPECT_EQ(year->last, (Month{2026, 12}));
  auto straddling = MonthsStartingIn(Date{2026, 1, 15}, Date{2026, 3, 1});
  ASSERT_TRUE(straddling);
  EXPECT_EQ(straddling->first, (Month{2026, 2}));
  EXPECT_EQ(straddling->last, (Month{2026, 3}));
  EXPECT_FALSE(MonthsStartingIn(Date{2026, 1, 15}, Date{2026, 1, 31}));
  EXPECT_FALSE(MonthsStartingIn(Date{2026, 2, 1}, Date{2026, 1, 31}));
}

TEST(StatementRules, RentOverAPeriodSumsTheMonthsOfTheLease) {
  Lease lease;
  lease.monthly_rent = Money{3100};
  lease.starts_on = Date{2026, 1, 16};  // 16 of January's 31 days
  lease.ends_on = Date{2026, 3, 31};
  EXPECT_EQ(RentOver(lease, {Month{2025, 12}, Month{2026, 12}}), Money{1600 + 3100 + 3100});
  EXPECT_EQ(RentOver(lease, {Month{2026, 2}, Month{2026, 2}}), Money{3100});
  EXPECT_EQ(RentOver(lease, {Month{2026, 4}, Month{2026, 12}}), Money{0});
  lease.ends_on.reset();  // open-ended: up to the end of the span
  EXPECT_EQ(RentOver(lease, {Month{2026, 2}, Month{2027, 1}}), Money{12 * 3100});
}

}  // namespace
}  // namespace coopole::pooling
