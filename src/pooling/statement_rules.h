// Pure rules of the monthly statements: from the month's lines (or the hub's aggregates)
// to HubStatement, MemberStatement, PoolingBalance and the export table. No I/O.
//
// What the statements count:
//  - advances (kAdvance) and installments (kRepayment) are information lines: they are
//    listed in a party's statement and exported, but they have their own repayment ledger,
//    so they are left out of every total and of the settlements;
//  - a line between a party and itself (a member booking its own resource) owes nothing:
//    it is left out of the statements, the totals and the settlements;
//  - a payment recorded for a pair that no longer owes anything this month (a booking
//    cancelled after payment, netting switched on) is kept as a settlement of amount 0,
//    so that no recorded money disappears from the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time_zone.h"
#include "coopole/pooling/ledger.h"
#include "coopole/tabular/tabular.h"

namespace coopole::pooling {

// [from, to): the UTC instants of the local dates [first, last] in `zone`, from the local
// midnight starting `first` to the one ending `last` (the first instant of the day when
// midnight is skipped by a clock change).
struct UtcRange {
  Timestamp from;
  Timestamp to;
};
Timestamp StartOfLocalDay(const TimeZone& zone, Date date);
UtcRange UtcRangeOf(const TimeZone& zone, Date first, Date last);
UtcRange UtcRangeOf(const TimeZone& zone, Month month);

// "Salle Rivière, 2026-11-05 09:00-12:00" (the end's date is written when it differs:
// "Salle Rivière, 2026-11-05 09:00-2026-11-06 12:00"). Dates are ISO: labels are the same
// in every language.
std::string BookingLabel(std::string_view resource_name, const LocalDateTime& start, const LocalDateTime& end);

// A party's key in pooling_settlements: the member id, 0 for the hub.
std::int64_t SettlementKey(const Party& party);

// Whether `line` counts in totals and settlements (not an advance nor an installment, not
// between a party and itself).
bool IsSettledFlow(const StatementLine& line);

// Lines by date, then kind, then label, then debtor and creditor names.
void SortLines(std::vector<StatementLine>& lines);

// What has been paid for one (debtor, creditor) pair of the month.
struct PaidAmount {
  Party debtor;
  Party creditor;
  Money amount;
};

// SettlementsOf over the settled flows of `lines`, with `paid` attached from `payments`;
// payments for pairs owing nothing are appended as settlements of amount 0 (by names).
std::vector<Settlement> SettlementsWithPayments(const std::vector<StatementLine>& lines, bool netting,
                                                const std::vector<PaidAmount>& payments);

// The hub's month from every line of the month (hub summaries may pass lines summing
// several with `count` > 1): per party totals of the settled flows (by name, ignoring
// case, then id; the hub last; `lines` counts the summed lines the party takes part in),
// settlements largest first, total of the settled flows.
HubStatement BuildHubStatement(Month month, bool netting, const std::vector<StatementLine>& lines,
                               const std::vector<PaidAmount>& payments);

// One party's month from the lines involving it (others are ignored): used and provided
// lines sorted, totals of the settled flows, the settlements of its pairs.
MemberStatement BuildMemberStatement(const Party& party, Month month, bool netting,
                                     const std::vector<StatementLine>& lines, const std::vector<PaidAmount>& payments);

// Amounts as text a spreadsheet of the language reads as a number: "1234,50" in French,
// "1234.50" otherwise (no thousands separator, a leading '-' when negative).
std::string SpreadsheetAmount(Money amount, std::string_view lang);

// The export table: Date, Nature, Libellé, Débiteur, Créancier, Montant (English headers
// unless `lang` is "fr"); the hub is written `hub_name`. Lines in SortLines order.
tabular::Table StatementTable(std::vector<StatementLine> lines, std::string_view lang, std::string_view hub_name);

// The name of a kind in an export: "Réservation" / "Booking", ...
std::string FlowKindName(FlowKind kind, std::string_view lang);

// Contributed and used per kind, as the store sums them.
struct KindSums {
  FlowKind kind;
  Money provided;
  Money used;
};

// A balance with one row per kind that counts (booking, service, placement, rent,
// advance; never repayment), in that order, zero rows included; the totals.
PoolingBalance BuildBalance(const Party& party, Date from, Date to, const std::vector<KindSums>& sums);

// The months whose first day lies in [from, to]: monthly charges (rent, placement hours)
// count in the period holding their month's first day, so consecutive periods never count
// a month twice. Empty when no first day falls in the period.
struct MonthSpan {
  Month first;
  Month last;
};
std::optional<MonthSpan> MonthsStartingIn(Date from, Date to);

// The rent a lease owes over the months of `span` (RentDue of each month).
Money RentOver(const Lease& lease, MonthSpan span);

}  // namespace coopole::pooling
