// Cooperation, bids: joint bids for calls for projects (AAP) and public tenders: co-contractors
// and their shares, lots, document checklist, deadlines and their reminders; on a win the
// contract, the hub-share rule (quote-part), invoices declared by members, the share due to
// the hub, its calls (appels de quote-part), payments and arrears.
//
// Who may do what: coordinators (kManageCooperation) everything of the hub; users of the
// member role record a bid their organisation leads, edit the bids it leads, tick checklist
// items, and declare invoices for their own organisation only; observers read. The hub
// share (contract amounts per member, invoices, call lines, payments, arrears) of a member
// organisation is read by coordinators, observers and that organisation's users only:
// GetContractShare and Overview give a member-role user its own organisation's rows, with
// totals (and call totals) summed over those rows.
// Errors of every use case: kPermissionDenied; kNotFound for anything of another hub;
// kInvalidArgument naming each field (catalogue keys); kConflict ("version") for a stale
// version. A failed use case writes nothing; every change is audited.
//
// Units: amounts in integer cents (Money), shares and rates in basis points (100 % = 10000),
// deadlines as a wall-clock reading in the hub's time zone, dates 'YYYY-MM-DD'.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/money.h"
#include "coopole/core/result.h"
#include "coopole/core/time_zone.h"
#include "coopole/cooperation/cooperation.h"
#include "coopole/db/migrations.h"

