#include "bids_web.h"

#include <cstdlib>

#include "bids_internal.h"
#include "bids_rules.h"
#include "coopole/core/money.h"
#include "coopole/core/text.h"
#include "coopole/tabular/tabular.h"

namespace coopole::cooperation::web::bids_web {

namespace cw = coopole::web;
using nlohmann::json;

http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   // A copy of `deps` (references and one function) lives in the route: the
                   // Dependencies given to RegisterRoutes do not outlive it.
                   [deps, handler = std::move(handler)](http::Request& req, const cw::HubRequest& in) {
                     return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                   });
}

http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.ErrorResponse(req, error);
}
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return ctx.deps.shell.JsonError(req, error);
}

std::string CoopBase(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/cooperation"; }
std::string BidsHref(const hubs::HubContext& hub) { return CoopBase(hub) + "/bids"; }
std::string BidHref(const hubs::HubContext& hub, BidId id) { return BidsHref(hub) + "/" + std::to_string(id.value); }
std::string ContractHref(const hubs::HubContext& hub, BidId id) { return BidHref(hub, id) + "/contract"; }
std::string HubShareHref(const hubs::HubContext& hub) { return CoopBase(hub) + "/hub-share"; }
std::string ApiBidsHref(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/cooperation/bids"; }

Result<std::int64_t> IdParam(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return *id;
}
Result<BidId> BidParam(const http::Request& req) {
  auto id = IdParam(req, "bid");
  if (!id) return id.error();
  return BidId{*id};
}

Result<std::int64_t> VersionOf(const std::optional<std::string>& text) {
  if (text) {
    std::string_view t = Trim(*text);
    if (t == "0") return std::int64_t{0};
    if (auto v = cw::ParseId(t)) return *v;
  }
  return Error::Invalid({{"version", "validation.integer"}});
}

bool IsCoordinator(const ViewContext& ctx) { return bids_internal::IsCoordinator(ctx.actor, ctx.hub); }
std::optional<MemberId> OwnMember(const ViewContext& ctx) { return bids_internal::OwnMember(ctx.hub); }
std::string T(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }
std::string Euros(const ViewContext& ctx, Money money) { return FormatMoney(money, ctx.lang) + " €"; }
std::string Percent(std::int64_t bp) { return bids_rules::FormatBasisPoints(bp) + " %"; }

render::View BaseView(const ViewContext& ctx) {
  render::View view;
  view.set("coop_base", CoopBase(ctx.hub));
  view.set("bids_href", BidsHref(ctx.hub));
  view.set("new_bid_href", BidsHref(ctx.hub) + "/new");
  view.set("hub_share_href", HubShareHref(ctx.hub));
  view.set("is_coordinator", IsCoordinator(ctx));
  view.set("may_create", IsCoordinator(ctx) || OwnMember(ctx).has_value());
  return view;
}

render::View BidView(const Bid& bid, const ViewContext& ctx) {
  render::View v;
  v.set("id", std::to_string(bid.id.value));
  v.set("href", BidHref(ctx.hub, bid.id));
  v.set("title", bid.title);
  v.set("kind", T(ctx, std::string("cooperation.bids.kind.") + BidKindCode(bid.kind)));
  v.set("buyer", bid.buyer);
  v.set("reference", bid.reference);
  v.set("has_reference", !bid.reference.empty());
  v.set("status", BidStatusCode(bid.status));
  v.set("status_label", T(ctx, std::string("cooperation.bids.status.") + BidStatusCode(bid.status)));
  v.set("has_deadline", bid.deadline.has_value());
  if (bid.deadline) {
    v.set("deadline", FormatDate(bid.deadline->date, ctx.lang) + " " + FormatClock(bid.deadline->minute));
    v.set("deadline_iso", FormatLocalDateTime(*bid.deadline));
  }
  v.set("amount", Euros(ctx, bid.amount));
  v.set("lead_name", bid.lead_name);
  render::ViewList members;
  for (const auto& m : bid.members) {
    render::View item;
    item.set("name", m.name);
    item.set("share", Percent(m.share_bp));
    item.set("role", T(ctx, "cooperation.bids.role." + m.role));
    item.set("is_lead", m.role == kRoleLead);
    members.push_back(std::move(item));
  }
  v.set("members", members);
  v.set("member_count", std::to_string(bid.members.size()));
  v.set("has_contract", bid.has_contract);
  v.set("contract_href", ContractHref(ctx.hub, bid.id));
  return v;
}

render::ViewList MemberOptions(const ViewContext& ctx, std::int64_t selected) {
  render::ViewList list;
  if (!ctx.deps.member_choices) return list;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    render::View o;
    o.set("value", std::to_string(id));
    o.set("label", name);
    o.set("selected", id == selected);
    list.push_back(std::move(o));
  }
  return list;
}

render::ViewList WarningList(const ViewContext& ctx, const std::vector<std::string>& keys) {
  render::ViewList list;
  for (const auto& key : keys) {
    render::View w;
    w.set("text", T(ctx, key));
    list.push_back(std::move(w));
  }
  return list;
}

namespace {

constexpr int kFormRows = 6;

std::string Field(const http::FormFields& form, const std::string& name) {
  return http::FormValue(form, name).value_or("");
}

// Percent as typed in the form -> basis points text; unparsable text passes through so
// that the service reports it on "shares".
std::string PercentToBasisPoints(const std::string& text) {
  if (Trim(text).empty()) return "";
  if (auto bp = bids_rules::ParsePercent(text)) return std::to_string(*bp);
  return "invalid";
}

// Cents as euros text for the service to parse; a negative amount (refused as such) stays
// negative without negating it (the smallest int64 has no positive counterpart).
std::string CentsText(std::int64_t cents) {
  if (cents < 0) return "-1";
  return std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100);
}

// A rate in basis points from JSON as percent text; outside 0-100 % it is left to the
// service to refuse ("-1").
std::string RateText(std::int64_t bp) {
  if (bp < 0 || bp > bids_rules::kWhole) return "-1";
  return bids_rules::FormatBasisPoints(bp);
}

// A JSON member as text: "amount" as euros, or "<name>_cents" as an integer.
Result<std::optional<std::string>> EurosOrCents(const json& body, const std::string& name) {
  if (body.contains(name + "_cents")) {
    const auto& cents = body[name + "_cents"];
    if (!cents.is_number_integer()) return Error::Invalid({{name, "validation.integer"}});
    return std::optional<std::string>(CentsText(cents.get<std::int64_t>()));
  }
  return cw::JsonText(body, name);
}

std::string Or(const std::optional<std::string>& text) { return text.value_or(""); }

}  // namespace

