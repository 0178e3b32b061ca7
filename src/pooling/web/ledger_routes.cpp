// The ledger's JSON API (/api/v1/hubs/{hub}/pooling/services, placements, advances,
// leases) and the registration of its pages (ledger_pages.cpp). Handlers read the request,
// call one use case and answer its document or its error.
#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "ledger_common.h"
#include "ledger_inputs.h"
#include "ledger_json.h"
#include "ledger_pages.h"
#include "ledger_rules.h"
#include "pooling_web.h"

namespace coopole::pooling::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

std::string ApiServiceHref(const hubs::HubContext& hub, AgreementId id) {
  return ApiPoolingHref(hub) + "/services/" + std::to_string(id.value);
}
std::string ApiPlacementHref(const hubs::HubContext& hub, PlacementId id) {
  return ApiPoolingHref(hub) + "/placements/" + std::to_string(id.value);
}
std::string ApiAdvanceHref(const hubs::HubContext& hub, AdvanceId id) {
  return ApiPoolingHref(hub) + "/advances/" + std::to_string(id.value);
}
std::string ApiLeaseHref(const hubs::HubContext& hub, LeaseId id) {
  return ApiPoolingHref(hub) + "/leases/" + std::to_string(id.value);
}

// A JSON body that may be absent (commands without parameters): {} when empty.
Result<json> OptionalBody(const Request& req) {
  if (Trim(req.body).empty()) return json::object();
  return cw::ParseJsonObject(req);
}

// ---- services ---------------------------------------------------------------------------

Response ListServicesApi(Request& req, const ViewContext& ctx) {
  std::optional<MemberId> member;
  if (auto text = req.Query("member"); text && !Trim(*text).empty()) {
    auto id = cw::ParseId(Trim(*text));
    if (!id) return ApiFail(ctx, req, Error::BadRequest("malformed member", {{"member", "validation.member"}}));
    member = MemberId{*id};
  }
  auto agreements = ctx.deps.pooling.ListAgreements(ctx.actor, ctx.hub, member);
  if (!agreements) return ApiFail(ctx, req, agreements.error());
  json items = json::array();
  for (const auto& a : *agreements) items.push_back(AgreementJson(a));
  return cw::JsonResponse({{"items", items}});
}

Response RequestServiceApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = InputFromJson(*body, kAgreementFields);
  if (!input) return ApiFail(ctx, req, input.error());
  auto agreement = ctx.deps.pooling.RequestService(ctx.actor, ctx.hub, *input);
  if (!agreement) return ApiFail(ctx, req, agreement.error());
  return Created(AgreementJson(*agreement), ApiServiceHref(ctx.hub, agreement->id));
}

Response GetServiceApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AgreementId>(req, "agreement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto agreement = ctx.deps.pooling.GetAgreement(ctx.actor, ctx.hub, *id);
  if (!agreement) return ApiFail(ctx, req, agreement.error());
  return cw::JsonResponse(AgreementJson(*agreement));
}

using AgreementCommand = Result<Agreement> (PoolingService::*)(const Actor&, const HubContext&, AgreementId);

HubHandler ServiceCommandApi(AgreementCommand command) {
  return [command](Request& req, const ViewContext& ctx) -> Response {
    auto id = IdParam<AgreementId>(req, "agreement");
    if (!id) return ApiFail(ctx, req, id.error());
    auto agreement = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!agreement) return ApiFail(ctx, req, agreement.error());
    return cw::JsonResponse(AgreementJson(*agreement));
  };
}

Response DeliverServiceApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AgreementId>(req, "agreement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto text = cw::JsonText(*body, "delivered_on");
  if (!text) return ApiFail(ctx, req, text.error());
  auto date = DateField(*text, "delivered_on");
  if (!date) return ApiFail(ctx, req, date.error());
  auto agreement = ctx.deps.pooling.DeliverService(ctx.actor, ctx.hub, *id, *date);
  if (!agreement) return ApiFail(ctx, req, agreement.error());
  return cw::JsonResponse(AgreementJson(*agreement));
}

// ---- placements -------------------------------------------------------------------------

