// Pooling's block on the hub home page: how many resources are offered, what is booked in
// the coming week (the next few bookings listed), and what waits for the reader: bookings
// to approve, leases ending, overdue advances.
#include "catalogue_views.h"
#include "coopole/web/web.h"
#include "pooling_views.h"
#include "pooling_web.h"

namespace coopole::pooling::web {
namespace {

namespace cw = coopole::web;

constexpr std::int64_t kWeek = 7 * 86400;
constexpr int kListed = 5;

render::View Figure(const std::string& label, std::int64_t value, const std::string& href) {
  render::View v;
  v.set("label", label);
  v.set("value", std::to_string(value));
  v.set("href", href);
  return v;
}

std::string Block(const Dependencies& deps, const http::Request& req, const hubs::HubContext& hub) {
  const auto* principal = cw::PrincipalOf(req);
  if (!principal) return "";
  const auto& actor = principal->actor;
  auto resources = deps.pooling.ListResources(actor, hub, {.per_page = 1});
  if (!resources.ok()) return "";
  const Timestamp now = scheduling::WallNow();
  auto upcoming = deps.pooling.ListBookings(
      actor, hub,
      {.statuses = {BookingStatus::kPending, BookingStatus::kConfirmed}, .from = now,
       .to = Timestamp{now.unix_seconds + kWeek}, .per_page = kListed});
  auto alerts = deps.pooling.Alerts(actor, hub);
  const std::string lang = cw::LanguageOf(req);
  const auto& shell = deps.shell;
  const std::string base = "/hubs/" + hub.hub.slug + "/pooling";

  render::ViewList figures;
  figures.push_back(Figure(shell.Translate(lang, "pooling.home.resources"), resources->total, base));
  if (upcoming.ok())
    figures.push_back(Figure(shell.Translate(lang, "pooling.home.week"), upcoming->total, base + "/calendar"));
  if (alerts.ok()) {
    if (!alerts->pending_approvals.empty())
      figures.push_back(Figure(shell.Translate(lang, "pooling.home.to_approve"),
                               static_cast<std::int64_t>(alerts->pending_approvals.size()),
                               base + "/bookings?view=approve"));
    if (!alerts->leases_ending.empty())
      figures.push_back(Figure(shell.Translate(lang, "pooling.home.leases_ending"),
                               static_cast<std::int64_t>(alerts->leases_ending.size()), base + "/leases"));
    if (!alerts->overdue_advances.empty())
      figures.push_back(Figure(shell.Translate(lang, "pooling.home.overdue_advances"),
                               static_cast<std::int64_t>(alerts->overdue_advances.size()), base + "/advances"));
  }
  render::ViewList next;
  if (upcoming.ok()) {
    auto zone = HubZone(hub);
    for (const auto& booking : upcoming->items) {
      render::View row;
      row.set("when", scheduling::LocalText(zone->ToLocal(booking.starts_at), lang));
      row.set("resource", booking.resource_name);
      row.set("member", booking.member_name);
      row.set("pending", booking.status == BookingStatus::kPending);
      row.set("href", base + "/bookings/" + std::to_string(booking.id.value));
      next.push_back(std::move(row));
    }
  }
  render::View view;
  view.set("figures", figures);
  view.set("next", next);
  view.set("has_next", !next.empty());
  view.set("href", base);
  return shell.templates().Render("pooling/home", lang, view);
}

}  // namespace

void RegisterHomeSection(const Dependencies& deps) {
  deps.shell.AddHomeSection(20, [deps](const http::Request& req, const hubs::HubContext& hub) {
    return Block(deps, req, hub);
  });
}

}  // namespace coopole::pooling::web
