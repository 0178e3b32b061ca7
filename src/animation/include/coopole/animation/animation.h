// Animation: what the four parts of the module share. Each part has its own header and
// service class (groups.h: working groups and the newcomer welcome; events.h: events,
// invitations, replies, waiting list, attendance, minutes; notices.h: in-app notices, per-user
// digest preferences and the invitation e-mails; time.h: collective time counted, valued and
// totalled), its own tables (prefixed animation_) and its own web files.
//
// Who may do what, in every part: coordinators (Permission::kManageAnimation) everything in
// the hub; users of the member role act for their own organisation (its people's replies and
// time, the groups it leads); observers read. Errors common to all: kPermissionDenied;
// kNotFound for anything of another hub.
//
// Tables other parts read (their columns are a contract between the parts):
//   animation_groups(id, hub_id, name, status, ...), animation_group_members(group_id, member_id),
//   animation_group_people(group_id, person_id)                                   [groups]
//   animation_events(id, hub_id, kind, title, group_id, starts_at, ends_at, status, ...),
//   animation_invitations(id, hub_id, event_id, person_id, member_id, reply, ...),
//   animation_attendance(id, hub_id, event_id, person_id, member_id, on_date, kind,
//                        group_id, minutes, invited, compensated, ...)            [events]
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"

namespace coopole::animation {

using hubs::HubContext;
using identity::Actor;
using identity::HubId;
using identity::MemberId;
using identity::UserId;
using members::PersonId;

using GroupId = Id<struct GroupTag>;
using EventId = Id<struct EventTag>;
using InvitationId = Id<struct InvitationTag>;
using AttendanceId = Id<struct AttendanceTag>;
using WelcomeId = Id<struct WelcomeTag>;
using TimeEntryId = Id<struct TimeEntryTag>;

// A person of the hub's directory (members_people) with their organisation.
struct DirectoryPerson {
  PersonId id;
  MemberId member;
  std::string name, member_name, email, role;
};

// A room another module lends (pooling's premises resources).
struct Room {
  std::int64_t resource_id = 0;
  std::string name, location;
  std::optional<std::int64_t> capacity;
};

// A room booked for an event: the pooling booking's id.
struct RoomBookingRequest {
  std::int64_t resource_id = 0;
  MemberId member;      // the organisation that books (and pays)
  std::string title;
  Timestamp starts_at, ends_at;  // UTC
  std::optional<std::int64_t> attendees;
};

// What the animation module reads from or asks of other modules, wired by the application
// (a module absent from the installation is an empty function).
struct Directory {
  // Active members of a hub, or of every hub when nullopt (members::MemberService::ActiveMembers).
  std::function<std::vector<members::Member>(db::Transaction&, std::optional<HubId>)> active_members;
  // The unarchived people of a hub's active members, with their organisation.
  std::function<std::vector<DirectoryPerson>(db::Transaction&, HubId)> people;
  // Rooms of the hub that events can book (pooling's premises), or nothing.
  std::function<std::vector<Room>(db::Transaction&, HubId)> rooms;
  // Books a room in pooling (its own transaction); returns the booking id, or pooling's error
  // (a conflict is kFailedPrecondition naming "room"). Cancelling undoes it: called only for a
  // booking an event made, once the events part has checked that the actor may change that
  // event, so the application releases it with the hub's authority.
  std::function<Result<std::int64_t>(const Actor&, const HubContext&, const RoomBookingRequest&)> book_room;
  std::function<Result<bool>(const Actor&, const HubContext&, std::int64_t booking_id, const std::string& reason)>
      cancel_room;
};

// Directory.people over the members module (how the application wires it, and the tests):
// the unarchived people of the hub's active members, with their organisation's name.
inline std::vector<DirectoryPerson> DirectoryPeople(db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, std::string> names;
  for (const auto& m : members::MemberService::ActiveMembers(tx, hub)) names[m.id.value] = m.name;
  std::vector<DirectoryPerson> out;
  for (auto& p : members::MemberService::ActivePeople(tx, hub))
    out.push_back({p.id, p.member, std::move(p.name), names[p.member.value], std::move(p.email), std::move(p.role)});
  return out;
}

}  // namespace coopole::animation
