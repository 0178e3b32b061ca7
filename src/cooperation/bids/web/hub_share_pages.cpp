// The contract and hub-share pages: the contract of a won bid (terms, per co-contractor
// amounts and rates), invoices declared, calls and payments; the hub-share overview with
// arrears per member, and its CSV export.
#include "bids_pages.h"

#include "bids_internal.h"

#include "bids_rules.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web::bids_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

render::View RowView(const MemberShareRow& r, const ViewContext& ctx) {
  render::View v;
  v.set("bid_title", r.bid_title);
  v.set("bid_href", r.bid.value ? ContractHref(ctx.hub, r.bid) : "");
  v.set("member_name", r.member_name);
  v.set("rate", Percent(r.rate_bp));
  v.set("invoiced", Euros(ctx, r.invoiced));
  v.set("due", Euros(ctx, r.due));
  v.set("called", Euros(ctx, r.called));
  v.set("paid", Euros(ctx, r.paid));
  v.set("arrears", Euros(ctx, r.arrears));
  v.set("in_arrears", r.arrears.cents > 0);
  return v;
}

render::View TotalsView(const ShareTotals& t, const ViewContext& ctx) {
  render::View v;
  v.set("invoiced", Euros(ctx, t.invoiced));
  v.set("due", Euros(ctx, t.due));
  v.set("called", Euros(ctx, t.called));
  v.set("paid", Euros(ctx, t.paid));
  v.set("arrears", Euros(ctx, t.arrears));
  return v;
}

render::ViewList CallViews(const std::vector<ShareCall>& calls, const ViewContext& ctx, bool payable) {
  render::ViewList list;
  for (const auto& c : calls) {
    render::View v;
    v.set("id", std::to_string(c.id.value));
    v.set("bid_title", c.bid_title);
    v.set("period", FormatDate(c.period_from, ctx.lang) + " – " + FormatDate(c.period_to, ctx.lang));
    v.set("due_on", FormatDate(c.due_on, ctx.lang));
    v.set("total", Euros(ctx, c.total));
    v.set("paid", Euros(ctx, c.paid));
    v.set("overdue", c.overdue);
    v.set("payable", payable);
    v.set("payment_action", HubShareHref(ctx.hub) + "/calls/" + std::to_string(c.id.value) + "/payments");
    render::ViewList lines;
    for (const auto& l : c.lines) {
      render::View line;
      line.set("member_id", std::to_string(l.member.value));
      line.set("member_name", l.member_name);
      line.set("amount", Euros(ctx, l.amount));
      line.set("paid", Euros(ctx, l.paid));
      lines.push_back(std::move(line));
    }
    v.set("lines", lines);
    list.push_back(std::move(v));
  }
  return list;
}

// The contract form's values: the input typed, else the saved contract, else defaults.
void SetContractForm(render::View& view, const Bid& bid, const std::optional<Contract>& saved,
                     const ContractInput* typed) {
  ContractInput in;
  if (typed) {
    in = *typed;
  } else if (saved) {
    in.reference = saved->reference;
    in.signed_on = FormatIsoDate(saved->signed_on);
    in.start_on = FormatIsoDate(saved->start_on);
    in.end_on = FormatIsoDate(saved->end_on);
    in.amount = bids_rules::PlainEuros(saved->amount);
    in.hub_rate = bids_rules::FormatBasisPoints(saved->hub_rate_bp);
    in.cap = saved->cap ? bids_rules::PlainEuros(*saved->cap) : "";
    for (const auto& m : saved->members)
      in.members.push_back({std::to_string(m.member.value), bids_rules::PlainEuros(m.amount),
                            m.rate_bp ? bids_rules::FormatBasisPoints(*m.rate_bp) : ""});
  } else {
    in.amount = bids_rules::PlainEuros(bid.amount);
  }
  view.set("f_reference", in.reference);
  view.set("f_signed_on", in.signed_on);
  view.set("f_start_on", in.start_on);
  view.set("f_end_on", in.end_on);
  view.set("f_amount", in.amount);
  view.set("f_hub_rate", in.hub_rate);
  view.set("f_cap", in.cap);
  render::ViewList rows;
  int n = 0;
  for (const auto& m : bid.members) {
    render::View row;
    row.set("n", std::to_string(n++));
    row.set("member_id", std::to_string(m.member.value));
    row.set("name", m.name);
    row.set("share", Percent(m.share_bp));
    for (const auto& typed_member : in.members) {
      if (typed_member.member_id != std::to_string(m.member.value)) continue;
      row.set("amount", typed_member.amount);
      row.set("rate", typed_member.rate);
    }
    rows.push_back(std::move(row));
  }
  view.set("contract_members", rows);
  view.set("contract_version", std::to_string(saved ? saved->version : 0));
}