namespace coopole::cooperation {

using InvoiceId = Id<struct BidInvoiceTag>;
using ShareCallId = Id<struct ShareCallTag>;
using SharePaymentId = Id<struct SharePaymentTag>;

enum class BidKind { kCallForProjects, kTender };
enum class BidStatus { kWatching, kPreparing, kSubmitted, kWon, kLost, kWithdrawn };

// Codes as stored and in JSON: "call_for_projects", "tender"; "watching", "preparing",
// "submitted", "won", "lost", "withdrawn".
const char* BidKindCode(BidKind kind);
const char* BidStatusCode(BidStatus status);
std::optional<BidKind> ParseBidKind(std::string_view code);
std::optional<BidStatus> ParseBidStatus(std::string_view code);

struct BidLot {
  std::string label;
  Money amount;
};

// Roles of a co-contractor: the lead (mandataire, exactly one: the bid's lead member), the
// other co-contractors (cotraitants) and subcontractors (sous-traitants).
inline constexpr char kRoleLead[] = "lead";
inline constexpr char kRoleCoContractor[] = "co_contractor";
inline constexpr char kRoleSubcontractor[] = "subcontractor";

struct CoContractor {
  MemberId member;
  std::string name;
  std::int64_t share_bp = 0;
  std::string role;  // kRoleLead, kRoleCoContractor or kRoleSubcontractor
};

struct ChecklistItem {
  std::int64_t id = 0;
  std::string item;
  std::optional<MemberId> who;  // the organisation in charge, if any
  std::string who_name;
  bool done = false;
};

struct Bid {
  BidId id;
  HubId hub;
  BidKind kind = BidKind::kCallForProjects;
  std::string title, buyer, reference, notes;
  std::optional<LocalDateTime> deadline;  // in the hub's time zone
  std::optional<Timestamp> deadline_at;   // the same instant in UTC
  Money amount;
  std::vector<BidLot> lots;
  MemberId lead;
  std::string lead_name;
  std::vector<CoContractor> members;  // the lead first
  std::vector<ChecklistItem> checklist;
  BidStatus status = BidStatus::kWatching;
  bool has_contract = false;
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
};

// Form or JSON input; text as typed. An absent optional leaves the value unchanged on update.
struct CoContractorInput {
  std::string member_id;
  std::string share_bp;  // basis points as text ("3333"); forms convert their percent first
  std::string role;      // "" = co_contractor (the lead's role is always "lead")
};
struct LotInput {
  std::string label, amount;  // amount in euros as typed ("1 234,50")
};
struct BidInput {
  std::optional<std::string> kind, title, buyer, reference, notes;
  std::optional<std::string> deadline;  // "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD HH:MM"), "" = none
  std::optional<std::string> amount;    // euros
  std::optional<std::string> lead_member_id;
  std::optional<std::vector<CoContractorInput>> members;  // with the lead
  std::optional<std::vector<LotInput>> lots;
};

// A saved bid and the warnings it deserves (catalogue keys): e.g. a deadline already past
// is accepted with "cooperation.bids.warning.deadline_past".
struct SavedBid {
  Bid bid;
  std::vector<std::string> warnings;
};

struct BidQuery {
  std::optional<BidStatus> status;
};

// A bid not submitted yet whose deadline is within 14 days: `threshold` is the smallest
// of 14, 7, 2 not below the days left.
struct BidAlert {
  Bid bid;
  std::int64_t days_left = 0;
  int threshold = 14;
};

// A deadline reminder due (QueueDeadlineReminders): the bid, the days left in the hub's zone
// and the threshold crossed.
struct DeadlineReminder {
  Bid bid;
  std::int64_t days_left = 0;
  int threshold = 14;
};
// Told of each reminder inside the transaction that records it: the application queues the
// e-mails to the co-contractors' users there, so that a reminder is recorded if and only if
// its e-mails are queued. Must not commit.
using ReminderSink = std::function<void(db::Transaction&, const DeadlineReminder&)>;

// ---- the contract and the hub share -------------------------------------------------------

struct ContractMember {
  MemberId member;
  std::string name;
  Money amount;                        // this co-contractor's part of the contract
  std::optional<std::int64_t> rate_bp;  // overrides the contract's hub-share rate
};

struct Contract {
  BidId bid;
  std::string reference;
  Date signed_on, start_on, end_on;
  Money amount;
  std::int64_t hub_rate_bp = 0;  // share of what members invoice that is due to the hub
  std::optional<Money> cap;      // at most this much due to the hub over the whole contract
  std::vector<ContractMember> members;
  std::int64_t version = 1;
};

struct ContractMemberInput {
  std::string member_id;
  std::string amount;   // euros; "" = share x contract amount
  std::string rate;     // percent ("4,5"); "" = the contract's rate
};
struct ContractInput {
  std::string reference, signed_on, start_on, end_on, amount;
  std::string hub_rate;  // percent ("5", "2,5")
  std::string cap;       // euros, "" = none
  std::vector<ContractMemberInput> members;  // overrides; co-contractors not listed get defaults
};

struct Invoice {
  InvoiceId id;
  BidId bid;
  MemberId member;
  std::string member_name;
  Date invoiced_on;
  Money amount;
  std::string reference;
  Money share_due;  // the hub's share of this invoice (frozen once called)
  std::optional<ShareCallId> call;
};

struct InvoiceInput {
  std::string member_id;  // "" = the member-role user's own organisation
  std::string invoiced_on, amount, reference;
};

struct CallLine {
  MemberId member;
  std::string member_name;
  Money amount, paid;
};

struct ShareCall {
  ShareCallId id;
  BidId bid;
  std::string bid_title;
  Date period_from, period_to, due_on;
  std::vector<CallLine> lines;
  Money total, paid;
  bool overdue = false;  // due date passed and not fully paid
};

struct CallInput {
  std::string period_from, period_to, due_on;
};

struct PaymentInput {
  std::string member_id, paid_on, amount, reference;
};

struct SharePayment {
  SharePaymentId id;
  ShareCallId call;
  MemberId member;
  Date paid_on;
  Money amount;
  std::string reference;
};

// Where a member stands on the hub share of one contract (or of all, in the overview).
struct MemberShareRow {
  BidId bid;
  std::string bid_title;
  MemberId member;
  std::string member_name;
  std::int64_t rate_bp = 0;
  Money invoiced, due, called, paid, arrears;
};

struct ShareTotals {
  Money invoiced, due, called, paid, arrears;
};

struct ContractShare {
  Bid bid;
  Contract contract;
  std::vector<Invoice> invoices;
  std::vector<ShareCall> calls;
  std::vector<MemberShareRow> rows;
  ShareTotals totals;
};

struct HubShareOverview {
  std::vector<MemberShareRow> rows;  // per contract and member
  std::vector<MemberShareRow> arrears_by_member;  // bid unset: all contracts together
  ShareTotals totals;
  std::vector<ShareCall> calls;
};

class BidService {
 public:
  BidService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  // Migrations of the module "cooperation_bids".
  static std::vector<db::Migration> Migrations();

