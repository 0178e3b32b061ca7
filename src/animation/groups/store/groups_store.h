// SQL of working groups and of the welcome: animation_groups and their members, people,
// decisions and links; animation_welcome; and the reads of the events part's table
// (meetings, breakfasts, upcoming events), guarded in EventsTableReady. Bound parameters
// only; every read is scoped to the hub. Names come from the members module's tables (read only).
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "coopole/animation/groups.h"

namespace coopole::animation::groups_store {

// The group with members and people (not decisions, links, meetings); nullopt when absent
// or of another hub.
std::optional<Group> FindGroup(db::Transaction& tx, HubId hub, GroupId id);
void LoadDetails(db::Transaction& tx, Group& group);  // decisions and links
// Orders the group's organisations and people by folded name (the same on both databases).
void SortComposition(Group& group);
// Groups matching the folded search (on name and theme) and status, by name; and their count.
std::vector<Group> ListGroups(db::Transaction& tx, HubId hub, const std::string& folded_search,
                              std::optional<GroupStatus> status, int limit, int offset);
std::int64_t CountGroups(db::Transaction& tx, HubId hub, const std::string& folded_search,
                         std::optional<GroupStatus> status);

GroupId InsertGroup(db::Transaction& tx, const Group& group, UserId created_by);
// Writes the group's own columns when its version is `expected_version` (bumping it).
bool UpdateGroup(db::Transaction& tx, const Group& group, std::int64_t expected_version);
void ReplaceComposition(db::Transaction& tx, const Group& group);
std::int64_t InsertDecision(db::Transaction& tx, GroupId group, const Decision& decision, Timestamp now);
std::int64_t InsertLink(db::Transaction& tx, GroupId group, const DocumentLink& link, Timestamp now);
bool DeleteLink(db::Transaction& tx, GroupId group, std::int64_t link);

// The people to invite (see GroupService::GroupInvitees).
std::vector<PersonId> Invitees(db::Transaction& tx, HubId hub, GroupId group);
bool GroupInHub(db::Transaction& tx, HubId hub, GroupId group);

// The unarchived people of the hub's active members: id -> (member, name, member name).
struct PersonRow {
  MemberId member;
  std::string name, member_name;
};
std::map<std::int64_t, PersonRow> ActivePeople(db::Transaction& tx, HubId hub);

// ---- the events part's table ----------------------------------------------------------------

// Whether animation_events exists with the columns read here (the events part creates it;
// a build without it shows no meetings, breakfasts or upcoming events).
bool EventsTableReady(db::Transaction& tx);
std::vector<GroupMeeting> Meetings(db::Transaction& tx, HubId hub, GroupId group);
bool EventInHub(db::Transaction& tx, HubId hub, EventId event);
std::vector<UpcomingEvent> UpcomingEvents(db::Transaction& tx, HubId hub, Timestamp from, int limit);
// Members of the hub with a newcomer breakfast planned or held.
std::vector<std::int64_t> MembersWithBreakfast(db::Transaction& tx, HubId hub);

// ---- the welcome ----------------------------------------------------------------------------

struct WelcomeRow {
  MemberId member;
  bool charter_ticked = false;
  std::optional<Date> introduced_on;
  std::optional<MemberId> buddy;
  bool closed = false;
  std::int64_t version = 0;
};
std::map<std::int64_t, WelcomeRow> WelcomeRows(db::Transaction& tx, HubId hub);
// Inserts (expected version 0) or updates the checklist; false on a stale version.
bool SaveWelcome(db::Transaction& tx, HubId hub, const WelcomeRow& row, std::int64_t expected_version,
                 Timestamp now, bool close);

// Records that `member` was announced; false when it already was.
bool InsertAnnouncement(db::Transaction& tx, HubId hub, MemberId member, Timestamp now);

}  // namespace coopole::animation::groups_store
