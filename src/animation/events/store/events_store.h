// The SQL of the events part (bound parameters only): events, invitations, attendance, and
// the few reads of other parts' tables it needs (groups, hubs, people).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/events.h"

namespace coopole::animation::events_store {

std::optional<Event> FindEvent(db::Transaction& tx, HubId hub, EventId id);
EventPage ListEvents(db::Transaction& tx, HubId hub, const EventQuery& query, Timestamp now);
EventId InsertEvent(db::Transaction& tx, const Event& event);
// False when `version` is no longer current.
bool UpdateEvent(db::Transaction& tx, const Event& event, std::int64_t version);
// Keeps the attendance copies (date, kind, group) in step with their event.
void FollowEvent(db::Transaction& tx, const Event& event, const std::string& on_date);
// Takes the event's row lock until the transaction ends (a no-op UPDATE: portable, and on
// PostgreSQL, whose write transactions are READ COMMITTED, it serialises the replies of one
// event so that two concurrent "yes" cannot both take the last seat). SQLite's write
// transactions already exclude each other.
// Points the event at another pooled booking (or none) without touching its version: the
// booking id is bookkeeping, not something the user edited. Only while it still points at
// `from` (false otherwise: someone changed the event meanwhile).
bool SetRoomBooking(db::Transaction& tx, HubId hub, EventId id, std::int64_t from, std::optional<std::int64_t> to);
void LockEvent(db::Transaction& tx, HubId hub, EventId id);

// Groups (tables of the groups part, in the same module): names, pickers and the lead.
std::optional<std::string> GroupName(db::Transaction& tx, HubId hub, GroupId group);
std::vector<std::pair<GroupId, std::string>> GroupChoices(db::Transaction& tx, HubId hub);
std::optional<MemberId> GroupLead(db::Transaction& tx, GroupId group);

// Invitations, in reply order (yes, maybe, pending, no) then by name.
std::vector<Invitation> ListInvitations(db::Transaction& tx, EventId event);
std::optional<Invitation> FindInvitation(db::Transaction& tx, HubId hub, InvitationId id);
std::optional<Invitation> FindInvitationByToken(db::Transaction& tx, const std::string& token);
std::optional<HubId> HubOfInvitation(db::Transaction& tx, const std::string& token);
// True when created (false: the person was invited already).
bool InsertInvitation(db::Transaction& tx, HubId hub, EventId event, const DirectoryPerson& person,
                      const std::string& via, const std::string& token, Timestamp now);
void SaveReply(db::Transaction& tx, const Invitation& invitation);
void SetWaitlistPosition(db::Transaction& tx, InvitationId id, std::optional<std::int64_t> position);

std::vector<AttendanceRow> ListAttendance(db::Transaction& tx, EventId event);
std::optional<AttendanceRow> FindAttendance(db::Transaction& tx, EventId event, PersonId person);
void UpsertAttendance(db::Transaction& tx, const Event& event, const std::string& on_date, const AttendanceRow& row,
                      UserId by, Timestamp now);
bool DeleteAttendance(db::Transaction& tx, EventId event, PersonId person);

}  // namespace coopole::animation::events_store
