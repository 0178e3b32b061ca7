#include "store/ledger_store.h"

#include <map>

#include "ledger_rules.h"

namespace coopole::pooling::store {
namespace {

std::optional<MemberId> ReadOptMember(const db::Rows& rows, std::size_t r, std::size_t c) {
  if (auto id = rows.OptInt(r, c)) return MemberId{*id};
  return std::nullopt;
}

// --- agreements ---

constexpr const char* kAgreementSelect =
    "SELECT a.id, a.hub_id, a.resource_id, COALESCE(r.name, ''), a.provider_member_id, COALESCE(p.name, ''), "
    "a.beneficiary_member_id, COALESCE(b.name, ''), a.what, a.hours_hundredths, a.amount_cents, a.status, "
    "a.delivered_on, a.created_at, a.updated_at, a.version FROM pooling_agreements a "
    "LEFT JOIN pooling_resources r ON r.id = a.resource_id AND r.hub_id = a.hub_id "
    "LEFT JOIN members_members p ON p.id = a.provider_member_id "
    "LEFT JOIN members_members b ON b.id = a.beneficiary_member_id ";

Agreement ReadAgreement(const db::Rows& rows, std::size_t r) {
  Agreement a;
  a.id = AgreementId{rows.Int(r, 0)};
  a.hub = HubId{rows.Int(r, 1)};
  if (auto id = rows.OptInt(r, 2)) a.resource = ResourceId{*id};
  a.resource_name = rows.Text(r, 3);
  a.provider = MemberId{rows.Int(r, 4)};
  a.provider_name = rows.Text(r, 5);
  a.beneficiary = MemberId{rows.Int(r, 6)};
  a.beneficiary_name = rows.Text(r, 7);
  a.what = rows.Text(r, 8);
  a.hours_hundredths = rows.Int(r, 9);
  a.amount = Money{rows.Int(r, 10)};
  a.status = ParseAgreementStatus(rows.Text(r, 11)).value_or(AgreementStatus::kRequested);
  a.delivered_on = rows.OptDate(r, 12);
  a.created_at = Timestamp{rows.Int(r, 13)};
  a.updated_at = Timestamp{rows.Int(r, 14)};
  a.version = rows.Int(r, 15);
  return a;
}

std::vector<Agreement> ReadAgreements(const db::Rows& rows) {
  std::vector<Agreement> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadAgreement(rows, r));
  return out;
}

// --- placements ---

constexpr const char* kPlacementFields =
    "p.id, p.hub_id, p.employer_member_id, COALESCE(e.name, ''), p.host_member_id, COALESCE(h.name, ''), "
    "p.person, p.starts_on, p.ends_on, p.weekly_hours_hundredths, p.hourly_cost_cents, p.created_at, p.version";
constexpr std::size_t kPlacementColumns = 13;
constexpr const char* kPlacementFrom =
    " FROM pooling_placements p "
    "LEFT JOIN members_members e ON e.id = p.employer_member_id "
    "LEFT JOIN members_members h ON h.id = p.host_member_id ";
const std::string kPlacementSelect = std::string("SELECT ") + kPlacementFields + kPlacementFrom;

Placement ReadPlacement(const db::Rows& rows, std::size_t r) {
  Placement p;
  p.id = PlacementId{rows.Int(r, 0)};
  p.hub = HubId{rows.Int(r, 1)};
  p.employer = MemberId{rows.Int(r, 2)};
  p.employer_name = rows.Text(r, 3);
  p.host = MemberId{rows.Int(r, 4)};
  p.host_name = rows.Text(r, 5);
  p.person = rows.Text(r, 6);
  p.starts_on = rows.OptDate(r, 7).value_or(Date{});
  p.ends_on = rows.OptDate(r, 8);
  p.weekly_hours_hundredths = rows.Int(r, 9);
  p.hourly_cost = Money{rows.Int(r, 10)};
  p.created_at = Timestamp{rows.Int(r, 11)};
  p.version = rows.Int(r, 12);
  return p;
}

constexpr const char* kMonthColumns =
    "m.placement_id, m.month, m.hours_hundredths, m.charge_cents, m.validated_at, m.validated_by";

PlacementMonth ReadPlacementMonth(const db::Rows& rows, std::size_t r, std::size_t c) {
  PlacementMonth m;
  m.placement = PlacementId{rows.Int(r, c)};
  m.month = ParseMonth(rows.Text(r, c + 1)).value_or(Month{});
  m.hours_hundredths = rows.Int(r, c + 2);
  m.charge = Money{rows.Int(r, c + 3)};
  if (auto at = rows.OptInt(r, c + 4)) m.validated_at = Timestamp{*at};
  if (auto by = rows.OptInt(r, c + 5)) m.validated_by = UserId{*by};
  return m;
}

// --- advances ---

constexpr const char* kAdvanceSelect =
    "SELECT a.id, a.hub_id, a.lender_member_id, COALESCE(l.name, ''), a.borrower_member_id, COALESCE(b.name, ''), "
    "a.amount_cents, a.purpose, a.status, a.installments_count, a.first_due_on, a.approved_by, a.approved_at, "
    "a.created_at, a.version FROM pooling_advances a "
    "LEFT JOIN members_members l ON l.id = a.lender_member_id "
    "LEFT JOIN members_members b ON b.id = a.borrower_member_id ";

Advance ReadAdvance(const db::Rows& rows, std::size_t r) {
  Advance a;
  a.id = AdvanceId{rows.Int(r, 0)};
  a.hub = HubId{rows.Int(r, 1)};
  a.lender.member = ReadOptMember(rows, r, 2);
  a.lender.name = a.lender.member ? rows.Text(r, 3) : "";
  a.borrower = MemberId{rows.Int(r, 4)};
  a.borrower_name = rows.Text(r, 5);
  a.amount = Money{rows.Int(r, 6)};
  a.purpose = rows.Text(r, 7);
  a.status = ParseAdvanceStatus(rows.Text(r, 8)).value_or(AdvanceStatus::kRequested);
  a.installments_count = static_cast<int>(rows.Int(r, 9));
  a.first_due_on = rows.OptDate(r, 10).value_or(Date{});
  if (auto by = rows.OptInt(r, 11)) a.approved_by = UserId{*by};
  if (auto at = rows.OptInt(r, 12)) a.approved_at = Timestamp{*at};
  a.created_at = Timestamp{rows.Int(r, 13)};
  a.version = rows.Int(r, 14);
  return a;
}

// Loads the schedules and repayments of `advances` (all of `hub`, or only the advance
// `only`), then allocates the repayments and computes what is outstanding.
void LoadDetails(db::Transaction& tx, HubId hub, std::vector<Advance>& advances,
                 std::optional<AdvanceId> only = std::nullopt) {
  if (advances.empty()) return;
  std::map<std::int64_t, Advance*> by_id;
  for (auto& a : advances) by_id[a.id.value] = &a;
  std::string filter = "WHERE hub_id = ?";
  db::Params params = {hub.value};
  if (only) {
    filter += " AND advance_id = ?";
    params.push_back(only->value);
  }
  auto installments =
      tx.Query("SELECT advance_id, due_on, amount_cents FROM pooling_installments " + filter + " ORDER BY advance_id, seq",
               params);
  for (std::size_t r = 0; r < installments.size(); ++r) {
    auto it = by_id.find(installments.Int(r, 0));
    if (it == by_id.end()) continue;
    it->second->schedule.push_back(Installment{installments.OptDate(r, 1).value_or(Date{}), Money{installments.Int(r, 2)}, Money{0}});
  }
  auto repayments = tx.Query(
      "SELECT advance_id, paid_on, amount_cents FROM pooling_repayments " + filter + " ORDER BY advance_id, paid_on, id",
      params);
  for (std::size_t r = 0; r < repayments.size(); ++r) {
    auto it = by_id.find(repayments.Int(r, 0));
    if (it == by_id.end()) continue;
    it->second->repayments.push_back(Repayment{repayments.OptDate(r, 1).value_or(Date{}), Money{repayments.Int(r, 2)}});
  }
  for (auto& a : advances) {
    AllocateRepayments(a.schedule, a.repayments);
    Money repaid;
    for (const auto& repayment : a.repayments) repaid = repaid + repayment.amount;
    a.outstanding = a.status == AdvanceStatus::kApproved && repaid < a.amount ? a.amount - repaid : Money{0};
  }
}

std::vector<Advance> ReadAdvances(db::Transaction& tx, HubId hub, const db::Rows& rows) {
  std::vector<Advance> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadAdvance(rows, r));
  LoadDetails(tx, hub, out);
  return out;
}

