// Use cases of staff placements (mise à disposition de personnel, at cost): the employer
// places a person with a host member; each month the employer declares the hours worked,
// the host validates them, and the charge (hours x hourly cost) then counts in the month.
#include <map>

#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/pooling/pooling.h"
#include "ledger_rules.h"
#include "service_internal.h"
#include "store/ledger_store.h"

namespace coopole::pooling {
namespace {

using internal::ActsFor;
using internal::May;
using internal::MayWrite;
using internal::MergeFields;
using internal::TrimmedOf;
using internal::Permission;
using Fields = std::map<std::string, std::string>;

constexpr std::size_t kMaxPersonBytes = 200;
// The legal weekly maximum in France: 48 hours.
constexpr std::int64_t kMaxWeeklyHoursHundredths = 48 * 100;
// An hourly cost above 10,000 euros is a typing error.
constexpr std::int64_t kMaxHourlyCostCents = 10'000 * 100;

nlohmann::json DateJson(const std::optional<Date>& date) {
  return date ? nlohmann::json(FormatIsoDate(*date)) : nlohmann::json(nullptr);
}

std::string PlacementJson(const Placement& p) {
  return internal::AuditJson({{"id", p.id.value},
               {"employer_member_id", p.employer.value},
               {"host_member_id", p.host.value},
               {"person", p.person},
               {"starts_on", FormatIsoDate(p.starts_on)},
               {"ends_on", DateJson(p.ends_on)},
               {"weekly_hours_hundredths", p.weekly_hours_hundredths},
               {"hourly_cost_cents", p.hourly_cost.cents},
               {"version", p.version}});
}

std::string MonthJson(const PlacementMonth& m) {
  return internal::AuditJson({{"placement_id", m.placement.value},
               {"month", FormatMonth(m.month)},
               {"hours_hundredths", m.hours_hundredths},
               {"charge_cents", m.charge.cents},
               {"validated", m.validated_at.has_value()}});
}

// Whether some day of `month` falls within the placement.
bool Overlaps(const Placement& p, Month month) {
  return month.Last() >= p.starts_on && (!p.ends_on || month.First() <= *p.ends_on);
}

}  // namespace

Result<std::vector<Placement>> PoolingService::ListPlacements(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<Placement> placements;
  for (auto& placement : store::ListPlacements(tx, hub.hub.id))
    if (internal::MayRead(actor, hub, {placement.employer, placement.host})) placements.push_back(std::move(placement));
  return placements;
}

Result<Placement> PoolingService::GetPlacement(const Actor& actor, const HubContext& hub, PlacementId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto placement = store::FindPlacement(tx, hub.hub.id, id);
  if (!placement || !internal::MayRead(actor, hub, {placement->employer, placement->host}))
    return Error::NotFound("placement");
  return *placement;
}

Result<Placement> PoolingService::CreatePlacement(const Actor& actor, const HubContext& hub,
                                                  const PlacementInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  Fields fields;
  auto acting = internal::ActingMember(actor, hub, input.employer_member_id, "employer_member_id", fields);
  if (!acting) return acting.error();
  const std::optional<MemberId> employer = *acting;

  std::optional<MemberId> host;
  auto parsed_host = internal::ParseMemberField(input.host_member_id, "host_member_id");
  if (!parsed_host.ok()) {
    MergeFields(parsed_host.error(), fields);
  } else if (!*parsed_host) {
    fields["host_member_id"] = "validation.required";
  } else {
    host = *parsed_host;
  }

  Placement placement;
  placement.hub = hub.hub.id;
  std::string_view person = TrimmedOf(input.person);
  if (person.empty()) {
    fields["person"] = "validation.required";
  } else if (!IsValidUtf8(person)) {
    fields["person"] = "validation.encoding";
  } else if (person.size() > kMaxPersonBytes) {
    fields["person"] = "validation.too_long";
  }
  placement.person = std::string(person);

  std::string_view starts = TrimmedOf(input.starts_on);
  if (starts.empty()) {
    fields["starts_on"] = "validation.required";
  } else if (auto date = ParseDate(starts)) {
    placement.starts_on = *date;
  } else {
    fields["starts_on"] = "validation.date";
  }
  std::string_view ends = TrimmedOf(input.ends_on);
  if (!ends.empty()) {
    if (auto date = ParseDate(ends)) {
      placement.ends_on = *date;
      if (!fields.contains("starts_on") && *date < placement.starts_on) fields["ends_on"] = "validation.date_order";
    } else {
      fields["ends_on"] = "validation.date";
    }
  }

  std::string_view weekly = TrimmedOf(input.weekly_hours);
  if (weekly.empty()) {
    fields["weekly_hours"] = "validation.required";
  } else {
    auto hours = ParseFixed(weekly, 2);
    if (!hours || *hours <= 0 || *hours > kMaxWeeklyHoursHundredths) {
      fields["weekly_hours"] = "validation.weekly_hours";
    } else {
      placement.weekly_hours_hundredths = *hours;
    }
  }
  std::string_view cost = TrimmedOf(input.hourly_cost);
  if (cost.empty()) {
    fields["hourly_cost"] = "validation.required";
  } else {
    auto money = ParseMoney(cost);
    if (!money || money->cents <= 0 || money->cents > kMaxHourlyCostCents) {
      fields["hourly_cost"] = "validation.amount";
    } else {
      placement.hourly_cost = *money;
    }
  }

  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (employer) {
    auto name = member_names_(tx, hub.hub.id, *employer);
    if (!name) fields["employer_member_id"] = "validation.member";
    placement.employer_name = name.value_or("");
  }
  if (host) {
    auto name = member_names_(tx, hub.hub.id, *host);
    if (!name) fields["host_member_id"] = "validation.member";
    placement.host_name = name.value_or("");
  }
  if (employer && host && *employer == *host) fields["host_member_id"] = "validation.same_member";
  if (!fields.empty()) return Error::Invalid(std::move(fields));

  placement.employer = *employer;
  placement.host = *host;
  placement.created_at = clock_.Now();
  placement.id = store::InsertPlacement(tx, placement);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "placement", placement.id.value, "", PlacementJson(placement)});
  tx.Commit();
  return placement;
}

