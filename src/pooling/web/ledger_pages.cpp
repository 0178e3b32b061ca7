// The ledger's HTML pages: services of skills and knowledge, staff placements, cash
// advances and leases. Each list page carries its form; a rejected form is shown again with
// the user's input and the errors. Buttons are shown only to who may use them (the use
// cases check again).
#include "ledger_pages.h"

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "ledger_common.h"
#include "ledger_inputs.h"
#include "ledger_rules.h"

namespace coopole::pooling::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;


std::string ServicesHref(const ViewContext& ctx) { return PoolingHref(ctx.hub) + "/services"; }
std::string PlacementsHref(const ViewContext& ctx) { return PoolingHref(ctx.hub) + "/placements"; }
std::string PlacementHref(const ViewContext& ctx, PlacementId id) {
  return PlacementsHref(ctx) + "/" + std::to_string(id.value);
}
std::string AdvancesHref(const ViewContext& ctx) { return PoolingHref(ctx.hub) + "/advances"; }
std::string AdvanceHref(const ViewContext& ctx, AdvanceId id) {
  return AdvancesHref(ctx) + "/" + std::to_string(id.value);
}
std::string LeasesHref(const ViewContext& ctx) { return PoolingHref(ctx.hub) + "/leases"; }

template <typename Input, std::size_t N>
void SetFormValues(render::View& view, const Input& input, const InputField<Input> (&fields)[N]) {
  for (const auto& field : fields) view.set(field.name, (input.*field.value).value_or(""));
}

std::string Translate(const ViewContext& ctx, const std::string& key) {
  return ctx.deps.shell.Translate(ctx.lang, key);
}

// Renders a page of the ledger: the sub-navigation, the field errors of `error` and its
// status (200 without one).
Response LedgerPage(const Request& req, const ViewContext& ctx, std::string_view template_name, render::View view,
                    std::string_view active, const std::string& title, const Error* error,
                    std::string_view label_prefix) {
  AddLedgerNav(view, ctx, active);
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, label_prefix);
    if (error->code == ErrorCode::kFailedPrecondition) {
      view.set("precondition_error", Translate(ctx, "ledger.out_of_order"));
      view.set("has_precondition_error", true);
    }
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, template_name, std::move(view), title, &ctx.hub, status);
}

// ---- services ---------------------------------------------------------------------------

render::View AgreementRow(const Agreement& a, const ViewContext& ctx, const std::string& today) {
  render::View row;
  const std::string href = ServicesHref(ctx) + "/" + std::to_string(a.id.value);
  row.set("id", std::to_string(a.id.value));
  row.set("what", a.what);
  SetText(row, "resource_name", a.resource_name);
  row.set("provider_name", a.provider_name);
  row.set("beneficiary_name", a.beneficiary_name);
  row.set("hours", HoursText(a.hours_hundredths, ctx.lang));
  row.set("amount", MoneyText(a.amount, ctx.lang));
  row.set("status", AgreementStatusCode(a.status));
  row.set("status_label", Translate(ctx, std::string("ledger.agreement_status.") + AgreementStatusCode(a.status)));
  SetText(row, "delivered_on", DateText(a.delivered_on, ctx.lang));
  const bool provider = ActsFor(ctx, a.provider);
  const bool party = provider || ActsFor(ctx, a.beneficiary);
  const bool requested = a.status == AgreementStatus::kRequested;
  const bool agreed = a.status == AgreementStatus::kAgreed;
  row.set("can_agree", requested && provider);
  row.set("can_decline", requested && provider);
  row.set("can_deliver", agreed && provider);
  row.set("can_cancel", (requested || agreed) && party);
  row.set("has_actions", ((requested || agreed) && party));
  row.set("agree_href", href + "/agree");
  row.set("decline_href", href + "/decline");
  row.set("deliver_href", href + "/deliver");
  row.set("cancel_href", href + "/cancel");
  row.set("today", today);
  return row;
}

