#include "store/events_store.h"

#include "coopole/core/text.h"

namespace coopole::animation::events_store {
namespace {

constexpr const char* kEventColumns =
    "SELECT e.id, e.hub_id, e.kind, e.title, e.description, e.group_id, e.newcomer_member_id, e.host_member_id, "
    "e.starts_at, e.ends_at, e.place, e.room_resource_id, e.room_booking_id, e.capacity, e.status, e.minutes, "
    "e.created_by, e.created_at, e.updated_at, e.version, "
    "(SELECT name FROM members_members m WHERE m.id = e.newcomer_member_id), "
    "(SELECT name FROM members_members m WHERE m.id = e.host_member_id), "
    "(SELECT COUNT(*) FROM animation_invitations i WHERE i.event_id = e.id AND i.reply = 'yes' "
    "AND i.waitlist_position IS NULL), "
    "(SELECT COUNT(*) FROM animation_invitations i WHERE i.event_id = e.id AND i.reply = 'no'), "
    "(SELECT COUNT(*) FROM animation_invitations i WHERE i.event_id = e.id AND i.reply = 'maybe'), "
    "(SELECT COUNT(*) FROM animation_invitations i WHERE i.event_id = e.id AND i.reply = 'pending'), "
    "(SELECT COUNT(*) FROM animation_invitations i WHERE i.event_id = e.id AND i.waitlist_position IS NOT NULL), "
    "(SELECT COUNT(*) FROM animation_attendance a WHERE a.event_id = e.id) "
    "FROM animation_events e ";

Event ReadEvent(const db::Rows& rows, std::size_t r) {
  Event e;
  e.id = EventId{rows.Int(r, 0)};
  e.hub = HubId{rows.Int(r, 1)};
  e.kind = rows.Text(r, 2);
  e.title = rows.Text(r, 3);
  e.description = rows.Text(r, 4);
  if (auto g = rows.OptInt(r, 5)) e.group = GroupId{*g};
  if (auto m = rows.OptInt(r, 6)) e.newcomer = MemberId{*m};
  if (auto m = rows.OptInt(r, 7)) e.host = MemberId{*m};
  e.starts_at = Timestamp{rows.Int(r, 8)};
  e.ends_at = Timestamp{rows.Int(r, 9)};
  e.place = rows.Text(r, 10);
  e.room_resource_id = rows.OptInt(r, 11);
  e.room_booking_id = rows.OptInt(r, 12);
  e.capacity = rows.OptInt(r, 13);
  e.status = rows.Text(r, 14);
  e.minutes = rows.Text(r, 15);
  e.created_by = UserId{rows.Int(r, 16)};
  e.created_at = Timestamp{rows.Int(r, 17)};
  e.updated_at = Timestamp{rows.Int(r, 18)};
  e.version = rows.Int(r, 19);
  e.newcomer_name = rows.OptText(r, 20).value_or("");
  e.host_name = rows.OptText(r, 21).value_or("");
  e.yes = rows.Int(r, 22);
  e.no = rows.Int(r, 23);
  e.maybe = rows.Int(r, 24);
  e.pending = rows.Int(r, 25);
  e.waitlisted = rows.Int(r, 26);
  e.attended = rows.Int(r, 27);
  return e;
}

void FillGroupNames(db::Transaction& tx, std::vector<Event>& events) {
  for (auto& e : events)
    if (e.group) e.group_name = GroupName(tx, e.hub, *e.group).value_or("");
}

constexpr const char* kInvitationColumns =
    "SELECT i.id, i.event_id, i.person_id, i.member_id, p.name, m.name, p.email, i.token, i.reply, "
    "i.waitlist_position, i.invited_via, i.replied_at, i.version "
    "FROM animation_invitations i JOIN members_people p ON p.id = i.person_id "
    "JOIN members_members m ON m.id = i.member_id ";

Invitation ReadInvitation(const db::Rows& rows, std::size_t r) {
  Invitation i;
  i.id = InvitationId{rows.Int(r, 0)};
  i.event = EventId{rows.Int(r, 1)};
  i.person = PersonId{rows.Int(r, 2)};
  i.member = MemberId{rows.Int(r, 3)};
  i.person_name = rows.Text(r, 4);
  i.member_name = rows.Text(r, 5);
  i.email = rows.Text(r, 6);
  i.token = rows.Text(r, 7);
  i.reply = rows.Text(r, 8);
  i.waitlist_position = rows.OptInt(r, 9);
  i.invited_via = rows.Text(r, 10);
  if (auto at = rows.OptInt(r, 11)) i.replied_at = Timestamp{*at};
  i.version = rows.Int(r, 12);
  return i;
}

void PushEventValues(db::Params& p, const Event& e) {
  p.push_back(e.kind);
  p.push_back(e.title);
  p.push_back(e.description);
  p.push_back(db::Nullable(e.group));
  p.push_back(db::Nullable(e.newcomer));
  p.push_back(db::Nullable(e.host));
  p.push_back(e.starts_at.unix_seconds);
  p.push_back(e.ends_at.unix_seconds);
  p.push_back(e.place);
  p.push_back(db::Nullable(e.room_resource_id));
  p.push_back(db::Nullable(e.room_booking_id));
  p.push_back(db::Nullable(e.capacity));
  p.push_back(e.status);
  p.push_back(e.minutes);
}

}  // namespace

std::optional<Event> FindEvent(db::Transaction& tx, HubId hub, EventId id) {
  db::Params params;
  params.push_back(id.value);
  params.push_back(hub.value);
  auto rows = tx.Query(std::string(kEventColumns) + "WHERE e.id = ? AND e.hub_id = ?", params);
  if (rows.empty()) return std::nullopt;
  std::vector<Event> events{ReadEvent(rows, 0)};
  FillGroupNames(tx, events);
  return events[0];
}

EventPage ListEvents(db::Transaction& tx, HubId hub, const EventQuery& query, Timestamp now) {
  std::string where = "WHERE e.hub_id = ?";
  db::Params params;
  params.push_back(hub.value);
  if (!query.kind.empty()) {
    where += " AND e.kind = ?";
    params.push_back(query.kind);
  }
  if (query.group) {
    where += " AND e.group_id = ?";
    params.push_back(query.group->value);
  }
  if (query.when == "upcoming") {
    where += " AND e.ends_at > ?";
    params.push_back(now.unix_seconds);
  } else if (query.when == "past") {
    where += " AND e.ends_at <= ?";
    params.push_back(now.unix_seconds);
  }
  // Accent-insensitive search, every word somewhere: the folded text is compared in C++
  // (a hub holds hundreds of events a year, not millions).
  std::vector<std::string> words;
  for (const auto& w : Split(FoldForSearch(Trim(query.text)), ' '))
    if (!w.empty()) words.push_back(w);
  auto rows = tx.Query(std::string(kEventColumns) + where +
                           (query.when == "past" ? " ORDER BY e.starts_at DESC, e.id DESC" : " ORDER BY e.starts_at, e.id"),
                       params);
  std::vector<Event> matched;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Event e = ReadEvent(rows, r);
    const std::string folded = FoldForSearch(e.title + " " + e.place + " " + e.description);
    bool all = true;
    for (const auto& w : words) all = all && folded.find(w) != std::string::npos;
    if (!all) continue;
    matched.push_back(std::move(e));
  }
  EventPage page;
  page.page = query.page;
  page.per_page = query.per_page;
  page.total = static_cast<std::int64_t>(matched.size());
  const std::size_t from = static_cast<std::size_t>(query.page - 1) * static_cast<std::size_t>(query.per_page);
  for (std::size_t i = from; i < matched.size() && i < from + static_cast<std::size_t>(query.per_page); ++i)
    page.items.push_back(std::move(matched[i]));
  FillGroupNames(tx, page.items);
  return page;
}

