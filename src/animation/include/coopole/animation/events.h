// Animation, events: kinds, dates in the hub's zone, place or pooled room, capacity, invitations, replies (signed link or app), waiting list, attendance, minutes.
// (Contract comments: what each use case does, who may call it, which errors it returns.)
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

// --- The contract between events (which sends) and the app's event mailer (which composes) ---
// One person told about an event. `token` is the invitation's reply token (stored as is in
// animation_invitations.token, a capability like a calendar feed token): the reply page is
// <public_url>/invitations/<token>.
struct EventRecipient {
  InvitationId invitation;
  PersonId person;
  MemberId member;
  std::string name, email, token;
  std::string reply;  // "pending", "yes", "no", "maybe"
  bool waitlisted = false;
};

// What happened, for whom. The mailer writes one e-mail per recipient with an address, in
// French (people have no language setting), with an .ics attachment: METHOD:REQUEST for
// kInvitation, kUpdate and kPromoted (same UID, SEQUENCE = `sequence`), METHOD:CANCEL for
// kCancellation.
struct EventMessage {
  enum class Reason { kInvitation, kUpdate, kCancellation, kPromoted };
  Reason reason = Reason::kInvitation;
  HubId hub;
  std::string hub_slug, hub_name;
  EventId event;
  std::string kind;  // "meeting", "group_session", "newcomer_breakfast", "festival", "learning_visit",
                     // "training", "general_assembly"
  std::string title, description, place;
  Timestamp starts_at, ends_at;  // UTC
  std::int64_t sequence = 0;      // the event's version: calendar clients replace older copies
  std::vector<EventRecipient> recipients;
};

// Called inside the transaction that invites, changes or cancels, so that the e-mails are
// queued (mail outbox) exactly when the change commits. Unset: no e-mail.
using EventMailer = std::function<void(db::Transaction&, const EventMessage&)>;


// --- Events ------------------------------------------------------------------------------------
// Kinds and statuses as stored (animation_events.kind / .status).
inline constexpr const char* kEventKindCodes[] = {"meeting",  "group_session", "newcomer_breakfast", "festival",
                                              "learning_visit", "training", "general_assembly"};
inline constexpr const char* kEventStatuses[] = {"planned", "held", "cancelled"};

// What a form or the API gives; absent fields keep their value on update. Times are typed in
// the hub's zone: `date` 'YYYY-MM-DD' (or DD/MM/YYYY), `start_time`/`end_time` 'HH:MM',
// `end_date` (default: `date`) for events over several days. Ids as text ("" = none).
struct EventInput {
  std::optional<std::string> kind, title, description, group_id, newcomer_member_id, host_member_id, date,
      start_time, end_time, end_date, place, room_resource_id, capacity;
};

struct Event {
  EventId id;
  HubId hub;
  std::string kind, title, description;
  std::optional<GroupId> group;
  std::string group_name;
  std::optional<MemberId> newcomer, host;
  std::string newcomer_name, host_name;
  Timestamp starts_at, ends_at;  // UTC
  std::string place;
  std::optional<std::int64_t> room_resource_id, room_booking_id, capacity;
  std::string status = "planned";
  std::string minutes;
  UserId created_by;
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
  // Counts of the invitations by reply (a waitlisted "yes" counts in `waitlisted` only) and of
  // the attendance rows.
  std::int64_t yes = 0, no = 0, maybe = 0, pending = 0, waitlisted = 0, attended = 0;
};

struct EventQuery {
  std::string kind;              // "" = every kind
  std::optional<GroupId> group;
  std::string when;              // "upcoming" (not ended), "past" (ended), "" = both
  std::string text;              // accent- and case-insensitive over title, place, description
  int page = 1, per_page = 50;   // per_page 1..200
};
struct EventPage {
  std::vector<Event> items;
  std::int64_t total = 0;
  int page = 1, per_page = 50;
};

// --- Invitations and replies -------------------------------------------------------------------
struct Invitation {
  InvitationId id;
  EventId event;
  PersonId person;
  MemberId member;
  std::string person_name, member_name, email, token;
  std::string reply = "pending";               // pending, yes, no, maybe
  std::optional<std::int64_t> waitlist_position;  // a "yes" beyond capacity, 1 = next promoted
  std::string invited_via;                      // member, group, person
  std::optional<Timestamp> replied_at;
  std::int64_t version = 1;
};

// Whom to invite: every active person of these organisations, the invitees of these groups
// (their people and the active people of their member organisations), these people. Ids as text.
struct InviteInput {
  std::vector<std::string> members, groups, people;
};
struct InviteOutcome {
  std::int64_t invited = 0;  // new invitations
  std::int64_t already = 0;  // people invited before (re-inviting is idempotent)
};

// The public reply page: an invitation found by its token, with its event and hub.
struct PublicInvitation {
  Invitation invitation;
  Event event;
  hubs::Hub hub;
  bool open = true;  // replies accepted (planned and not ended)
};

// --- Attendance ----------------------------------------------------------------------------------
struct AttendanceRow {
  AttendanceId id;
  PersonId person;
  MemberId member;
  std::string person_name, member_name;
  std::int64_t minutes = 0;
  bool invited = true;  // false: came without an invitation (accepted, flagged)
  bool compensated = false;
};

// What the actor may do with one event (the pages show only the forms that will be accepted).
struct EventRights {
  bool manage = false;      // edit, change status, invite
  bool minutes = false;     // write the minutes
  bool attendance = false;  // take attendance
};