Response ServicesPage(const Request& req, const ViewContext& ctx, const AgreementInput& input, const Error* error) {
  auto agreements = ctx.deps.pooling.ListAgreements(ctx.actor, ctx.hub, std::nullopt);
  if (!agreements) return PageFail(ctx, req, agreements.error());
  const std::string today = FormatIsoDate(TodayOf(ctx.hub));
  render::ViewList rows;
  for (const auto& a : *agreements) rows.push_back(AgreementRow(a, ctx, today));
  render::View view;
  view.set("has_rows", !rows.empty());
  view.set("rows", rows);
  view.set("can_request", MayWrite(ctx));
  view.set("action", ServicesHref(ctx));
  SetFormValues(view, input, kAgreementFields);
  view.set("resource_options",
           ResourceOptions(ctx, {ResourceKind::kSkill, ResourceKind::kKnowledge}, input.resource_id.value_or("")));
  view.set("provider_options", MemberOptions(ctx, input.provider_member_id.value_or("")));
  std::string beneficiary = input.beneficiary_member_id.value_or("");
  if (beneficiary.empty() && OwnMember(ctx)) beneficiary = std::to_string(OwnMember(ctx)->value);
  view.set("beneficiary_options", MemberOptions(ctx, beneficiary, false, true));
  return LedgerPage(req, ctx, "pooling/ledger_services", std::move(view), "services",
                    Translate(ctx, "ledger.services.title"), error, "ledger.field.");
}

Response ServicesListPage(Request& req, const ViewContext& ctx) { return ServicesPage(req, ctx, {}, nullptr); }

Response RequestServicePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const AgreementInput input = InputFromForm(*form, kAgreementFields);
  auto agreement = ctx.deps.pooling.RequestService(ctx.actor, ctx.hub, input);
  if (!agreement) {
    if (IsFormError(agreement.error())) return ServicesPage(req, ctx, input, &agreement.error());
    return PageFail(ctx, req, agreement.error());
  }
  return RedirectWithNotice(ServicesHref(ctx) + "#service-" + std::to_string(agreement->id.value),
                            "ledger_requested");
}

using AgreementCommand = Result<Agreement> (PoolingService::*)(const Actor&, const HubContext&, AgreementId);

HubHandler ServiceCommandPage(AgreementCommand command, const char* notice) {
  return [command, notice](Request& req, const ViewContext& ctx) -> Response {
    auto id = IdParam<AgreementId>(req, "agreement");
    if (!id) return PageFail(ctx, req, id.error());
    auto agreement = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!agreement) return PageFail(ctx, req, agreement.error());
    return RedirectWithNotice(ServicesHref(ctx) + "#service-" + std::to_string(id->value), notice);
  };
}

Response DeliverServicePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AgreementId>(req, "agreement");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto date = DateField(http::FormValue(*form, "delivered_on"), "delivered_on");
  if (!date) return ServicesPage(req, ctx, {}, &date.error());
  auto agreement = ctx.deps.pooling.DeliverService(ctx.actor, ctx.hub, *id, *date);
  if (!agreement) return PageFail(ctx, req, agreement.error());
  return RedirectWithNotice(ServicesHref(ctx) + "#service-" + std::to_string(id->value), "ledger_delivered");
}

// ---- placements -------------------------------------------------------------------------

render::View PlacementRow(const Placement& p, const ViewContext& ctx) {
  render::View row;
  row.set("href", PlacementHref(ctx, p.id));
  row.set("person", p.person);
  row.set("employer_name", p.employer_name);
  row.set("host_name", p.host_name);
  row.set("starts_on", DateText(p.starts_on, ctx.lang));
  SetText(row, "ends_on", DateText(p.ends_on, ctx.lang));
  row.set("weekly_hours", HoursText(p.weekly_hours_hundredths, ctx.lang));
  row.set("hourly_cost", MoneyText(p.hourly_cost, ctx.lang));
  return row;
}

Response PlacementsPage(const Request& req, const ViewContext& ctx, const PlacementInput& input, const Error* error) {
  auto placements = ctx.deps.pooling.ListPlacements(ctx.actor, ctx.hub);
  if (!placements) return PageFail(ctx, req, placements.error());
  render::ViewList rows;
  for (const auto& p : *placements) rows.push_back(PlacementRow(p, ctx));
  render::View view;
  view.set("has_rows", !rows.empty());
  view.set("rows", rows);
  view.set("can_create", MayWrite(ctx));
  view.set("action", PlacementsHref(ctx));
  SetFormValues(view, input, kPlacementFields);
  std::string employer = input.employer_member_id.value_or("");
  if (employer.empty() && OwnMember(ctx)) employer = std::to_string(OwnMember(ctx)->value);
  view.set("employer_options", MemberOptions(ctx, employer, false, true));
  view.set("host_options", MemberOptions(ctx, input.host_member_id.value_or("")));
  return LedgerPage(req, ctx, "pooling/ledger_placements", std::move(view), "placements",
                    Translate(ctx, "ledger.placements.title"), error, "ledger.field.");
}

