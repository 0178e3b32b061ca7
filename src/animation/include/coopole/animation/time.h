// Animation, collective time: attendance durations (recorded by the events part) and other
// time logged (preparation, travel, other; validated by the coordinator), valued at hourly
// rates, compensated, totalled per person, organisation, group, kind, month and year; the
// share of the hub's FTE spent on animation.
//
// Contracts common to every use case below:
// - Roles: coordinators (kManageAnimation) do everything in the hub; users of the member role
//   log time and declare rates (the organisation's hourly cost, its people's volunteer status
//   and rate) for their own organisation only, and read their own
//   organisation's figures plus the hub totals; observers read everything. Otherwise
//   kPermissionDenied. Anything of another hub is kNotFound.
// - Expected failures are kInvalidArgument naming the field with a catalogue key
//   (animation.time.error.*); a failed use case writes nothing (one transaction each); every
//   change is audited in the same transaction.
// - Durations are integer minutes; amounts integer cents; dates 'YYYY-MM-DD' in the hub's zone.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/core/money.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

// Kinds of time logged by hand (attendance carries the event's kind instead).
inline constexpr const char* kEntryKinds[] = {"preparation", "travel", "other"};
// Event kinds of attendance records (fixed by the events part).
inline constexpr const char* kEventKinds[] = {"meeting",        "group_session", "newcomer_breakfast",
                                              "festival",       "learning_visit", "training",
                                              "general_assembly"};

// Time logged by hand. status: pending -> validated | refused (by a coordinator, a reason
// required to refuse). Only validated entries count in totals; pending ones are shown apart.
struct TimeEntry {
  TimeEntryId id;
  HubId hub;
  PersonId person;
  MemberId member;
  std::string person_name, member_name;
  Date on;
  std::int64_t minutes = 0;
  std::string kind;  // preparation | travel | other
  std::optional<EventId> event;
  std::optional<GroupId> group;
  std::string note;
  std::string status = "pending";  // pending | validated | refused
  std::string reason;
  std::optional<UserId> decided_by;
  std::optional<Timestamp> decided_at;
  bool compensated = false;
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
};

// Input as typed. duration: hours "1,5" / "1.5", "1:30", "1h30", or minutes "90 min";
// `minutes` (JSON) wins over `duration` when set. Errors on fields person_id, on_date,
// minutes, kind, event_id, group_id, note.
struct TimeEntryInput {
  std::string person_id, on_date, duration, kind, event_id, group_id, note;
  std::optional<std::int64_t> minutes;
};

struct TimeEntryQuery {
  std::optional<int> year;
  std::optional<std::string> status;
  std::optional<PersonId> person;
};

// Hub-wide valuation settings. Rates in cents per hour; FTE in hundredths (2.5 FTE = 250).
struct TimeSettings {
  std::optional<Money> default_hourly;     // none: records without a more specific rate are not valued
  std::optional<Money> volunteer_hourly;   // volunteers without their own rate
  std::optional<std::int64_t> staff_fte_hundredths;  // the carrying organisation's staff
  std::optional<MemberId> carrier;         // the organisation that carries the hub
  std::string carrier_name;
  std::int64_t version = 0;                // 0: never saved
};
struct TimeSettingsInput {
  std::string default_hourly, volunteer_hourly, staff_fte, carrier_member_id;  // euros, FTE "2,5"
  std::int64_t version = 0;
};
struct MemberRate {
  MemberId member;
  std::string member_name;
  std::optional<Money> hourly_cost;  // the organisation's declared hourly cost
};
struct PersonRate {
  PersonId person;
  MemberId member;
  std::string person_name, member_name;
  bool volunteer = false;
  std::optional<Money> hourly;  // a volunteer's own rate
};
struct RatesOverview {
  TimeSettings settings;
  std::vector<MemberRate> members;  // every active member (own only for a member-role user)
  std::vector<PersonRate> people;   // every person of them
};

// What to total: a year, optionally one month, broken down `by` one of person, member,
// group, kind, month.
struct TotalsQuery {
  int year = 0;
  std::optional<int> month;
  std::string by = "person";
};

// A line of a breakdown (or the total). Each person's time of the period (per organisation)
// is valued once, round-half-up(minutes x rate / 60), and that value is split over the lines
// by largest remainder, so the lines of every breakdown add up exactly to the total (and the
// compensated values likewise). unvalued_minutes: time of people without a rate.
struct TotalsLine {
  std::string key;    // person/member/group id, kind code, month "01".."12"; "" for none
  std::string label;  // names (groups: "" for time outside any group; kinds/months: the code)
  std::int64_t minutes = 0;
  Money value;
  std::int64_t compensated_minutes = 0;
  Money compensated_value;
  std::int64_t unvalued_minutes = 0;
};

