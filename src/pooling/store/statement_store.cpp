#include "store/statement_store.h"

#include <string_view>

#include "coopole/core/decimal.h"

namespace coopole::pooling::store {
namespace {

// "column = ?" binding the member's id, or what stands for the hub in that column: NULL in
// the flow tables, 0 in pooling_settlements.
std::string PartyIs(std::string_view column, const Party& party, db::Params& params, bool hub_is_zero = false) {
  std::string sql(column);
  if (party.member) {
    params.emplace_back(party.member->value);
    return sql + " = ?";
  }
  return sql + (hub_is_zero ? " = 0" : " IS NULL");
}

// Restricts a query to the rows where the scope's party is the debtor or the creditor.
void AppendScope(std::string& sql, db::Params& params, const Scope& scope, std::string_view debtor,
                 std::string_view creditor, bool hub_is_zero = false) {
  if (scope.everyone) return;
  sql += " AND (";
  sql += PartyIs(debtor, scope.party, params, hub_is_zero);
  sql += " OR ";
  sql += PartyIs(creditor, scope.party, params, hub_is_zero);
  sql += ")";
}

Party ReadParty(const db::Rows& rows, std::size_t r, std::size_t id_col, std::size_t name_col,
                bool zero_is_hub = false) {
  Party party;
  auto id = rows.OptInt(r, id_col);
  if (id && !(zero_is_hub && *id == 0)) {
    party.member = MemberId{*id};
    party.name = rows.Text(r, name_col);
  }
  return party;
}

// Lines from rows laid out as: debtor id, debtor name, creditor id, creditor name, label,
// amount, date.
std::vector<StatementLine> ReadLines(const db::Rows& rows, FlowKind kind) {
  std::vector<StatementLine> lines;
  lines.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    StatementLine line;
    line.kind = kind;
    line.debtor = ReadParty(rows, r, 0, 1);
    line.creditor = ReadParty(rows, r, 2, 3);
    line.label = rows.Text(r, 4);
    line.amount = Money{rows.Int(r, 5)};
    line.on = rows.OptDate(r, 6).value_or(Date{});
    lines.push_back(std::move(line));
  }
  return lines;
}

KindSums ReadSums(const db::Rows& rows, FlowKind kind) {
  KindSums sums{kind, Money{0}, Money{0}};
  if (!rows.empty()) {
    sums.provided = Money{rows.Int(0, 0)};
    sums.used = Money{rows.Int(0, 1)};
  }
  return sums;
}

// SELECT of the provided (creditor is the party) and used (debtor is the party) sums of
// `amount` over `from_where`, parameters of the two sums first.
std::string SumsSelect(std::string_view amount, std::string_view debtor, std::string_view creditor,
                       const Party& party, db::Params& params) {
  std::string sql = "SELECT CAST(COALESCE(SUM(CASE WHEN ";
  sql += PartyIs(creditor, party, params);
  sql += " THEN ";
  sql += amount;
  sql += " ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN ";
  sql += PartyIs(debtor, party, params);
  sql += " THEN ";
  sql += amount;
  sql += " ELSE 0 END), 0) AS BIGINT) ";
  return sql;
}

}  // namespace

