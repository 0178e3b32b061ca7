// SQL of the pooling ledger: services agreed between members, staff placements and their
// monthly hours, cash advances (schedules, repayments, exposure limits), leases, and the
// pooling settings of pooling_hub_state. Every function takes the caller's transaction and
// binds every query to a hub: a row of another hub is never read or written. Member names
// come from members_members (LEFT JOIN, "" when missing) for display only.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/ledger.h"
#include "coopole/pooling/resources.h"

namespace coopole::pooling::store {

// What the ledger needs to know of a catalogue resource.
struct ResourceSummary {
  ResourceId id;
  ResourceKind kind = ResourceKind::kSkill;
  std::string name;
  std::optional<MemberId> owner;  // unset: the hub
  PriceUnit unit = PriceUnit::kFree;
  Money member_price;
  bool archived = false;
};
std::optional<ResourceSummary> FindResourceSummary(db::Transaction& tx, HubId hub, ResourceId id);

// --- Agreements (services of skills and knowledge) ---
AgreementId InsertAgreement(db::Transaction& tx, const Agreement& agreement);
std::optional<Agreement> FindAgreement(db::Transaction& tx, HubId hub, AgreementId id);
// Newest first; with `member`, those it provides or receives.
std::vector<Agreement> ListAgreements(db::Transaction& tx, HubId hub, std::optional<MemberId> member);
// Writes status, delivered_on and updated_at when the stored version is `expected_version`,
// bumping it; false otherwise.
bool UpdateAgreementStatus(db::Transaction& tx, const Agreement& agreement, std::int64_t expected_version);
// Delivered services whose delivery date is in [from, to] (statements).
std::vector<Agreement> DeliveredAgreementsBetween(db::Transaction& tx, HubId hub, Date from, Date to);

// --- Staff placements ---
PlacementId InsertPlacement(db::Transaction& tx, const Placement& placement);
std::optional<Placement> FindPlacement(db::Transaction& tx, HubId hub, PlacementId id);
// Latest start first.
std::vector<Placement> ListPlacements(db::Transaction& tx, HubId hub);
// Oldest month first.
std::vector<PlacementMonth> ListPlacementMonths(db::Transaction& tx, HubId hub, PlacementId placement);
std::optional<PlacementMonth> FindPlacementMonth(db::Transaction& tx, HubId hub, PlacementId placement, Month month);
// Inserts the month's hours and charge, or replaces them while the month is not validated;
// false (nothing written) when it already is.
bool DeclarePlacementMonth(db::Transaction& tx, HubId hub, const PlacementMonth& month, UserId by, Timestamp at);
// Marks the declared month validated; false when nothing is declared or it already is.
bool ValidatePlacementMonth(db::Transaction& tx, HubId hub, PlacementId placement, Month month, UserId by,
                            Timestamp at);
// The validated months of `month` with their placements (statements).
std::vector<std::pair<Placement, PlacementMonth>> ValidatedPlacementMonths(db::Transaction& tx, HubId hub,
                                                                           Month month);

// --- Cash advances ---
// Read advances come with their schedule (with `paid` allocated from the repayments),
// their repayments (oldest first) and `outstanding` (amount - repaid while approved, else
// 0); `overdue` is left at 0: it depends on today (OverdueAmount).
AdvanceId InsertAdvance(db::Transaction& tx, const Advance& advance);
std::optional<Advance> FindAdvance(db::Transaction& tx, HubId hub, AdvanceId id);
// Newest first.
std::vector<Advance> ListAdvances(db::Transaction& tx, HubId hub);
// Every advance that was approved (still running or repaid), oldest approval first.
std::vector<Advance> ApprovedAdvances(db::Transaction& tx, HubId hub);
// The local date an advance was approved on (the month it counts in), if approved.
std::optional<Date> ApprovedOn(db::Transaction& tx, HubId hub, AdvanceId id);
// Marks the advance approved (approved_by, approved_at, `approved_on`, first_due_on) and
// stores its schedule, when the stored version is `expected_version`; false otherwise.
bool ApproveAdvance(db::Transaction& tx, const Advance& advance, Date approved_on, std::int64_t expected_version);
// Sets the status and bumps the version when it is `expected_version`; false otherwise.
bool UpdateAdvanceStatus(db::Transaction& tx, HubId hub, AdvanceId id, AdvanceStatus status, Timestamp now,
                         std::int64_t expected_version);
void InsertRepayment(db::Transaction& tx, HubId hub, AdvanceId advance, const Repayment& repayment, UserId by,
                     Timestamp at);
// What `borrower` still owes on its approved advances.
Money OutstandingOf(db::Transaction& tx, HubId hub, MemberId borrower);
std::optional<Money> FindExposureLimit(db::Transaction& tx, HubId hub, MemberId member);
// Sets the member's own limit; unset: back to the hub's default.
void SetExposureLimit(db::Transaction& tx, HubId hub, MemberId member, std::optional<Money> limit);
// Serialises the transactions that check a borrower's exposure before approving: takes
// the write lock of the hub's pooling_hub_state row (created with its defaults if missing)
// until the transaction ends. On SQLite the write transaction already holds the lock.
void LockLedger(db::Transaction& tx, HubId hub);

// --- Leases ---
LeaseId InsertLease(db::Transaction& tx, const Lease& lease);
std::optional<Lease> FindLease(db::Transaction& tx, HubId hub, LeaseId id);
// Latest start first.
std::vector<Lease> ListLeases(db::Transaction& tx, HubId hub);
// Writes every field when the stored version is `expected_version`, bumping it; false otherwise.
bool UpdateLease(db::Transaction& tx, const Lease& lease, std::int64_t expected_version, Timestamp now);
// Leases with an end date in [from, to], soonest first.
std::vector<Lease> LeasesEndingBetween(db::Transaction& tx, HubId hub, Date from, Date to);
// Leases running at some day of [from, to] (statements: rent of a month).
std::vector<Lease> LeasesOverlapping(db::Transaction& tx, HubId hub, Date from, Date to);

// --- Settings (pooling_hub_state) ---
// The defaults of PoolingSettings when the hub has no row.
PoolingSettings LoadSettings(db::Transaction& tx, HubId hub);
void SaveSettings(db::Transaction& tx, HubId hub, const PoolingSettings& settings);

}  // namespace coopole::pooling::store