Response PlacementsListPage(Request& req, const ViewContext& ctx) { return PlacementsPage(req, ctx, {}, nullptr); }

Response CreatePlacementPage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const PlacementInput input = InputFromForm(*form, kPlacementFields);
  auto placement = ctx.deps.pooling.CreatePlacement(ctx.actor, ctx.hub, input);
  if (!placement) {
    if (IsFormError(placement.error())) return PlacementsPage(req, ctx, input, &placement.error());
    return PageFail(ctx, req, placement.error());
  }
  return RedirectWithNotice(PlacementHref(ctx, placement->id), "ledger_created");
}

struct DeclareForm {
  std::string month, hours;
};

Response PlacementPage(const Request& req, const ViewContext& ctx, PlacementId id, const DeclareForm& declare,
                       const Error* error) {
  auto placement = ctx.deps.pooling.GetPlacement(ctx.actor, ctx.hub, id);
  if (!placement) return PageFail(ctx, req, placement.error());
  auto months = ctx.deps.pooling.ListPlacementMonths(ctx.actor, ctx.hub, id);
  if (!months) return PageFail(ctx, req, months.error());
  const Placement& p = *placement;
  render::View view = PlacementRow(p, ctx);
  view.set("list_href", PlacementsHref(ctx));
  const bool employer = ActsFor(ctx, p.employer);
  const bool host = ActsFor(ctx, p.host);
  render::ViewList rows;
  Money total;
  for (const auto& m : *months) {
    render::View row;
    row.set("month", FormatMonth(m.month));
    row.set("month_label", MonthText(m.month, ctx));
    row.set("hours", HoursText(m.hours_hundredths, ctx.lang));
    row.set("charge", MoneyText(m.charge, ctx.lang));
    row.set("validated", m.validated_at.has_value());
    row.set("can_validate", host && !m.validated_at);
    row.set("validate_href", PlacementHref(ctx, id) + "/validate");
    if (m.validated_at) total = total + m.charge;
    rows.push_back(std::move(row));
  }
  view.set("has_months", !rows.empty());
  view.set("months", rows);
  view.set("validated_total", MoneyText(total, ctx.lang));
  view.set("can_declare", employer);
  view.set("declare_href", PlacementHref(ctx, id) + "/declare");
  view.set("declare_month", declare.month.empty() ? FormatMonth(CurrentMonth(ctx.hub)) : declare.month);
  view.set("declare_hours", declare.hours);
  return LedgerPage(req, ctx, "pooling/ledger_placement", std::move(view), "placements",
                    p.person + " — " + Translate(ctx, "ledger.placements.title"), error, "ledger.field.");
}

Response PlacementDetailPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return PageFail(ctx, req, id.error());
  return PlacementPage(req, ctx, *id, {}, nullptr);
}

Response DeclareHoursPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  DeclareForm declare{http::FormValue(*form, "month").value_or(""), http::FormValue(*form, "hours").value_or("")};
  auto month = MonthField(declare.month, "month");
  if (!month) return PlacementPage(req, ctx, *id, declare, &month.error());
  auto declared = ctx.deps.pooling.DeclarePlacementHours(ctx.actor, ctx.hub, *id, *month, declare.hours);
  if (!declared) {
    if (IsFormError(declared.error())) return PlacementPage(req, ctx, *id, declare, &declared.error());
    return PageFail(ctx, req, declared.error());
  }
  return RedirectWithNotice(PlacementHref(ctx, *id) + "#months", "ledger_declared");
}

Response ValidateHoursPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto month = MonthField(http::FormValue(*form, "month"), "month");
  if (!month) return PageFail(ctx, req, month.error());
  auto validated = ctx.deps.pooling.ValidatePlacementHours(ctx.actor, ctx.hub, *id, *month);
  if (!validated) {
    if (IsFormError(validated.error())) return PlacementPage(req, ctx, *id, {}, &validated.error());
    return PageFail(ctx, req, validated.error());
  }
  return RedirectWithNotice(PlacementHref(ctx, *id) + "#months", "ledger_validated");
}