std::optional<std::string> MemberName(db::Transaction& tx, HubId hub, MemberId member) {
  auto rows = tx.Query("SELECT name FROM members_members WHERE id = ? AND hub_id = ?", {member.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return rows.Text(0, 0);
}

bool NettingOf(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT netting FROM pooling_hub_state WHERE hub_id = ?", {hub.value});
  return !rows.empty() && rows.Int(0, 0) != 0;
}

std::vector<BookedSlot> ConfirmedBookings(db::Transaction& tx, HubId hub, UtcRange range, const Scope& scope) {
  std::string sql =
      "SELECT b.member_id, m.name, b.owner_member_id, o.name, r.name, b.starts_at, b.ends_at, b.price_cents "
      "FROM pooling_bookings b "
      "LEFT JOIN members_members m ON m.id = b.member_id "
      "LEFT JOIN members_members o ON o.id = b.owner_member_id "
      "LEFT JOIN pooling_resources r ON r.id = b.resource_id "
      "WHERE b.hub_id = ? AND b.starts_at >= ? AND b.starts_at < ? AND b.status = 'confirmed'";
  db::Params params{hub.value, range.from.unix_seconds, range.to.unix_seconds};
  AppendScope(sql, params, scope, "b.member_id", "b.owner_member_id");
  sql += " ORDER BY b.starts_at, b.id";
  auto rows = tx.Query(sql, params);
  std::vector<BookedSlot> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    BookedSlot slot;
    slot.member = ReadParty(rows, r, 0, 1);
    slot.owner = ReadParty(rows, r, 2, 3);
    slot.resource_name = rows.Text(r, 4);
    slot.starts_at = Timestamp{rows.Int(r, 5)};
    slot.ends_at = Timestamp{rows.Int(r, 6)};
    slot.price = Money{rows.Int(r, 7)};
    out.push_back(std::move(slot));
  }
  return out;
}

std::vector<StatementLine> BookingTotals(db::Transaction& tx, HubId hub, UtcRange range, Date on) {
  // Summed over the hub_start index range, then named: the names are joined to the few
  // groups, not to every booking.
  auto rows = tx.Query(
      "SELECT g.member_id, m.name, g.owner_member_id, o.name, g.total, g.n FROM ("
      "SELECT member_id, owner_member_id, CAST(SUM(price_cents) AS BIGINT) AS total, COUNT(*) AS n "
      "FROM pooling_bookings WHERE hub_id = ? AND starts_at >= ? AND starts_at < ? AND status = 'confirmed' "
      "GROUP BY member_id, owner_member_id) g "
      "LEFT JOIN members_members m ON m.id = g.member_id "
      "LEFT JOIN members_members o ON o.id = g.owner_member_id",
      {hub.value, range.from.unix_seconds, range.to.unix_seconds});
  std::vector<StatementLine> lines;
  lines.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    StatementLine line;
    line.kind = FlowKind::kBooking;
    line.on = on;
    line.debtor = ReadParty(rows, r, 0, 1);
    line.creditor = ReadParty(rows, r, 2, 3);
    line.amount = Money{rows.Int(r, 4)};
    line.count = rows.Int(r, 5);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<StatementLine> ServiceLines(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope) {
  std::string sql =
      "SELECT a.beneficiary_member_id, mb.name, a.provider_member_id, mp.name, a.what, a.amount_cents, "
      "a.delivered_on FROM pooling_agreements a "
      "LEFT JOIN members_members mb ON mb.id = a.beneficiary_member_id "
      "LEFT JOIN members_members mp ON mp.id = a.provider_member_id "
      "WHERE a.hub_id = ? AND a.status = 'delivered' AND a.delivered_on >= ? AND a.delivered_on <= ?";
  db::Params params{hub.value, FormatIsoDate(first), FormatIsoDate(last)};
  AppendScope(sql, params, scope, "a.beneficiary_member_id", "a.provider_member_id");
  sql += " ORDER BY a.delivered_on, a.id";
  return ReadLines(tx.Query(sql, params), FlowKind::kService);
}

std::vector<StatementLine> PlacementLines(db::Transaction& tx, HubId hub, Month month, const Scope& scope) {
  std::string sql =
      "SELECT p.host_member_id, mh.name, p.employer_member_id, me.name, p.person, pm.charge_cents, "
      "pm.hours_hundredths FROM pooling_placement_months pm "
      "JOIN pooling_placements p ON p.id = pm.placement_id AND p.hub_id = pm.hub_id "
      "LEFT JOIN members_members mh ON mh.id = p.host_member_id "
      "LEFT JOIN members_members me ON me.id = p.employer_member_id "
      "WHERE pm.hub_id = ? AND pm.month = ? AND pm.validated_at IS NOT NULL";
  db::Params params{hub.value, FormatMonth(month)};
  AppendScope(sql, params, scope, "p.host_member_id", "p.employer_member_id");
  sql += " ORDER BY p.person, p.id";
  auto rows = tx.Query(sql, params);
  std::vector<StatementLine> lines;
  lines.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    StatementLine line;
    line.kind = FlowKind::kPlacement;
    line.on = month.Last();
    line.debtor = ReadParty(rows, r, 0, 1);
    line.creditor = ReadParty(rows, r, 2, 3);
    line.label = rows.Text(r, 4) + ", " + FormatFixed(rows.Int(r, 6), 2, "fr") + " h";
    line.amount = Money{rows.Int(r, 5)};
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<Lease> LeasesBetween(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope) {
  std::string sql =
      "SELECT l.id, l.tenant_member_id, m.name, l.resource_id, l.space, l.monthly_rent_cents, l.starts_on, "
      "l.ends_on, l.precarious, l.notes, l.created_at, l.version FROM pooling_leases l "
      "LEFT JOIN members_members m ON m.id = l.tenant_member_id "
      "WHERE l.hub_id = ? AND l.starts_on <= ? AND (l.ends_on IS NULL OR l.ends_on >= ?)";
  db::Params params{hub.value, FormatIsoDate(last), FormatIsoDate(first)};
  AppendScope(sql, params, scope, "l.tenant_member_id", "NULL");
  sql += " ORDER BY l.starts_on, l.id";
  auto rows = tx.Query(sql, params);
  std::vector<Lease> leases;
  leases.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Lease lease;
    lease.id = LeaseId{rows.Int(r, 0)};
    lease.hub = hub;
    lease.tenant = MemberId{rows.Int(r, 1)};
    lease.tenant_name = rows.Text(r, 2);
    if (auto resource = rows.OptInt(r, 3)) lease.resource = ResourceId{*resource};
    lease.space = rows.Text(r, 4);
    lease.monthly_rent = Money{rows.Int(r, 5)};
    lease.starts_on = rows.OptDate(r, 6).value_or(Date{});
    if (!rows.IsNull(r, 7)) lease.ends_on = rows.OptDate(r, 7).value_or(Date{});
    lease.precarious = rows.Int(r, 8) != 0;
    lease.notes = rows.Text(r, 9);
    lease.created_at = Timestamp{rows.Int(r, 10)};
    lease.version = rows.Int(r, 11);
    leases.push_back(std::move(lease));
  }
  return leases;
}

std::vector<StatementLine> AdvanceLines(db::Transaction& tx, HubId hub, Date first, Date last, const Scope& scope) {
  std::string sql =
      "SELECT a.borrower_member_id, mb.name, a.lender_member_id, ml.name, a.purpose, a.amount_cents, "
      "a.approved_on FROM pooling_advances a "
      "LEFT JOIN members_members mb ON mb.id = a.borrower_member_id "
      "LEFT JOIN members_members ml ON ml.id = a.lender_member_id "
      "WHERE a.hub_id = ? AND a.status IN ('approved', 'repaid') AND a.approved_on >= ? AND a.approved_on <= ?";
  db::Params params{hub.value, FormatIsoDate(first), FormatIsoDate(last)};
  AppendScope(sql, params, scope, "a.borrower_member_id", "a.lender_member_id");
  sql += " ORDER BY a.approved_on, a.id";
  return ReadLines(tx.Query(sql, params), FlowKind::kAdvance);
}

std::vector<StatementLine> InstallmentLines(db::Transaction& tx, HubId hub, Date first, Date last,
                                            const Scope& scope) {
  // The rank of an installment is counted rather than read from seq, whatever seq starts at.
  std::string sql =
      "SELECT a.borrower_member_id, mb.name, a.lender_member_id, ml.name, a.purpose, i.amount_cents, i.due_on, "
      "(SELECT COUNT(*) FROM pooling_installments j WHERE j.advance_id = i.advance_id AND j.seq <= i.seq), "
      "a.installments_count FROM pooling_installments i "
      "JOIN pooling_advances a ON a.id = i.advance_id AND a.hub_id = i.hub_id "
      "LEFT JOIN members_members mb ON mb.id = a.borrower_member_id "
      "LEFT JOIN members_members ml ON ml.id = a.lender_member_id "
      "WHERE i.hub_id = ? AND i.due_on >= ? AND i.due_on <= ? AND a.status IN ('approved', 'repaid')";
  db::Params params{hub.value, FormatIsoDate(first), FormatIsoDate(last)};
  AppendScope(sql, params, scope, "a.borrower_member_id", "a.lender_member_id");
  sql += " ORDER BY i.due_on, i.advance_id, i.seq";
  auto rows = tx.Query(sql, params);
  auto lines = ReadLines(rows, FlowKind::kRepayment);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    lines[r].label += ' ' + std::to_string(rows.Int(r, 7)) + '/' + std::to_string(rows.Int(r, 8));
  }
  return lines;
}

std::vector<PaidAmount> Payments(db::Transaction& tx, HubId hub, Month month, const Scope& scope) {
  std::string sql =
      "SELECT g.debtor_member_id, md.name, g.creditor_member_id, mc.name, g.total FROM ("
      "SELECT debtor_member_id, creditor_member_id, CAST(SUM(amount_cents) AS BIGINT) AS total "
      "FROM pooling_settlements WHERE hub_id = ? AND month = ?";
  db::Params params{hub.value, FormatMonth(month)};
  AppendScope(sql, params, scope, "debtor_member_id", "creditor_member_id", /*hub_is_zero=*/true);
  sql +=
      " GROUP BY debtor_member_id, creditor_member_id) g "
      "LEFT JOIN members_members md ON md.id = g.debtor_member_id "
      "LEFT JOIN members_members mc ON mc.id = g.creditor_member_id";
  auto rows = tx.Query(sql, params);
  std::vector<PaidAmount> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back(PaidAmount{ReadParty(rows, r, 0, 1, true), ReadParty(rows, r, 2, 3, true), Money{rows.Int(r, 4)}});
  }
  return out;
}

