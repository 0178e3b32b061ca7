#include "store/groups_store.h"

#include <algorithm>

#include "coopole/core/text.h"

namespace coopole::animation::groups_store {
namespace {

constexpr const char* kGroupColumns =
    "SELECT g.id, g.hub_id, g.name, g.theme, g.description, g.status, g.lead_member_id, lm.name, "
    "g.lead_person_id, lp.name, g.created_at, g.updated_at, g.version "
    "FROM animation_groups g LEFT JOIN members_members lm ON lm.id = g.lead_member_id "
    "LEFT JOIN members_people lp ON lp.id = g.lead_person_id ";

Group ReadGroup(const db::Rows& rows, std::size_t r) {
  Group g;
  g.id = GroupId{rows.Int(r, 0)};
  g.hub = HubId{rows.Int(r, 1)};
  g.name = rows.Text(r, 2);
  g.theme = rows.Text(r, 3);
  g.description = rows.Text(r, 4);
  g.status = ParseGroupStatus(rows.Text(r, 5)).value_or(GroupStatus::kActive);
  if (auto id = rows.OptInt(r, 6)) g.lead_member = MemberId{*id};
  g.lead_member_name = rows.OptText(r, 7).value_or("");
  if (auto id = rows.OptInt(r, 8)) g.lead_person = PersonId{*id};
  g.lead_person_name = rows.OptText(r, 9).value_or("");
  g.created_at = Timestamp{rows.Int(r, 10)};
  g.updated_at = Timestamp{rows.Int(r, 11)};
  g.version = rows.Int(r, 12);
  return g;
}

// Members and people of the groups selected by `where` (on g), attached to `groups`.
void LoadComposition(db::Transaction& tx, const std::string& where, const db::Params& params,
                     std::vector<Group>& groups) {
  std::map<std::int64_t, Group*> by_id;
  for (auto& g : groups) by_id[g.id.value] = &g;
  auto members = tx.Query(
      "SELECT gm.group_id, gm.member_id, m.name FROM animation_group_members gm "
      "JOIN animation_groups g ON g.id = gm.group_id JOIN members_members m ON m.id = gm.member_id " +
          where + " ORDER BY m.name_folded, m.id",
      params);
  for (std::size_t r = 0; r < members.size(); ++r)
    if (auto it = by_id.find(members.Int(r, 0)); it != by_id.end())
      it->second->members.push_back({MemberId{members.Int(r, 1)}, members.Text(r, 2)});
  auto people = tx.Query(
      "SELECT gp.group_id, gp.person_id, gp.member_id, p.name, m.name FROM animation_group_people gp "
      "JOIN animation_groups g ON g.id = gp.group_id JOIN members_people p ON p.id = gp.person_id "
      "JOIN members_members m ON m.id = gp.member_id " +
          where + " ORDER BY p.id",
      params);
  for (std::size_t r = 0; r < people.size(); ++r)
    if (auto it = by_id.find(people.Int(r, 0)); it != by_id.end())
      it->second->people.push_back(
          {PersonId{people.Int(r, 1)}, MemberId{people.Int(r, 2)}, people.Text(r, 3), people.Text(r, 4)});
  for (auto& g : groups) SortComposition(g);
}

// WHERE clause of the list and its count.
struct Where {
  std::string sql;
  db::Params params;
};
Where ListWhere(HubId hub, const std::string& folded_search, std::optional<GroupStatus> status) {
  Where w{"WHERE g.hub_id = ?", {}};
  w.params.push_back(hub.value);
  if (!folded_search.empty()) {
    w.sql += " AND g.search_text LIKE ? ESCAPE '\\'";
    w.params.push_back(db::ContainsPattern(folded_search));
  }
  if (status) {
    w.sql += " AND g.status = ?";
    w.params.push_back(std::string(GroupStatusCode(*status)));
  }
  return w;
}

std::string SearchText(const Group& g) { return FoldForSearch(g.name + " " + g.theme); }

}  // namespace

void SortComposition(Group& group) {
  auto by_name = [](const auto& a, const auto& b) {
    const auto fa = FoldForSearch(a.name), fb = FoldForSearch(b.name);
    return fa != fb ? fa < fb : a.name < b.name;
  };
  std::stable_sort(group.members.begin(), group.members.end(), by_name);
  std::stable_sort(group.people.begin(), group.people.end(), by_name);
}

std::optional<Group> FindGroup(db::Transaction& tx, HubId hub, GroupId id) {
  db::Params params;
  params.push_back(id.value);
  params.push_back(hub.value);
  auto rows = tx.Query(std::string(kGroupColumns) + "WHERE g.id = ? AND g.hub_id = ?", params);
  if (rows.empty()) return std::nullopt;
  std::vector<Group> groups{ReadGroup(rows, 0)};
  LoadComposition(tx, "WHERE g.id = ? AND g.hub_id = ?", params, groups);
  return groups.front();
}

void LoadDetails(db::Transaction& tx, Group& group) {
  auto decisions = tx.Query(
      "SELECT id, decided_on, text, event_id FROM animation_group_decisions WHERE group_id = ? "
      "ORDER BY decided_on DESC, id DESC",
      {group.id.value});
  group.decisions.clear();
  for (std::size_t r = 0; r < decisions.size(); ++r) {
    Decision d{.id = decisions.Int(r, 0), .decided_on = decisions.OptDate(r, 1).value_or(Date{}),
               .text = decisions.Text(r, 2), .event = std::nullopt};
    if (auto e = decisions.OptInt(r, 3)) d.event = EventId{*e};
    group.decisions.push_back(std::move(d));
  }
  auto links = tx.Query("SELECT id, label, url FROM animation_group_links WHERE group_id = ? ORDER BY id",
                        {group.id.value});
  group.links.clear();
  for (std::size_t r = 0; r < links.size(); ++r)
    group.links.push_back({links.Int(r, 0), links.Text(r, 1), links.Text(r, 2)});
}

std::vector<Group> ListGroups(db::Transaction& tx, HubId hub, const std::string& folded_search,
                              std::optional<GroupStatus> status, int limit, int offset) {
  Where w = ListWhere(hub, folded_search, status);
  db::Params params = w.params;
  params.push_back(static_cast<std::int64_t>(limit));
  params.push_back(static_cast<std::int64_t>(offset));
  auto rows = tx.Query(std::string(kGroupColumns) + w.sql + " ORDER BY g.name_folded, g.id LIMIT ? OFFSET ?", params);
  std::vector<Group> groups;
  for (std::size_t r = 0; r < rows.size(); ++r) groups.push_back(ReadGroup(rows, r));
  if (!groups.empty()) LoadComposition(tx, w.sql, w.params, groups);
  return groups;
}

std::int64_t CountGroups(db::Transaction& tx, HubId hub, const std::string& folded_search,
                         std::optional<GroupStatus> status) {
  Where w = ListWhere(hub, folded_search, status);
  auto rows = tx.Query("SELECT COUNT(*) FROM animation_groups g " + w.sql, w.params);
  return rows.Int(0, 0);
}

GroupId InsertGroup(db::Transaction& tx, const Group& g, UserId created_by) {
  db::Params p;
  p.push_back(g.hub.value);
  p.push_back(g.name);
  p.push_back(FoldForSearch(g.name));
  p.push_back(SearchText(g));
  p.push_back(g.theme);
  p.push_back(std::string(GroupStatusCode(g.status)));
  p.push_back(db::Nullable(g.lead_member));
  p.push_back(db::Nullable(g.lead_person));
  p.push_back(g.description);
  p.push_back(created_by.value);
  p.push_back(g.created_at.unix_seconds);
  p.push_back(g.updated_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO animation_groups (hub_id, name, name_folded, search_text, theme, status, lead_member_id, "
      "lead_person_id, description, created_by, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      p);
  return GroupId{rows.Int(0, 0)};
}

bool UpdateGroup(db::Transaction& tx, const Group& g, std::int64_t expected_version) {
  db::Params p;
  p.push_back(g.name);
  p.push_back(FoldForSearch(g.name));
  p.push_back(SearchText(g));
  p.push_back(g.theme);
  p.push_back(std::string(GroupStatusCode(g.status)));
  p.push_back(db::Nullable(g.lead_member));
  p.push_back(db::Nullable(g.lead_person));
  p.push_back(g.description);
  p.push_back(g.updated_at.unix_seconds);
  p.push_back(g.id.value);
  p.push_back(g.hub.value);
  p.push_back(expected_version);
  return tx.Execute(
             "UPDATE animation_groups SET name = ?, name_folded = ?, search_text = ?, theme = ?, status = ?, "
             "lead_member_id = ?, lead_person_id = ?, description = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             p) == 1;
}

void ReplaceComposition(db::Transaction& tx, const Group& g) {
  tx.Execute("DELETE FROM animation_group_members WHERE group_id = ?", {g.id.value});
  tx.Execute("DELETE FROM animation_group_people WHERE group_id = ?", {g.id.value});
  for (const auto& m : g.members) {
    db::Params p;
    p.push_back(g.id.value);
    p.push_back(m.member.value);
    tx.Execute("INSERT INTO animation_group_members (group_id, member_id) VALUES (?, ?)", p);
  }
  for (const auto& person : g.people) {
    db::Params p;
    p.push_back(g.id.value);
    p.push_back(person.person.value);
    p.push_back(person.member.value);
    tx.Execute("INSERT INTO animation_group_people (group_id, person_id, member_id) VALUES (?, ?, ?)", p);
  }
}

std::int64_t InsertDecision(db::Transaction& tx, GroupId group, const Decision& d, Timestamp now) {
  db::Params p;
  p.push_back(group.value);
  p.push_back(FormatIsoDate(d.decided_on));
  p.push_back(d.text);
  p.push_back(db::Nullable(d.event));
  p.push_back(now.unix_seconds);
  return tx
      .Query("INSERT INTO animation_group_decisions (group_id, decided_on, text, event_id, created_at) "
             "VALUES (?, ?, ?, ?, ?) RETURNING id",
             p)
      .Int(0, 0);
}

std::int64_t InsertLink(db::Transaction& tx, GroupId group, const DocumentLink& link, Timestamp now) {
  db::Params p;
  p.push_back(group.value);
  p.push_back(link.label);
  p.push_back(link.url);
  p.push_back(now.unix_seconds);
  return tx
      .Query("INSERT INTO animation_group_links (group_id, label, url, created_at) VALUES (?, ?, ?, ?) RETURNING id",
             p)
      .Int(0, 0);
}

bool DeleteLink(db::Transaction& tx, GroupId group, std::int64_t link) {
  db::Params p;
  p.push_back(link);
  p.push_back(group.value);
  return tx.Execute("DELETE FROM animation_group_links WHERE id = ? AND group_id = ?", p) == 1;
}

std::vector<PersonId> Invitees(db::Transaction& tx, HubId hub, GroupId group) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(group.value);
  p.push_back(hub.value);
  p.push_back(group.value);
  p.push_back(group.value);
  // Each person row once, so each person once, whichever way they belong to the group.
  auto rows = tx.Query(
      "SELECT p.id FROM members_people p JOIN members_members m ON m.id = p.member_id "
      "WHERE p.hub_id = ? AND p.archived_at IS NULL AND m.archived_at IS NULL "
      "AND EXISTS (SELECT 1 FROM animation_groups g WHERE g.id = ? AND g.hub_id = ?) "
      "AND (p.id IN (SELECT person_id FROM animation_group_people WHERE group_id = ?) "
      "OR p.member_id IN (SELECT member_id FROM animation_group_members WHERE group_id = ?)) ORDER BY p.id",
      p);
  std::vector<PersonId> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(PersonId{rows.Int(r, 0)});
  return out;
}

bool GroupInHub(db::Transaction& tx, HubId hub, GroupId group) {
  db::Params p;
  p.push_back(group.value);
  p.push_back(hub.value);
  return !tx.Query("SELECT 1 FROM animation_groups WHERE id = ? AND hub_id = ?", p).empty();
}

std::map<std::int64_t, PersonRow> ActivePeople(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(
      "SELECT p.id, p.member_id, p.name, m.name FROM members_people p JOIN members_members m ON m.id = p.member_id "
      "WHERE p.hub_id = ? AND p.archived_at IS NULL AND m.archived_at IS NULL",
      {hub.value});
  std::map<std::int64_t, PersonRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r)
    out[rows.Int(r, 0)] = {MemberId{rows.Int(r, 1)}, rows.Text(r, 2), rows.Text(r, 3)};
  return out;
}

// ---- the events part's table ----------------------------------------------------------------

bool EventsTableReady(db::Transaction& tx) {
  // The columns read below; checked through the catalogue so that a missing table does not
  // abort a PostgreSQL transaction.
  const char* sql = tx.dialect() == db::Dialect::kSqlite
                        ? "SELECT COUNT(*) FROM pragma_table_info('animation_events') WHERE name IN "
                          "('id', 'hub_id', 'kind', 'title', 'group_id', 'starts_at', 'ends_at', 'status', "
                          "'newcomer_member_id')"
                        : "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                          "AND table_name = 'animation_events' AND column_name IN "
                          "('id', 'hub_id', 'kind', 'title', 'group_id', 'starts_at', 'ends_at', 'status', "
                          "'newcomer_member_id')";
  return tx.Query(sql).Int(0, 0) == 9;
}

std::vector<GroupMeeting> Meetings(db::Transaction& tx, HubId hub, GroupId group) {
  std::vector<GroupMeeting> out;
  if (!EventsTableReady(tx)) return out;
  db::Params p;
  p.push_back(hub.value);
  p.push_back(group.value);
  auto rows = tx.Query(
      "SELECT id, kind, title, status, starts_at, ends_at FROM animation_events WHERE hub_id = ? AND group_id = ? "
      "ORDER BY starts_at DESC, id DESC",
      p);
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({EventId{rows.Int(r, 0)}, rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3),
                   Timestamp{rows.Int(r, 4)}, Timestamp{rows.Int(r, 5)}});
  return out;
}

bool EventInHub(db::Transaction& tx, HubId hub, EventId event) {
  if (!EventsTableReady(tx)) return false;
  db::Params p;
  p.push_back(event.value);
  p.push_back(hub.value);
  return !tx.Query("SELECT 1 FROM animation_events WHERE id = ? AND hub_id = ?", p).empty();
}

std::vector<UpcomingEvent> UpcomingEvents(db::Transaction& tx, HubId hub, Timestamp from, int limit) {
  std::vector<UpcomingEvent> out;
  if (!EventsTableReady(tx)) return out;
  db::Params p;
  p.push_back(hub.value);
  p.push_back(from.unix_seconds);
  p.push_back(static_cast<std::int64_t>(limit));
  auto rows = tx.Query(
      "SELECT id, kind, title, starts_at FROM animation_events WHERE hub_id = ? AND status = 'planned' "
      "AND starts_at >= ? ORDER BY starts_at, id LIMIT ?",
      p);
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({EventId{rows.Int(r, 0)}, rows.Text(r, 1), rows.Text(r, 2), Timestamp{rows.Int(r, 3)}});
  return out;
}

std::vector<std::int64_t> MembersWithBreakfast(db::Transaction& tx, HubId hub) {
  std::vector<std::int64_t> out;
  if (!EventsTableReady(tx)) return out;
  auto rows = tx.Query(
      "SELECT DISTINCT newcomer_member_id FROM animation_events WHERE hub_id = ? AND kind = 'newcomer_breakfast' "
      "AND status IN ('planned', 'held') AND newcomer_member_id IS NOT NULL",
      {hub.value});
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(rows.Int(r, 0));
  return out;
}

// ---- the welcome ----------------------------------------------------------------------------

std::map<std::int64_t, WelcomeRow> WelcomeRows(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(
      "SELECT member_id, charter_ticked, introduced_on, buddy_member_id, closed_at, version FROM animation_welcome "
      "WHERE hub_id = ?",
      {hub.value});
  std::map<std::int64_t, WelcomeRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    WelcomeRow w;
    w.member = MemberId{rows.Int(r, 0)};
    w.charter_ticked = rows.Int(r, 1) != 0;
    w.introduced_on = rows.OptDate(r, 2);
    if (auto b = rows.OptInt(r, 3)) w.buddy = MemberId{*b};
    w.closed = rows.OptInt(r, 4).has_value();
    w.version = rows.Int(r, 5);
    out[w.member.value] = w;
  }
  return out;
}