// --- leases ---

constexpr const char* kLeaseSelect =
    "SELECT l.id, l.hub_id, l.tenant_member_id, COALESCE(m.name, ''), l.resource_id, l.space, l.monthly_rent_cents, "
    "l.starts_on, l.ends_on, l.precarious, l.notes, l.created_at, l.version FROM pooling_leases l "
    "LEFT JOIN members_members m ON m.id = l.tenant_member_id ";

Lease ReadLease(const db::Rows& rows, std::size_t r) {
  Lease l;
  l.id = LeaseId{rows.Int(r, 0)};
  l.hub = HubId{rows.Int(r, 1)};
  l.tenant = MemberId{rows.Int(r, 2)};
  l.tenant_name = rows.Text(r, 3);
  if (auto id = rows.OptInt(r, 4)) l.resource = ResourceId{*id};
  l.space = rows.Text(r, 5);
  l.monthly_rent = Money{rows.Int(r, 6)};
  l.starts_on = rows.OptDate(r, 7).value_or(Date{});
  l.ends_on = rows.OptDate(r, 8);
  l.precarious = rows.Int(r, 9) != 0;
  l.notes = rows.Text(r, 10);
  l.created_at = Timestamp{rows.Int(r, 11)};
  l.version = rows.Int(r, 12);
  return l;
}

