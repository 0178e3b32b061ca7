#include "statement_rules.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "coopole/core/text.h"
#include "ledger_rules.h"

namespace coopole::pooling {
namespace {

// Parties sort by folded name, then id; the hub (no member) last.
std::tuple<bool, std::string, std::int64_t> PartyOrder(const Party& party) {
  return {!party.member.has_value(), FoldForSearch(party.name), party.member ? party.member->value : 0};
}

bool Involves(const StatementLine& line, const Party& party) {
  return line.debtor == party || line.creditor == party;
}

std::pair<std::int64_t, std::int64_t> PairKey(const Party& debtor, const Party& creditor) {
  return {SettlementKey(debtor), SettlementKey(creditor)};
}

}  // namespace

Timestamp StartOfLocalDay(const TimeZone& zone, Date date) {
  // Midnight may be skipped by a clock change (some zones change at 00:00, and a few have
  // skipped whole days): the day starts at its first minute that exists.
  for (int day = 0; day < 3; ++day) {
    Date d = AddDays(date, day);
    for (int minute = 0; minute < 24 * 60; ++minute) {
      if (auto at = zone.ToUtc(LocalDateTime{d, minute})) return *at;
    }
  }
  // Unreachable with a real zone; fall back on the UTC midnight.
  return Timestamp{DaysSinceEpoch(date) * 86400};
}

UtcRange UtcRangeOf(const TimeZone& zone, Date first, Date last) {
  return UtcRange{StartOfLocalDay(zone, first), StartOfLocalDay(zone, AddDays(last, 1))};
}

UtcRange UtcRangeOf(const TimeZone& zone, Month month) { return UtcRangeOf(zone, month.First(), month.Last()); }

std::string BookingLabel(std::string_view resource_name, const LocalDateTime& start, const LocalDateTime& end) {
  std::string label(resource_name);
  label += ", ";
  label += FormatIsoDate(start.date);
  label += ' ';
  label += FormatClock(start.minute);
  label += '-';
  if (end.date != start.date) {
    label += FormatIsoDate(end.date);
    label += ' ';
  }
  label += FormatClock(end.minute);
  return label;
}

std::int64_t SettlementKey(const Party& party) { return party.member ? party.member->value : 0; }

bool IsSettledFlow(const StatementLine& line) {
  return line.kind != FlowKind::kAdvance && line.kind != FlowKind::kRepayment && !(line.debtor == line.creditor);
}

void SortLines(std::vector<StatementLine>& lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const StatementLine& a, const StatementLine& b) {
    if (a.on != b.on) return a.on < b.on;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.label != b.label) return a.label < b.label;
    auto da = PartyOrder(a.debtor), db = PartyOrder(b.debtor);
    if (da != db) return da < db;
    return PartyOrder(a.creditor) < PartyOrder(b.creditor);
  });
}

std::vector<Settlement> SettlementsWithPayments(const std::vector<StatementLine>& lines, bool netting,
                                                const std::vector<PaidAmount>& payments) {
  std::vector<StatementLine> settled;
  settled.reserve(lines.size());
  for (const auto& line : lines) {
    if (IsSettledFlow(line)) settled.push_back(line);
  }
  std::vector<Settlement> settlements = SettlementsOf(settled, netting);

  std::map<std::pair<std::int64_t, std::int64_t>, PaidAmount> paid;
  for (const auto& payment : payments) {
    auto [it, inserted] = paid.try_emplace(PairKey(payment.debtor, payment.creditor), payment);
    if (!inserted) it->second.amount = it->second.amount + payment.amount;
  }
  for (auto& settlement : settlements) {
    settlement.paid = Money{0};
    auto it = paid.find(PairKey(settlement.debtor, settlement.creditor));
    if (it == paid.end()) continue;
    settlement.paid = it->second.amount;
    paid.erase(it);
  }
  std::vector<Settlement> orphans;
  for (const auto& [key, payment] : paid) {
    if (payment.amount.cents == 0) continue;
    orphans.push_back(Settlement{payment.debtor, payment.creditor, Money{0}, payment.amount});
  }
  std::stable_sort(orphans.begin(), orphans.end(), [](const Settlement& a, const Settlement& b) {
    auto da = PartyOrder(a.debtor), db = PartyOrder(b.debtor);
    if (da != db) return da < db;
    return PartyOrder(a.creditor) < PartyOrder(b.creditor);
  });
  settlements.insert(settlements.end(), orphans.begin(), orphans.end());
  return settlements;
}

HubStatement BuildHubStatement(Month month, bool netting, const std::vector<StatementLine>& lines,
                               const std::vector<PaidAmount>& payments) {
  HubStatement statement;
  statement.month = month;
  statement.netting = netting;
  std::map<std::int64_t, PartyTotals> totals;  // by SettlementKey
  auto totals_of = [&](const Party& party) -> PartyTotals& {
    auto [it, inserted] = totals.try_emplace(SettlementKey(party));
    if (inserted) it->second.party = party;
    if (it->second.party.name.empty() && !party.name.empty()) it->second.party.name = party.name;
    return it->second;
  };
  for (const auto& line : lines) {
    if (!IsSettledFlow(line)) continue;
    statement.total = statement.total + line.amount;
    PartyTotals& debtor = totals_of(line.debtor);
    debtor.used = debtor.used + line.amount;
    debtor.lines += line.count;
    PartyTotals& creditor = totals_of(line.creditor);
    creditor.provided = creditor.provided + line.amount;
    creditor.lines += line.count;
  }
  statement.parties.reserve(totals.size());
  for (auto& [key, party_totals] : totals) statement.parties.push_back(std::move(party_totals));
  std::stable_sort(statement.parties.begin(), statement.parties.end(),
                   [](const PartyTotals& a, const PartyTotals& b) { return PartyOrder(a.party) < PartyOrder(b.party); });
  statement.settlements = SettlementsWithPayments(lines, netting, payments);
  return statement;
}