Response ContractPageWith(const Request& req, const ViewContext& ctx, BidId id, const Error* error,
                          const ContractInput* typed_contract) {
  auto bid = ctx.deps.bids.GetBid(ctx.actor, ctx.hub, id);
  if (!bid) return PageFail(ctx, req, bid.error());
  render::View view = BaseView(ctx);
  view.set("bid", BidView(*bid, ctx));
  view.set("bid_href", BidHref(ctx.hub, id));
  view.set("action", ContractHref(ctx.hub, id));
  view.set("invoice_action", BidHref(ctx.hub, id) + "/invoices");
  view.set("call_action", BidHref(ctx.hub, id) + "/calls");
  if (auto done = req.Query("done"))
    for (const char* known : {"status", "contract", "invoice", "call", "payment"})
      if (*done == known) view.set("done_notice", T(ctx, std::string("cooperation.bids.done.") + known));
  std::optional<Contract> contract;
  auto share = ctx.deps.bids.GetContractShare(ctx.actor, ctx.hub, id);
  if (share) contract = share->contract;
  else if (share.error().code != ErrorCode::kNotFound) return PageFail(ctx, req, share.error());
  view.set("has_contract", contract.has_value());
  view.set("own_only", !bids_internal::ReadsEveryShare(ctx.actor, ctx.hub));
  view.set("is_won", bid->status == BidStatus::kWon);
  const bool coordinator = IsCoordinator(ctx);
  view.set("may_declare", contract.has_value() && (coordinator || OwnMember(ctx).has_value()));
  view.set("choose_member", coordinator);
  render::ViewList invoice_members;
  if (share) {
    const auto& c = share->contract;
    view.set("contract_reference", c.reference);
    view.set("signed_on", FormatDate(c.signed_on, ctx.lang));
    view.set("period", FormatDate(c.start_on, ctx.lang) + " – " + FormatDate(c.end_on, ctx.lang));
    view.set("contract_amount", Euros(ctx, c.amount));
    view.set("hub_rate", Percent(c.hub_rate_bp));
    view.set("has_cap", c.cap.has_value());
    if (c.cap) view.set("cap", Euros(ctx, *c.cap));
    render::ViewList rows;
    for (const auto& r : share->rows) rows.push_back(RowView(r, ctx));
    view.set("rows", rows);
    view.set("totals", TotalsView(share->totals, ctx));
    render::ViewList contract_members;
    for (const auto& m : c.members) {
      render::View v;
      v.set("name", m.name);
      v.set("amount", Euros(ctx, m.amount));
      contract_members.push_back(std::move(v));
      render::View o;
      o.set("value", std::to_string(m.member.value));
      o.set("label", m.name);
      invoice_members.push_back(std::move(o));
    }
    view.set("contract_split", contract_members);
    render::ViewList invoices;
    for (const auto& i : share->invoices) {
      render::View v;
      v.set("member_name", i.member_name);
      v.set("invoiced_on", FormatDate(i.invoiced_on, ctx.lang));
      v.set("amount", Euros(ctx, i.amount));
      v.set("reference", i.reference);
      v.set("share_due", Euros(ctx, i.share_due));
      v.set("called", i.call.has_value());
      invoices.push_back(std::move(v));
    }
    view.set("invoices", invoices);
    view.set("has_invoices", !invoices.empty());
    auto calls = CallViews(share->calls, ctx, coordinator);
    view.set("calls", calls);
    view.set("has_calls", !calls.empty());
  }
  view.set("invoice_members", invoice_members);
  SetContractForm(view, *bid, contract, typed_contract);
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.hub_share.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, "cooperation/hub_share_contract", std::move(view),
                                   T(ctx, "cooperation.hub_share.contract_title") + " — " + bid->title, &ctx.hub,
                                   status);
}

Response ContractPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  return ContractPageWith(req, ctx, *id, nullptr, nullptr);
}

Response SaveContractPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const ContractInput input = ContractInputFromForm(*form);
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return ContractPageWith(req, ctx, *id, &version.error(), &input);
  auto saved = ctx.deps.bids.SaveContract(ctx.actor, ctx.hub, *id, *version, input);
  if (saved) return Response::Redirect(ContractHref(ctx.hub, *id) + "?done=contract");
  if (!IsFormError(saved.error())) return PageFail(ctx, req, saved.error());
  return ContractPageWith(req, ctx, *id, &saved.error(), &input);
}

