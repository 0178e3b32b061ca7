// The bid pages: the list (status filter, upcoming deadlines), the form (record, edit),
// the bid page (co-contractors, lots, checklist, status buttons).
#include "bids_pages.h"

#include "bids_rules.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web::bids_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

constexpr int kFormRows = 6;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

std::string DoneNotice(const Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done) return "";
  for (const char* known : {"created", "saved", "status", "checklist", "contract", "invoice", "call", "payment"})
    if (*done == known) return T(ctx, std::string("cooperation.bids.done.") + known);
  return "";
}

render::ViewList AlertList(const ViewContext& ctx) {
  render::ViewList list;
  auto alerts = ctx.deps.bids.Alerts(ctx.actor, ctx.hub);
  if (!alerts) return list;
  for (const auto& alert : *alerts) {
    render::View item = BidView(alert.bid, ctx);
    item.set("days_left", std::to_string(alert.days_left));
    item.set("threshold", std::to_string(alert.threshold));
    item.set("urgent", alert.threshold == 2);
    list.push_back(std::move(item));
  }
  return list;
}

Response ListPage(Request& req, const ViewContext& ctx) {
  BidQuery query;
  const std::string status(Trim(req.Query("status").value_or("")));
  if (!status.empty()) {
    query.status = ParseBidStatus(status);
    if (!query.status) return PageFail(ctx, req, Error::Invalid({{"status", "validation.choice"}}));
  }
  auto bids = ctx.deps.bids.ListBids(ctx.actor, ctx.hub, query);
  if (!bids) return PageFail(ctx, req, bids.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  render::ViewList items;
  for (const auto& bid : *bids) items.push_back(BidView(bid, ctx));
  view.set("bids", items);
  view.set("has_bids", !items.empty());
  render::ViewList statuses;
  for (const char* code : {"watching", "preparing", "submitted", "won", "lost", "withdrawn"}) {
    render::View o;
    o.set("value", code);
    o.set("label", T(ctx, std::string("cooperation.bids.status.") + code));
    o.set("selected", status == code);
    statuses.push_back(std::move(o));
  }
  view.set("status_options", statuses);
  auto alerts = AlertList(ctx);
  view.set("has_alerts", !alerts.empty());
  view.set("alerts", alerts);
  return ctx.deps.shell.Page(req, "cooperation/bid_list", std::move(view), "cooperation.bids.title", &ctx.hub);
}

// ---- the form -------------------------------------------------------------------------------

BidInput InputOf(const Bid& bid) {
  BidInput in;
  in.kind = BidKindCode(bid.kind);
  in.title = bid.title;
  in.buyer = bid.buyer;
  in.reference = bid.reference;
  in.notes = bid.notes;
  in.deadline = bid.deadline ? FormatLocalDateTime(*bid.deadline) : "";
  in.amount = bids_rules::PlainEuros(bid.amount);
  in.lead_member_id = std::to_string(bid.lead.value);
  std::vector<CoContractorInput> members;
  for (const auto& m : bid.members) members.push_back({std::to_string(m.member.value), std::to_string(m.share_bp), m.role});
  in.members = members;
  std::vector<LotInput> lots;
  for (const auto& l : bid.lots) lots.push_back({l.label, bids_rules::PlainEuros(l.amount)});
  in.lots = lots;
  return in;
}

std::string Value(const std::optional<std::string>& text) { return text.value_or(""); }

render::View FormView(const BidInput& in, const ViewContext& ctx) {
  render::View view = BaseView(ctx);
  render::ViewList kinds;
  for (const char* code : {"call_for_projects", "tender"}) {
    render::View o;
    o.set("value", code);
    o.set("label", T(ctx, std::string("cooperation.bids.kind.") + code));
    o.set("selected", Value(in.kind) == code);
    kinds.push_back(std::move(o));
  }
  view.set("kind_options", kinds);
  view.set("title_value", Value(in.title));
  view.set("buyer", Value(in.buyer));
  view.set("reference", Value(in.reference));
  view.set("notes", Value(in.notes));
  view.set("deadline", Value(in.deadline));
  view.set("amount", Value(in.amount));
  const auto lead = cw::ParseId(Value(in.lead_member_id)).value_or(0);
  view.set("lead_options", MemberOptions(ctx, lead));
  view.set("lead_fixed", !IsCoordinator(ctx));
  view.set("lead_member_id", Value(in.lead_member_id));
  render::ViewList rows;
  std::int64_t total = 0;
  for (int i = 0; i < kFormRows; ++i) {
    CoContractorInput m = in.members && i < static_cast<int>(in.members->size()) ? (*in.members)[i]
                                                                                 : CoContractorInput{};
    render::View row;
    row.set("n", std::to_string(i));
    row.set("member_options", MemberOptions(ctx, cw::ParseId(m.member_id).value_or(0)));
    auto bp = bids_rules::ParseBasisPoints(m.share_bp);
    if (bp) total += *bp;
    row.set("share", bp ? bids_rules::FormatBasisPoints(*bp) : std::string());
    row.set("subcontractor", m.role == kRoleSubcontractor);
    rows.push_back(std::move(row));
  }
  view.set("member_rows", rows);
  view.set("share_total", Percent(total));
  render::ViewList lots;
  for (int i = 0; i < kFormRows; ++i) {
    LotInput l = in.lots && i < static_cast<int>(in.lots->size()) ? (*in.lots)[i] : LotInput{};
    render::View row;
    row.set("n", std::to_string(i));
    row.set("label", l.label);
    row.set("amount", l.amount);
    lots.push_back(std::move(row));
  }
  view.set("lot_rows", lots);
  return view;
}

struct FormMode {
  std::optional<BidId> bid;
  std::int64_t version = 0;
};

Response FormPage(const Request& req, const ViewContext& ctx, const BidInput& input, FormMode mode,
                  const Error* error) {
  render::View view = FormView(input, ctx);
  view.set("is_edit", mode.bid.has_value());
  view.set("action", mode.bid ? BidHref(ctx.hub, *mode.bid) : BidsHref(ctx.hub));
  view.set("cancel_href", mode.bid ? BidHref(ctx.hub, *mode.bid) : BidsHref(ctx.hub));
  view.set("version", std::to_string(mode.version));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.bids.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "cooperation/bid_form", std::move(view),
                             mode.bid ? "cooperation.bids.edit_title" : "cooperation.bids.new_title", &ctx.hub, status);
}