std::vector<Lease> ReadLeases(const db::Rows& rows) {
  std::vector<Lease> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadLease(rows, r));
  return out;
}

}  // namespace

std::optional<ResourceSummary> FindResourceSummary(db::Transaction& tx, HubId hub, ResourceId id) {
  auto rows = tx.Query(
      "SELECT id, kind, name, owner_member_id, price_unit, price_member, archived_at FROM pooling_resources "
      "WHERE id = ? AND hub_id = ?",
      {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  auto kind = ParseKind(rows.Text(0, 1));
  if (!kind) return std::nullopt;
  ResourceSummary s;
  s.id = ResourceId{rows.Int(0, 0)};
  s.kind = *kind;
  s.name = rows.Text(0, 2);
  s.owner = ReadOptMember(rows, 0, 3);
  s.unit = ParsePriceUnit(rows.Text(0, 4)).value_or(PriceUnit::kFree);
  s.member_price = Money{rows.Int(0, 5)};
  s.archived = !rows.IsNull(0, 6);
  return s;
}

// --- agreements ---

AgreementId InsertAgreement(db::Transaction& tx, const Agreement& a) {
  auto rows = tx.Query(
      "INSERT INTO pooling_agreements (hub_id, resource_id, provider_member_id, beneficiary_member_id, what, "
      "hours_hundredths, amount_cents, status, delivered_on, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {a.hub.value, db::Nullable(a.resource), a.provider.value,
       a.beneficiary.value, a.what, a.hours_hundredths, a.amount.cents, std::string(AgreementStatusCode(a.status)),
       db::Nullable(a.delivered_on), a.created_at.unix_seconds, a.updated_at.unix_seconds});
  return AgreementId{rows.Int(0, 0)};
}

std::optional<Agreement> FindAgreement(db::Transaction& tx, HubId hub, AgreementId id) {
  auto rows = tx.Query(std::string(kAgreementSelect) + "WHERE a.id = ? AND a.hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return ReadAgreement(rows, 0);
}

std::vector<Agreement> ListAgreements(db::Transaction& tx, HubId hub, std::optional<MemberId> member) {
  if (member) {
    return ReadAgreements(tx.Query(std::string(kAgreementSelect) +
                                       "WHERE a.hub_id = ? AND (a.provider_member_id = ? OR a.beneficiary_member_id = ?) "
                                       "ORDER BY a.created_at DESC, a.id DESC",
                                   {hub.value, member->value, member->value}));
  }
  return ReadAgreements(
      tx.Query(std::string(kAgreementSelect) + "WHERE a.hub_id = ? ORDER BY a.created_at DESC, a.id DESC", {hub.value}));
}

bool UpdateAgreementStatus(db::Transaction& tx, const Agreement& a, std::int64_t expected_version) {
  return tx.Execute(
             "UPDATE pooling_agreements SET status = ?, delivered_on = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             {std::string(AgreementStatusCode(a.status)), db::Nullable(a.delivered_on), a.updated_at.unix_seconds,
              a.id.value, a.hub.value, expected_version}) == 1;
}

std::vector<Agreement> DeliveredAgreementsBetween(db::Transaction& tx, HubId hub, Date from, Date to) {
  return ReadAgreements(tx.Query(std::string(kAgreementSelect) +
                                     "WHERE a.hub_id = ? AND a.status = 'delivered' AND a.delivered_on >= ? "
                                     "AND a.delivered_on <= ? ORDER BY a.delivered_on, a.id",
                                 {hub.value, FormatIsoDate(from), FormatIsoDate(to)}));
}

// --- placements ---

PlacementId InsertPlacement(db::Transaction& tx, const Placement& p) {
  auto rows = tx.Query(
      "INSERT INTO pooling_placements (hub_id, employer_member_id, host_member_id, person, starts_on, ends_on, "
      "weekly_hours_hundredths, hourly_cost_cents, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {p.hub.value, p.employer.value, p.host.value, p.person, FormatIsoDate(p.starts_on), db::Nullable(p.ends_on),
       p.weekly_hours_hundredths, p.hourly_cost.cents, p.created_at.unix_seconds, p.created_at.unix_seconds});
  return PlacementId{rows.Int(0, 0)};
}

