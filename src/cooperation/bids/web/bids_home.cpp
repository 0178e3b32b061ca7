// The joint bids block of the hub home page: bids whose deadline is near (14 / 7 / 2 days,
// not submitted yet) and the hub share in arrears. Nothing when there is neither.
#include "bids_pages.h"

namespace coopole::cooperation::web::bids_web {
namespace {

namespace cw = coopole::web;

std::string Block(const Dependencies& deps, const http::Request& req, const hubs::HubContext& hub) {
  const auto* principal = cw::PrincipalOf(req);
  if (!principal) return "";
  const ViewContext ctx{deps, hub, principal->actor, cw::LanguageOf(req)};
  auto alerts = deps.bids.Alerts(ctx.actor, hub);
  auto overview = deps.bids.Overview(ctx.actor, hub);
  const bool has_alerts = alerts.ok() && !alerts->empty();
  const bool in_arrears = overview.ok() && overview->totals.arrears.cents > 0;
  if (!has_alerts && !in_arrears) return "";
  render::View view;
  render::ViewList items;
  if (has_alerts) {
    for (const auto& alert : *alerts) {
      render::View item = BidView(alert.bid, ctx);
      item.set("days_left", std::to_string(alert.days_left));
      item.set("urgent", alert.threshold == 2);
      items.push_back(std::move(item));
    }
  }
  view.set("alerts", items);
  view.set("has_alerts", has_alerts);
  view.set("in_arrears", in_arrears);
  if (in_arrears) view.set("arrears", Euros(ctx, overview->totals.arrears));
  view.set("bids_href", BidsHref(hub));
  view.set("hub_share_href", HubShareHref(hub));
  return deps.shell.templates().Render("cooperation/bid_home", ctx.lang, view);
}

}  // namespace

void RegisterBidHomeSection(const Dependencies& deps) {
  deps.shell.AddHomeSection(35, [deps](const http::Request& req, const hubs::HubContext& hub) {
    return Block(deps, req, hub);
  });
}

}  // namespace coopole::cooperation::web::bids_web