Response InvoicePage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  InvoiceInput in{http::FormValue(*form, "member_id").value_or(""), http::FormValue(*form, "invoiced_on").value_or(""),
                  http::FormValue(*form, "amount").value_or(""), http::FormValue(*form, "reference").value_or("")};
  auto invoice = ctx.deps.bids.DeclareInvoice(ctx.actor, ctx.hub, *id, in);
  if (invoice) return Response::Redirect(ContractHref(ctx.hub, *id) + "?done=invoice#invoices");
  if (!IsFormError(invoice.error())) return PageFail(ctx, req, invoice.error());
  return ContractPageWith(req, ctx, *id, &invoice.error(), nullptr);
}

Response CallPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  CallInput in{http::FormValue(*form, "period_from").value_or(""), http::FormValue(*form, "period_to").value_or(""),
               http::FormValue(*form, "due_on").value_or("")};
  auto call = ctx.deps.bids.IssueCall(ctx.actor, ctx.hub, *id, in);
  if (call) return Response::Redirect(ContractHref(ctx.hub, *id) + "?done=call#calls");
  if (!IsFormError(call.error())) return PageFail(ctx, req, call.error());
  return ContractPageWith(req, ctx, *id, &call.error(), nullptr);
}

Response OverviewPageWith(const Request& req, const ViewContext& ctx, const Error* error) {
  auto overview = ctx.deps.bids.Overview(ctx.actor, ctx.hub);
  if (!overview) return PageFail(ctx, req, overview.error());
  render::View view = BaseView(ctx);
  if (req.Query("done") == std::optional<std::string>("payment"))
    view.set("done_notice", T(ctx, "cooperation.bids.done.payment"));
  render::ViewList rows, members;
  for (const auto& r : overview->rows) rows.push_back(RowView(r, ctx));
  for (const auto& r : overview->arrears_by_member) members.push_back(RowView(r, ctx));
  view.set("rows", rows);
  view.set("has_rows", !rows.empty());
  view.set("members", members);
  view.set("totals", TotalsView(overview->totals, ctx));
  auto calls = CallViews(overview->calls, ctx, IsCoordinator(ctx));
  view.set("calls", calls);
  view.set("has_calls", !calls.empty());
  view.set("csv_href", HubShareHref(ctx.hub) + "/dues.csv");
  view.set("own_only", !bids_internal::ReadsEveryShare(ctx.actor, ctx.hub));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.hub_share.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "cooperation/hub_share_overview", std::move(view), "cooperation.hub_share.title",
                             &ctx.hub, status);
}

Response OverviewPage(Request& req, const ViewContext& ctx) { return OverviewPageWith(req, ctx, nullptr); }

Response PaymentPage(Request& req, const ViewContext& ctx) {
  auto call = IdParam(req, "call");
  if (!call) return PageFail(ctx, req, call.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  PaymentInput in{http::FormValue(*form, "member_id").value_or(""), http::FormValue(*form, "paid_on").value_or(""),
                  http::FormValue(*form, "amount").value_or(""), http::FormValue(*form, "reference").value_or("")};
  auto payment = ctx.deps.bids.RecordPayment(ctx.actor, ctx.hub, ShareCallId{*call}, in);
  if (payment) return Response::Redirect(HubShareHref(ctx.hub) + "?done=payment#calls");
  if (!IsFormError(payment.error())) return PageFail(ctx, req, payment.error());
  return OverviewPageWith(req, ctx, &payment.error());
}

Response DuesCsvPage(Request& req, const ViewContext& ctx) {
  auto overview = ctx.deps.bids.Overview(ctx.actor, ctx.hub);
  if (!overview) return PageFail(ctx, req, overview.error());
  return Response::Download(DuesCsv(ctx, *overview), "text/csv; charset=utf-8",
                            "quote-part-" + ctx.hub.hub.slug + ".csv");
}

}  // namespace

void RegisterHubSharePages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  const std::string bid = "/hubs/{hub}/cooperation/bids/{bid}";
  router.Add(http::Method::kGet, bid + "/contract", page(ContractPage));
  router.Add(http::Method::kPost, bid + "/contract", page(SaveContractPage));
  router.Add(http::Method::kPost, bid + "/invoices", page(InvoicePage));
  router.Add(http::Method::kPost, bid + "/calls", page(CallPage));
  const std::string share = "/hubs/{hub}/cooperation/hub-share";
  router.Add(http::Method::kGet, share, page(OverviewPage));
  router.Add(http::Method::kGet, share + "/dues.csv", page(DuesCsvPage));
  router.Add(http::Method::kPost, share + "/calls/{call}/payments", page(PaymentPage));
}

}  // namespace coopole::cooperation::web::bids_web
