// Pieces shared by the event use cases and web files (private to the events part): who may
// do what, error builders, parsing of ids, the hub's zone, and the JSON of records (used by
// the audit log and by the API, so that both show the same thing).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/animation/events.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"

namespace coopole::animation::events_internal {

using identity::Permission;

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return identity::Allows(actor, hub.access, Permission::kManageAnimation);
}
inline bool MayRead(const Actor& actor, const HubContext& hub) {
  return identity::Allows(actor, hub.access, Permission::kViewHub);
}
// The organisation of a member-role user, if any.
inline std::optional<MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}
// Coordinators, and member-role users of `lead` (a group's lead or the event's host).
inline bool ActsFor(const Actor& actor, const HubContext& hub, std::optional<MemberId> lead) {
  return IsCoordinator(actor, hub) || (lead && OwnMember(hub) == lead);
}

inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
inline Error FieldError(const std::string& field, const std::string& key, std::string message = "validation failed") {
  return Error::Invalid({{field, key}}, std::move(message));
}
inline Error Stale() {
  return Error{ErrorCode::kConflict, "the event was changed by someone else", {{"version", "validation.stale"}}};
}
// A reply refused because the event is over or cancelled: 409 with the reason as field.
inline Error ReplyClosed(const std::string& key) {
  return Error{ErrorCode::kConflict, "replies are closed for this event", {{"event_over", key}}};
}

// A positive integer id, nullopt otherwise.
std::optional<std::int64_t> ParsePositive(std::string_view text);
// 32 random bytes, base64url without padding: an invitation's reply token.
std::string NewToken();

// The local date of an instant in the hub's zone, 'YYYY-MM-DD'.
std::string LocalDateOf(const hubs::Hub& hub, Timestamp at);
// "2026-12-03T18:30" in the hub's zone.
std::string LocalDateTimeOf(const hubs::Hub& hub, Timestamp at);
// The event's duration in whole minutes (at most 1440: one day counted per attendance).
std::int64_t DurationMinutes(const Event& event);

nlohmann::json EventJson(const Event& event, const hubs::Hub& hub);
nlohmann::json InvitationJson(const Invitation& invitation);
nlohmann::json AttendanceJson(const AttendanceRow& row);

}  // namespace coopole::animation::events_internal

namespace coopole::animation::events_internal {

// The recipient of a message about an invitation.
EventRecipient RecipientOf(const Invitation& invitation);

// Creates the invitations of `people` (person, how invited) not invited yet, each with a new
// token; returns the new ones as recipients and counts in `already` those invited before.
std::vector<EventRecipient> InsertInvitations(db::Transaction& tx, const Event& event,
                                              const std::vector<std::pair<DirectoryPerson, std::string>>& people,
                                              Timestamp now, std::int64_t& already);

// Brings the event's waiting list back to the rule (events_rules::Rebalance) and returns the
// invitations promoted.
std::vector<EventRecipient> RebalanceWaitlist(db::Transaction& tx, const Event& event);

}  // namespace coopole::animation::events_internal