bool SaveWelcome(db::Transaction& tx, HubId hub, const WelcomeRow& row, std::int64_t expected_version, Timestamp now,
                 bool close) {
  db::Params p;
  p.push_back(static_cast<std::int64_t>(row.charter_ticked ? 1 : 0));
  p.push_back(db::Nullable(row.introduced_on));
  p.push_back(db::Nullable(row.buddy));
  p.push_back(close ? db::Value(now.unix_seconds) : db::Value(db::Null{}));
  p.push_back(now.unix_seconds);
  if (expected_version == 0) {
    p.push_back(hub.value);
    p.push_back(row.member.value);
    p.push_back(now.unix_seconds);
    return tx.Execute(
               "INSERT INTO animation_welcome (charter_ticked, introduced_on, buddy_member_id, closed_at, updated_at, "
               "hub_id, member_id, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
               "ON CONFLICT (member_id) DO NOTHING",
               p) == 1;
  }
  p.push_back(row.member.value);
  p.push_back(hub.value);
  p.push_back(expected_version);
  // A closed checklist keeps the date it was closed on when edited later.
  return tx.Execute(std::string("UPDATE animation_welcome SET charter_ticked = ?, introduced_on = ?, buddy_member_id = ?, "
                                "closed_at = ") +
                        (close ? "COALESCE(closed_at, ?)" : "?") +
                        ", updated_at = ?, version = version + 1 WHERE member_id = ? AND hub_id = ? AND version = ?",
                    p) == 1;
}

bool InsertAnnouncement(db::Transaction& tx, HubId hub, MemberId member, Timestamp now) {
  db::Params p;
  p.push_back(member.value);
  p.push_back(hub.value);
  p.push_back(now.unix_seconds);
  return tx.Execute(
             "INSERT INTO animation_welcome_announcements (member_id, hub_id, announced_at) VALUES (?, ?, ?) "
             "ON CONFLICT (member_id) DO NOTHING",
             p) == 1;
}

}  // namespace coopole::animation::groups_store
