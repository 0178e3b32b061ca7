// Pieces shared by the bid use cases (private to the bids part): permission checks, error
// builders, the hub's zone and today, input text checks, and the JSON of records (used by
// the audit log and by the API, so that both show the same thing).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/cooperation/bids.h"

namespace coopole::cooperation::bids_internal {

using identity::Permission;

inline bool May(const Actor& actor, const HubContext& hub, Permission permission,
                std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}
inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageCooperation);
}
// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}
// Coordinators act for any member; member-role users for their own organisation.
inline bool ActsFor(const Actor& actor, const HubContext& hub, MemberId member) {
  return IsCoordinator(actor, hub) || OwnMember(hub) == member;
}
// Whose hub share (contract amounts, invoices, calls, payments, arrears) the actor reads:
// coordinators, observers and admins every member's; a member-role user its own
// organisation's only (as in pooling: what another member owes the hub is not its business).
inline bool ReadsEveryShare(const Actor& actor, const HubContext& hub) {
  return actor.is_admin || hub.access.role != identity::Role::kMember;
}
inline bool MayReadShareOf(const Actor& actor, const HubContext& hub, MemberId member) {
  return ReadsEveryShare(actor, hub) || (hub.access.member && *hub.access.member == member);
}
// Who may edit a bid: coordinators and the users of its lead organisation.
inline bool MayEditBid(const Actor& actor, const HubContext& hub, const Bid& bid) {
  return ActsFor(actor, hub, bid.lead);
}

inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
inline Error FieldError(const std::string& field, const std::string& key, std::string message = "validation failed") {
  return Error::Invalid({{field, key}}, std::move(message));
}
inline Error Stale(const char* what) {
  return Error{ErrorCode::kConflict, std::string("the ") + what + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

// The hub's time zone (Europe/Paris when the stored name cannot be loaded) and its today.
std::shared_ptr<const TimeZone> ZoneOf(const HubContext& hub);
Date TodayIn(const Clock& clock, const HubContext& hub);

// Trimmed text of at most `max` bytes of valid UTF-8, else a field error in `errors`.
std::string CheckedText(const std::string& text, const std::string& field, std::size_t max,
                        std::map<std::string, std::string>& errors);
// A positive integer id, nullopt otherwise.
std::optional<std::int64_t> ParsePositive(std::string_view text);
// Euros as typed, >= 0; nullopt otherwise.
std::optional<Money> ParseAmount(std::string_view text);

// Names of the hub's active members by id (from the members module, via the Directory).
std::map<std::int64_t, std::string> ActiveMemberNames(const Directory& directory, db::Transaction& tx, HubId hub);

nlohmann::json BidJson(const Bid& bid);
nlohmann::json ContractJson(const Contract& contract);
nlohmann::json InvoiceJson(const Invoice& invoice);
nlohmann::json CallJson(const ShareCall& call);
nlohmann::json ShareRowJson(const MemberShareRow& row);
nlohmann::json TotalsJson(const ShareTotals& totals);
nlohmann::json PaymentJson(const SharePayment& payment);

}  // namespace coopole::cooperation::bids_internal