Response ListPlacementsApi(Request& req, const ViewContext& ctx) {
  auto placements = ctx.deps.pooling.ListPlacements(ctx.actor, ctx.hub);
  if (!placements) return ApiFail(ctx, req, placements.error());
  json items = json::array();
  for (const auto& p : *placements) items.push_back(PlacementJson(p));
  return cw::JsonResponse({{"items", items}});
}

Response CreatePlacementApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = InputFromJson(*body, kPlacementFields);
  if (!input) return ApiFail(ctx, req, input.error());
  auto placement = ctx.deps.pooling.CreatePlacement(ctx.actor, ctx.hub, *input);
  if (!placement) return ApiFail(ctx, req, placement.error());
  return Created(PlacementJson(*placement), ApiPlacementHref(ctx.hub, placement->id));
}

Response GetPlacementApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto placement = ctx.deps.pooling.GetPlacement(ctx.actor, ctx.hub, *id);
  if (!placement) return ApiFail(ctx, req, placement.error());
  return cw::JsonResponse(PlacementJson(*placement));
}

Response ListPlacementMonthsApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto months = ctx.deps.pooling.ListPlacementMonths(ctx.actor, ctx.hub, *id);
  if (!months) return ApiFail(ctx, req, months.error());
  json items = json::array();
  for (const auto& m : *months) items.push_back(PlacementMonthJson(m));
  return cw::JsonResponse({{"items", items}});
}

Response DeclarePlacementHoursApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto month_text = cw::JsonText(*body, "month");
  if (!month_text) return ApiFail(ctx, req, month_text.error());
  auto hours = cw::JsonText(*body, "hours");
  if (!hours) return ApiFail(ctx, req, hours.error());
  auto month = MonthField(*month_text, "month");
  if (!month) return ApiFail(ctx, req, month.error());
  if (!*hours) return ApiFail(ctx, req, Error::Invalid({{"hours", "validation.required"}}, "hours is required"));
  auto declared = ctx.deps.pooling.DeclarePlacementHours(ctx.actor, ctx.hub, *id, *month, **hours);
  if (!declared) return ApiFail(ctx, req, declared.error());
  return cw::JsonResponse(PlacementMonthJson(*declared));
}

Response ValidatePlacementHoursApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<PlacementId>(req, "placement");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto month_text = cw::JsonText(*body, "month");
  if (!month_text) return ApiFail(ctx, req, month_text.error());
  auto month = MonthField(*month_text, "month");
  if (!month) return ApiFail(ctx, req, month.error());
  auto validated = ctx.deps.pooling.ValidatePlacementHours(ctx.actor, ctx.hub, *id, *month);
  if (!validated) return ApiFail(ctx, req, validated.error());
  return cw::JsonResponse(PlacementMonthJson(*validated));
}

// ---- advances ---------------------------------------------------------------------------

Response ListAdvancesApi(Request& req, const ViewContext& ctx) {
  auto advances = ctx.deps.pooling.ListAdvances(ctx.actor, ctx.hub);
  if (!advances) return ApiFail(ctx, req, advances.error());
  json items = json::array();
  for (const auto& a : *advances) items.push_back(AdvanceJson(a));
  return cw::JsonResponse({{"items", items}});
}

Response RequestAdvanceApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = InputFromJson(*body, kAdvanceFields);
  if (!input) return ApiFail(ctx, req, input.error());
  auto advance = ctx.deps.pooling.RequestAdvance(ctx.actor, ctx.hub, *input);
  if (!advance) return ApiFail(ctx, req, advance.error());
  return Created(AdvanceJson(*advance), ApiAdvanceHref(ctx.hub, advance->id));
}

Response GetAdvanceApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AdvanceId>(req, "advance");
  if (!id) return ApiFail(ctx, req, id.error());
  auto advance = ctx.deps.pooling.GetAdvance(ctx.actor, ctx.hub, *id);
  if (!advance) return ApiFail(ctx, req, advance.error());
  return cw::JsonResponse(AdvanceJson(*advance));
}

using AdvanceCommand = Result<Advance> (PoolingService::*)(const Actor&, const HubContext&, AdvanceId);

