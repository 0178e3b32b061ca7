#include "store/time_store.h"

#include <tuple>

namespace coopole::animation::time_store {
namespace {

constexpr const char* kEntryColumns =
    "SELECT id, hub_id, person_id, member_id, on_date, minutes, kind, event_id, group_id, note, status, reason, "
    "decided_by, decided_at, compensated, created_at, updated_at, version FROM animation_time_entries ";

TimeEntry ReadEntry(const db::Rows& rows, std::size_t r) {
  TimeEntry e;
  e.id = TimeEntryId{rows.Int(r, 0)};
  e.hub = HubId{rows.Int(r, 1)};
  e.person = PersonId{rows.Int(r, 2)};
  e.member = MemberId{rows.Int(r, 3)};
  e.on = rows.OptDate(r, 4).value_or(Date{});
  e.minutes = rows.Int(r, 5);
  e.kind = rows.Text(r, 6);
  if (auto v = rows.OptInt(r, 7)) e.event = EventId{*v};
  if (auto v = rows.OptInt(r, 8)) e.group = GroupId{*v};
  e.note = rows.Text(r, 9);
  e.status = rows.Text(r, 10);
  e.reason = rows.Text(r, 11);
  if (auto v = rows.OptInt(r, 12)) e.decided_by = UserId{*v};
  if (auto v = rows.OptInt(r, 13)) e.decided_at = Timestamp{*v};
  e.compensated = rows.Int(r, 14) != 0;
  e.created_at = Timestamp{rows.Int(r, 15)};
  e.updated_at = Timestamp{rows.Int(r, 16)};
  e.version = rows.Int(r, 17);
  return e;
}

db::Value OptMoney(const std::optional<Money>& m) { return m ? db::Value(m->cents) : db::Value(db::Null{}); }
std::optional<Money> MoneyAt(const db::Rows& rows, std::size_t r, std::size_t c) {
  if (auto v = rows.OptInt(r, c)) return Money{*v};
  return std::nullopt;
}

// "?, ?, ?" for n ids (n >= 1), the ids appended to `params`.
std::string Placeholders(const std::vector<std::int64_t>& ids, db::Params& params) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out += i ? ", ?" : "?";
    params.push_back(ids[i]);
  }
  return out;
}

}  // namespace

std::optional<TimeEntry> FindEntry(db::Transaction& tx, HubId hub, TimeEntryId id) {
  db::Params params;
  params.push_back(id.value);
  params.push_back(hub.value);
  auto rows = tx.Query(std::string(kEntryColumns) + "WHERE id = ? AND hub_id = ?", params);
  if (rows.empty()) return std::nullopt;
  return ReadEntry(rows, 0);
}

std::vector<TimeEntry> ListEntries(db::Transaction& tx, HubId hub, const Range& range,
                                   const std::optional<std::string>& status, std::optional<PersonId> person,
                                   std::optional<MemberId> member) {
  std::string sql = std::string(kEntryColumns) + "WHERE hub_id = ? AND on_date >= ? AND on_date <= ?";
  db::Params params;
  params.push_back(hub.value);
  params.push_back(range.from);
  params.push_back(range.to);
  if (status) {
    sql += " AND status = ?";
    params.push_back(*status);
  }
  if (person) {
    sql += " AND person_id = ?";
    params.push_back(person->value);
  }
  if (member) {
    sql += " AND member_id = ?";
    params.push_back(member->value);
  }
  sql += " ORDER BY on_date DESC, id DESC";
  auto rows = tx.Query(sql, params);
  std::vector<TimeEntry> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadEntry(rows, r));
  return out;
}

