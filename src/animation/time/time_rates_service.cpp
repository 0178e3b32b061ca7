// Use cases of valuation and compensation: the hub's settings, organisations' hourly costs,
// people's volunteer status and rates, marking time compensated.
#include <algorithm>
#include <tuple>

#include "store/time_store.h"
#include "time_internal.h"
#include "time_rules.h"

namespace coopole::animation {

using namespace time_internal;

namespace {

std::optional<std::int64_t> PositiveId(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

nlohmann::json MoneyJson(const std::optional<Money>& m) {
  return m ? nlohmann::json(m->cents) : nlohmann::json(nullptr);
}

nlohmann::json SettingsJson(const TimeSettings& s) {
  return {{"default_hourly_cents", MoneyJson(s.default_hourly)},
          {"volunteer_hourly_cents", MoneyJson(s.volunteer_hourly)},
          {"staff_fte_hundredths", s.staff_fte_hundredths ? nlohmann::json(*s.staff_fte_hundredths) : nullptr},
          {"carrier_member_id", s.carrier ? nlohmann::json(s.carrier->value) : nullptr}};
}

}  // namespace

Result<RatesOverview> TimeService::Rates(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  RatesOverview out;
  out.settings = time_store::FindSettings(tx, hub.hub.id);
  const auto names = MemberNames(directory_, tx, hub.hub.id);
  if (out.settings.carrier && names.count(out.settings.carrier->value))
    out.settings.carrier_name = names.at(out.settings.carrier->value);
  const auto own = OwnMember(actor, hub);
  const auto member_rates = time_store::MemberRates(tx, hub.hub.id);
  for (const auto& [id, name] : names) {
    if (own && own->value != id) continue;
    MemberRate rate{MemberId{id}, name, std::nullopt};
    if (auto it = member_rates.find(id); it != member_rates.end()) rate.hourly_cost = it->second;
    out.members.push_back(std::move(rate));
  }
  const auto person_rates = time_store::PersonRates(tx, hub.hub.id);
  for (const auto& [id, p] : PeopleById(directory_, tx, hub.hub.id)) {
    if (own && *own != p.member) continue;
    PersonRate rate{p.id, p.member, p.name, p.member_name, false, std::nullopt};
    if (auto it = person_rates.find(id); it != person_rates.end()) {
      rate.volunteer = it->second.volunteer;
      rate.hourly = it->second.hourly;
    }
    out.people.push_back(std::move(rate));
  }
  std::sort(out.people.begin(), out.people.end(), [](const PersonRate& a, const PersonRate& b) {
    return std::tie(a.member_name, a.person_name) < std::tie(b.member_name, b.person_name);
  });
  return out;
}

Result<TimeSettings> TimeService::SaveSettings(const Actor& actor, const HubContext& hub,
                                               const TimeSettingsInput& input) {
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  std::map<std::string, std::string> errors;
  TimeSettings s;
  if (!time_rules::ParseRate(input.default_hourly, s.default_hourly))
    errors["default_hourly"] = "animation.time.error.rate";
  if (!time_rules::ParseRate(input.volunteer_hourly, s.volunteer_hourly))
    errors["volunteer_hourly"] = "animation.time.error.rate";
  if (!time_rules::ParseFte(input.staff_fte, s.staff_fte_hundredths)) errors["staff_fte"] = "animation.time.error.fte";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto names = MemberNames(directory_, tx, hub.hub.id);
  if (!Trim(input.carrier_member_id).empty()) {
    auto id = PositiveId(input.carrier_member_id);
    if (!id || !names.count(*id)) errors["carrier_member_id"] = "animation.time.error.member";
    else {
      s.carrier = MemberId{*id};
      s.carrier_name = names.at(*id);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const auto before = time_store::FindSettings(tx, hub.hub.id);
  if (before.version != input.version) return Stale();
  if (!time_store::SaveSettings(tx, hub.hub.id, s, input.version, clock_.Now())) return Stale();
  s.version = input.version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, before.version ? "update" : "create", "time_settings",
                                    hub.hub.id.value, before.version ? AuditJson(SettingsJson(before)) : "",
                                    AuditJson(SettingsJson(s))});
  tx.Commit();
  return s;
}

Result<MemberRate> TimeService::SetMemberRate(const Actor& actor, const HubContext& hub, MemberId member,
                                              const std::string& hourly_cost) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto names = MemberNames(directory_, tx, hub.hub.id);
  if (!names.count(member.value)) return Error::NotFound("member");
  if (!ActsFor(actor, hub, member)) return Error::Denied();
  MemberRate rate{member, names.at(member.value), std::nullopt};
  if (!time_rules::ParseRate(hourly_cost, rate.hourly_cost))
    return FieldError("hourly_cost", "animation.time.error.rate");
  const auto before = time_store::MemberRates(tx, hub.hub.id);
  time_store::SetMemberRate(tx, hub.hub.id, member, rate.hourly_cost);
  std::optional<Money> old;
  if (auto it = before.find(member.value); it != before.end()) old = it->second;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "time_member_rate", member.value,
                                    AuditJson({{"hourly_cost_cents", MoneyJson(old)}}),
                                    AuditJson({{"hourly_cost_cents", MoneyJson(rate.hourly_cost)}})});
  tx.Commit();
  return rate;
}