BidInput BidInputFromForm(const http::FormFields& form) {
  BidInput in;
  in.kind = http::FormValue(form, "kind");
  in.title = http::FormValue(form, "title");
  in.buyer = http::FormValue(form, "buyer");
  in.reference = http::FormValue(form, "reference");
  in.notes = http::FormValue(form, "notes");
  in.deadline = http::FormValue(form, "deadline");
  in.amount = http::FormValue(form, "amount");
  in.lead_member_id = http::FormValue(form, "lead_member_id");
  std::vector<CoContractorInput> members;
  std::vector<LotInput> lots;
  for (int i = 0; i < kFormRows; ++i) {
    const std::string n = std::to_string(i);
    members.push_back({Field(form, "member_id_" + n), PercentToBasisPoints(Field(form, "share_" + n)),
                       Field(form, "role_" + n)});
    lots.push_back({Field(form, "lot_label_" + n), Field(form, "lot_amount_" + n)});
  }
  in.members = std::move(members);
  in.lots = std::move(lots);
  return in;
}

Result<BidInput> BidInputFromJson(const json& body) {
  BidInput in;
  for (auto [name, target] : {std::pair{"kind", &in.kind}, std::pair{"title", &in.title},
                              std::pair{"buyer", &in.buyer}, std::pair{"reference", &in.reference},
                              std::pair{"notes", &in.notes}, std::pair{"deadline", &in.deadline},
                              std::pair{"lead_member_id", &in.lead_member_id}}) {
    auto text = cw::JsonText(body, name);
    if (!text) return text.error();
    *target = *text;
  }
  auto amount = EurosOrCents(body, "amount");
  if (!amount) return amount.error();
  in.amount = *amount;
  if (body.contains("members")) {
    if (!body["members"].is_array()) return Error::Invalid({{"members", "validation.type"}});
    std::vector<CoContractorInput> members;
    for (const auto& m : body["members"]) {
      if (!m.is_object()) return Error::Invalid({{"members", "validation.type"}});
      auto id = cw::JsonText(m, "member_id");
      auto bp = cw::JsonText(m, "share_bp");
      auto percent = cw::JsonText(m, "share_percent");
      auto role = cw::JsonText(m, "role");
      if (!id || !bp || !percent || !role) return Error::Invalid({{"members", "validation.type"}});
      std::string share = *bp ? **bp : (*percent ? PercentToBasisPoints(**percent) : "");
      members.push_back({Or(*id), share, Or(*role)});
    }
    in.members = std::move(members);
  }
  if (body.contains("lots")) {
    if (!body["lots"].is_array()) return Error::Invalid({{"lots", "validation.type"}});
    std::vector<LotInput> lots;
    for (const auto& l : body["lots"]) {
      if (!l.is_object()) return Error::Invalid({{"lots", "validation.type"}});
      auto label = cw::JsonText(l, "label");
      auto lot_amount = EurosOrCents(l, "amount");
      if (!label || !lot_amount) return Error::Invalid({{"lots", "validation.type"}});
      lots.push_back({Or(*label), Or(*lot_amount)});
    }
    in.lots = std::move(lots);
  }
  return in;
}