TimeEntryId InsertEntry(db::Transaction& tx, const TimeEntry& e, UserId created_by) {
  db::Params p;
  p.push_back(e.hub.value);
  p.push_back(e.person.value);
  p.push_back(e.member.value);
  p.push_back(FormatIsoDate(e.on));
  p.push_back(e.minutes);
  p.push_back(e.kind);
  p.push_back(db::Nullable(e.event));
  p.push_back(db::Nullable(e.group));
  p.push_back(e.note);
  p.push_back(e.status);
  p.push_back(created_by.value);
  p.push_back(e.created_at.unix_seconds);
  p.push_back(e.updated_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO animation_time_entries (hub_id, person_id, member_id, on_date, minutes, kind, event_id, group_id, "
      "note, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
  return TimeEntryId{rows.Int(0, 0)};
}

bool UpdateEntry(db::Transaction& tx, const TimeEntry& e, std::int64_t expected_version) {
  db::Params p;
  p.push_back(e.person.value);
  p.push_back(e.member.value);
  p.push_back(FormatIsoDate(e.on));
  p.push_back(e.minutes);
  p.push_back(e.kind);
  p.push_back(db::Nullable(e.event));
  p.push_back(db::Nullable(e.group));
  p.push_back(e.note);
  p.push_back(e.status);
  p.push_back(e.reason);
  p.push_back(db::Nullable(e.decided_by));
  p.push_back(db::Nullable(e.decided_at));
  p.push_back(e.updated_at.unix_seconds);
  p.push_back(e.id.value);
  p.push_back(e.hub.value);
  p.push_back(expected_version);
  return tx.Execute(
             "UPDATE animation_time_entries SET person_id = ?, member_id = ?, on_date = ?, minutes = ?, kind = ?, "
             "event_id = ?, group_id = ?, note = ?, status = ?, reason = ?, decided_by = ?, decided_at = ?, "
             "updated_at = ?, version = version + 1 WHERE id = ? AND hub_id = ? AND version = ?",
             p) == 1;
}

void DeleteEntry(db::Transaction& tx, HubId hub, TimeEntryId id) {
  db::Params p;
  p.push_back(id.value);
  p.push_back(hub.value);
  tx.Execute("DELETE FROM animation_time_entries WHERE id = ? AND hub_id = ?", p);
}

std::int64_t DayMinutes(db::Transaction& tx, HubId hub, PersonId person, const std::string& day,
                        std::optional<TimeEntryId> except) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(person.value);
  p.push_back(day);
  p.push_back(hub.value);
  p.push_back(person.value);
  p.push_back(day);
  p.push_back(except ? except->value : std::int64_t{0});
  auto rows = tx.Query(
      "SELECT (SELECT COALESCE(SUM(minutes), 0) FROM animation_attendance WHERE hub_id = ? AND person_id = ? AND "
      "on_date = ?) + (SELECT COALESCE(SUM(minutes), 0) FROM animation_time_entries WHERE hub_id = ? AND "
      "person_id = ? AND on_date = ? AND status <> 'refused' AND id <> ?)",
      p);
  return rows.Int(0, 0);
}

bool EventInHub(db::Transaction& tx, HubId hub, std::int64_t event) {
  db::Params p;
  p.push_back(event);
  p.push_back(hub.value);
  return !tx.Query("SELECT 1 FROM animation_events WHERE id = ? AND hub_id = ?", p).empty();
}

bool GroupInHub(db::Transaction& tx, HubId hub, std::int64_t group) {
  db::Params p;
  p.push_back(group);
  p.push_back(hub.value);
  return !tx.Query("SELECT 1 FROM animation_groups WHERE id = ? AND hub_id = ?", p).empty();
}

std::map<std::int64_t, std::string> GroupNames(db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, std::string> names;
  auto rows = tx.Query("SELECT id, name FROM animation_groups WHERE hub_id = ?", {hub.value});
  for (std::size_t r = 0; r < rows.size(); ++r) names[rows.Int(r, 0)] = rows.Text(r, 1);
  return names;
}

TimeSettings FindSettings(db::Transaction& tx, HubId hub) {
  TimeSettings s;
  auto rows = tx.Query(
      "SELECT default_hourly_cents, volunteer_hourly_cents, staff_fte_hundredths, carrier_member_id, version "
      "FROM animation_time_settings WHERE hub_id = ?",
      {hub.value});
  if (rows.empty()) return s;
  s.default_hourly = MoneyAt(rows, 0, 0);
  s.volunteer_hourly = MoneyAt(rows, 0, 1);
  s.staff_fte_hundredths = rows.OptInt(0, 2);
  if (auto v = rows.OptInt(0, 3)) s.carrier = MemberId{*v};
  s.version = rows.Int(0, 4);
  return s;
}

bool SaveSettings(db::Transaction& tx, HubId hub, const TimeSettings& s, std::int64_t expected_version,
                  Timestamp now) {
  db::Params p;
  p.push_back(OptMoney(s.default_hourly));
  p.push_back(OptMoney(s.volunteer_hourly));
  p.push_back(db::Nullable(s.staff_fte_hundredths));
  p.push_back(db::Nullable(s.carrier));
  p.push_back(now.unix_seconds);
  p.push_back(hub.value);
  if (expected_version == 0) {
    // Two first saves at once: the second inserts nothing and is stale (never a key violation).
    return tx.Execute(
               "INSERT INTO animation_time_settings (default_hourly_cents, volunteer_hourly_cents, "
               "staff_fte_hundredths, carrier_member_id, updated_at, hub_id, version) VALUES (?, ?, ?, ?, ?, ?, 1) "
               "ON CONFLICT (hub_id) DO NOTHING",
               p) == 1;
  }
  p.push_back(expected_version);
  return tx.Execute(
             "UPDATE animation_time_settings SET default_hourly_cents = ?, volunteer_hourly_cents = ?, "
             "staff_fte_hundredths = ?, carrier_member_id = ?, updated_at = ?, version = version + 1 "
             "WHERE hub_id = ? AND version = ?",
             p) == 1;
}

std::map<std::int64_t, Money> MemberRates(db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, Money> out;
  auto rows = tx.Query("SELECT member_id, hourly_cost_cents FROM animation_member_rates WHERE hub_id = ?", {hub.value});
  for (std::size_t r = 0; r < rows.size(); ++r) out[rows.Int(r, 0)] = Money{rows.Int(r, 1)};
  return out;
}

void SetMemberRate(db::Transaction& tx, HubId hub, MemberId member, std::optional<Money> cost) {
  db::Params key;
  key.push_back(hub.value);
  key.push_back(member.value);
  tx.Execute("DELETE FROM animation_member_rates WHERE hub_id = ? AND member_id = ?", key);
  if (!cost) return;
  key.push_back(cost->cents);
  tx.Execute("INSERT INTO animation_member_rates (hub_id, member_id, hourly_cost_cents) VALUES (?, ?, ?)", key);
}

std::map<std::int64_t, PersonRateRow> PersonRates(db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, PersonRateRow> out;
  auto rows =
      tx.Query("SELECT person_id, volunteer, hourly_cents FROM animation_person_rates WHERE hub_id = ?", {hub.value});
  for (std::size_t r = 0; r < rows.size(); ++r) out[rows.Int(r, 0)] = {rows.Int(r, 1) != 0, MoneyAt(rows, r, 2)};
  return out;
}

void SetPersonRate(db::Transaction& tx, HubId hub, PersonId person, const PersonRateRow& rate) {
  db::Params key;
  key.push_back(hub.value);
  key.push_back(person.value);
  tx.Execute("DELETE FROM animation_person_rates WHERE hub_id = ? AND person_id = ?", key);
  if (!rate.volunteer && !rate.hourly) return;
  key.push_back(std::int64_t{rate.volunteer ? 1 : 0});
  key.push_back(OptMoney(rate.hourly));
  tx.Execute("INSERT INTO animation_person_rates (hub_id, person_id, volunteer, hourly_cents) VALUES (?, ?, ?, ?)",
             key);
}

namespace {
std::int64_t Mark(db::Transaction& tx, const char* table, const char* extra, HubId hub, PersonId person,
                  const Range& range, bool compensated) {
  db::Params p;
  p.push_back(std::int64_t{compensated ? 1 : 0});
  p.push_back(hub.value);
  p.push_back(person.value);
  p.push_back(range.from);
  p.push_back(range.to);
  p.push_back(std::int64_t{compensated ? 1 : 0});
  return tx.Execute(std::string("UPDATE ") + table +
                        " SET compensated = ? WHERE hub_id = ? AND person_id = ? AND on_date >= ? AND on_date <= ? "
                        "AND compensated <> ?" + extra,
                    p);
}
std::int64_t MarkIds(db::Transaction& tx, const char* table, const char* extra, HubId hub,
                     const std::vector<std::int64_t>& ids, bool compensated) {
  if (ids.empty()) return 0;
  db::Params p;
  p.push_back(std::int64_t{compensated ? 1 : 0});
  p.push_back(hub.value);
  p.push_back(std::int64_t{compensated ? 1 : 0});
  const std::string in = Placeholders(ids, p);
  return tx.Execute(std::string("UPDATE ") + table +
                        " SET compensated = ? WHERE hub_id = ? AND compensated <> ?" + extra + " AND id IN (" + in + ")",
                    p);
}
}  // namespace

std::int64_t MarkAttendance(db::Transaction& tx, HubId hub, PersonId person, const Range& range, bool compensated) {
  return Mark(tx, "animation_attendance", "", hub, person, range, compensated);
}
std::int64_t MarkEntries(db::Transaction& tx, HubId hub, PersonId person, const Range& range, bool compensated) {
  return Mark(tx, "animation_time_entries", " AND status = 'validated'", hub, person, range, compensated);
}
std::int64_t MarkAttendanceIds(db::Transaction& tx, HubId hub, const std::vector<std::int64_t>& ids, bool compensated) {
  return MarkIds(tx, "animation_attendance", "", hub, ids, compensated);
}
std::int64_t MarkEntryIds(db::Transaction& tx, HubId hub, const std::vector<std::int64_t>& ids, bool compensated) {
  return MarkIds(tx, "animation_time_entries", " AND status = 'validated'", hub, ids, compensated);
}

namespace {

// The SQL expression of a dimension's key (fixed texts, never input).
std::string KeyExpression(Dimension dimension) {
  switch (dimension) {
    case Dimension::kKind: return "kind";
    case Dimension::kGroup: return "group_id";
    case Dimension::kMonth: return "CAST(SUBSTR(on_date, 6, 2) AS INTEGER)";
    case Dimension::kNone: break;
  }
  return "''";
}

void AppendAggregates(db::Transaction& tx, const char* table, const char* extra, HubId hub, const Range& range,
                      Dimension dimension, std::optional<MemberId> member, std::vector<Aggregate>& out) {
  const std::string key = KeyExpression(dimension);
  std::string sql = "SELECT person_id, member_id, " + key + ", compensated, SUM(minutes) FROM " + table +
                    " WHERE hub_id = ? AND on_date >= ? AND on_date <= ?" + extra;
  db::Params p;
  p.push_back(hub.value);
  p.push_back(range.from);
  p.push_back(range.to);
  if (member) {
    sql += " AND member_id = ?";
    p.push_back(member->value);
  }
  // No key: a constant in the SELECT, nothing in the GROUP BY (PostgreSQL refuses constants there).
  sql += dimension == Dimension::kNone ? " GROUP BY person_id, member_id, compensated"
                                       : " GROUP BY person_id, member_id, " + key + ", compensated";
  auto rows = tx.Query(sql, p);
  out.reserve(out.size() + rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Aggregate a;
    a.person = rows.Int(r, 0);
    a.member = rows.Int(r, 1);
    if (dimension != Dimension::kNone) a.key = rows.Text(r, 2);
    a.compensated = rows.Int(r, 3) != 0;
    a.minutes = rows.Int(r, 4);
    out.push_back(std::move(a));
  }
}

}  // namespace

std::vector<Aggregate> AggregateTime(db::Transaction& tx, HubId hub, const Range& range, Dimension dimension,
                                     std::optional<MemberId> member) {
  std::vector<Aggregate> out;
  AppendAggregates(tx, "animation_attendance", "", hub, range, dimension, member, out);
  AppendAggregates(tx, "animation_time_entries", " AND status = 'validated'", hub, range, dimension, member, out);
  return out;
}

std::pair<std::int64_t, std::int64_t> PendingTime(db::Transaction& tx, HubId hub, const Range& range,
                                                  std::optional<MemberId> member) {
  std::string sql =
      "SELECT COUNT(*), COALESCE(SUM(minutes), 0) FROM animation_time_entries WHERE hub_id = ? AND on_date >= ? "
      "AND on_date <= ? AND status = 'pending'";
  db::Params p;
  p.push_back(hub.value);
  p.push_back(range.from);
  p.push_back(range.to);
  if (member) {
    sql += " AND member_id = ?";
    p.push_back(member->value);
  }
  auto rows = tx.Query(sql, p);
  return {rows.Int(0, 0), rows.Int(0, 1)};
}

std::vector<std::tuple<int, std::string, std::int64_t>> MonthlyByKind(db::Transaction& tx, HubId hub,
                                                                      const Range& range,
                                                                      std::optional<MemberId> member) {
  std::vector<std::tuple<int, std::string, std::int64_t>> out;
  for (const auto& [table, extra] : {std::pair<const char*, const char*>{"animation_attendance", ""},
                                     {"animation_time_entries", " AND status = 'validated'"}}) {
    std::string sql = std::string("SELECT CAST(SUBSTR(on_date, 6, 2) AS INTEGER), kind, SUM(minutes) FROM ") + table +
                      " WHERE hub_id = ? AND on_date >= ? AND on_date <= ?" + extra;
    db::Params p;
    p.push_back(hub.value);
    p.push_back(range.from);
    p.push_back(range.to);
    if (member) {
      sql += " AND member_id = ?";
      p.push_back(member->value);
    }
    sql += " GROUP BY CAST(SUBSTR(on_date, 6, 2) AS INTEGER), kind";
    auto rows = tx.Query(sql, p);
    for (std::size_t r = 0; r < rows.size(); ++r)
      out.emplace_back(static_cast<int>(rows.Int(r, 0)), rows.Text(r, 1), rows.Int(r, 2));
  }
  return out;
}

}  // namespace coopole::animation::time_store