std::optional<Placement> FindPlacement(db::Transaction& tx, HubId hub, PlacementId id) {
  auto rows = tx.Query(kPlacementSelect + "WHERE p.id = ? AND p.hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return ReadPlacement(rows, 0);
}

std::vector<Placement> ListPlacements(db::Transaction& tx, HubId hub) {
  auto rows =
      tx.Query(kPlacementSelect + "WHERE p.hub_id = ? ORDER BY p.starts_on DESC, p.id DESC", {hub.value});
  std::vector<Placement> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadPlacement(rows, r));
  return out;
}

std::vector<PlacementMonth> ListPlacementMonths(db::Transaction& tx, HubId hub, PlacementId placement) {
  auto rows = tx.Query(std::string("SELECT ") + kMonthColumns +
                           " FROM pooling_placement_months m WHERE m.hub_id = ? AND m.placement_id = ? ORDER BY m.month",
                       {hub.value, placement.value});
  std::vector<PlacementMonth> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadPlacementMonth(rows, r, 0));
  return out;
}

std::optional<PlacementMonth> FindPlacementMonth(db::Transaction& tx, HubId hub, PlacementId placement, Month month) {
  auto rows = tx.Query(std::string("SELECT ") + kMonthColumns +
                           " FROM pooling_placement_months m WHERE m.hub_id = ? AND m.placement_id = ? AND m.month = ?",
                       {hub.value, placement.value, FormatMonth(month)});
  if (rows.empty()) return std::nullopt;
  return ReadPlacementMonth(rows, 0, 0);
}