  // Bids of the hub, deadline first (bids without one last).
  Result<std::vector<Bid>> ListBids(const Actor& actor, const HubContext& hub, const BidQuery& query);
  Result<Bid> GetBid(const Actor& actor, const HubContext& hub, BidId id);
  // Records a bid in status "watching". Errors: shares
  // not summing to 100 % (field "shares", message naming the total), a member twice
  // ("members"), a lead not among the co-contractors or not a member of the hub
  // ("lead_member_id"), negative amounts ("amount", "lots").
  Result<SavedBid> CreateBid(const Actor& actor, const HubContext& hub, const BidInput& input);
  Result<SavedBid> UpdateBid(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                             const BidInput& input);
  // Moves a bid along watching -> preparing -> submitted -> won | lost | withdrawn.
  // Errors: kInvalidArgument {"status": "cooperation.bids.error.transition"}.
  Result<Bid> ChangeStatus(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                           const std::string& status);
  Result<Bid> AddChecklistItem(const Actor& actor, const HubContext& hub, BidId id, const std::string& item,
                               const std::string& who_member_id);
  // Ticks (or unticks) an item: the bid's editors and the organisation in charge of it.
  Result<Bid> SetChecklistDone(const Actor& actor, const HubContext& hub, BidId id, std::int64_t item, bool done);
  // Bids not submitted whose deadline is within 14 days from today in the hub's zone.
  Result<std::vector<BidAlert>> Alerts(const Actor& actor, const HubContext& hub);
  // For the scheduler (no actor: it runs for every hub). Each bid not submitted yet whose
  // deadline has come within a reminder threshold (14, 7 or 2 days, in its hub's time zone)
  // not reminded yet is passed to `sink` and recorded, one transaction per bid: each
  // threshold is reminded once, whatever the number of runs or of servers. Returns how many.
  int QueueDeadlineReminders(const ReminderSink& sink);

  // Records (version 0) or updates the contract of a won bid: coordinators only.
  // Errors: the bid is not won (kFailedPrecondition); a rate outside 0-100 % ("hub_rate",
  // "rate_<member>"), dates, amounts.
  Result<Contract> SaveContract(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                                const ContractInput& input);
  // A member declares what it invoiced on the contract: a member-role user for its own
  // organisation, a coordinator for any co-contractor.
  Result<Invoice> DeclareInvoice(const Actor& actor, const HubContext& hub, BidId id, const InvoiceInput& input);
  // The contract, its invoices, calls, and per co-contractor: invoiced, due, called, paid,
  // arrears (a member-role user: its own organisation's only, see above). Errors: kNotFound
  // when the bid has no contract.
  Result<ContractShare> GetContractShare(const Actor& actor, const HubContext& hub, BidId id);
  // Issues a call for the invoices dated within the period that no call holds yet,
  // freezing the amount due per member. Coordinators. Errors: nothing to call
  // ("period_to": "cooperation.hub_share.error.nothing_to_call").
  Result<ShareCall> IssueCall(const Actor& actor, const HubContext& hub, BidId id, const CallInput& input);
  // Records a payment against a call's line. Coordinators. Errors: member not in the call.
  Result<SharePayment> RecordPayment(const Actor& actor, const HubContext& hub, ShareCallId call,
                                     const PaymentInput& input);
  // Every contract of the hub: dues per contract and member, arrears per member, totals
  // (a member-role user: its own organisation's only).
  Result<HubShareOverview> Overview(const Actor& actor, const HubContext& hub);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::cooperation