EventId InsertEvent(db::Transaction& tx, const Event& e) {
  db::Params p;
  p.push_back(e.hub.value);
  PushEventValues(p, e);
  p.push_back(e.created_by.value);
  p.push_back(e.created_at.unix_seconds);
  p.push_back(e.updated_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO animation_events (hub_id, kind, title, description, group_id, newcomer_member_id, host_member_id, "
      "starts_at, ends_at, place, room_resource_id, room_booking_id, capacity, status, minutes, created_by, "
      "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      p);
  return EventId{rows.Int(0, 0)};
}

bool UpdateEvent(db::Transaction& tx, const Event& e, std::int64_t version) {
  db::Params p;
  PushEventValues(p, e);
  p.push_back(e.updated_at.unix_seconds);
  p.push_back(e.id.value);
  p.push_back(e.hub.value);
  p.push_back(version);
  return tx.Execute(
             "UPDATE animation_events SET kind = ?, title = ?, description = ?, group_id = ?, newcomer_member_id = ?, "
             "host_member_id = ?, starts_at = ?, ends_at = ?, place = ?, room_resource_id = ?, room_booking_id = ?, "
             "capacity = ?, status = ?, minutes = ?, updated_at = ?, version = version + 1 "
             "WHERE id = ? AND hub_id = ? AND version = ?",
             p) == 1;
}

void FollowEvent(db::Transaction& tx, const Event& e, const std::string& on_date) {
  db::Params p;
  p.push_back(on_date);
  p.push_back(e.kind);
  p.push_back(db::Nullable(e.group));
  p.push_back(e.id.value);
  tx.Execute("UPDATE animation_attendance SET on_date = ?, kind = ?, group_id = ? WHERE event_id = ?", p);
}

bool SetRoomBooking(db::Transaction& tx, HubId hub, EventId id, std::int64_t from, std::optional<std::int64_t> to) {
  db::Params p;
  p.push_back(db::Nullable(to));
  p.push_back(id.value);
  p.push_back(hub.value);
  p.push_back(from);
  return tx.Execute("UPDATE animation_events SET room_booking_id = ? WHERE id = ? AND hub_id = ? AND room_booking_id = ?",
                    p) == 1;
}

void LockEvent(db::Transaction& tx, HubId hub, EventId id) {
  db::Params p;
  p.push_back(id.value);
  p.push_back(hub.value);
  tx.Execute("UPDATE animation_events SET version = version WHERE id = ? AND hub_id = ?", p);
}

std::optional<std::string> GroupName(db::Transaction& tx, HubId hub, GroupId group) {
  db::Params p;
  p.push_back(group.value);
  p.push_back(hub.value);
  auto rows = tx.Query("SELECT name FROM animation_groups WHERE id = ? AND hub_id = ?", p);
  if (rows.empty()) return std::nullopt;
  return rows.Text(0, 0);
}

std::vector<std::pair<GroupId, std::string>> GroupChoices(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT id, name FROM animation_groups WHERE hub_id = ? AND status <> 'closed' ORDER BY name, id",
                       {hub.value});
  std::vector<std::pair<GroupId, std::string>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(GroupId{rows.Int(r, 0)}, rows.Text(r, 1));
  return out;
}

std::optional<MemberId> GroupLead(db::Transaction& tx, GroupId group) {
  auto rows = tx.Query("SELECT lead_member_id FROM animation_groups WHERE id = ?", {group.value});
  if (rows.empty()) return std::nullopt;
  if (auto lead = rows.OptInt(0, 0)) return MemberId{*lead};
  return std::nullopt;
}

std::vector<Invitation> ListInvitations(db::Transaction& tx, EventId event) {
  auto rows = tx.Query(std::string(kInvitationColumns) +
                           "WHERE i.event_id = ? ORDER BY CASE i.reply WHEN 'yes' THEN 0 WHEN 'maybe' THEN 1 "
                           "WHEN 'pending' THEN 2 ELSE 3 END, COALESCE(i.waitlist_position, 0), p.name, i.id",
                       {event.value});
  std::vector<Invitation> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadInvitation(rows, r));
  return out;
}