Response NewPage(Request& req, const ViewContext& ctx) {
  if (!IsCoordinator(ctx) && !OwnMember(ctx)) return PageFail(ctx, req, Error::Denied());
  BidInput in;
  in.kind = "call_for_projects";
  if (auto own = OwnMember(ctx)) {
    in.lead_member_id = std::to_string(own->value);
    in.members = std::vector<CoContractorInput>{{std::to_string(own->value), "10000", ""}};
  }
  return FormPage(req, ctx, in, {}, nullptr);
}

std::string WarningQuery(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings)
    if (w == "cooperation.bids.warning.deadline_past") return "&warn=deadline_past";
  return "";
}

Response CreatePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const BidInput input = BidInputFromForm(*form);
  auto saved = ctx.deps.bids.CreateBid(ctx.actor, ctx.hub, input);
  if (!saved) {
    if (IsFormError(saved.error())) return FormPage(req, ctx, input, {}, &saved.error());
    return PageFail(ctx, req, saved.error());
  }
  return Response::Redirect(BidHref(ctx.hub, saved->bid.id) + "?done=created" + WarningQuery(saved->warnings));
}

Response EditPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto bid = ctx.deps.bids.GetBid(ctx.actor, ctx.hub, *id);
  if (!bid) return PageFail(ctx, req, bid.error());
  if (!IsCoordinator(ctx) && OwnMember(ctx) != bid->lead) return PageFail(ctx, req, Error::Denied());
  return FormPage(req, ctx, InputOf(*bid), {*id, bid->version}, nullptr);
}

Response UpdatePage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const BidInput input = BidInputFromForm(*form);
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return FormPage(req, ctx, input, {*id, 0}, &version.error());
  auto saved = ctx.deps.bids.UpdateBid(ctx.actor, ctx.hub, *id, *version, input);
  if (saved) return Response::Redirect(BidHref(ctx.hub, *id) + "?done=saved" + WarningQuery(saved->warnings));
  if (!IsFormError(saved.error())) return PageFail(ctx, req, saved.error());
  FormMode mode{*id, *version};
  if (saved.error().fields.count("version")) {
    auto current = ctx.deps.bids.GetBid(ctx.actor, ctx.hub, *id);
    if (!current) return PageFail(ctx, req, current.error());
    mode.version = current->version;
  }
  return FormPage(req, ctx, input, mode, &saved.error());
}

// ---- the bid page ---------------------------------------------------------------------------

