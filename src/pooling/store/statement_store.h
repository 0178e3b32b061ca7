// SQL of the monthly statements: the month's flows read from the pooling tables, the
// payments recorded against statements (pooling_settlements), the sums of a balance and
// the pending bookings of the alerts. Every function takes the caller's transaction and
// binds every query to a hub. Names come from members_members and pooling_resources
// (LEFT JOIN, "" when missing), for display only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/ledger.h"
#include "coopole/pooling/resources.h"
#include "statement_rules.h"

namespace coopole::pooling::store {

// Whose flows a query reads: everyone's, or those where one party (a member, or the hub)
// is the debtor or the creditor.
struct Scope {
  bool everyone = true;
  Party party;
  static Scope Everyone() { return Scope{}; }
  static Scope Of(const Party& party) { return Scope{false, party}; }
};

// The name of a member of `hub`, archived or not; nullopt when it is not one of the hub.
std::optional<std::string> MemberName(db::Transaction& tx, HubId hub, MemberId member);

// Whether the hub nets its statements (pooling_hub_state.netting; false without a row).
bool NettingOf(db::Transaction& tx, HubId hub);

// One confirmed booking as the statements need it.
struct BookedSlot {
  Party member;        // the booker, who owes
  Party owner;         // the resource's owner when booked (the hub when unset)
  std::string resource_name;
  Timestamp starts_at;
  Timestamp ends_at;
  Money price;
};
// Confirmed bookings starting in [range.from, range.to), by start.
std::vector<BookedSlot> ConfirmedBookings(db::Transaction& tx, HubId hub, UtcRange range, const Scope& scope);
// The same, summed in SQL per (booker, owner): one line per pair, kind kBooking, dated
// `on`, with the sum of prices and the number of bookings (`count`), label "".
std::vector<StatementLine> BookingTotals(db::Transaction& tx, HubId hub, UtcRange range, Date on);

// Delivered services with delivered_on in [first, last]: debtor the beneficiary,
// creditor the provider, label the service's description.
std::vector<StatementLine> ServiceLines(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope);
// Validated placement months of `month`: debtor the host, creditor the employer, dated
// the month's last day, label "<person>, <hours> h".
std::vector<StatementLine> PlacementLines(db::Transaction& tx, HubId hub, Month month, const Scope& scope);
// Leases running at some day of [first, last] (with tenant names); the hub is the
// creditor of every lease, so the hub's scope reads them all.
std::vector<Lease> LeasesBetween(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope);
// Approved advances (status approved or repaid) approved on a day of [first, last]: debtor
// the borrower, creditor the lender, the principal, label the purpose.
std::vector<StatementLine> AdvanceLines(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope);
// Installments due in [first, last] of approved advances: debtor the borrower, creditor
// the lender, label "<purpose> <seq>/<count>".
std::vector<StatementLine> InstallmentLines(db::Transaction& tx, HubId hub, Date first, Date last,
                                            const Scope& scope);

// The payments recorded for `month`, summed per (debtor, creditor), with names.
std::vector<PaidAmount> Payments(db::Transaction& tx, HubId hub, Month month, const Scope& scope);
// Records a payment of `amount` by `debtor` to `creditor` against `month`; returns its id.
std::int64_t InsertSettlement(db::Transaction& tx, HubId hub, Month month, const Party& debtor,
                              const Party& creditor, Money amount, UserId by, Timestamp at);

// --- Balances: one query per kind, the party provided (creditor) and used (debtor); lines
// between a party and itself are left out. ---
KindSums BookingSums(db::Transaction& tx, HubId hub, const Party& party, UtcRange range);
KindSums ServiceSums(db::Transaction& tx, HubId hub, const Party& party, Date from, Date to);
// Validated placement months of the span.
KindSums PlacementSums(db::Transaction& tx, HubId hub, const Party& party, MonthSpan span);
// Principals of advances approved in [from, to].
KindSums AdvanceSums(db::Transaction& tx, HubId hub, const Party& party, Date from, Date to);

// --- Alerts ---
// Pending bookings starting after `after`, soonest first, at most `limit`; with `owner`,
// only those of resources it owns.
std::vector<Booking> PendingBookings(db::Transaction& tx, HubId hub, Timestamp after, std::optional<MemberId> owner,
                                     int limit);

}  // namespace coopole::pooling::store