std::int64_t InsertSettlement(db::Transaction& tx, HubId hub, Month month, const Party& debtor,
                              const Party& creditor, Money amount, UserId by, Timestamp at) {
  auto rows = tx.Query(
      "INSERT INTO pooling_settlements (hub_id, month, debtor_member_id, creditor_member_id, amount_cents, "
      "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {hub.value, FormatMonth(month), SettlementKey(debtor), SettlementKey(creditor), amount.cents, by.value,
       at.unix_seconds});
  return rows.Int(0, 0);
}

KindSums BookingSums(db::Transaction& tx, HubId hub, const Party& party, UtcRange range) {
  db::Params params;
  std::string sql = SumsSelect("price_cents", "member_id", "owner_member_id", party, params);
  sql +=
      "FROM pooling_bookings WHERE hub_id = ? AND starts_at >= ? AND starts_at < ? AND status = 'confirmed' "
      "AND (owner_member_id IS NULL OR owner_member_id <> member_id)";
  params.insert(params.end(), {hub.value, range.from.unix_seconds, range.to.unix_seconds});
  AppendScope(sql, params, Scope::Of(party), "member_id", "owner_member_id");
  return ReadSums(tx.Query(sql, params), FlowKind::kBooking);
}

KindSums ServiceSums(db::Transaction& tx, HubId hub, const Party& party, Date from, Date to) {
  db::Params params;
  std::string sql = SumsSelect("amount_cents", "beneficiary_member_id", "provider_member_id", party, params);
  sql +=
      "FROM pooling_agreements WHERE hub_id = ? AND status = 'delivered' AND delivered_on >= ? "
      "AND delivered_on <= ? AND provider_member_id <> beneficiary_member_id";
  params.insert(params.end(), {hub.value, FormatIsoDate(from), FormatIsoDate(to)});
  AppendScope(sql, params, Scope::Of(party), "beneficiary_member_id", "provider_member_id");
  return ReadSums(tx.Query(sql, params), FlowKind::kService);
}