ContractInput ContractInputFromForm(const http::FormFields& form) {
  ContractInput in;
  in.reference = Field(form, "reference");
  in.signed_on = Field(form, "signed_on");
  in.start_on = Field(form, "start_on");
  in.end_on = Field(form, "end_on");
  in.amount = Field(form, "amount");
  in.hub_rate = Field(form, "hub_rate");
  in.cap = Field(form, "cap");
  for (int i = 0; i < 20; ++i) {
    const std::string n = std::to_string(i);
    auto id = http::FormValue(form, "member_id_" + n);
    if (!id) break;
    in.members.push_back({*id, Field(form, "member_amount_" + n), Field(form, "member_rate_" + n)});
  }
  return in;
}

Result<ContractInput> ContractInputFromJson(const json& body) {
  ContractInput in;
  for (auto [name, target] : {std::pair{"reference", &in.reference}, std::pair{"signed_on", &in.signed_on},
                              std::pair{"start_on", &in.start_on}, std::pair{"end_on", &in.end_on}}) {
    auto text = cw::JsonText(body, name);
    if (!text) return text.error();
    *target = Or(*text);
  }
  auto amount = EurosOrCents(body, "amount");
  if (!amount) return amount.error();
  in.amount = Or(*amount);
  auto cap = EurosOrCents(body, "cap");
  if (!cap) return cap.error();
  in.cap = Or(*cap);
  if (body.contains("hub_rate_bp")) {
    if (!body["hub_rate_bp"].is_number_integer()) return Error::Invalid({{"hub_rate", "cooperation.hub_share.error.rate"}});
    in.hub_rate = RateText(body["hub_rate_bp"].get<std::int64_t>());
  } else {
    auto rate = cw::JsonText(body, "hub_rate_percent");
    if (!rate) return rate.error();
    in.hub_rate = Or(*rate);
  }
  if (body.contains("members")) {
    if (!body["members"].is_array()) return Error::Invalid({{"members", "validation.type"}});
    for (const auto& m : body["members"]) {
      if (!m.is_object()) return Error::Invalid({{"members", "validation.type"}});
      auto id = cw::JsonText(m, "member_id");
      auto member_amount = EurosOrCents(m, "amount");
      if (!id || !member_amount) return Error::Invalid({{"members", "validation.type"}});
      std::string rate;
      if (m.contains("rate_bp") && m["rate_bp"].is_number_integer()) {
        rate = RateText(m["rate_bp"].get<std::int64_t>());
      } else if (m.contains("rate_bp") && !m["rate_bp"].is_null()) {
        return Error::Invalid({{"rates", "cooperation.hub_share.error.rate"}});
      }
      in.members.push_back({Or(*id), Or(*member_amount), rate});
    }
  }
  return in;
}

json SavedBidJson(const SavedBid& saved) {
  json doc = bids_internal::BidJson(saved.bid);
  doc["warnings"] = saved.warnings;
  return doc;
}

json ContractShareJson(const ContractShare& share) {
  json invoices = json::array(), calls = json::array(), rows = json::array();
  for (const auto& i : share.invoices) invoices.push_back(bids_internal::InvoiceJson(i));
  for (const auto& c : share.calls) calls.push_back(bids_internal::CallJson(c));
  for (const auto& r : share.rows) rows.push_back(bids_internal::ShareRowJson(r));
  return {{"bid", bids_internal::BidJson(share.bid)},
          {"contract", bids_internal::ContractJson(share.contract)},
          {"invoices", invoices},
          {"calls", calls},
          {"members", rows},
          {"totals", bids_internal::TotalsJson(share.totals)}};
}

json OverviewJson(const HubShareOverview& overview) {
  json rows = json::array(), by_member = json::array(), calls = json::array();
  for (const auto& r : overview.rows) rows.push_back(bids_internal::ShareRowJson(r));
  for (const auto& r : overview.arrears_by_member) by_member.push_back(bids_internal::ShareRowJson(r));
  for (const auto& c : overview.calls) calls.push_back(bids_internal::CallJson(c));
  return {{"contracts", rows},
          {"members", by_member},
          {"calls", calls},
          {"totals", bids_internal::TotalsJson(overview.totals)}};
}

std::string DuesCsv(const ViewContext& ctx, const HubShareOverview& overview) {
  tabular::Table table;
  for (const char* column : {"contract", "member", "rate", "invoiced", "due", "called", "paid", "arrears"})
    table.header.push_back(T(ctx, std::string("cooperation.hub_share.csv.") + column));
  for (const auto& r : overview.rows) {
    table.rows.push_back({r.bid_title, r.member_name, bids_rules::FormatBasisPoints(r.rate_bp),
                          bids_rules::PlainEuros(r.invoiced), bids_rules::PlainEuros(r.due),
                          bids_rules::PlainEuros(r.called), bids_rules::PlainEuros(r.paid),
                          bids_rules::PlainEuros(r.arrears)});
  }
  return tabular::WriteCsv(table);
}

}  // namespace coopole::cooperation::web::bids_web