// ---- advances ---------------------------------------------------------------------------

render::View AdvanceRow(const Advance& a, const ViewContext& ctx) {
  render::View row;
  row.set("href", AdvanceHref(ctx, a.id));
  row.set("borrower_name", a.borrower_name);
  row.set("lender_name", PartyName(a.lender, ctx));
  row.set("amount", MoneyText(a.amount, ctx.lang));
  row.set("purpose", a.purpose);
  row.set("status", AdvanceStatusCode(a.status));
  row.set("status_label", Translate(ctx, std::string("ledger.advance_status.") + AdvanceStatusCode(a.status)));
  row.set("outstanding", MoneyText(a.outstanding, ctx.lang));
  row.set("overdue", MoneyText(a.overdue, ctx.lang));
  row.set("has_overdue", a.overdue.cents > 0);
  row.set("installments", std::to_string(a.installments_count));
  row.set("first_due_on", DateText(a.first_due_on, ctx.lang));
  return row;
}

struct LimitForm {
  std::string member, limit;
};

Response AdvancesPage(const Request& req, const ViewContext& ctx, const AdvanceInput& input, const LimitForm& limit,
                      const Error* error) {
  auto advances = ctx.deps.pooling.ListAdvances(ctx.actor, ctx.hub);
  if (!advances) return PageFail(ctx, req, advances.error());
  render::ViewList rows;
  for (const auto& a : *advances) rows.push_back(AdvanceRow(a, ctx));
  render::View view;
  view.set("has_rows", !rows.empty());
  view.set("rows", rows);
  view.set("can_request", MayWrite(ctx));
  view.set("action", AdvancesHref(ctx));
  SetFormValues(view, input, kAdvanceFields);
  if (!input.installments) view.set("installments", std::string("1"));
  view.set("lender_options", MemberOptions(ctx, input.lender_member_id.value_or(""), true));
  std::string borrower = input.borrower_member_id.value_or("");
  if (borrower.empty() && OwnMember(ctx)) borrower = std::to_string(OwnMember(ctx)->value);
  view.set("borrower_options", MemberOptions(ctx, borrower, false, true));
  view.set("can_set_limit", MayManage(ctx));
  view.set("limit_action", AdvancesHref(ctx) + "/exposure-limit");
  view.set("limit_member_options", MemberOptions(ctx, limit.member));
  view.set("limit", limit.limit);
  return LedgerPage(req, ctx, "pooling/ledger_advances", std::move(view), "advances",
                    Translate(ctx, "ledger.advances.title"), error, "ledger.field.");
}

Response AdvancesListPage(Request& req, const ViewContext& ctx) { return AdvancesPage(req, ctx, {}, {}, nullptr); }

Response RequestAdvancePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const AdvanceInput input = InputFromForm(*form, kAdvanceFields);
  auto advance = ctx.deps.pooling.RequestAdvance(ctx.actor, ctx.hub, input);
  if (!advance) {
    if (IsFormError(advance.error())) return AdvancesPage(req, ctx, input, {}, &advance.error());
    return PageFail(ctx, req, advance.error());
  }
  return RedirectWithNotice(AdvanceHref(ctx, advance->id), "ledger_requested");
}

Response SetExposureLimitPage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  LimitForm limit{http::FormValue(*form, "limit_member_id").value_or(""), http::FormValue(*form, "limit").value_or("")};
  auto member = cw::ParseId(Trim(limit.member));
  if (!member) {
    Error error = Error::Invalid({{"limit_member_id", "validation.member"}});
    return AdvancesPage(req, ctx, {}, limit, &error);
  }
  auto set = ctx.deps.pooling.SetExposureLimit(ctx.actor, ctx.hub, MemberId{*member}, limit.limit);
  if (!set) {
    Error error = set.error();
    if (auto it = error.fields.find("amount"); it != error.fields.end()) {
      error.fields["limit"] = it->second;
      error.fields.erase(it);
    }
    if (IsFormError(error)) return AdvancesPage(req, ctx, {}, limit, &error);
    return PageFail(ctx, req, error);
  }
  return RedirectWithNotice(AdvancesHref(ctx), "ledger_limit_saved");
}

struct RepaymentForm {
  std::string paid_on, amount;
};