HubHandler AdvanceCommandApi(AdvanceCommand command) {
  return [command](Request& req, const ViewContext& ctx) -> Response {
    auto id = IdParam<AdvanceId>(req, "advance");
    if (!id) return ApiFail(ctx, req, id.error());
    auto body = OptionalBody(req);
    if (!body) return ApiFail(ctx, req, body.error());
    auto advance = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!advance) return ApiFail(ctx, req, advance.error());
    return cw::JsonResponse(AdvanceJson(*advance));
  };
}

Response RecordRepaymentApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<AdvanceId>(req, "advance");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto paid_on_text = cw::JsonText(*body, "paid_on");
  if (!paid_on_text) return ApiFail(ctx, req, paid_on_text.error());
  auto amount = JsonField(*body, "amount", true);
  if (!amount) return ApiFail(ctx, req, amount.error());
  auto paid_on = DateField(*paid_on_text, "paid_on");
  if (!paid_on) return ApiFail(ctx, req, paid_on.error());
  if (!*amount) return ApiFail(ctx, req, Error::Invalid({{"amount", "validation.required"}}, "amount is required"));
  auto advance = ctx.deps.pooling.RecordRepayment(ctx.actor, ctx.hub, *id, *paid_on, **amount);
  if (!advance) return ApiFail(ctx, req, advance.error());
  return Created(AdvanceJson(*advance), ApiAdvanceHref(ctx.hub, advance->id));
}

json ExposureJson(MemberId member, Money limit) {
  return {{"member_id", member.value}, {"limit_cents", limit.cents}};
}

Response GetExposureLimitApi(Request& req, const ViewContext& ctx) {
  auto member = IdParam<MemberId>(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  auto limit = ctx.deps.pooling.ExposureLimit(ctx.actor, ctx.hub, *member);
  if (!limit) return ApiFail(ctx, req, limit.error());
  return cw::JsonResponse(ExposureJson(*member, *limit));
}

Response SetExposureLimitApi(Request& req, const ViewContext& ctx) {
  auto member = IdParam<MemberId>(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  // Who may, and whether the member is one of this hub, before reading the body.
  auto current = ctx.deps.pooling.ExposureLimit(ctx.actor, ctx.hub, *member);
  if (!current) return ApiFail(ctx, req, current.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto amount = JsonField(*body, "limit", true);
  if (!amount) return ApiFail(ctx, req, amount.error());
  if (!*amount) return ApiFail(ctx, req, Error::Invalid({{"limit", "validation.required"}}, "limit is required"));
  auto set = ctx.deps.pooling.SetExposureLimit(ctx.actor, ctx.hub, *member, **amount);
  if (!set) {
    // The service names the amount "amount"; the API calls it "limit".
    Error error = set.error();
    if (auto it = error.fields.find("amount"); it != error.fields.end()) {
      error.fields["limit"] = it->second;
      error.fields.erase(it);
    }
    return ApiFail(ctx, req, error);
  }
  auto limit = ctx.deps.pooling.ExposureLimit(ctx.actor, ctx.hub, *member);
  if (!limit) return ApiFail(ctx, req, limit.error());
  return cw::JsonResponse(ExposureJson(*member, *limit));
}

// ---- leases -------------------------------------------------------------------------------

Response ListLeasesApi(Request& req, const ViewContext& ctx) {
  auto leases = ctx.deps.pooling.ListLeases(ctx.actor, ctx.hub);
  if (!leases) return ApiFail(ctx, req, leases.error());
  const Month month = CurrentMonth(ctx.hub);
  json items = json::array();
  for (const auto& l : *leases) items.push_back(LeaseJson(l, RentDue(l, month)));
  return cw::JsonResponse({{"items", items}, {"month", FormatMonth(month)}});
}

Response CreateLeaseApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = InputFromJson(*body, kLeaseFields);
  if (!input) return ApiFail(ctx, req, input.error());
  auto lease = ctx.deps.pooling.CreateLease(ctx.actor, ctx.hub, *input);
  if (!lease) return ApiFail(ctx, req, lease.error());
  return Created(LeaseJson(*lease, RentDue(*lease, CurrentMonth(ctx.hub))), ApiLeaseHref(ctx.hub, lease->id));
}

Response GetLeaseApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<LeaseId>(req, "lease");
  if (!id) return ApiFail(ctx, req, id.error());
  auto lease = ctx.deps.pooling.GetLease(ctx.actor, ctx.hub, *id);
  if (!lease) return ApiFail(ctx, req, lease.error());
  return cw::JsonResponse(LeaseJson(*lease, RentDue(*lease, CurrentMonth(ctx.hub))));
}

Response UpdateLeaseApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam<LeaseId>(req, "lease");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version_text = cw::JsonText(*body, "version");
  if (!version_text) return ApiFail(ctx, req, version_text.error());
  auto version = VersionFrom(*version_text);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = InputFromJson(*body, kLeaseFields);
  if (!input) return ApiFail(ctx, req, input.error());
  auto lease = ctx.deps.pooling.UpdateLease(ctx.actor, ctx.hub, *id, *version, *input);
  if (!lease) return ApiFail(ctx, req, lease.error());
  return cw::JsonResponse(LeaseJson(*lease, RentDue(*lease, CurrentMonth(ctx.hub))));
}

}  // namespace