Result<PersonRate> TimeService::SetPersonRate(const Actor& actor, const HubContext& hub, PersonId person,
                                              bool volunteer, const std::string& hourly) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto people = PeopleById(directory_, tx, hub.hub.id);
  auto it = people.find(person.value);
  if (it == people.end()) return Error::NotFound("person");
  if (!ActsFor(actor, hub, it->second.member)) return Error::Denied();
  PersonRate rate{person, it->second.member, it->second.name, it->second.member_name, volunteer, std::nullopt};
  if (!time_rules::ParseRate(hourly, rate.hourly)) return FieldError("hourly", "animation.time.error.rate");
  if (rate.hourly && !volunteer) return FieldError("hourly", "animation.time.error.rate_volunteer_only");
  const auto before = time_store::PersonRates(tx, hub.hub.id);
  time_store::PersonRateRow old;
  if (auto found = before.find(person.value); found != before.end()) old = found->second;
  time_store::SetPersonRate(tx, hub.hub.id, person, {volunteer, rate.hourly});
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "time_person_rate", person.value,
                                    AuditJson({{"volunteer", old.volunteer}, {"hourly_cents", MoneyJson(old.hourly)}}),
                                    AuditJson({{"volunteer", volunteer}, {"hourly_cents", MoneyJson(rate.hourly)}})});
  tx.Commit();
  return rate;
}

Result<CompensateResult> TimeService::Compensate(const Actor& actor, const HubContext& hub,
                                                 const CompensateInput& input) {
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  CompensateResult result;
  const bool bulk = !Trim(input.person_id).empty() || !Trim(input.month).empty();
  if (bulk) {
    std::map<std::string, std::string> errors;
    auto person = PositiveId(input.person_id);
    const auto people = PeopleById(directory_, tx, hub.hub.id);
    if (!person || !people.count(*person)) errors["person_id"] = "animation.time.error.person";
    auto first = ParseDate(std::string(Trim(input.month)) + "-01");
    if (Trim(input.month).size() != 7 || !first) errors["month"] = "animation.time.error.month";
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    Date last = *first;
    last.day = DaysInMonth(first->year, first->month);
    time_store::Range range{FormatIsoDate(*first), FormatIsoDate(last)};
    result.attendance = time_store::MarkAttendance(tx, hub.hub.id, PersonId{*person}, range, input.compensated);
    result.entries = time_store::MarkEntries(tx, hub.hub.id, PersonId{*person}, range, input.compensated);
  } else {
    if (input.attendance_ids.empty() && input.entry_ids.empty())
      return FieldError("person_id", "validation.required");
    // Bounded: one bound parameter per id, and the databases cap parameters per statement.
    if (input.attendance_ids.size() > kMaxCompensateIds) return FieldError("attendance_ids", "validation.too_many");
    if (input.entry_ids.size() > kMaxCompensateIds) return FieldError("entry_ids", "validation.too_many");
    result.attendance = time_store::MarkAttendanceIds(tx, hub.hub.id, input.attendance_ids, input.compensated);
    result.entries = time_store::MarkEntryIds(tx, hub.hub.id, input.entry_ids, input.compensated);
  }
  nlohmann::json after = {{"person_id", std::string(Trim(input.person_id))},
                          {"month", std::string(Trim(input.month))},
                          {"attendance_ids", input.attendance_ids},
                          {"entry_ids", input.entry_ids},
                          {"compensated", input.compensated},
                          {"attendance_changed", result.attendance},
                          {"entries_changed", result.entries}};
  identity_.RecordAudit(tx, actor, {hub.hub.id, input.compensated ? "compensate" : "uncompensate", "time",
                                    hub.hub.id.value, "", AuditJson(after)});
  tx.Commit();
  return result;
}

}  // namespace coopole::animation