Response AdvancePage(const Request& req, const ViewContext& ctx, AdvanceId id, const RepaymentForm& repayment,
                     const Error* error) {
  auto advance = ctx.deps.pooling.GetAdvance(ctx.actor, ctx.hub, id);
  if (!advance) return PageFail(ctx, req, advance.error());
  const Advance& a = *advance;
  render::View view = AdvanceRow(a, ctx);
  view.set("list_href", AdvancesHref(ctx));
  const Date today = TodayOf(ctx.hub);
  render::ViewList schedule;
  for (const auto& i : a.schedule) {
    render::View row;
    row.set("due_on", DateText(i.due_on, ctx.lang));
    row.set("amount", MoneyText(i.amount, ctx.lang));
    row.set("paid", MoneyText(i.paid, ctx.lang));
    row.set("settled", i.paid >= i.amount);
    row.set("late", i.paid < i.amount && i.due_on < today);
    schedule.push_back(std::move(row));
  }
  view.set("has_schedule", !schedule.empty());
  view.set("schedule", schedule);
  render::ViewList repayments;
  for (const auto& r : a.repayments) {
    render::View row;
    row.set("paid_on", DateText(r.paid_on, ctx.lang));
    row.set("amount", MoneyText(r.amount, ctx.lang));
    repayments.push_back(std::move(row));
  }
  view.set("has_repayments", !repayments.empty());
  view.set("repayments", repayments);
  const bool lender = ActsFor(ctx, a.lender);
  const std::string href = AdvanceHref(ctx, id);
  view.set("can_decide", a.status == AdvanceStatus::kRequested && lender);
  view.set("approve_href", href + "/approve");
  view.set("refuse_href", href + "/refuse");
  view.set("can_repay", a.status == AdvanceStatus::kApproved && (lender || MayManage(ctx)));
  view.set("repay_href", href + "/repayments");
  view.set("paid_on", repayment.paid_on.empty() ? FormatIsoDate(today) : repayment.paid_on);
  view.set("repay_amount", repayment.amount);
  view.set("show_limit", false);
  if (MayManage(ctx)) {
    if (auto limit = ctx.deps.pooling.ExposureLimit(ctx.actor, ctx.hub, a.borrower)) {
      view.set("show_limit", true);
      view.set("exposure_limit", MoneyText(*limit, ctx.lang));
    }
  }
  return LedgerPage(req, ctx, "pooling/ledger_advance", std::move(view), "advances",
                    Translate(ctx, "ledger.advances.detail_title") + " — " + a.borrower_name, error,
                    "ledger.field.");
}

Response AdvanceDetailPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AdvanceId>(req, "advance");
  if (!id) return PageFail(ctx, req, id.error());
  return AdvancePage(req, ctx, *id, {}, nullptr);
}

using AdvanceCommand = Result<Advance> (PoolingService::*)(const Actor&, const HubContext&, AdvanceId);

HubHandler AdvanceCommandPage(AdvanceCommand command, const char* notice) {
  return [command, notice](Request& req, const ViewContext& ctx) -> Response {
    auto id = IdParam<AdvanceId>(req, "advance");
    if (!id) return PageFail(ctx, req, id.error());
    auto advance = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!advance) {
      // The exposure limit refuses an approval: the record shows why.
      if (advance.error().code == ErrorCode::kInvalidArgument) return AdvancePage(req, ctx, *id, {}, &advance.error());
      return PageFail(ctx, req, advance.error());
    }
    return RedirectWithNotice(AdvanceHref(ctx, *id), notice);
  };
}

Response RecordRepaymentPage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AdvanceId>(req, "advance");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  RepaymentForm repayment{http::FormValue(*form, "paid_on").value_or(""), http::FormValue(*form, "amount").value_or("")};
  auto paid_on = DateField(repayment.paid_on, "paid_on");
  if (!paid_on) return AdvancePage(req, ctx, *id, repayment, &paid_on.error());
  auto advance = ctx.deps.pooling.RecordRepayment(ctx.actor, ctx.hub, *id, *paid_on, repayment.amount);
  if (!advance) {
    if (IsFormError(advance.error())) return AdvancePage(req, ctx, *id, repayment, &advance.error());
    return PageFail(ctx, req, advance.error());
  }
  return RedirectWithNotice(AdvanceHref(ctx, *id), "ledger_repaid");
}

// ---- leases -------------------------------------------------------------------------------