bool DeclarePlacementMonth(db::Transaction& tx, HubId hub, const PlacementMonth& m, UserId by, Timestamp at) {
  return tx.Execute(
             "INSERT INTO pooling_placement_months (placement_id, hub_id, month, hours_hundredths, charge_cents, "
             "declared_by, declared_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (placement_id, month) DO UPDATE SET hours_hundredths = excluded.hours_hundredths, "
             "charge_cents = excluded.charge_cents, declared_by = excluded.declared_by, "
             "declared_at = excluded.declared_at "
             "WHERE pooling_placement_months.validated_at IS NULL AND pooling_placement_months.hub_id = excluded.hub_id",
             {m.placement.value, hub.value, FormatMonth(m.month), m.hours_hundredths, m.charge.cents, by.value,
              at.unix_seconds}) == 1;
}

bool ValidatePlacementMonth(db::Transaction& tx, HubId hub, PlacementId placement, Month month, UserId by,
                            Timestamp at) {
  return tx.Execute(
             "UPDATE pooling_placement_months SET validated_by = ?, validated_at = ? "
             "WHERE placement_id = ? AND hub_id = ? AND month = ? AND validated_at IS NULL",
             {by.value, at.unix_seconds, placement.value, hub.value, FormatMonth(month)}) == 1;
}

std::vector<std::pair<Placement, PlacementMonth>> ValidatedPlacementMonths(db::Transaction& tx, HubId hub,
                                                                           Month month) {
  auto rows = tx.Query(std::string("SELECT ") + kPlacementFields + ", " + kMonthColumns + kPlacementFrom +
                           "JOIN pooling_placement_months m ON m.placement_id = p.id AND m.hub_id = p.hub_id "
                           "WHERE p.hub_id = ? AND m.month = ? AND m.validated_at IS NOT NULL ORDER BY p.id",
                       {hub.value, FormatMonth(month)});
  std::vector<std::pair<Placement, PlacementMonth>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.emplace_back(ReadPlacement(rows, r), ReadPlacementMonth(rows, r, kPlacementColumns));
  }
  return out;
}

// --- advances ---

AdvanceId InsertAdvance(db::Transaction& tx, const Advance& a) {
  auto rows = tx.Query(
      "INSERT INTO pooling_advances (hub_id, lender_member_id, borrower_member_id, amount_cents, purpose, status, "
      "installments_count, first_due_on, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {a.hub.value, db::Nullable(a.lender.member), a.borrower.value,
       a.amount.cents, a.purpose, std::string(AdvanceStatusCode(a.status)), std::int64_t{a.installments_count},
       FormatIsoDate(a.first_due_on), a.created_at.unix_seconds, a.created_at.unix_seconds});
  return AdvanceId{rows.Int(0, 0)};
}

