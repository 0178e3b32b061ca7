// Pooling, part two: what members owe each other for the things they share that are not
// booked by the slot: services of skills and knowledge, staff placements, cash advances,
// leases of the hub's premises; and the monthly statements that sum everything up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/money.h"
#include "coopole/core/time.h"
#include "coopole/pooling/resources.h"

namespace coopole::pooling {

using AgreementId = Id<struct AgreementTag>;
using PlacementId = Id<struct PlacementTag>;
using AdvanceId = Id<struct AdvanceTag>;
using LeaseId = Id<struct LeaseTag>;

// A calendar month, "2026-11".
struct Month {
  int year = 0, month = 0;
  constexpr auto operator<=>(const Month&) const = default;
  Date First() const { return Date{year, month, 1}; }
  Date Last() const;
  Month Next() const;
};
std::optional<Month> ParseMonth(std::string_view text);  // "YYYY-MM"
std::string FormatMonth(Month month);                     // "2026-11"
Month MonthOf(Date date);

// A party of a flow: a member organisation, or the hub itself (unset member).
struct Party {
  std::optional<MemberId> member;
  std::string name;  // filled by reads; "" for the hub (the page says "the hub")
  constexpr auto operator<=>(const Party& other) const { return member <=> other.member; }
  bool operator==(const Party& other) const { return member == other.member; }
};

// --- Skills and knowledge: a request agreed between two members -------------------------

enum class AgreementStatus { kRequested, kAgreed, kDeclined, kDelivered, kCancelled };
const char* AgreementStatusCode(AgreementStatus s);  // "requested", "agreed", "declined", "delivered", "cancelled"
std::optional<AgreementStatus> ParseAgreementStatus(std::string_view code);

struct Agreement {
  AgreementId id;
  HubId hub;
  std::optional<ResourceId> resource;   // the skill or knowledge offer it answers, if any
  std::string resource_name;
  MemberId provider;                    // gives the service
  std::string provider_name;
  MemberId beneficiary;                 // receives it, and pays
  std::string beneficiary_name;
  std::string what;
  std::int64_t hours_hundredths = 0;    // 3.5 h -> 350
  Money amount;                         // 0 for a free service
  AgreementStatus status = AgreementStatus::kRequested;
  std::optional<Date> delivered_on;     // the month it counts in
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;
};

// resource_id: optional offer (its provider and hourly member price are the defaults);
// provider_member_id, beneficiary_member_id (members: their own by default);
// hours ("3,5"); amount in euros ("" = hours x the offer's price, or 0).
struct AgreementInput {
  std::optional<std::string> resource_id, provider_member_id, beneficiary_member_id, what, hours, amount;
};

// --- Staff placements (mise à disposition de personnel), at cost ------------------------

struct Placement {
  PlacementId id;
  HubId hub;
  MemberId employer;
  std::string employer_name;
  MemberId host;
  std::string host_name;
  std::string person;                     // the employee placed
  Date starts_on;
  std::optional<Date> ends_on;            // inclusive
  std::int64_t weekly_hours_hundredths = 0;
  Money hourly_cost;                      // salary and employer charges per hour, no margin
  Timestamp created_at;
  std::int64_t version = 1;
};

struct PlacementInput {
  std::optional<std::string> employer_member_id, host_member_id, person, starts_on, ends_on, weekly_hours,
      hourly_cost;
};

// The hours of one month: declared by the employer (or a coordinator), validated by the
// host; the charge (hours x hourly cost, rounded to the cent) counts once validated.
struct PlacementMonth {
  PlacementId placement;
  Month month;
  std::int64_t hours_hundredths = 0;
  Money charge;
  std::optional<Timestamp> validated_at;
  std::optional<UserId> validated_by;
};

// --- Cash advances ------------------------------------------------------------------------

enum class AdvanceStatus { kRequested, kApproved, kRefused, kRepaid };
const char* AdvanceStatusCode(AdvanceStatus s);  // "requested", "approved", "refused", "repaid"
std::optional<AdvanceStatus> ParseAdvanceStatus(std::string_view code);

struct Installment {
  Date due_on;
  Money amount;
  Money paid;        // allocated from repayments, oldest installment first
};

struct Repayment {
  Date paid_on;
  Money amount;
};

struct Advance {
  AdvanceId id;
  HubId hub;
  Party lender;                          // a member, or the hub
  MemberId borrower;
  std::string borrower_name;
  Money amount;
  std::string purpose;
  AdvanceStatus status = AdvanceStatus::kRequested;
  int installments_count = 1;
  Date first_due_on;
  std::optional<UserId> approved_by;
  std::optional<Timestamp> approved_at;
  std::vector<Installment> schedule;     // generated on approval
  std::vector<Repayment> repayments;
  Money outstanding;                     // amount - repaid (approved advances)
  Money overdue;                         // due before today and not repaid
  Timestamp created_at;
  std::int64_t version = 1;
};

// lender_member_id "" for the hub; amount in euros; installments 1..120; first_due_on
// "YYYY-MM-DD" (the following installments fall on the same day of the next months).
struct AdvanceInput {
  std::optional<std::string> lender_member_id, borrower_member_id, amount, purpose, installments, first_due_on;
};

// --- Leases of the hub's premises ---------------------------------------------------------

struct Lease {
  LeaseId id;
  HubId hub;
  MemberId tenant;
  std::string tenant_name;
  std::optional<ResourceId> resource;    // the premises resource leased, if catalogued
  std::string space;                     // what is leased ("Bureau 12, 1er étage")
  Money monthly_rent;
  Date starts_on;
  std::optional<Date> ends_on;           // inclusive; unset: open-ended
  bool precarious = false;               // convention d'occupation précaire
  std::string notes;
  Timestamp created_at;
  std::int64_t version = 1;
};

struct LeaseInput {
  std::optional<std::string> tenant_member_id, resource_id, space, monthly_rent, starts_on, ends_on, precarious, notes;
};

// --- Monthly statements ---------------------------------------------------------------------

enum class FlowKind { kBooking, kService, kPlacement, kRent, kAdvance, kRepayment };
const char* FlowKindCode(FlowKind kind);  // "booking", "service", "placement", "rent", "advance", "repayment"

// One thing provided by `creditor` to `debtor` (who owes the amount).
struct StatementLine {
  FlowKind kind = FlowKind::kBooking;
  Date on;                       // when it happened (local date)
  std::string label;             // "Salle Rivière, 09:00-12:00", "Marie Dupont, 35 h"
  Party debtor;
  Party creditor;
  Money amount;
  std::int64_t count = 1;        // lines summed into this one (hub summaries)
};

// What one party owes another for the month, after optional netting, and whether it has
// been settled.
struct Settlement {
  Party debtor;
  Party creditor;
  Money amount;
  Money paid;                   // recorded payments for this pair and month
  bool settled() const { return paid >= amount; }
};

struct MemberStatement {
  Party party;
  Month month;
  std::vector<StatementLine> used;       // the party is the debtor
  std::vector<StatementLine> provided;   // the party is the creditor
  Money used_total;
  Money provided_total;
  std::vector<Settlement> settlements;   // pairs involving the party
};

// The hub's month: per party totals and every pair that owes.
struct PartyTotals {
  Party party;
  Money used;
  Money provided;
  std::int64_t lines = 0;
};

struct HubStatement {
  Month month;
  bool netting = false;
  std::vector<PartyTotals> parties;      // by name, the hub last
  std::vector<Settlement> settlements;   // largest first
  Money total;                           // sum of all lines
};

// Value contributed (provided) against value used, per kind, over a period.
struct BalanceRow {
  FlowKind kind;
  Money provided;
  Money used;
};

struct PoolingBalance {
  Party party;
  Date from;
  Date to;
  std::vector<BalanceRow> rows;
  Money provided;
  Money used;
};

// Alerts shown to coordinators and members on the pooling overview.
struct PoolingAlerts {
  std::vector<Booking> pending_approvals;  // bookings the actor may approve
  std::vector<Lease> leases_ending;        // ending within 60 days
  std::vector<Advance> overdue_advances;   // with an overdue amount
};

struct PoolingSettings {
  bool netting = false;                  // statements net opposite debts of each pair
  Money default_exposure_limit{1000000}; // outstanding advances one borrower may hold: 10,000 euros
};

}  // namespace coopole::pooling