std::optional<Invitation> FindInvitation(db::Transaction& tx, HubId hub, InvitationId id) {
  db::Params p;
  p.push_back(id.value);
  p.push_back(hub.value);
  auto rows = tx.Query(std::string(kInvitationColumns) + "WHERE i.id = ? AND i.hub_id = ?", p);
  if (rows.empty()) return std::nullopt;
  return ReadInvitation(rows, 0);
}

std::optional<Invitation> FindInvitationByToken(db::Transaction& tx, const std::string& token) {
  auto rows = tx.Query(std::string(kInvitationColumns) + "WHERE i.token = ?", {token});
  if (rows.empty()) return std::nullopt;
  return ReadInvitation(rows, 0);
}

std::optional<HubId> HubOfInvitation(db::Transaction& tx, const std::string& token) {
  auto rows = tx.Query("SELECT hub_id FROM animation_invitations WHERE token = ?", {token});
  if (rows.empty()) return std::nullopt;
  return HubId{rows.Int(0, 0)};
}

bool InsertInvitation(db::Transaction& tx, HubId hub, EventId event, const DirectoryPerson& person,
                      const std::string& via, const std::string& token, Timestamp now) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(event.value);
  p.push_back(person.id.value);
  p.push_back(person.member.value);
  p.push_back(token);
  p.push_back(via);
  p.push_back(now.unix_seconds);
  return tx.Execute(
             "INSERT INTO animation_invitations (hub_id, event_id, person_id, member_id, token, reply, invited_via, "
             "created_at, version) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, 1) "
             "ON CONFLICT (event_id, person_id) DO NOTHING",
             p) == 1;
}

