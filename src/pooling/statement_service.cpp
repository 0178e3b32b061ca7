// Use cases of the monthly statements: the hub's month, one party's month, recording that
// a debt was settled, exports, balances over a period and the overview's alerts.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "coopole/pooling/pooling.h"
#include "ledger_rules.h"
#include "service_internal.h"
#include "statement_rules.h"
#include "store/ledger_store.h"
#include "store/statement_store.h"

namespace coopole::pooling {
namespace {

using identity::Permission;
using identity::Role;
using internal::May;

// Pending bookings listed in the alerts at most.
constexpr int kMaxPendingAlerts = 100;
// A settlement transaction aborted by a concurrent one (PostgreSQL, serializable) is tried
// again this many times in all.
constexpr int kSettleAttempts = 5;

bool IsCoordinator(const Actor& actor, const HubContext& hub) { return May(actor, hub, Permission::kManagePooling); }

// Coordinators (admins included) and observers read the hub's statements.
bool ReadsHubStatements(const Actor& actor, const HubContext& hub) {
  return IsCoordinator(actor, hub) || hub.access.role == Role::kObserver;
}

// Who reads one party's statements: as for the hub, and the member's own users.
bool ReadsStatementsOf(const Actor& actor, const HubContext& hub, const Party& party) {
  if (ReadsHubStatements(actor, hub)) return true;
  return party.member && internal::ActsFor(actor, hub, *party.member);
}

bool ValidMonth(Month month) { return month.month >= 1 && month.month <= 12 && month.year >= 1 && month.year <= 9999; }

Error InvalidMonth() { return internal::FieldError("month", "validation.month"); }

// The party of `member` in the hub, named; the hub itself when unset. Errors: kNotFound for
// a member of another hub.
Result<Party> ResolveParty(db::Transaction& tx, const HubContext& hub, std::optional<MemberId> member) {
  if (!member) return Party{};
  auto name = store::MemberName(tx, hub.hub.id, *member);
  if (!name) return Error::NotFound("member");
  return Party{member, *name};
}

// Lines of the month's rent: every lease of the scope that owes something for `month`.
void AppendRentLines(db::Transaction& tx, HubId hub, Month month, const store::Scope& scope,
                     std::vector<StatementLine>& lines) {
  for (const auto& lease : store::LeasesBetween(tx, hub, month.First(), month.Last(), scope)) {
    Money due = RentDue(lease, month);
    if (due.cents == 0) continue;
    StatementLine line;
    line.kind = FlowKind::kRent;
    line.on = std::max(month.First(), lease.starts_on);
    line.label = lease.space;
    line.debtor = Party{lease.tenant, lease.tenant_name};
    line.creditor = Party{};
    line.amount = due;
    lines.push_back(std::move(line));
  }
}

// Every line of the month within `scope`, bookings one by one; with `information`, the
// advances approved and the installments due in the month as well.
std::vector<StatementLine> MonthLines(db::Transaction& tx, const HubContext& hub, const TimeZone& zone, Month month,
                                      const store::Scope& scope, bool information) {
  const HubId hub_id = hub.hub.id;
  std::vector<StatementLine> lines;
  for (const auto& slot : store::ConfirmedBookings(tx, hub_id, UtcRangeOf(zone, month), scope)) {
    LocalDateTime start = zone.ToLocal(slot.starts_at);
    StatementLine line;
    line.kind = FlowKind::kBooking;
    line.on = start.date;
    line.label = BookingLabel(slot.resource_name, start, zone.ToLocal(slot.ends_at));
    line.debtor = slot.member;
    line.creditor = slot.owner;
    line.amount = slot.price;
    lines.push_back(std::move(line));
  }
  for (auto& line : store::ServiceLines(tx, hub_id, month.First(), month.Last(), scope)) lines.push_back(std::move(line));
  for (auto& line : store::PlacementLines(tx, hub_id, month, scope)) lines.push_back(std::move(line));
  AppendRentLines(tx, hub_id, month, scope, lines);
  if (information) {
    for (auto& line : store::AdvanceLines(tx, hub_id, month.First(), month.Last(), scope)) {
      lines.push_back(std::move(line));
    }
    for (auto& line : store::InstallmentLines(tx, hub_id, month.First(), month.Last(), scope)) {
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

std::string SettlementJson(std::int64_t id, Month month, const Party& debtor, const Party& creditor, Money amount) {
  nlohmann::json j = {{"id", id},
                      {"month", FormatMonth(month)},
                      {"debtor_member_id", debtor.member ? nlohmann::json(debtor.member->value) : nullptr},
                      {"creditor_member_id", creditor.member ? nlohmann::json(creditor.member->value) : nullptr},
                      {"amount_cents", amount.cents}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<HubStatement> PoolingService::StatementOfHub(const Actor& actor, const HubContext& hub, Month month) {
  if (!ReadsHubStatements(actor, hub)) return Error::Denied();
  if (!ValidMonth(month)) return InvalidMonth();
  auto zone = internal::ZoneOf(hub);
  const HubId hub_id = hub.hub.id;
  const auto everyone = store::Scope::Everyone();
  auto tx = pool_.Begin(db::TxMode::kRead);
  // Bookings are summed per pair in SQL: a busy hub books tens of thousands of slots a month.
  std::vector<StatementLine> lines = store::BookingTotals(tx, hub_id, UtcRangeOf(*zone, month), month.First());
  for (auto& line : store::ServiceLines(tx, hub_id, month.First(), month.Last(), everyone)) {
    lines.push_back(std::move(line));
  }
  for (auto& line : store::PlacementLines(tx, hub_id, month, everyone)) lines.push_back(std::move(line));
  AppendRentLines(tx, hub_id, month, everyone, lines);
  const bool netting = store::NettingOf(tx, hub_id);
  auto payments = store::Payments(tx, hub_id, month, everyone);
  return BuildHubStatement(month, netting, lines, payments);
}

Result<MemberStatement> PoolingService::StatementOf(const Actor& actor, const HubContext& hub,
                                                    std::optional<MemberId> member, Month month) {
  if (!member && !ReadsHubStatements(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto party = ResolveParty(tx, hub, member);
  if (!party.ok()) return party.error();
  if (!ReadsStatementsOf(actor, hub, *party)) return Error::Denied();
  if (!ValidMonth(month)) return InvalidMonth();
  auto zone = internal::ZoneOf(hub);
  const auto scope = store::Scope::Of(*party);
  auto lines = MonthLines(tx, hub, *zone, month, scope, /*information=*/true);
  const bool netting = store::NettingOf(tx, hub.hub.id);
  auto payments = store::Payments(tx, hub.hub.id, month, scope);
  return BuildMemberStatement(*party, month, netting, lines, payments);
}

Status PoolingService::MarkSettled(const Actor& actor, const HubContext& hub, Month month, Party debtor,
                                   Party creditor) {
  // Observers never record payments; who may for this creditor is checked below.
  if (!IsCoordinator(actor, hub) && !internal::OwnMember(hub)) return Error::Denied();
  if (!ValidMonth(month)) return InvalidMonth();
  auto zone = internal::ZoneOf(hub);
  const HubId hub_id = hub.hub.id;
  for (int attempt = 1;; ++attempt) {
    try {
      // Serializable: two coordinators marking the same debt at once record it once.
      auto tx = pool_.Begin(db::TxMode::kSerializable);
      auto resolved_debtor = ResolveParty(tx, hub, debtor.member);
      if (!resolved_debtor.ok()) return resolved_debtor.error();
      auto resolved_creditor = ResolveParty(tx, hub, creditor.member);
      if (!resolved_creditor.ok()) return resolved_creditor.error();
      if (!internal::ActsFor(actor, hub, *resolved_creditor)) return Error::Denied();
      if (*resolved_debtor == *resolved_creditor) return internal::OutOfOrder("a party owes nothing to itself");

      // The pair's lines are all among the debtor's: its statement says what is owed.
      const auto scope = store::Scope::Of(*resolved_debtor);
      auto lines = MonthLines(tx, hub, *zone, month, scope, /*information=*/false);
      auto settlements =
          SettlementsWithPayments(lines, store::NettingOf(tx, hub_id), store::Payments(tx, hub_id, month, scope));
      Money remaining{0};
      for (const auto& s : settlements) {
        if (s.debtor == *resolved_debtor && s.creditor == *resolved_creditor) remaining = s.amount - s.paid;
      }
      if (remaining.cents <= 0) return internal::OutOfOrder("nothing remains owed for this month");

      auto id = store::InsertSettlement(tx, hub_id, month, *resolved_debtor, *resolved_creditor, remaining,
                                        actor.user, clock_.Now());
      identity_.RecordAudit(tx, actor,
                            {hub_id, "settle", "pooling_settlement", id, "",
                             SettlementJson(id, month, *resolved_debtor, *resolved_creditor, remaining)});
      tx.Commit();
      return OkStatus();
    } catch (const db::SerializationError&) {
      if (attempt >= kSettleAttempts) throw;
    }
  }
}

Result<tabular::Table> PoolingService::ExportStatement(const Actor& actor, const HubContext& hub,
                                                       std::optional<Party> of, Month month,
                                                       std::string_view lang) {
  if (!of && !ReadsHubStatements(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  store::Scope scope = store::Scope::Everyone();
  if (of) {
    auto party = ResolveParty(tx, hub, of->member);
    if (!party.ok()) return party.error();
    if (!ReadsStatementsOf(actor, hub, *party)) return Error::Denied();
    scope = store::Scope::Of(*party);
  }
  if (!ValidMonth(month)) return InvalidMonth();
  auto zone = internal::ZoneOf(hub);
  auto lines = MonthLines(tx, hub, *zone, month, scope, /*information=*/true);
  // A line between a party and itself owes nothing: statements leave it out, so does the export.
  std::erase_if(lines, [](const StatementLine& line) { return line.debtor == line.creditor; });
  return StatementTable(std::move(lines), lang, hub.hub.name);
}

Result<PoolingBalance> PoolingService::BalanceOf(const Actor& actor, const HubContext& hub,
                                                 std::optional<MemberId> member, Date from, Date to) {
  if (!member && !ReadsHubStatements(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto party = ResolveParty(tx, hub, member);
  if (!party.ok()) return party.error();
  if (!ReadsStatementsOf(actor, hub, *party)) return Error::Denied();
  if (to < from) return Error::Invalid({{"to", "validation.date_order"}});
  auto zone = internal::ZoneOf(hub);
  const HubId hub_id = hub.hub.id;
  std::vector<KindSums> sums;
  sums.push_back(store::BookingSums(tx, hub_id, *party, UtcRangeOf(*zone, from, to)));
  sums.push_back(store::ServiceSums(tx, hub_id, *party, from, to));
  if (auto span = MonthsStartingIn(from, to)) {
    sums.push_back(store::PlacementSums(tx, hub_id, *party, *span));
    // Rent: the hub provides every lease, a member uses its own.
    KindSums rent{FlowKind::kRent, Money{0}, Money{0}};
    for (const auto& lease :
         store::LeasesBetween(tx, hub_id, span->first.First(), span->last.Last(), store::Scope::Of(*party))) {
      Money due = RentOver(lease, *span);
      if (party->member) {
        rent.used = rent.used + due;
      } else {
        rent.provided = rent.provided + due;
      }
    }
    sums.push_back(rent);
  }
  sums.push_back(store::AdvanceSums(tx, hub_id, *party, from, to));
  return BuildBalance(*party, from, to, sums);
}

Result<PoolingAlerts> PoolingService::Alerts(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  const bool coordinator = IsCoordinator(actor, hub);
  const std::optional<MemberId> own = internal::OwnMember(hub);
  PoolingAlerts alerts;
  if (!coordinator && !own) return alerts;  // observers approve nothing and are owed nothing
  const Date today = internal::TodayIn(clock_, hub);
  const HubId hub_id = hub.hub.id;
  auto tx = pool_.Begin(db::TxMode::kRead);

  alerts.pending_approvals =
      store::PendingBookings(tx, hub_id, clock_.Now(), coordinator ? std::nullopt : own, kMaxPendingAlerts);

  for (auto& lease : store::LeasesEndingBetween(tx, hub_id, today, AddDays(today, kLeaseEndingDays))) {
    if (coordinator || lease.tenant == *own) alerts.leases_ending.push_back(std::move(lease));
  }

  for (auto& advance : store::ApprovedAdvances(tx, hub_id)) {
    if (advance.status != AdvanceStatus::kApproved) continue;
    if (!coordinator && advance.borrower != *own && advance.lender.member != own) continue;
    advance.overdue = OverdueAmount(advance.schedule, today);
    if (advance.overdue.cents > 0) alerts.overdue_advances.push_back(std::move(advance));
  }
  return alerts;
}

}  // namespace coopole::pooling
