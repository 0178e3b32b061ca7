#include "ledger_json.h"

#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
#include "ledger_common.h"

namespace coopole::pooling::web {
namespace {

using nlohmann::json;

json OrNull(const std::optional<Date>& date) { return date ? json(FormatIsoDate(*date)) : json(nullptr); }
json OrNull(const std::optional<Timestamp>& t) { return t ? json(FormatIsoUtc(*t)) : json(nullptr); }

json MemberRef(MemberId id, const std::string& name) { return {{"member_id", id.value}, {"name", name}}; }

}  // namespace

std::string DecimalText(std::int64_t hundredths) { return FormatFixed(hundredths, 2, "en"); }

json AgreementJson(const Agreement& a) {
  return {{"id", a.id.value},
          {"resource_id", a.resource ? json(a.resource->value) : json(nullptr)},
          {"resource_name", a.resource_name},
          {"provider", MemberRef(a.provider, a.provider_name)},
          {"beneficiary", MemberRef(a.beneficiary, a.beneficiary_name)},
          {"what", a.what},
          {"hours", DecimalText(a.hours_hundredths)},
          {"hours_hundredths", a.hours_hundredths},
          {"amount_cents", a.amount.cents},
          {"status", AgreementStatusCode(a.status)},
          {"delivered_on", OrNull(a.delivered_on)},
          {"created_at", FormatIsoUtc(a.created_at)},
          {"updated_at", FormatIsoUtc(a.updated_at)},
          {"version", a.version}};
}

json PlacementJson(const Placement& p) {
  return {{"id", p.id.value},
          {"employer", MemberRef(p.employer, p.employer_name)},
          {"host", MemberRef(p.host, p.host_name)},
          {"person", p.person},
          {"starts_on", FormatIsoDate(p.starts_on)},
          {"ends_on", OrNull(p.ends_on)},
          {"weekly_hours", DecimalText(p.weekly_hours_hundredths)},
          {"weekly_hours_hundredths", p.weekly_hours_hundredths},
          {"hourly_cost_cents", p.hourly_cost.cents},
          {"created_at", FormatIsoUtc(p.created_at)},
          {"version", p.version}};
}

json PlacementMonthJson(const PlacementMonth& m) {
  return {{"placement_id", m.placement.value},
          {"month", FormatMonth(m.month)},
          {"hours", DecimalText(m.hours_hundredths)},
          {"hours_hundredths", m.hours_hundredths},
          {"charge_cents", m.charge.cents},
          {"validated", m.validated_at.has_value()},
          {"validated_at", OrNull(m.validated_at)},
          {"validated_by", m.validated_by ? json(m.validated_by->value) : json(nullptr)}};
}

json AdvanceJson(const Advance& a) {
  json schedule = json::array();
  for (const auto& i : a.schedule) {
    schedule.push_back(
        {{"due_on", FormatIsoDate(i.due_on)}, {"amount_cents", i.amount.cents}, {"paid_cents", i.paid.cents}});
  }
  json repayments = json::array();
  for (const auto& r : a.repayments) {
    repayments.push_back({{"paid_on", FormatIsoDate(r.paid_on)}, {"amount_cents", r.amount.cents}});
  }
  return {{"id", a.id.value},
          {"lender", PartyJson(a.lender)},
          {"borrower", MemberRef(a.borrower, a.borrower_name)},
          {"amount_cents", a.amount.cents},
          {"purpose", a.purpose},
          {"status", AdvanceStatusCode(a.status)},
          {"installments", a.installments_count},
          {"first_due_on", FormatIsoDate(a.first_due_on)},
          {"approved_at", OrNull(a.approved_at)},
          {"schedule", schedule},
          {"repayments", repayments},
          {"outstanding_cents", a.outstanding.cents},
          {"overdue_cents", a.overdue.cents},
          {"created_at", FormatIsoUtc(a.created_at)},
          {"version", a.version}};
}

json LeaseJson(const Lease& l, std::optional<Money> rent_due) {
  json doc = {{"id", l.id.value},
              {"tenant", MemberRef(l.tenant, l.tenant_name)},
              {"resource_id", l.resource ? json(l.resource->value) : json(nullptr)},
              {"space", l.space},
              {"monthly_rent_cents", l.monthly_rent.cents},
              {"starts_on", FormatIsoDate(l.starts_on)},
              {"ends_on", OrNull(l.ends_on)},
              {"precarious", l.precarious},
              {"notes", l.notes},
              {"created_at", FormatIsoUtc(l.created_at)},
              {"version", l.version}};
  if (rent_due) doc["rent_due_this_month_cents"] = rent_due->cents;
  return doc;
}

json BookingSummaryJson(const Booking& b) {
  return {{"id", b.id.value},
          {"resource_id", b.resource.value},
          {"resource_name", b.resource_name},
          {"member", MemberRef(b.member, b.member_name)},
          {"title", b.title},
          {"starts_at", FormatIsoUtc(b.starts_at)},
          {"ends_at", FormatIsoUtc(b.ends_at)},
          {"status", BookingStatusCode(b.status)},
          {"price_cents", b.price.cents}};
}

}  // namespace coopole::pooling::web
