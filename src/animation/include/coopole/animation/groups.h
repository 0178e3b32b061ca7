// Animation, working groups and the newcomer welcome.
//
// Working groups: a name, a theme, a description, member organisations, people of the hub's
// directory, a lead (an organisation and/or a person among the group's members), a status
// (active, paused, closed; see groups_rules.h for the moves), decisions (date, text, the
// meeting where they were taken) and document links (http/https only). A group's meetings
// are the events of the events part whose group_id is the group.
//
// The newcomer welcome: newcomers are the hub's active members that joined (join_date, else
// the creation date) within the last 365 days in the hub's time zone, plus any member with
// an open checklist. Each has a checklist of four items: charter accepted (members'
// charter_accepted_on, or ticked here), introduced to members (a date), a buddy member (another
// active member of the hub) and a newcomer breakfast (an event of kind newcomer_breakfast for
// the member, planned or held: read only here). A complete checklist may be closed.
//
// Who may do what: coordinators (kManageAnimation) everything; the users of a group's lead
// organisation edit the group (fields, status, decisions, links); a member-role user adds or
// removes its own organisation and its own people; observers read. The welcome is managed by
// coordinators; a member-role user reads its own organisation's checklist only.
// Errors of every use case: kPermissionDenied; kNotFound for anything of another hub;
// kInvalidArgument naming each field with a catalogue key; kConflict ("version") for a stale
// version. A failed use case writes nothing; every change is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

enum class GroupStatus { kActive, kPaused, kClosed };
// Codes as stored and in JSON: "active", "paused", "closed".
const char* GroupStatusCode(GroupStatus status);
std::optional<GroupStatus> ParseGroupStatus(std::string_view code);

struct GroupMember {
  MemberId member;
  std::string name;
};

struct GroupPerson {
  PersonId person;
  MemberId member;
  std::string name, member_name;
};

struct Decision {
  std::int64_t id = 0;
  Date decided_on;
  std::string text;
  std::optional<EventId> event;  // the meeting where it was taken
};

struct DocumentLink {
  std::int64_t id = 0;
  std::string label, url;
};

// An event of the group (a row of animation_events), read only here.
struct GroupMeeting {
  EventId id;
  std::string kind, title, status;
  Timestamp starts_at, ends_at;
};

struct Group {
  GroupId id;
  HubId hub;
  std::string name, theme, description;
  GroupStatus status = GroupStatus::kActive;
  std::optional<MemberId> lead_member;
  std::string lead_member_name;
  std::optional<PersonId> lead_person;
  std::string lead_person_name;
  std::vector<GroupMember> members;  // by name
  std::vector<GroupPerson> people;   // by name
  std::vector<Decision> decisions;   // newest first (GetGroup only)
  std::vector<DocumentLink> links;   // GetGroup only
  std::vector<GroupMeeting> meetings;  // newest first (GetGroup only)
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
};

// Form or JSON input, text as typed. On update an absent optional keeps the value; "" clears
// a lead. Ids as decimal text.
struct GroupInput {
  std::optional<std::string> name, theme, description, lead_member_id, lead_person_id;
  std::optional<std::vector<std::string>> member_ids, person_ids;
};

struct GroupQuery {
  std::string search;                 // accent-insensitive, on name and theme
  std::optional<GroupStatus> status;
  int page = 1;                       // from 1
  int per_page = 20;                  // 1..100
};

struct GroupPage {
  std::vector<Group> items;  // with members and people, by name
  std::int64_t total = 0;
  int page = 1, per_page = 20;
};

struct DecisionInput {
  std::string decided_on, text, event_id;  // event_id "" = none
};
struct LinkInput {
  std::string label, url;
};

// ---- the newcomer welcome -------------------------------------------------------------------

struct Welcome {
  MemberId member;
  std::string member_name;
  Date joined_on;                        // join_date, else the creation date in the hub's zone
  bool charter_done = false;             // accepted in members, or ticked here
  std::optional<Date> charter_accepted_on;  // from members
  bool charter_ticked = false;           // ticked here
  std::optional<Date> introduced_on;
  std::optional<MemberId> buddy;
  std::string buddy_name;
  bool breakfast_done = false;           // a newcomer breakfast planned or held
  bool closed = false;
  std::int64_t version = 0;              // 0: nothing recorded yet
  int Progress() const {
    return (charter_done ? 1 : 0) + (introduced_on ? 1 : 0) + (buddy ? 1 : 0) + (breakfast_done ? 1 : 0);
  }
};

// Absent fields stay as they are. charter: "1"/"true" ticks, "0"/"false" unticks;
// introduced_on: "YYYY-MM-DD" or "" to clear; buddy_member_id: an id or "" to clear.
struct WelcomeInput {
  std::optional<std::string> charter, introduced_on, buddy_member_id;
};

// ---- the animation home --------------------------------------------------------------------

struct UpcomingEvent {
  EventId id;
  std::string kind, title;
  Timestamp starts_at;
};

