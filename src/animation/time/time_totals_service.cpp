// Use cases of totals: a year (or one month) broken down by person, organisation, group,
// kind or month, valued, with the compensated part, the pending time and the FTE share.
//
// Speed contract: one GROUP BY per table over the hub's (hub_id, on_date) range (a covering
// index, see time_migrations.cpp) gives the breakdown and the hub total; a member-role user's
// breakdown other than person/organisation is one more, filtered. Names and rates are joined
// in memory. No per-row round trips.
#include <algorithm>
#include <tuple>

#include "store/time_store.h"
#include "time_internal.h"
#include "time_rules.h"

namespace coopole::animation {

using namespace time_internal;

namespace {

// What values a person's time: the rate of each person, resolved once.
class Valuer {
 public:
  Valuer(TimeSettings settings, std::map<std::int64_t, Money> member_costs,
         std::map<std::int64_t, time_store::PersonRateRow> person_rates)
      : settings_(std::move(settings)), member_costs_(std::move(member_costs)), person_rates_(std::move(person_rates)) {}

  std::optional<Money> RateOf(std::int64_t person, std::int64_t member) const {
    time_rules::RateInputs in;
    in.hub_default_rate = settings_.default_hourly;
    in.hub_volunteer_rate = settings_.volunteer_hourly;
    if (auto it = person_rates_.find(person); it != person_rates_.end()) {
      in.volunteer = it->second.volunteer;
      in.person_rate = it->second.hourly;
    }
    if (auto it = member_costs_.find(member); it != member_costs_.end()) in.member_cost = it->second;
    return time_rules::ResolveRate(in);
  }
  const TimeSettings& settings() const { return settings_; }

