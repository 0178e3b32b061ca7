// SQL of collective time: animation_time_entries, the settings and rates, the `compensated`
// column of animation_attendance (events' table, read otherwise), and the aggregates behind
// the totals. Bound parameters only; every statement is scoped to the hub. Names of people
// and organisations are joined in memory by the service (from the Directory).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/time.h"

namespace coopole::animation::time_store {

// A date range [from, to] as 'YYYY-MM-DD' texts.
struct Range {
  std::string from, to;
};

std::optional<TimeEntry> FindEntry(db::Transaction& tx, HubId hub, TimeEntryId id);
// Entries of the range, newest day first; filters are optional.
std::vector<TimeEntry> ListEntries(db::Transaction& tx, HubId hub, const Range& range,
                                   const std::optional<std::string>& status, std::optional<PersonId> person,
                                   std::optional<MemberId> member);
TimeEntryId InsertEntry(db::Transaction& tx, const TimeEntry& entry, UserId created_by);
// Writes the entry's editable columns and decision when its version is `expected_version`
// (bumping it); false when someone else changed it first.
bool UpdateEntry(db::Transaction& tx, const TimeEntry& entry, std::int64_t expected_version);
void DeleteEntry(db::Transaction& tx, HubId hub, TimeEntryId id);

// Minutes already counted on a day for a person: attendance plus entries not refused
// (except `except`, the entry being changed).
std::int64_t DayMinutes(db::Transaction& tx, HubId hub, PersonId person, const std::string& day,
                        std::optional<TimeEntryId> except);

// True when the event / group exists in the hub (events' and groups' tables).
bool EventInHub(db::Transaction& tx, HubId hub, std::int64_t event);
bool GroupInHub(db::Transaction& tx, HubId hub, std::int64_t group);
std::map<std::int64_t, std::string> GroupNames(db::Transaction& tx, HubId hub);

TimeSettings FindSettings(db::Transaction& tx, HubId hub);
// Inserts (version 0 expected) or updates the settings; false on a stale version.
bool SaveSettings(db::Transaction& tx, HubId hub, const TimeSettings& settings, std::int64_t expected_version,
                  Timestamp now);
std::map<std::int64_t, Money> MemberRates(db::Transaction& tx, HubId hub);
// Sets (or with nullopt removes) an organisation's hourly cost.
void SetMemberRate(db::Transaction& tx, HubId hub, MemberId member, std::optional<Money> cost);
struct PersonRateRow {
  bool volunteer = false;
  std::optional<Money> hourly;
};
std::map<std::int64_t, PersonRateRow> PersonRates(db::Transaction& tx, HubId hub);
void SetPersonRate(db::Transaction& tx, HubId hub, PersonId person, const PersonRateRow& rate);

// Marks a person's attendance / validated entries of the range (compensated or not);
// returns the rows changed.
std::int64_t MarkAttendance(db::Transaction& tx, HubId hub, PersonId person, const Range& range, bool compensated);
std::int64_t MarkEntries(db::Transaction& tx, HubId hub, PersonId person, const Range& range, bool compensated);
// The same for explicit ids; ids of another hub change nothing.
std::int64_t MarkAttendanceIds(db::Transaction& tx, HubId hub, const std::vector<std::int64_t>& ids, bool compensated);
std::int64_t MarkEntryIds(db::Transaction& tx, HubId hub, const std::vector<std::int64_t>& ids, bool compensated);

// Minutes grouped per person and a dimension: none (key ""), kind, group (key "" when
// none) or month (key "1".."12"), split by compensated. One GROUP BY over the hub's date
// range for attendance, one for validated entries.
enum class Dimension { kNone, kKind, kGroup, kMonth };
struct Aggregate {
  std::int64_t person = 0, member = 0;
  std::string key;
  bool compensated = false;
  std::int64_t minutes = 0;
};
std::vector<Aggregate> AggregateTime(db::Transaction& tx, HubId hub, const Range& range, Dimension dimension,
                                     std::optional<MemberId> member);
// Pending entries of the range: (count, minutes).
std::pair<std::int64_t, std::int64_t> PendingTime(db::Transaction& tx, HubId hub, const Range& range,
                                                  std::optional<MemberId> member);
// Minutes per (month 1..12, kind), attendance and validated entries.
std::vector<std::tuple<int, std::string, std::int64_t>> MonthlyByKind(db::Transaction& tx, HubId hub,
                                                                      const Range& range,
                                                                      std::optional<MemberId> member);

}  // namespace coopole::animation::time_store