struct AnimationHome {
  std::vector<UpcomingEvent> upcoming;  // the next 5 planned events
  std::vector<Group> active_groups;     // by name, at most 10
  std::int64_t active_group_count = 0;
  std::vector<Welcome> newcomers;       // open checklists (the actor may read)
};

class GroupService {
 public:
  GroupService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  // Migrations of the module "animation_groups".
  static std::vector<db::Migration> Migrations();

  // For the events part, inside its transaction: the people to invite for `group` = the
  // group's people plus the unarchived people of its member organisations, each once, by
  // id; archived people and people of archived organisations are left out. Empty when the
  // group is not of `hub`.
  static std::vector<PersonId> GroupInvitees(db::Transaction& tx, HubId hub, GroupId group);
  static bool GroupInHub(db::Transaction& tx, HubId hub, GroupId group);

  // Groups of the hub by name. Errors: page/per_page out of range are clamped.
  Result<GroupPage> ListGroups(const Actor& actor, const HubContext& hub, const GroupQuery& query);
  // The group with decisions, links and meetings.
  Result<Group> GetGroup(const Actor& actor, const HubContext& hub, GroupId id);
  // Coordinators. Errors: "name" required; "member_ids" a member twice or not an active
  // member of the hub; "person_ids" a person twice, unknown or of an archived organisation;
  // "lead_member_id" not among the group's organisations; "lead_person_id" not among its people.
  Result<Group> CreateGroup(const Actor& actor, const HubContext& hub, const GroupInput& input);
  // Coordinators and the lead organisation's users. Same errors, plus a stale version.
  Result<Group> UpdateGroup(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t version,
                            const GroupInput& input);
  // Errors: {"status": "animation.groups.error.transition"} for a move the rules refuse.
  Result<Group> ChangeStatus(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t version,
                             const std::string& status);
  // Adds or removes an organisation (and, on leaving, its people): a member-role user for its
  // own organisation, the group's editors for any. Joining twice is a no-op. Leaving
  // removes the lead when it was the lead; an organisation not in the group is kNotFound.
  Result<Group> JoinMember(const Actor& actor, const HubContext& hub, GroupId id, const std::string& member_id);
  Result<Group> LeaveMember(const Actor& actor, const HubContext& hub, GroupId id, MemberId member);
  // Adds or removes a person: a member-role user for its own organisation's people.
  Result<Group> JoinPerson(const Actor& actor, const HubContext& hub, GroupId id, const std::string& person_id);
  Result<Group> LeavePerson(const Actor& actor, const HubContext& hub, GroupId id, PersonId person);
  // The group's editors. Errors: "decided_on" date, "text" required, "event_id" not an event
  // of the hub; "label" required, "url" not http(s).
  Result<Group> AddDecision(const Actor& actor, const HubContext& hub, GroupId id, const DecisionInput& input);
  Result<Group> AddLink(const Actor& actor, const HubContext& hub, GroupId id, const LinkInput& input);
  Result<Group> RemoveLink(const Actor& actor, const HubContext& hub, GroupId id, std::int64_t link);

  // Newcomers by join date, newest first, closed ones included only when `include_closed`
  // (a member-role user: its own organisation only).
  Result<std::vector<Welcome>> ListNewcomers(const Actor& actor, const HubContext& hub, bool include_closed = false);
  // The checklist of an active member of the hub (kNotFound otherwise).
  Result<Welcome> GetWelcome(const Actor& actor, const HubContext& hub, MemberId member);
  // Coordinators. Errors: "buddy_member_id" itself ("animation.welcome.error.buddy_self") or
  // not an active member; "introduced_on" date; "charter" boolean; stale version.
  Result<Welcome> UpdateWelcome(const Actor& actor, const HubContext& hub, MemberId member, std::int64_t version,
                                const WelcomeInput& input);
  // Coordinators. Errors: {"welcome": "animation.welcome.error.incomplete"} before 4/4.
  Result<Welcome> CloseWelcome(const Actor& actor, const HubContext& hub, MemberId member, std::int64_t version);

  // The people of the hub's directory (unarchived, of active members) for the pickers, by
  // organisation then name.
  Result<std::vector<DirectoryPerson>> PeopleChoices(const Actor& actor, const HubContext& hub);

  // For the scheduler (no actor: it runs for every hub). Each active member that is a
  // newcomer in its hub's zone and was not announced yet gets one in-app notice (kind
  // "newcomer" {member}, linking to its checklist) to its hub's coordinators, recorded in the
  // same transaction: each newcomer is announced once, whatever the number of runs or of
  // servers. Returns how many newcomers were announced.
  int AnnounceNewcomers();

  // The blocks of the animation home page.
  Result<AnimationHome> Home(const Actor& actor, const HubContext& hub);

 private:
  Result<Group> Edit(const Actor& actor, const HubContext& hub, GroupId id,
                     const std::function<Result<bool>(db::Transaction&, Group&)>& change, const char* action);

  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
