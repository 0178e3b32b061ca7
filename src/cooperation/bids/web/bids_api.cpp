// The JSON API of bids and the hub share, under /api/v1/hubs/{hub}/cooperation: the same use
// cases as the pages. Amounts in cents, shares and rates in basis points.
#include "bids_internal.h"
#include "bids_pages.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web::bids_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;

Response Created(const json& body, const std::string& location) {
  auto res = cw::JsonResponse(body, 201);
  res.SetHeader("Location", location);
  return res;
}

std::string Text(const json& body, const std::string& name) {
  auto text = cw::JsonText(body, name);
  return text && *text ? **text : "";
}

Result<std::int64_t> JsonVersion(const json& body) {
  auto text = cw::JsonText(body, "version");
  if (!text) return text.error();
  return VersionOf(*text);
}

Response ListApi(Request& req, const ViewContext& ctx) {
  BidQuery query;
  if (auto status = req.Query("status"); status && !Trim(*status).empty()) {
    query.status = ParseBidStatus(Trim(*status));
    if (!query.status) return ApiFail(ctx, req, Error::Invalid({{"status", "validation.choice"}}));
  }
  auto bids = ctx.deps.bids.ListBids(ctx.actor, ctx.hub, query);
  if (!bids) return ApiFail(ctx, req, bids.error());
  json items = json::array();
  for (const auto& bid : *bids) items.push_back(bids_internal::BidJson(bid));
  return cw::JsonResponse({{"items", items}, {"total", items.size()}});
}

Response AlertsApi(Request& req, const ViewContext& ctx) {
  auto alerts = ctx.deps.bids.Alerts(ctx.actor, ctx.hub);
  if (!alerts) return ApiFail(ctx, req, alerts.error());
  json items = json::array();
  for (const auto& a : *alerts) {
    json item = bids_internal::BidJson(a.bid);
    item["days_left"] = a.days_left;
    item["threshold_days"] = a.threshold;
    items.push_back(std::move(item));
  }
  return cw::JsonResponse({{"items", items}});
}

Response CreateApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = BidInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto saved = ctx.deps.bids.CreateBid(ctx.actor, ctx.hub, *input);
  if (!saved) return ApiFail(ctx, req, saved.error());
  return Created(SavedBidJson(*saved), ApiBidsHref(ctx.hub) + "/" + std::to_string(saved->bid.id.value));
}

Response GetApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto bid = ctx.deps.bids.GetBid(ctx.actor, ctx.hub, *id);
  if (!bid) return ApiFail(ctx, req, bid.error());
  return cw::JsonResponse(bids_internal::BidJson(*bid));
}

Response UpdateApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = BidInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto saved = ctx.deps.bids.UpdateBid(ctx.actor, ctx.hub, *id, *version, *input);
  if (!saved) return ApiFail(ctx, req, saved.error());
  return cw::JsonResponse(SavedBidJson(*saved));
}

Response StatusApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto bid = ctx.deps.bids.ChangeStatus(ctx.actor, ctx.hub, *id, *version, Text(*body, "status"));
  if (!bid) return ApiFail(ctx, req, bid.error());
  return cw::JsonResponse(bids_internal::BidJson(*bid));
}

Response ChecklistAddApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto bid = ctx.deps.bids.AddChecklistItem(ctx.actor, ctx.hub, *id, Text(*body, "item"), Text(*body, "member_id"));
  if (!bid) return ApiFail(ctx, req, bid.error());
  return cw::JsonResponse(bids_internal::BidJson(*bid), 201);
}

Response ChecklistDoneApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto item = IdParam(req, "item");
  if (!item) return ApiFail(ctx, req, item.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  if (!body->contains("done") || !(*body)["done"].is_boolean())
    return ApiFail(ctx, req, Error::Invalid({{"done", "validation.boolean"}}));
  auto bid = ctx.deps.bids.SetChecklistDone(ctx.actor, ctx.hub, *id, *item, (*body)["done"].get<bool>());
  if (!bid) return ApiFail(ctx, req, bid.error());
  return cw::JsonResponse(bids_internal::BidJson(*bid));
}

Response ContractGetApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto share = ctx.deps.bids.GetContractShare(ctx.actor, ctx.hub, *id);
  if (!share) return ApiFail(ctx, req, share.error());
  return cw::JsonResponse(ContractShareJson(*share));
}

