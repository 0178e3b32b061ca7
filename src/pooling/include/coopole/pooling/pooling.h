// Pooling (mutualisation): the use cases. Every use case checks the actor's role in the
// hub, validates, then runs in one transaction; every change is written to the audit log
// in that transaction. Errors common to all: kPermissionDenied when the role does not allow
// the action; kNotFound for anything of another hub (ids of another hub are never found).
//
// Who may do what:
//  - coordinators: everything in the hub;
//  - members (users attached to an organisation): offer resources owned by their
//    organisation, book for it, approve bookings of their own resources, request and
//    answer services, declare and validate placement hours, request advances, read the
//    statement of their organisation; of services, placements, advances and leases they see
//    only those their organisation is party to (others' loans and salary costs are private);
//  - observers: read.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/db/migrations.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/pooling/ledger.h"
#include "coopole/pooling/resources.h"
#include "coopole/tabular/tabular.h"

namespace coopole::pooling {

using identity::Actor;
using hubs::HubContext;

// The name of an active member of the hub, or nullopt when it is not one (or archived):
// new bookings, services, placements, advances and leases involve active members only.
// Wired to members::MemberService::MemberNameInHub by the application.
using MemberNames = std::function<std::optional<std::string>(db::Transaction&, HubId, MemberId)>;

struct PoolingServiceOptions {
  // Bookable resources kept parsed in memory across hubs for availability searches; 0
  // turns the cache off (every search then reads the catalogue in SQL).
  std::size_t catalogue_cache_resources = 100000;
};

// A link between two member organisations of a hub found in pooling records, for the
// cooperation network (published here so that cooperation never reads pooling's tables).
// `a` < `b` (by id); one row per pair and kind. Kinds: "booking" (confirmed bookings of a
// resource owned by the other member), "service" (agreed or delivered services), "placement"
// (staff placed by one member with the other), "advance" (approved or repaid advances lent
// by a member). Dates are the hub's local dates: a booking's start, a service's delivery
// (else its request), a placement's start, an advance's approval.
struct MemberLink {
  MemberId a, b;
  std::string kind;
  std::int64_t count = 0;
  Date first_on, last_on;
};

// An unarchived resource owned by an active member (for the cooperation suggestions).
struct OfferedResourceRow {
  HubId hub;
  MemberId member;
  std::string kind;  // KindCode: skill, knowledge, premises, equipment, funds
  std::string category, name, description, location;
};

// An unarchived premises resource of a hub that events may book (for the animation module).
struct BookableRoom {
  std::int64_t resource_id = 0;
  std::string name, location;
  std::optional<std::int64_t> capacity;
};

class CatalogueCache;

class PoolingService {
 public:
  PoolingService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, MemberNames member_names,
                 PoolingServiceOptions options = {});

  // --- Catalogue ---
  Result<ResourcePage> ListResources(const Actor& actor, const HubContext& hub, const ResourceQuery& query);
  Result<Resource> GetResource(const Actor& actor, const HubContext& hub, ResourceId id);
  // Errors: kInvalidArgument with fields.
  Result<Resource> CreateResource(const Actor& actor, const HubContext& hub, const ResourceInput& input);
  // Errors: kInvalidArgument; kConflict (stale version).
  Result<Resource> UpdateResource(const Actor& actor, const HubContext& hub, ResourceId id,
                                  std::int64_t expected_version, const ResourceInput& input);
  Result<Resource> ArchiveResource(const Actor& actor, const HubContext& hub, ResourceId id);
  Result<Resource> RestoreResource(const Actor& actor, const HubContext& hub, ResourceId id);
  // The members granted the resource's prerequisite (after a training, say).
  Result<std::vector<Party>> ListQualified(const Actor& actor, const HubContext& hub, ResourceId id);
  // Owner or coordinator. Errors: kInvalidArgument {"member_id"}.
  Status GrantPrerequisite(const Actor& actor, const HubContext& hub, ResourceId id, MemberId member);
  Status RevokePrerequisite(const Actor& actor, const HubContext& hub, ResourceId id, MemberId member);