void RegisterLedgerRoutes(http::Router& router, const Dependencies& deps) {
  RegisterLedgerPages(router, deps);

  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  const std::string base = "/api/v1/hubs/{hub}/pooling";

  const std::string services = base + "/services";
  const std::string service = services + "/{agreement}";
  router.Add(Method::kGet, services, api(ListServicesApi));
  router.Add(Method::kPost, services, api(RequestServiceApi));
  router.Add(Method::kGet, service, api(GetServiceApi));
  router.Add(Method::kPost, service + "/agree", api(ServiceCommandApi(&PoolingService::AgreeService)));
  router.Add(Method::kPost, service + "/decline", api(ServiceCommandApi(&PoolingService::DeclineService)));
  router.Add(Method::kPost, service + "/deliver", api(DeliverServiceApi));
  router.Add(Method::kPost, service + "/cancel", api(ServiceCommandApi(&PoolingService::CancelService)));

  const std::string placements = base + "/placements";
  const std::string placement = placements + "/{placement}";
  router.Add(Method::kGet, placements, api(ListPlacementsApi));
  router.Add(Method::kPost, placements, api(CreatePlacementApi));
  router.Add(Method::kGet, placement, api(GetPlacementApi));
  router.Add(Method::kGet, placement + "/months", api(ListPlacementMonthsApi));
  router.Add(Method::kPost, placement + "/declare", api(DeclarePlacementHoursApi));
  router.Add(Method::kPost, placement + "/validate", api(ValidatePlacementHoursApi));

  const std::string advances = base + "/advances";
  const std::string advance = advances + "/{advance}";
  router.Add(Method::kGet, advances, api(ListAdvancesApi));
  router.Add(Method::kPost, advances, api(RequestAdvanceApi));
  router.Add(Method::kGet, advance, api(GetAdvanceApi));
  router.Add(Method::kPost, advance + "/approve", api(AdvanceCommandApi(&PoolingService::ApproveAdvance)));
  router.Add(Method::kPost, advance + "/refuse", api(AdvanceCommandApi(&PoolingService::RefuseAdvance)));
  router.Add(Method::kPost, advance + "/repayments", api(RecordRepaymentApi));
  router.Add(Method::kGet, advances + "/exposure-limits/{member}", api(GetExposureLimitApi));
  router.Add(Method::kPut, advances + "/exposure-limits/{member}", api(SetExposureLimitApi));

  const std::string leases = base + "/leases";
  const std::string lease = leases + "/{lease}";
  router.Add(Method::kGet, leases, api(ListLeasesApi));
  router.Add(Method::kPost, leases, api(CreateLeaseApi));
  router.Add(Method::kGet, lease, api(GetLeaseApi));
  router.Add(Method::kPatch, lease, api(UpdateLeaseApi));
}

}  // namespace coopole::pooling::web