Response ContractPutApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  std::int64_t version = 0;
  if (body->contains("version")) {
    auto v = JsonVersion(*body);
    if (!v) return ApiFail(ctx, req, v.error());
    version = *v;
  }
  auto input = ContractInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto contract = ctx.deps.bids.SaveContract(ctx.actor, ctx.hub, *id, version, *input);
  if (!contract) return ApiFail(ctx, req, contract.error());
  return cw::JsonResponse(bids_internal::ContractJson(*contract), version == 0 ? 201 : 200);
}

// Euros as "amount", or cents as "amount_cents".
std::string AmountText(const json& body) {
  if (body.contains("amount_cents") && body["amount_cents"].is_number_integer()) {
    const auto cents = body["amount_cents"].get<std::int64_t>();
    if (cents < 0) return "-1";
    return std::to_string(cents / 100) + "," + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100);
  }
  return Text(body, "amount");
}

Response InvoiceApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  InvoiceInput in{Text(*body, "member_id"), Text(*body, "invoiced_on"), AmountText(*body), Text(*body, "reference")};
  auto invoice = ctx.deps.bids.DeclareInvoice(ctx.actor, ctx.hub, *id, in);
  if (!invoice) return ApiFail(ctx, req, invoice.error());
  return cw::JsonResponse(bids_internal::InvoiceJson(*invoice), 201);
}

Response CallApi(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  CallInput in{Text(*body, "period_from"), Text(*body, "period_to"), Text(*body, "due_on")};
  auto call = ctx.deps.bids.IssueCall(ctx.actor, ctx.hub, *id, in);
  if (!call) return ApiFail(ctx, req, call.error());
  return cw::JsonResponse(bids_internal::CallJson(*call), 201);
}

Response PaymentApi(Request& req, const ViewContext& ctx) {
  auto call = IdParam(req, "call");
  if (!call) return ApiFail(ctx, req, call.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  PaymentInput in{Text(*body, "member_id"), Text(*body, "paid_on"), AmountText(*body), Text(*body, "reference")};
  auto payment = ctx.deps.bids.RecordPayment(ctx.actor, ctx.hub, ShareCallId{*call}, in);
  if (!payment) return ApiFail(ctx, req, payment.error());
  return cw::JsonResponse(bids_internal::PaymentJson(*payment), 201);
}

Response OverviewApi(Request& req, const ViewContext& ctx) {
  auto overview = ctx.deps.bids.Overview(ctx.actor, ctx.hub);
  if (!overview) return ApiFail(ctx, req, overview.error());
  return cw::JsonResponse(OverviewJson(*overview));
}

Response DuesCsvApi(Request& req, const ViewContext& ctx) {
  auto overview = ctx.deps.bids.Overview(ctx.actor, ctx.hub);
  if (!overview) return ApiFail(ctx, req, overview.error());
  return Response::Download(DuesCsv(ctx, *overview), "text/csv; charset=utf-8",
                            "quote-part-" + ctx.hub.hub.slug + ".csv");
}

}  // namespace

void RegisterBidApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  using http::Method;
  const std::string bids = "/api/v1/hubs/{hub}/cooperation/bids";
  const std::string bid = bids + "/{bid}";
  router.Add(Method::kGet, bids, api(ListApi));
  router.Add(Method::kPost, bids, api(CreateApi));
  router.Add(Method::kGet, bids + "/alerts", api(AlertsApi));
  router.Add(Method::kGet, bid, api(GetApi));
  router.Add(Method::kPatch, bid, api(UpdateApi));
  router.Add(Method::kPost, bid + "/status", api(StatusApi));
  router.Add(Method::kPost, bid + "/checklist", api(ChecklistAddApi));
  router.Add(Method::kPost, bid + "/checklist/{item}", api(ChecklistDoneApi));
  router.Add(Method::kGet, bid + "/contract", api(ContractGetApi));
  router.Add(Method::kPut, bid + "/contract", api(ContractPutApi));
  router.Add(Method::kPost, bid + "/invoices", api(InvoiceApi));
  router.Add(Method::kPost, bid + "/calls", api(CallApi));
  const std::string share = "/api/v1/hubs/{hub}/cooperation/hub-share";
  router.Add(Method::kGet, share, api(OverviewApi));
  router.Add(Method::kGet, share + "/dues.csv", api(DuesCsvApi));
  router.Add(Method::kPost, share + "/calls/{call}/payments", api(PaymentApi));
}

}  // namespace coopole::cooperation::web::bids_web