Response LeasesListPage(Request& req, const ViewContext& ctx) {
  auto leases = ctx.deps.pooling.ListLeases(ctx.actor, ctx.hub);
  if (!leases) return PageFail(ctx, req, leases.error());
  const Date today = TodayOf(ctx.hub);
  const Month month = MonthOf(today);
  render::ViewList rows;
  Money due_total;
  for (const auto& l : *leases) {
    render::View row;
    row.set("id", std::to_string(l.id.value));
    row.set("tenant_name", l.tenant_name);
    row.set("space", l.space);
    row.set("monthly_rent", MoneyText(l.monthly_rent, ctx.lang));
    const Money due = RentDue(l, month);
    due_total = due_total + due;
    row.set("rent_due", MoneyText(due, ctx.lang));
    row.set("starts_on", DateText(l.starts_on, ctx.lang));
    SetText(row, "ends_on", DateText(l.ends_on, ctx.lang));
    row.set("precarious", l.precarious);
    row.set("ending_soon", LeaseEndingSoon(l, today));
    row.set("ended", l.ends_on && *l.ends_on < today);
    SetText(row, "notes", l.notes);
    row.set("edit_href", LeasesHref(ctx) + "/" + std::to_string(l.id.value) + "/edit");
    rows.push_back(std::move(row));
  }
  render::View view;
  view.set("has_rows", !rows.empty());
  view.set("rows", rows);
  view.set("month_label", MonthText(month, ctx));
  view.set("due_total", MoneyText(due_total, ctx.lang));
  view.set("can_manage", MayManage(ctx));
  view.set("new_href", LeasesHref(ctx) + "/new");
  return LedgerPage(req, ctx, "pooling/ledger_leases", std::move(view), "leases",
                    Translate(ctx, "ledger.leases.title"), nullptr, "");
}

struct LeaseFormMode {
  std::optional<LeaseId> lease;
  std::int64_t version = 0;
};

Response LeaseFormPage(const Request& req, const ViewContext& ctx, const LeaseInput& input, LeaseFormMode mode,
                       const Error* error) {
  render::View view;
  SetFormValues(view, input, kLeaseFields);
  const std::string precarious = AsciiLower(Trim(input.precarious.value_or("")));
  view.set("precarious_checked", precarious == "1" || precarious == "true" || precarious == "on");
  view.set("tenant_options", MemberOptions(ctx, input.tenant_member_id.value_or("")));
  view.set("resource_options", ResourceOptions(ctx, {ResourceKind::kPremises}, input.resource_id.value_or("")));
  view.set("list_href", LeasesHref(ctx));
  view.set("is_edit", mode.lease.has_value());
  if (mode.lease) {
    view.set("action", LeasesHref(ctx) + "/" + std::to_string(mode.lease->value));
    view.set("version", std::to_string(mode.version));
  } else {
    view.set("action", LeasesHref(ctx));
  }
  return LedgerPage(req, ctx, "pooling/ledger_lease_form", std::move(view), "leases",
                    Translate(ctx, mode.lease ? "ledger.leases.edit_title" : "ledger.leases.new_title"), error,
                    "ledger.field.");
}

Response NewLeasePage(Request& req, const ViewContext& ctx) {
  if (!MayManage(ctx)) return PageFail(ctx, req, Error::Denied());
  return LeaseFormPage(req, ctx, {}, {}, nullptr);
}

Response CreateLeasePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const LeaseInput input = LeaseInputFromForm(*form);
  auto lease = ctx.deps.pooling.CreateLease(ctx.actor, ctx.hub, input);
  if (!lease) {
    if (IsFormError(lease.error())) return LeaseFormPage(req, ctx, input, {}, &lease.error());
    return PageFail(ctx, req, lease.error());
  }
  return RedirectWithNotice(LeasesHref(ctx) + "#lease-" + std::to_string(lease->id.value), "ledger_created");
}

LeaseInput InputOf(const Lease& l, std::string_view lang) {
  LeaseInput in;
  in.tenant_member_id = std::to_string(l.tenant.value);
  in.resource_id = l.resource ? std::to_string(l.resource->value) : "";
  in.space = l.space;
  in.monthly_rent = MoneyField(l.monthly_rent, lang);
  in.starts_on = FormatIsoDate(l.starts_on);
  in.ends_on = l.ends_on ? FormatIsoDate(*l.ends_on) : "";
  in.precarious = l.precarious ? "1" : "0";
  in.notes = l.notes;
  return in;
}