Result<std::vector<PlacementMonth>> PoolingService::ListPlacementMonths(const Actor& actor, const HubContext& hub,
                                                                        PlacementId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto placement = store::FindPlacement(tx, hub.hub.id, id);
  if (!placement || !internal::MayRead(actor, hub, {placement->employer, placement->host}))
    return Error::NotFound("placement");
  return store::ListPlacementMonths(tx, hub.hub.id, id);
}

Result<PlacementMonth> PoolingService::DeclarePlacementHours(const Actor& actor, const HubContext& hub, PlacementId id,
                                                             Month month, const std::string& hours) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto placement = store::FindPlacement(tx, hub.hub.id, id);
  if (!placement) return Error::NotFound("placement");
  if (!ActsFor(actor, hub, placement->employer)) return Error::Denied();
  Fields fields;
  if (!Overlaps(*placement, month)) fields["month"] = "validation.month_outside";
  PlacementMonth declared;
  declared.placement = id;
  declared.month = month;
  std::string_view text = Trim(hours);
  auto parsed = text.empty() ? std::nullopt : ParseFixed(text, 2);
  if (text.empty()) {
    fields["hours"] = "validation.required";
  } else if (!parsed || *parsed < 0 || *parsed > MaxMonthlyHoursHundredths(month)) {
    fields["hours"] = "validation.hours";
  } else {
    declared.hours_hundredths = *parsed;
  }
  if (!fields.empty()) return Error::Invalid(std::move(fields));

  auto before = store::FindPlacementMonth(tx, hub.hub.id, id, month);
  if (before && before->validated_at) return internal::OutOfOrder("the hours of this month are already validated");
  declared.charge = AmountForHours(declared.hours_hundredths, placement->hourly_cost);
  if (!store::DeclarePlacementMonth(tx, hub.hub.id, declared, actor.user, clock_.Now())) {
    return internal::OutOfOrder("the hours of this month are already validated");
  }
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "declare_hours", "placement", id.value, before ? MonthJson(*before) : "",
                         MonthJson(declared)});
  tx.Commit();
  return declared;
}

Result<PlacementMonth> PoolingService::ValidatePlacementHours(const Actor& actor, const HubContext& hub,
                                                              PlacementId id, Month month) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto placement = store::FindPlacement(tx, hub.hub.id, id);
  if (!placement) return Error::NotFound("placement");
  if (!ActsFor(actor, hub, placement->host)) return Error::Denied();
  auto before = store::FindPlacementMonth(tx, hub.hub.id, id, month);
  if (!before) return internal::OutOfOrder("no hours are declared for this month");
  if (before->validated_at) return internal::OutOfOrder("the hours of this month are already validated");
  const Timestamp now = clock_.Now();
  if (!store::ValidatePlacementMonth(tx, hub.hub.id, id, month, actor.user, now)) {
    return internal::OutOfOrder("the hours of this month are already validated");
  }
  PlacementMonth validated = *before;
  validated.validated_at = now;
  validated.validated_by = actor.user;
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "validate_hours", "placement", id.value, MonthJson(*before), MonthJson(validated)});
  tx.Commit();
  return validated;
}

}  // namespace coopole::pooling