  // --- Bookings ---
  // Free resources for a slot, by name, one page of them. Errors: kInvalidArgument (slot
  // ends before it starts, a local time that does not exist, too long).
  Result<ResourcePage> SearchAvailability(const Actor& actor, const HubContext& hub, const AvailabilityQuery& query);
  // Books one slot or a series. Never lets two bookings holding a slot of one resource
  // overlap, whatever the concurrency and the database. Errors: kInvalidArgument with the
  // reason (in the past, ends before it starts, outside opening hours, too short, too
  // long, too little notice, prerequisite missing, recurrence over kMaxOccurrences, a local
  // time skipped by a clock change); a conflict is not an error: see BookingOutcome.
  Result<BookingOutcome> BookResource(const Actor& actor, const HubContext& hub, const BookingInput& input,
                                      BookingMode mode);
  Result<BookingPage> ListBookings(const Actor& actor, const HubContext& hub, const BookingQuery& query);
  Result<Booking> GetBooking(const Actor& actor, const HubContext& hub, BookingId id);
  // By the owner of the resource (or a coordinator). Errors: kFailedPrecondition (not pending).
  Result<Booking> ApproveBooking(const Actor& actor, const HubContext& hub, BookingId id);
  Result<Booking> RefuseBooking(const Actor& actor, const HubContext& hub, BookingId id, const std::string& reason);
  // By the booking member, the owner or a coordinator, before the booking starts.
  // Errors: kInvalidArgument {"reason"} when empty; kFailedPrecondition (started, not active).
  Result<Booking> CancelBooking(const Actor& actor, const HubContext& hub, BookingId id, const std::string& reason);

  // --- Calendar feeds (iCalendar) ---
  // The secret token of a feed, created on first use. Resource feeds: anyone who may see
  // the hub; member feeds: the member's users and coordinators.
  Result<std::string> FeedToken(const Actor& actor, const HubContext& hub, const FeedSubject& subject);
  // Replaces the token: the old address stops working. Resource feeds: the owner's users and
  // coordinators (every subscriber loses the feed); member feeds: as FeedToken.
  Result<std::string> RenewFeedToken(const Actor& actor, const HubContext& hub, const FeedSubject& subject);
  // The calendar behind a token (no actor: the token is the credential), from 90 days ago
  // to 400 days ahead. Errors: kNotFound for an unknown token.
  Result<std::string> FeedCalendar(const std::string& token);

  // --- Skills and knowledge ---
  Result<std::vector<Agreement>> ListAgreements(const Actor& actor, const HubContext& hub,
                                                std::optional<MemberId> member);
  Result<Agreement> GetAgreement(const Actor& actor, const HubContext& hub, AgreementId id);
  // By the beneficiary (or a coordinator). Errors: kInvalidArgument.
  Result<Agreement> RequestService(const Actor& actor, const HubContext& hub, const AgreementInput& input);
  // Provider: agree, decline, mark delivered (on a date); both parties: cancel before delivery.
  // Errors: kFailedPrecondition (a step out of order).
  Result<Agreement> AgreeService(const Actor& actor, const HubContext& hub, AgreementId id);
  Result<Agreement> DeclineService(const Actor& actor, const HubContext& hub, AgreementId id);
  Result<Agreement> DeliverService(const Actor& actor, const HubContext& hub, AgreementId id, Date delivered_on);
  Result<Agreement> CancelService(const Actor& actor, const HubContext& hub, AgreementId id);

  // --- Staff placements ---
  Result<std::vector<Placement>> ListPlacements(const Actor& actor, const HubContext& hub);
  Result<Placement> GetPlacement(const Actor& actor, const HubContext& hub, PlacementId id);
  // By the employer or a coordinator. Errors: kInvalidArgument.
  Result<Placement> CreatePlacement(const Actor& actor, const HubContext& hub, const PlacementInput& input);
  Result<std::vector<PlacementMonth>> ListPlacementMonths(const Actor& actor, const HubContext& hub, PlacementId id);
  // The employer declares the month's hours (again while not validated). Errors:
  // kInvalidArgument (month outside the placement, negative, more than the month can hold);
  // kFailedPrecondition (already validated).
  Result<PlacementMonth> DeclarePlacementHours(const Actor& actor, const HubContext& hub, PlacementId id, Month month,
                                               const std::string& hours);
  // The host validates. Errors: kFailedPrecondition (nothing declared, already validated).
  Result<PlacementMonth> ValidatePlacementHours(const Actor& actor, const HubContext& hub, PlacementId id, Month month);