Response EditLeasePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<LeaseId>(req, "lease");
  if (!id) return PageFail(ctx, req, id.error());
  auto lease = ctx.deps.pooling.GetLease(ctx.actor, ctx.hub, *id);
  if (!lease) return PageFail(ctx, req, lease.error());
  if (!MayManage(ctx)) return PageFail(ctx, req, Error::Denied());
  return LeaseFormPage(req, ctx, InputOf(*lease, ctx.lang), {*id, lease->version}, nullptr);
}

Response UpdateLeasePage(Request& req, const ViewContext& ctx) {
  auto id = IdParam<LeaseId>(req, "lease");
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const LeaseInput input = LeaseInputFromForm(*form);
  auto version = VersionFrom(http::FormValue(*form, "version"));
  if (!version) return LeaseFormPage(req, ctx, input, {*id, 0}, &version.error());
  auto lease = ctx.deps.pooling.UpdateLease(ctx.actor, ctx.hub, *id, *version, input);
  if (lease) return RedirectWithNotice(LeasesHref(ctx) + "#lease-" + std::to_string(id->value), "ledger_saved");
  const Error& error = lease.error();
  if (!IsFormError(error)) return PageFail(ctx, req, error);
  LeaseFormMode mode{*id, *version};
  if (error.code == ErrorCode::kConflict && error.fields.count("version")) {
    // Someone saved first: keep this user's input, now based on the current version.
    auto current = ctx.deps.pooling.GetLease(ctx.actor, ctx.hub, *id);
    if (!current) return PageFail(ctx, req, current.error());
    mode.version = current->version;
  }
  return LeaseFormPage(req, ctx, input, mode, &error);
}

}  // namespace

void RegisterLedgerPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  const std::string base = "/hubs/{hub}/pooling";

  const std::string services = base + "/services";
  const std::string service = services + "/{agreement}";
  router.Add(Method::kGet, services, page(ServicesListPage));
  router.Add(Method::kPost, services, page(RequestServicePage));
  router.Add(Method::kPost, service + "/agree", page(ServiceCommandPage(&PoolingService::AgreeService, "ledger_agreed")));
  router.Add(Method::kPost, service + "/decline",
             page(ServiceCommandPage(&PoolingService::DeclineService, "ledger_declined")));
  router.Add(Method::kPost, service + "/deliver", page(DeliverServicePage));
  router.Add(Method::kPost, service + "/cancel",
             page(ServiceCommandPage(&PoolingService::CancelService, "ledger_cancelled")));

  const std::string placements = base + "/placements";
  const std::string placement = placements + "/{placement}";
  router.Add(Method::kGet, placements, page(PlacementsListPage));
  router.Add(Method::kPost, placements, page(CreatePlacementPage));
  router.Add(Method::kGet, placement, page(PlacementDetailPage));
  router.Add(Method::kPost, placement + "/declare", page(DeclareHoursPage));
  router.Add(Method::kPost, placement + "/validate", page(ValidateHoursPage));

  const std::string advances = base + "/advances";
  const std::string advance = advances + "/{advance}";
  router.Add(Method::kGet, advances, page(AdvancesListPage));
  router.Add(Method::kPost, advances, page(RequestAdvancePage));
  router.Add(Method::kPost, advances + "/exposure-limit", page(SetExposureLimitPage));
  router.Add(Method::kGet, advance, page(AdvanceDetailPage));
  router.Add(Method::kPost, advance + "/approve",
             page(AdvanceCommandPage(&PoolingService::ApproveAdvance, "ledger_approved")));
  router.Add(Method::kPost, advance + "/refuse",
             page(AdvanceCommandPage(&PoolingService::RefuseAdvance, "ledger_refused")));
  router.Add(Method::kPost, advance + "/repayments", page(RecordRepaymentPage));

  const std::string leases = base + "/leases";
  router.Add(Method::kGet, leases, page(LeasesListPage));
  router.Add(Method::kGet, leases + "/new", page(NewLeasePage));
  router.Add(Method::kPost, leases, page(CreateLeasePage));
  router.Add(Method::kGet, leases + "/{lease}/edit", page(EditLeasePage));
  router.Add(Method::kPost, leases + "/{lease}", page(UpdateLeasePage));
}

}  // namespace coopole::pooling::web
