// Pieces shared by the event use cases and web files (private to the events part): who may
// do what, error builders, parsing of ids, the hub's zone, and the JSON of records (used by
// the audit log and by the API, so that both show the same thing).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/animation/events.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/use_case.h"

namespace coopole::animation::events_internal {

using identity::Permission;

using hubs::use_case::AuditJson;
using hubs::use_case::CheckedText;
using hubs::use_case::FieldError;
using hubs::use_case::OwnMember;
using hubs::use_case::ParsePositiveId;

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return identity::Allows(actor, hub.access, Permission::kManageAnimation);
}
inline bool MayRead(const Actor& actor, const HubContext& hub) {
  return identity::Allows(actor, hub.access, Permission::kViewHub);
}
// Coordinators, and member-role users of `lead` (a group's lead or the event's host).
inline bool ActsFor(const Actor& actor, const HubContext& hub, std::optional<MemberId> lead) {
  return IsCoordinator(actor, hub) || (lead && OwnMember(hub) == lead);
}

inline Error Stale() { return hubs::use_case::Stale("event"); }
// A reply refused because the event is over or cancelled: 409 with the reason as field.
inline Error ReplyClosed(const std::string& key) {
  return Error{ErrorCode::kConflict, "replies are closed for this event", {{"event_over", key}}};
}

// An invitation's reply token: 32 random bytes, base64url (identity::NewSecretToken).
inline std::string NewToken() { return identity::NewSecretToken(); }

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

// In-app notices about `event` to the users of `members` (NoticeService::Post, in the caller's
// transaction): "event_planned" {title, date} when their people are invited,
// "minutes_published" {title} when the minutes are written. Links to the event's page.
void NotifyMembers(db::Transaction& tx, const hubs::Hub& hub, const Event& event, const std::set<std::int64_t>& members,
                   const std::string& kind, Timestamp now);

}  // namespace coopole::animation::events_internal