MemberStatement BuildMemberStatement(const Party& party, Month month, bool netting,
                                     const std::vector<StatementLine>& lines, const std::vector<PaidAmount>& payments) {
  MemberStatement statement;
  statement.party = party;
  statement.month = month;
  std::vector<StatementLine> own;
  for (const auto& line : lines) {
    if (!Involves(line, party) || line.debtor == line.creditor) continue;
    own.push_back(line);
    const bool settled = IsSettledFlow(line);
    if (line.debtor == party) {
      statement.used.push_back(line);
      if (settled) statement.used_total = statement.used_total + line.amount;
    } else {
      statement.provided.push_back(line);
      if (settled) statement.provided_total = statement.provided_total + line.amount;
    }
  }
  SortLines(statement.used);
  SortLines(statement.provided);
  std::vector<PaidAmount> own_payments;
  for (const auto& payment : payments) {
    if (payment.debtor == party || payment.creditor == party) own_payments.push_back(payment);
  }
  statement.settlements = SettlementsWithPayments(own, netting, own_payments);
  return statement;
}

std::string SpreadsheetAmount(Money amount, std::string_view lang) {
  const bool negative = amount.cents < 0;
  // Through unsigned arithmetic so that the most negative amount does not overflow.
  std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(amount.cents) : static_cast<std::uint64_t>(amount.cents);
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / 100);
  out += lang == "fr" ? ',' : '.';
  std::uint64_t cents = abs % 100;
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

std::string FlowKindName(FlowKind kind, std::string_view lang) {
  const bool fr = lang == "fr";
  switch (kind) {
    case FlowKind::kBooking:
      return fr ? "Réservation" : "Booking";
    case FlowKind::kService:
      return fr ? "Service" : "Service";
    case FlowKind::kPlacement:
      return fr ? "Mise à disposition" : "Staff placement";
    case FlowKind::kRent:
      return fr ? "Loyer" : "Rent";
    case FlowKind::kAdvance:
      return fr ? "Avance" : "Advance";
    case FlowKind::kRepayment:
      return fr ? "Échéance" : "Installment";
  }
  return FlowKindCode(kind);
}

tabular::Table StatementTable(std::vector<StatementLine> lines, std::string_view lang, std::string_view hub_name) {
  const bool fr = lang == "fr";
  tabular::Table table;
  table.header = fr ? std::vector<std::string>{"Date", "Nature", "Libellé", "Débiteur", "Créancier", "Montant"}
                    : std::vector<std::string>{"Date", "Kind", "Label", "Debtor", "Creditor", "Amount"};
  SortLines(lines);
  auto name = [&](const Party& party) { return party.member ? party.name : std::string(hub_name); };
  table.rows.reserve(lines.size());
  for (const auto& line : lines) {
    table.rows.push_back({FormatDate(line.on, lang), FlowKindName(line.kind, lang), line.label, name(line.debtor),
                          name(line.creditor), SpreadsheetAmount(line.amount, lang)});
  }
  return table;
}

PoolingBalance BuildBalance(const Party& party, Date from, Date to, const std::vector<KindSums>& sums) {
  PoolingBalance balance;
  balance.party = party;
  balance.from = from;
  balance.to = to;
  for (FlowKind kind : {FlowKind::kBooking, FlowKind::kService, FlowKind::kPlacement, FlowKind::kRent,
                        FlowKind::kAdvance}) {
    BalanceRow row{kind, Money{0}, Money{0}};
    for (const auto& sum : sums) {
      if (sum.kind != kind) continue;
      row.provided = row.provided + sum.provided;
      row.used = row.used + sum.used;
    }
    balance.provided = balance.provided + row.provided;
    balance.used = balance.used + row.used;
    balance.rows.push_back(row);
  }
  return balance;
}

std::optional<MonthSpan> MonthsStartingIn(Date from, Date to) {
  if (to < from) return std::nullopt;
  Month first = MonthOf(from);
  if (from.day != 1) first = first.Next();
  Month last = MonthOf(to);
  if (last < first) return std::nullopt;
  return MonthSpan{first, last};
}

Money RentOver(const Lease& lease, MonthSpan span) {
  Month first = std::max(span.first, MonthOf(lease.starts_on));
  Month last = lease.ends_on ? std::min(span.last, MonthOf(*lease.ends_on)) : span.last;
  Money total{0};
  for (Month m = first; m <= last; m = m.Next()) total = total + RentDue(lease, m);
  return total;
}

}  // namespace coopole::pooling