std::optional<Advance> FindAdvance(db::Transaction& tx, HubId hub, AdvanceId id) {
  auto rows = tx.Query(std::string(kAdvanceSelect) + "WHERE a.id = ? AND a.hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  std::vector<Advance> one = {ReadAdvance(rows, 0)};
  LoadDetails(tx, hub, one, id);
  return std::move(one.front());
}

std::vector<Advance> ListAdvances(db::Transaction& tx, HubId hub) {
  return ReadAdvances(
      tx, hub,
      tx.Query(std::string(kAdvanceSelect) + "WHERE a.hub_id = ? ORDER BY a.created_at DESC, a.id DESC", {hub.value}));
}

std::vector<Advance> ApprovedAdvances(db::Transaction& tx, HubId hub) {
  return ReadAdvances(tx, hub,
                      tx.Query(std::string(kAdvanceSelect) +
                                   "WHERE a.hub_id = ? AND a.approved_at IS NOT NULL AND a.status IN ('approved', 'repaid') "
                                   "ORDER BY a.approved_at, a.id",
                               {hub.value}));
}

std::optional<Date> ApprovedOn(db::Transaction& tx, HubId hub, AdvanceId id) {
  auto rows = tx.Query("SELECT approved_on FROM pooling_advances WHERE id = ? AND hub_id = ?", {id.value, hub.value});
  if (rows.empty() || rows.IsNull(0, 0)) return std::nullopt;
  return ParseDate(rows.Text(0, 0));
}

bool ApproveAdvance(db::Transaction& tx, const Advance& a, Date approved_on, std::int64_t expected_version) {
  const auto changed = tx.Execute(
      "UPDATE pooling_advances SET status = ?, approved_by = ?, approved_at = ?, approved_on = ?, first_due_on = ?, "
      "updated_at = ?, version = version + 1 WHERE id = ? AND hub_id = ? AND version = ?",
      {std::string(AdvanceStatusCode(AdvanceStatus::kApproved)), db::Nullable(a.approved_by),
       db::Nullable(a.approved_at), FormatIsoDate(approved_on),
       FormatIsoDate(a.first_due_on),
       a.approved_at ? a.approved_at->unix_seconds : a.created_at.unix_seconds, a.id.value, a.hub.value,
       expected_version});
  if (changed != 1) return false;
  std::int64_t seq = 1;
  for (const auto& installment : a.schedule) {
    tx.Execute(
        "INSERT INTO pooling_installments (advance_id, hub_id, seq, due_on, amount_cents) VALUES (?, ?, ?, ?, ?)",
        {a.id.value, a.hub.value, seq++, FormatIsoDate(installment.due_on), installment.amount.cents});
  }
  return true;
}

bool UpdateAdvanceStatus(db::Transaction& tx, HubId hub, AdvanceId id, AdvanceStatus status, Timestamp now,
                         std::int64_t expected_version) {
  return tx.Execute(
             "UPDATE pooling_advances SET status = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             {std::string(AdvanceStatusCode(status)), now.unix_seconds, id.value, hub.value, expected_version}) == 1;
}

void InsertRepayment(db::Transaction& tx, HubId hub, AdvanceId advance, const Repayment& repayment, UserId by,
                     Timestamp at) {
  tx.Execute(
      "INSERT INTO pooling_repayments (advance_id, hub_id, paid_on, amount_cents, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {advance.value, hub.value, FormatIsoDate(repayment.paid_on), repayment.amount.cents, by.value,
       at.unix_seconds});
}

Money OutstandingOf(db::Transaction& tx, HubId hub, MemberId borrower) {
  auto lent = tx.Query(
      "SELECT COALESCE(SUM(amount_cents), 0) FROM pooling_advances "
      "WHERE hub_id = ? AND borrower_member_id = ? AND status = 'approved'",
      {hub.value, borrower.value});
  auto repaid = tx.Query(
      "SELECT COALESCE(SUM(r.amount_cents), 0) FROM pooling_repayments r "
      "JOIN pooling_advances a ON a.id = r.advance_id AND a.hub_id = r.hub_id "
      "WHERE a.hub_id = ? AND a.borrower_member_id = ? AND a.status = 'approved'",
      {hub.value, borrower.value});
  return Money{lent.Int(0, 0) - repaid.Int(0, 0)};
}

std::optional<Money> FindExposureLimit(db::Transaction& tx, HubId hub, MemberId member) {
  auto rows = tx.Query("SELECT limit_cents FROM pooling_exposure_limits WHERE hub_id = ? AND member_id = ?",
                       {hub.value, member.value});
  if (rows.empty()) return std::nullopt;
  return Money{rows.Int(0, 0)};
}

void SetExposureLimit(db::Transaction& tx, HubId hub, MemberId member, std::optional<Money> limit) {
  if (!limit) {
    tx.Execute("DELETE FROM pooling_exposure_limits WHERE hub_id = ? AND member_id = ?", {hub.value, member.value});
    return;
  }
  tx.Execute(
      "INSERT INTO pooling_exposure_limits (hub_id, member_id, limit_cents) VALUES (?, ?, ?) "
      "ON CONFLICT (hub_id, member_id) DO UPDATE SET limit_cents = excluded.limit_cents",
      {hub.value, member.value, limit->cents});
}

void LockLedger(db::Transaction& tx, HubId hub) {
  tx.Execute(
      "INSERT INTO pooling_hub_state (hub_id) VALUES (?) "
      "ON CONFLICT (hub_id) DO UPDATE SET netting = pooling_hub_state.netting",
      {hub.value});
}

// --- leases ---

LeaseId InsertLease(db::Transaction& tx, const Lease& l) {
  auto rows = tx.Query(
      "INSERT INTO pooling_leases (hub_id, tenant_member_id, resource_id, space, monthly_rent_cents, starts_on, "
      "ends_on, precarious, notes, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {l.hub.value, l.tenant.value, db::Nullable(l.resource), l.space,
       l.monthly_rent.cents, FormatIsoDate(l.starts_on), db::Nullable(l.ends_on), std::int64_t{l.precarious ? 1 : 0},
       l.notes, l.created_at.unix_seconds, l.created_at.unix_seconds});
  return LeaseId{rows.Int(0, 0)};
}