// The FTE spent on animation: hours / 1,607 (French legal annual hours), and when the
// settings name a carrier and its staff FTE, the share of its FTE spent by its people
// (basis points). National survey: 10 % on average, 0 to 38 %. With a month filter, the
// month's hours are set against a month of FTE (1,607 h / 12) so the share stays comparable.
struct FteShare {
  std::int64_t fte_spent_hundredths = 0;
  std::int64_t carrier_minutes = 0;
  std::optional<std::int64_t> share_bp;  // none when the settings are not filled
};

struct TimeTotals {
  TotalsQuery query;
  bool own_only = false;                  // a member-role user: lines of its own organisation only
  std::vector<TotalsLine> lines;          // the breakdown asked, by label
  TotalsLine hub_total;                   // the whole hub (validated time and attendance)
  TotalsLine scope_total;                 // sum of what `lines` cover (== hub_total unless own_only)
  std::int64_t pending_minutes = 0;       // entries waiting for validation, in scope
  std::int64_t pending_count = 0;
  FteShare fte;
};

// Monthly minutes per kind for the chart: kind -> 12 months, in scope (own organisation for
// a member-role user).
struct MonthlyByKind {
  int year = 0;
  std::map<std::string, std::array<std::int64_t, 12>> minutes;
};

// Marks records compensated (or not). Either a person and a month ('YYYY-MM': all their
// attendance and validated entries of that month), or explicit ids.
// At most kMaxCompensateIds ids per list (422 naming the list otherwise).
inline constexpr std::size_t kMaxCompensateIds = 1000;
struct CompensateInput {
  std::string person_id, month;
  std::vector<std::int64_t> attendance_ids, entry_ids;
  bool compensated = true;
};
struct CompensateResult {
  std::int64_t attendance = 0, entries = 0;  // rows changed
};

class TimeService {
 public:
  TimeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();

  // Entries. List: coordinators/observers all, member-role users their own people's.
  Result<std::vector<TimeEntry>> ListEntries(const Actor& actor, const HubContext& hub, const TimeEntryQuery& query);
  Result<TimeEntry> GetEntry(const Actor& actor, const HubContext& hub, TimeEntryId id);
  // Logs time (pending). 422: minutes <= 0 or unparsable, on_date in the future or invalid,
  // person not in the hub, a day passing 24 h for the person (attendance + non-refused
  // entries, message naming the day's total), unknown kind. Posts "time_to_validate".
  Result<TimeEntry> CreateEntry(const Actor& actor, const HubContext& hub, const TimeEntryInput& input);
  // Changes a pending entry (coordinators: any entry). 409 on a stale version.
  Result<TimeEntry> UpdateEntry(const Actor& actor, const HubContext& hub, TimeEntryId id, std::int64_t version,
                                const TimeEntryInput& input);
  // Deletes a pending entry (coordinators: any entry).
  Result<bool> DeleteEntry(const Actor& actor, const HubContext& hub, TimeEntryId id);
  // Coordinators only: pending -> validated, or refused with a reason (422 "reason").
  // Posts "time_validated" / "time_refused" to the person's organisation users.
  Result<TimeEntry> Decide(const Actor& actor, const HubContext& hub, TimeEntryId id, bool validate,
                           const std::string& reason);

  // Valuation settings and rates. Settings: coordinators; an organisation's hourly cost and
  // its people's rates: coordinators or the organisation's own users. Rates 0..100,000 €/h.
  Result<RatesOverview> Rates(const Actor& actor, const HubContext& hub);
  Result<TimeSettings> SaveSettings(const Actor& actor, const HubContext& hub, const TimeSettingsInput& input);
  Result<MemberRate> SetMemberRate(const Actor& actor, const HubContext& hub, MemberId member,
                                   const std::string& hourly_cost);
  Result<PersonRate> SetPersonRate(const Actor& actor, const HubContext& hub, PersonId person, bool volunteer,
                                   const std::string& hourly);

  // Coordinators only.
  Result<CompensateResult> Compensate(const Actor& actor, const HubContext& hub, const CompensateInput& input);

  // Totals (see TimeTotals). 422 on year outside 2000..2100, month outside 1..12, unknown `by`.
  Result<TimeTotals> Totals(const Actor& actor, const HubContext& hub, const TotalsQuery& query);
  Result<MonthlyByKind> Monthly(const Actor& actor, const HubContext& hub, int year);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