KindSums PlacementSums(db::Transaction& tx, HubId hub, const Party& party, MonthSpan span) {
  db::Params params;
  std::string sql = SumsSelect("pm.charge_cents", "p.host_member_id", "p.employer_member_id", party, params);
  sql +=
      "FROM pooling_placement_months pm JOIN pooling_placements p ON p.id = pm.placement_id AND p.hub_id = pm.hub_id "
      "WHERE pm.hub_id = ? AND pm.month >= ? AND pm.month <= ? AND pm.validated_at IS NOT NULL "
      "AND p.host_member_id <> p.employer_member_id";
  params.insert(params.end(), {hub.value, FormatMonth(span.first), FormatMonth(span.last)});
  AppendScope(sql, params, Scope::Of(party), "p.host_member_id", "p.employer_member_id");
  return ReadSums(tx.Query(sql, params), FlowKind::kPlacement);
}

KindSums AdvanceSums(db::Transaction& tx, HubId hub, const Party& party, Date from, Date to) {
  db::Params params;
  std::string sql = SumsSelect("amount_cents", "borrower_member_id", "lender_member_id", party, params);
  sql +=
      "FROM pooling_advances WHERE hub_id = ? AND status IN ('approved', 'repaid') AND approved_on >= ? "
      "AND approved_on <= ? AND (lender_member_id IS NULL OR lender_member_id <> borrower_member_id)";
  params.insert(params.end(), {hub.value, FormatIsoDate(from), FormatIsoDate(to)});
  AppendScope(sql, params, Scope::Of(party), "borrower_member_id", "lender_member_id");
  return ReadSums(tx.Query(sql, params), FlowKind::kAdvance);
}