void SaveReply(db::Transaction& tx, const Invitation& i) {
  db::Params p;
  p.push_back(i.reply);
  p.push_back(db::Nullable(i.waitlist_position));
  p.push_back(db::Nullable(i.replied_at));
  p.push_back(i.id.value);
  tx.Execute(
      "UPDATE animation_invitations SET reply = ?, waitlist_position = ?, replied_at = ?, version = version + 1 "
      "WHERE id = ?",
      p);
}

void SetWaitlistPosition(db::Transaction& tx, InvitationId id, std::optional<std::int64_t> position) {
  db::Params p;
  p.push_back(db::Nullable(position));
  p.push_back(id.value);
  tx.Execute("UPDATE animation_invitations SET waitlist_position = ?, version = version + 1 WHERE id = ?", p);
}

namespace {
constexpr const char* kAttendanceColumns =
    "SELECT a.id, a.person_id, a.member_id, p.name, m.name, a.minutes, a.invited, a.compensated "
    "FROM animation_attendance a JOIN members_people p ON p.id = a.person_id "
    "JOIN members_members m ON m.id = a.member_id ";

AttendanceRow ReadAttendance(const db::Rows& rows, std::size_t r) {
  AttendanceRow a;
  a.id = AttendanceId{rows.Int(r, 0)};
  a.person = PersonId{rows.Int(r, 1)};
  a.member = MemberId{rows.Int(r, 2)};
  a.person_name = rows.Text(r, 3);
  a.member_name = rows.Text(r, 4);
  a.minutes = rows.Int(r, 5);
  a.invited = rows.Int(r, 6) != 0;
  a.compensated = rows.Int(r, 7) != 0;
  return a;
}
}  // namespace

std::vector<AttendanceRow> ListAttendance(db::Transaction& tx, EventId event) {
  auto rows = tx.Query(std::string(kAttendanceColumns) + "WHERE a.event_id = ? ORDER BY p.name, a.id", {event.value});
  std::vector<AttendanceRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadAttendance(rows, r));
  return out;
}

std::optional<AttendanceRow> FindAttendance(db::Transaction& tx, EventId event, PersonId person) {
  db::Params p;
  p.push_back(event.value);
  p.push_back(person.value);
  auto rows = tx.Query(std::string(kAttendanceColumns) + "WHERE a.event_id = ? AND a.person_id = ?", p);
  if (rows.empty()) return std::nullopt;
  return ReadAttendance(rows, 0);
}

void UpsertAttendance(db::Transaction& tx, const Event& e, const std::string& on_date, const AttendanceRow& row,
                      UserId by, Timestamp now) {
  db::Params p;
  p.push_back(e.hub.value);
  p.push_back(e.id.value);
  p.push_back(row.person.value);
  p.push_back(row.member.value);
  p.push_back(on_date);
  p.push_back(e.kind);
  p.push_back(db::Nullable(e.group));
  p.push_back(row.minutes);
  p.push_back(std::int64_t{row.invited ? 1 : 0});
  p.push_back(by.value);
  p.push_back(now.unix_seconds);
  tx.Execute(
      "INSERT INTO animation_attendance (hub_id, event_id, person_id, member_id, on_date, kind, group_id, minutes, "
      "invited, compensated, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
      "ON CONFLICT (event_id, person_id) DO UPDATE SET minutes = excluded.minutes, "
      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
      p);
}

bool DeleteAttendance(db::Transaction& tx, EventId event, PersonId person) {
  db::Params p;
  p.push_back(event.value);
  p.push_back(person.value);
  return tx.Execute("DELETE FROM animation_attendance WHERE event_id = ? AND person_id = ?", p) == 1;
}

}  // namespace coopole::animation::events_store