std::optional<Lease> FindLease(db::Transaction& tx, HubId hub, LeaseId id) {
  auto rows = tx.Query(std::string(kLeaseSelect) + "WHERE l.id = ? AND l.hub_id = ?", {id.value, hub.value});
  if (rows.empty()) return std::nullopt;
  return ReadLease(rows, 0);
}

std::vector<Lease> ListLeases(db::Transaction& tx, HubId hub) {
  return ReadLeases(
      tx.Query(std::string(kLeaseSelect) + "WHERE l.hub_id = ? ORDER BY l.starts_on DESC, l.id DESC", {hub.value}));
}

bool UpdateLease(db::Transaction& tx, const Lease& l, std::int64_t expected_version, Timestamp now) {
  return tx.Execute(
             "UPDATE pooling_leases SET tenant_member_id = ?, resource_id = ?, space = ?, monthly_rent_cents = ?, "
             "starts_on = ?, ends_on = ?, precarious = ?, notes = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             {l.tenant.value, db::Nullable(l.resource), l.space,
              l.monthly_rent.cents, FormatIsoDate(l.starts_on), db::Nullable(l.ends_on), std::int64_t{l.precarious ? 1 : 0},
              l.notes, now.unix_seconds, l.id.value, l.hub.value, expected_version}) == 1;
}

std::vector<Lease> LeasesEndingBetween(db::Transaction& tx, HubId hub, Date from, Date to) {
  return ReadLeases(tx.Query(std::string(kLeaseSelect) +
                                 "WHERE l.hub_id = ? AND l.ends_on IS NOT NULL AND l.ends_on >= ? AND l.ends_on <= ? "
                                 "ORDER BY l.ends_on, l.id",
                             {hub.value, FormatIsoDate(from), FormatIsoDate(to)}));
}

std::vector<Lease> LeasesOverlapping(db::Transaction& tx, HubId hub, Date from, Date to) {
  return ReadLeases(tx.Query(std::string(kLeaseSelect) +
                                 "WHERE l.hub_id = ? AND l.starts_on <= ? AND (l.ends_on IS NULL OR l.ends_on >= ?) "
                                 "ORDER BY l.starts_on, l.id",
                             {hub.value, FormatIsoDate(to), FormatIsoDate(from)}));
}

// --- settings ---

PoolingSettings LoadSettings(db::Transaction& tx, HubId hub) {
  PoolingSettings settings;
  auto rows =
      tx.Query("SELECT netting, default_exposure_limit FROM pooling_hub_state WHERE hub_id = ?", {hub.value});
  if (!rows.empty()) {
    settings.netting = rows.Int(0, 0) != 0;
    settings.default_exposure_limit = Money{rows.Int(0, 1)};
  }
  return settings;
}

void SaveSettings(db::Transaction& tx, HubId hub, const PoolingSettings& settings) {
  tx.Execute(
      "INSERT INTO pooling_hub_state (hub_id, netting, default_exposure_limit) VALUES (?, ?, ?) "
      "ON CONFLICT (hub_id) DO UPDATE SET netting = excluded.netting, "
      "default_exposure_limit = excluded.default_exposure_limit",
      {hub.value, std::int64_t{settings.netting ? 1 : 0}, settings.default_exposure_limit.cents});
}

}  // namespace coopole::pooling::store