 private:
  TimeSettings settings_;
  std::map<std::int64_t, Money> member_costs_;
  std::map<std::int64_t, time_store::PersonRateRow> person_rates_;
};

// Lines keyed by `key_of(aggregate)`. Time is valued per person and organisation over the
// whole period (round-half-up once), then that value is split over the lines the time falls
// in (time_rules::SplitValue), so the lines of every breakdown add up exactly to the total.
template <typename KeyOf>
std::map<std::string, TotalsLine> Lines(const std::vector<time_store::Aggregate>& rows, const Valuer& valuer,
                                        KeyOf key_of) {
  // (person, member) -> line key -> (minutes, compensated minutes).
  std::map<std::pair<std::int64_t, std::int64_t>, std::map<std::string, std::pair<std::int64_t, std::int64_t>>>
      units;
  for (const auto& a : rows) {
    auto& cell = units[{a.person, a.member}][key_of(a)];
    cell.first += a.minutes;
    if (a.compensated) cell.second += a.minutes;
  }
  std::map<std::string, TotalsLine> lines;
  for (const auto& [unit, cells] : units) {
    std::vector<std::int64_t> minutes, compensated;
    for (const auto& [key, cell] : cells) {
      auto& line = lines[key];
      line.key = key;
      line.minutes += cell.first;
      line.compensated_minutes += cell.second;
      minutes.push_back(cell.first);
      compensated.push_back(cell.second);
    }
    const auto rate = valuer.RateOf(unit.first, unit.second);
    if (!rate) {
      for (const auto& [key, cell] : cells) lines[key].unvalued_minutes += cell.first;
      continue;
    }
    const auto values = time_rules::SplitValue(minutes, *rate);
    const auto compensated_values = time_rules::SplitValue(compensated, *rate);
    std::size_t i = 0;
    for (const auto& [key, cell] : cells) {
      auto& line = lines[key];
      line.value = line.value + values[i];
      line.compensated_value = line.compensated_value + compensated_values[i];
      ++i;
    }
  }
  return lines;
}

TotalsLine Sum(const std::map<std::string, TotalsLine>& lines) {
  TotalsLine total;
  for (const auto& [key, l] : lines) {
    total.minutes += l.minutes;
    total.value = total.value + l.value;
    total.compensated_minutes += l.compensated_minutes;
    total.compensated_value = total.compensated_value + l.compensated_value;
    total.unvalued_minutes += l.unvalued_minutes;
  }
  return total;
}

int KindOrder(const std::string& kind) {
  int i = 0;
  for (const char* k : kEventKinds) {
    if (kind == k) return i;
    ++i;
  }
  for (const char* k : kEntryKinds) {
    if (kind == k) return i;
    ++i;
  }
  return i;
}

Result<time_store::Range> RangeOf(int year, std::optional<int> month) {
  if (year < 2000 || year > 2100) return FieldError("year", "animation.time.error.year");
  if (!month) return time_store::Range{std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"};
  if (*month < 1 || *month > 12) return FieldError("month", "animation.time.error.month");
  return time_store::Range{FormatIsoDate(Date{year, *month, 1}),
                           FormatIsoDate(Date{year, *month, DaysInMonth(year, *month)})};
}

}  // namespace

Result<TimeTotals> TimeService::Totals(const Actor& actor, const HubContext& hub, const TotalsQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto range = RangeOf(query.year, query.month);
  if (!range) return range.error();
  using time_store::Dimension;
  Dimension dimension = Dimension::kNone;
  if (query.by == "kind") dimension = Dimension::kKind;
  else if (query.by == "group") dimension = Dimension::kGroup;
  else if (query.by == "month") dimension = Dimension::kMonth;
  else if (query.by != "person" && query.by != "member") return FieldError("by", "validation.choice");

  auto tx = pool_.Begin(db::TxMode::kRead);
  const Valuer valuer(time_store::FindSettings(tx, hub.hub.id), time_store::MemberRates(tx, hub.hub.id),
                      time_store::PersonRates(tx, hub.hub.id));
  const auto own = OwnMember(actor, hub);
  TimeTotals out;
  out.query = query;
  out.own_only = own.has_value();

  // The hub's rows (a coordinator's breakdown comes from the same rows: one GROUP BY per
  // table); a member-role user's breakdown is a second, filtered query.
  const auto hub_rows = time_store::AggregateTime(tx, hub.hub.id, *range, own ? Dimension::kNone : dimension,
                                                  std::nullopt);
  const auto person_key = [](const time_store::Aggregate& a) { return std::to_string(a.person); };
  out.hub_total = Sum(Lines(hub_rows, valuer, person_key));
  // A month's time is set against a month of FTE (a twelfth of 1,607 h), a year's against a year.
  const int months = query.month ? 1 : 12;
  out.fte.fte_spent_hundredths = time_rules::FteSpentHundredths(out.hub_total.minutes, months);
  const auto& carrier = valuer.settings().carrier;
  for (const auto& a : hub_rows)
    if (carrier && a.member == carrier->value) out.fte.carrier_minutes += a.minutes;
  if (carrier) out.fte.share_bp = time_rules::FteShareBp(out.fte.carrier_minutes, valuer.settings().staff_fte_hundredths, months);

  std::vector<time_store::Aggregate> own_rows;
  if (own && dimension == Dimension::kNone) {
    for (const auto& a : hub_rows)
      if (a.member == own->value) own_rows.push_back(a);
  } else if (own) {
    own_rows = time_store::AggregateTime(tx, hub.hub.id, *range, dimension, own);
  }
  const auto& scoped = own ? own_rows : hub_rows;
  std::map<std::string, TotalsLine> lines;
  if (query.by == "member")
    lines = Lines(scoped, valuer, [](const time_store::Aggregate& a) { return std::to_string(a.member); });
  else if (query.by == "person")
    lines = Lines(scoped, valuer, person_key);
  else
    lines = Lines(scoped, valuer, [](const time_store::Aggregate& a) { return a.key; });
  // A member's scope total is person-rounded like the hub total.
  out.scope_total = own ? Sum(Lines(scoped, valuer, person_key)) : out.hub_total;
  auto [pending_count, pending_minutes] = time_store::PendingTime(tx, hub.hub.id, *range, own);
  out.pending_count = pending_count;
  out.pending_minutes = pending_minutes;

  // Labels.
  std::map<std::int64_t, DirectoryPerson> people;
  std::map<std::int64_t, std::string> members, groups;
  if (query.by == "person") people = PeopleById(directory_, tx, hub.hub.id);
  if (query.by == "member") members = MemberNames(directory_, tx, hub.hub.id);
  if (query.by == "group") groups = time_store::GroupNames(tx, hub.hub.id);
  for (auto& [key, line] : lines) {
    if (query.by == "person") {
      auto it = people.find(std::stoll(key));
      line.label = it != people.end() ? it->second.name + " (" + it->second.member_name + ")" : "#" + key;
    } else if (query.by == "member") {
      auto it = members.find(std::stoll(key));
      line.label = it != members.end() ? it->second : "#" + key;
    } else if (query.by == "group") {
      if (!key.empty()) {
        auto it = groups.find(std::stoll(key));
        line.label = it != groups.end() ? it->second : "#" + key;
      }
    } else if (query.by == "month") {
      line.key = (key.size() == 1 ? "0" : "") + key;
      line.label = line.key;
    } else {
      line.label = key;
    }
  }
  // Order: kinds as listed, months in order, names accent-insensitively ("no group" last).
  std::vector<std::pair<std::string, const TotalsLine*>> order;
  order.reserve(lines.size());
  for (const auto& [key, line] : lines) {
    std::string sort_key;
    if (query.by == "kind") sort_key = std::string(1, static_cast<char>('A' + KindOrder(line.key)));
    else if (query.by == "month") sort_key = line.key;
    else sort_key = (line.key.empty() ? "1" : "0") + FoldForSearch(line.label);
    order.emplace_back(std::move(sort_key), &line);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out.lines.reserve(order.size());
  for (const auto& [sort_key, line] : order) out.lines.push_back(*line);
  return out;
}

Result<MonthlyByKind> TimeService::Monthly(const Actor& actor, const HubContext& hub, int year) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto range = RangeOf(year, std::nullopt);
  if (!range) return range.error();
  auto tx = pool_.Begin(db::TxMode::kRead);
  MonthlyByKind out;
  out.year = year;
  for (const auto& [month, kind, minutes] : time_store::MonthlyByKind(tx, hub.hub.id, *range, OwnMember(actor, hub))) {
    if (month < 1 || month > 12) continue;
    out.minutes[kind][static_cast<std::size_t>(month - 1)] += minutes;  // value-initialized to 0
  }
  return out;
}

}  // namespace coopole::animation