// The attendance page: invitees (yes first) with who is present, and the uninvited present.
struct AttendanceSheet {
  Event event;
  std::vector<Invitation> invitations;
  std::vector<AttendanceRow> present;
  std::int64_t default_minutes = 0;  // the event's duration
};

// Who may do what: observers and everyone in the hub read; coordinators
// (Permission::kManageAnimation) create, edit, invite and take attendance of any event;
// member-role users of a group's lead organisation do the same for the events of that group,
// and the host member's users take attendance and write minutes of the events they host.
// Replies: coordinators for anyone, member-role users for their own organisation's people,
// anyone holding the token through the public link. Every change is audited in its transaction.
// Errors common to all: kPermissionDenied; kNotFound (another hub's id, unknown token);
// kInvalidArgument naming the field with a catalogue key; kConflict for a stale version.
class EventService {
 public:
  EventService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();
  void SetEventMailer(EventMailer mailer) { mailer_ = std::move(mailer); }

  Result<EventPage> ListEvents(const Actor& actor, const HubContext& hub, const EventQuery& query);
  Result<Event> GetEvent(const Actor& actor, const HubContext& hub, EventId id);
  // Validates (kind, title, times in the hub's zone: a skipped local time 422 on the time,
  // end not after start 422 "ends_at", group/newcomer/host of the hub, capacity >= 1), books
  // the pooled room first when one is chosen (refused: 422 "room"; the booking is cancelled
  // when the event's transaction then fails). A newcomer breakfast invites every active
  // member's people at creation.
  Result<Event> CreateEvent(const Actor& actor, const HubContext& hub, const EventInput& input);
  // As CreateEvent on an existing planned event. A change of time or place tells the invitees
  // who have not declined (kUpdate); more capacity promotes the waiting list (kPromoted); the
  // attendance rows follow the event's date, kind and group.
  Result<Event> UpdateEvent(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                            const EventInput& input);
  // planned -> held | cancelled. Cancelling releases the room and tells the invitees
  // (kCancellation). Errors: 422 "status" for any other move; 422 "room" when pooling refuses
  // to release the room (it is then still booked and the event still planned).
  Result<Event> ChangeStatus(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                             const std::string& status);
  // The minutes (free text): coordinators, the group's lead, the host.
  Result<Event> SaveMinutes(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                            const std::string& minutes);

  // Invites people (deduplicated; re-inviting is idempotent) and mails the new ones
  // (kInvitation). Errors: 422 "members"/"groups"/"people" for an id not of the hub,
  // 422 "status" when the event is not planned.
  Result<InviteOutcome> Invite(const Actor& actor, const HubContext& hub, EventId id, const InviteInput& input);
  Result<std::vector<Invitation>> ListInvitations(const Actor& actor, const HubContext& hub, EventId id);
  // A reply in the app. Errors: 422 "reply"; kConflict "event_over" after the event ended
  // or when it is cancelled (nothing written).
  Result<Invitation> Reply(const Actor& actor, const HubContext& hub, InvitationId id, const std::string& reply);
  // The public link: no actor, the token is the credential. Errors: kNotFound.
  Result<PublicInvitation> InvitationByToken(const std::string& token);
  Result<PublicInvitation> ReplyByToken(const std::string& token, const std::string& reply);

  Result<EventRights> Rights(const Actor& actor, const HubContext& hub, EventId id);
  Result<AttendanceSheet> Attendance(const Actor& actor, const HubContext& hub, EventId id);
  // Marks a person of the hub's directory present (minutes default: the event's duration;
  // 0..1440). Someone not invited is accepted and flagged. Errors: 422 "status" for a cancelled
  // event, 422 "person_id" for a person not of the hub, 422 "minutes".
  Result<AttendanceRow> RecordAttendance(const Actor& actor, const HubContext& hub, EventId id,
                                         const std::string& person_id, const std::string& minutes);
  Result<bool> RemoveAttendance(const Actor& actor, const HubContext& hub, EventId id, const std::string& person_id);
  // Choices of the forms: the hub's groups not closed (id, name) by name, the rooms events
  // can book, every person of the directory.
  Result<std::vector<std::pair<GroupId, std::string>>> GroupChoices(const Actor& actor, const HubContext& hub);
  Result<std::vector<Room>> RoomChoices(const Actor& actor, const HubContext& hub);
  Result<std::vector<DirectoryPerson>> People(const Actor& actor, const HubContext& hub);
  // People of the directory matching `text` (accent-insensitive), for adding someone present.
  Result<std::vector<DirectoryPerson>> SearchPeople(const Actor& actor, const HubContext& hub, const std::string& text);

 private:
  struct Checked;
  Result<Checked> Check(db::Transaction& tx, const HubContext& hub, const EventInput& input, Event event);
  void SaveStatus(db::Transaction& tx, const Actor& actor, const HubContext& hub, const Event& previous, Event& event);
  void SaveUpdate(db::Transaction& tx, const Actor& actor, const HubContext& hub, const Event& current, Event& event);
  void Tell(db::Transaction& tx, const hubs::Hub& hub, const Event& event, EventMessage::Reason reason,
            std::vector<EventRecipient> recipients);
  Result<PublicInvitation> ReplyIn(db::Transaction& tx, const hubs::Hub& hub, Invitation invitation,
                                   const std::string& reply, const std::optional<Actor>& actor);

  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
  EventMailer mailer_;
};

}  // namespace coopole::animation