  // --- Cash advances ---
  Result<std::vector<Advance>> ListAdvances(const Actor& actor, const HubContext& hub);
  Result<Advance> GetAdvance(const Actor& actor, const HubContext& hub, AdvanceId id);
  // By the borrower (or a coordinator). Errors: kInvalidArgument.
  Result<Advance> RequestAdvance(const Actor& actor, const HubContext& hub, const AdvanceInput& input);
  // By the lender (coordinators for the hub). Generates the schedule. Errors:
  // kInvalidArgument {"amount": "validation.exposure_limit"} when the borrower would owe more
  // than its limit; kFailedPrecondition (not requested).
  Result<Advance> ApproveAdvance(const Actor& actor, const HubContext& hub, AdvanceId id);
  Result<Advance> RefuseAdvance(const Actor& actor, const HubContext& hub, AdvanceId id);
  // By the lender or a coordinator. Errors: kInvalidArgument (more than outstanding, <= 0).
  Result<Advance> RecordRepayment(const Actor& actor, const HubContext& hub, AdvanceId id, Date paid_on,
                                  const std::string& amount);
  // The outstanding limit of a borrower (the hub default unless set). Coordinators.
  Result<Money> ExposureLimit(const Actor& actor, const HubContext& hub, MemberId borrower);
  Status SetExposureLimit(const Actor& actor, const HubContext& hub, MemberId borrower, const std::string& amount);

  // --- Leases ---
  Result<std::vector<Lease>> ListLeases(const Actor& actor, const HubContext& hub);
  Result<Lease> GetLease(const Actor& actor, const HubContext& hub, LeaseId id);
  // Coordinators. Errors: kInvalidArgument.
  Result<Lease> CreateLease(const Actor& actor, const HubContext& hub, const LeaseInput& input);
  Result<Lease> UpdateLease(const Actor& actor, const HubContext& hub, LeaseId id, std::int64_t expected_version,
                            const LeaseInput& input);

  // --- Statements ---
  Result<PoolingSettings> Settings(const Actor& actor, const HubContext& hub);
  Status UpdateSettings(const Actor& actor, const HubContext& hub, const PoolingSettings& settings);
  // The hub's month (coordinators and observers).
  Result<HubStatement> StatementOfHub(const Actor& actor, const HubContext& hub, Month month);
  // One party's month (its users, coordinators, observers). `member` unset: the hub.
  Result<MemberStatement> StatementOf(const Actor& actor, const HubContext& hub, std::optional<MemberId> member,
                                      Month month);
  // Records that `debtor` paid `creditor` what the month's statement says it owes.
  // By the creditor or a coordinator. Errors: kFailedPrecondition (nothing owed).
  Status MarkSettled(const Actor& actor, const HubContext& hub, Month month, Party debtor, Party creditor);
  // The month's lines as a table (CSV/XLSX export): every party's (`party` unset), or one
  // party's (a member, or the hub itself when `party->member` is unset).
  Result<tabular::Table> ExportStatement(const Actor& actor, const HubContext& hub, std::optional<Party> party,
                                         Month month, std::string_view lang);
  // Contributed against used over [from, to]. Errors: kInvalidArgument (to before from).
  Result<PoolingBalance> BalanceOf(const Actor& actor, const HubContext& hub, std::optional<MemberId> member, Date from,
                                   Date to);
  Result<PoolingAlerts> Alerts(const Actor& actor, const HubContext& hub);

  static std::vector<db::Migration> Migrations();

  // --- For other modules (the cooperation network and suggestions), inside the caller's
  // transaction, without permission checks (the caller checks its own) ---
  // The links between members of `hub` with a date from `from` to `to` inclusive (a
  // placement counts when it runs in the period), ordered by (a, b, kind).
  static std::vector<MemberLink> MemberLinks(db::Transaction& tx, HubId hub, Date from, Date to);
  // Unarchived resources owned by active members of `hub`, or of every hub when nullopt,
  // in (hub, member, id) order.
  static std::vector<OfferedResourceRow> OfferedResources(db::Transaction& tx, std::optional<HubId> hub);
  // The hub's unarchived premises (rooms), by name: what an event may book with BookResource.
  static std::vector<BookableRoom> BookableRooms(db::Transaction& tx, HubId hub);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  MemberNames member_names_;
  std::shared_ptr<CatalogueCache> catalogue_;
};

}  // namespace coopole::pooling