Response BidPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto bid = ctx.deps.bids.GetBid(ctx.actor, ctx.hub, *id);
  if (!bid) return PageFail(ctx, req, bid.error());
  render::View view = BaseView(ctx);
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  std::vector<std::string> warnings;
  if (req.Query("warn") == std::optional<std::string>("deadline_past"))
    warnings.push_back("cooperation.bids.warning.deadline_past");
  view.set("warnings", WarningList(ctx, warnings));
  view.set("has_warnings", !warnings.empty());
  view.set("bid", BidView(*bid, ctx));
  const bool may_edit = IsCoordinator(ctx) || OwnMember(ctx) == bid->lead;
  view.set("may_edit", may_edit);
  view.set("edit_href", BidHref(ctx.hub, *id) + "/edit");
  view.set("status_action", BidHref(ctx.hub, *id) + "/status");
  view.set("checklist_action", BidHref(ctx.hub, *id) + "/checklist");
  view.set("version", std::to_string(bid->version));
  view.set("notes", bid->notes);
  view.set("has_notes", !bid->notes.empty());
  render::ViewList next;
  if (may_edit) {
    for (auto status : bids_rules::NextStatuses(bid->status)) {
      render::View b;
      b.set("value", BidStatusCode(status));
      b.set("label", T(ctx, std::string("cooperation.bids.move.") + BidStatusCode(status)));
      next.push_back(std::move(b));
    }
  }
  view.set("next_statuses", next);
  view.set("has_next_statuses", !next.empty());
  render::ViewList lots;
  for (const auto& lot : bid->lots) {
    render::View l;
    l.set("label", lot.label);
    l.set("amount", Euros(ctx, lot.amount));
    lots.push_back(std::move(l));
  }
  view.set("lots", lots);
  view.set("has_lots", !lots.empty());
  render::ViewList items;
  for (const auto& item : bid->checklist) {
    render::View c;
    c.set("item", item.item);
    c.set("who", item.who_name);
    c.set("has_who", item.who.has_value());
    c.set("done", item.done);
    c.set("action", BidHref(ctx.hub, *id) + "/checklist/" + std::to_string(item.id));
    c.set("may_tick", may_edit || (item.who && OwnMember(ctx) == item.who));
    items.push_back(std::move(c));
  }
  view.set("checklist", items);
  view.set("has_checklist", !items.empty());
  render::ViewList who;
  for (const auto& m : bid->members) {
    render::View o;
    o.set("value", std::to_string(m.member.value));
    o.set("label", m.name);
    who.push_back(std::move(o));
  }
  view.set("who_options", who);
  view.set("is_won", bid->status == BidStatus::kWon);
  return ctx.deps.shell.PageTitled(req, "cooperation/bid_detail", std::move(view), bid->title, &ctx.hub);
}

Response StatusPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = VersionOf(http::FormValue(*form, "version"));
  if (!version) return PageFail(ctx, req, version.error());
  auto bid = ctx.deps.bids.ChangeStatus(ctx.actor, ctx.hub, *id, *version,
                                        http::FormValue(*form, "status").value_or(""));
  if (!bid) return PageFail(ctx, req, bid.error());
  if (bid->status == BidStatus::kWon && IsCoordinator(ctx))
    return Response::Redirect(ContractHref(ctx.hub, *id) + "?done=status");
  return Response::Redirect(BidHref(ctx.hub, *id) + "?done=status");
}

Response ChecklistAddPage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto bid = ctx.deps.bids.AddChecklistItem(ctx.actor, ctx.hub, *id, http::FormValue(*form, "item").value_or(""),
                                            http::FormValue(*form, "member_id").value_or(""));
  if (!bid) return PageFail(ctx, req, bid.error());
  return Response::Redirect(BidHref(ctx.hub, *id) + "?done=checklist#checklist");
}

Response ChecklistDonePage(Request& req, const ViewContext& ctx) {
  auto id = BidParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto item = IdParam(req, "item");
  if (!item) return PageFail(ctx, req, item.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const bool done = http::FormValue(*form, "done") == std::optional<std::string>("1");
  auto bid = ctx.deps.bids.SetChecklistDone(ctx.actor, ctx.hub, *id, *item, done);
  if (!bid) return PageFail(ctx, req, bid.error());
  return Response::Redirect(BidHref(ctx.hub, *id) + "?done=checklist#checklist");
}

}  // namespace

void RegisterBidPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  const std::string bids = "/hubs/{hub}/cooperation/bids";
  const std::string bid = bids + "/{bid}";
  router.Add(http::Method::kGet, bids, page(ListPage));
  router.Add(http::Method::kGet, bids + "/new", page(NewPage));
  router.Add(http::Method::kPost, bids, page(CreatePage));
  router.Add(http::Method::kGet, bid, page(BidPage));
  router.Add(http::Method::kGet, bid + "/edit", page(EditPage));
  router.Add(http::Method::kPost, bid, page(UpdatePage));
  router.Add(http::Method::kPost, bid + "/status", page(StatusPage));
  router.Add(http::Method::kPost, bid + "/checklist", page(ChecklistAddPage));
  router.Add(http::Method::kPost, bid + "/checklist/{item}", page(ChecklistDonePage));
}

}  // namespace coopole::cooperation::web::bids_web