std::vector<Booking> PendingBookings(db::Transaction& tx, HubId hub, Timestamp after, std::optional<MemberId> owner,
                                     int limit) {
  std::string sql =
      "SELECT b.id, b.resource_id, r.name, b.member_id, m.name, b.booked_by, b.title, b.attendees, b.starts_at, "
      "b.ends_at, b.tier, b.price_cents, b.owner_member_id, b.series_id, b.reason, b.decided_by, b.created_at, "
      "b.updated_at, b.version FROM pooling_bookings b "
      "LEFT JOIN pooling_resources r ON r.id = b.resource_id "
      "LEFT JOIN members_members m ON m.id = b.member_id "
      "WHERE b.hub_id = ? AND b.status = 'pending' AND b.starts_at > ?";
  db::Params params{hub.value, after.unix_seconds};
  if (owner) {
    sql += " AND b.owner_member_id = ?";
    params.emplace_back(owner->value);
  }
  sql += " ORDER BY b.starts_at, b.id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx.Query(sql, params);
  std::vector<Booking> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Booking b;
    b.id = BookingId{rows.Int(r, 0)};
    b.hub = hub;
    b.resource = ResourceId{rows.Int(r, 1)};
    b.resource_name = rows.Text(r, 2);
    b.member = MemberId{rows.Int(r, 3)};
    b.member_name = rows.Text(r, 4);
    b.booked_by = UserId{rows.Int(r, 5)};
    b.title = rows.Text(r, 6);
    b.attendees = rows.OptInt(r, 7);
    b.starts_at = Timestamp{rows.Int(r, 8)};
    b.ends_at = Timestamp{rows.Int(r, 9)};
    b.status = BookingStatus::kPending;
    b.tier = ParseTier(rows.Text(r, 10)).value_or(PriceTier::kMember);
    b.price = Money{rows.Int(r, 11)};
    if (auto o = rows.OptInt(r, 12)) b.owner = MemberId{*o};
    if (auto s = rows.OptInt(r, 13)) b.series = SeriesId{*s};
    b.reason = rows.Text(r, 14);
    if (auto d = rows.OptInt(r, 15)) b.decided_by = UserId{*d};
    b.created_at = Timestamp{rows.Int(r, 16)};
    b.updated_at = Timestamp{rows.Int(r, 17)};
    b.version = rows.Int(r, 18);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace coopole::pooling::store
