// The directory's block on the hub home page: key figures and the mix of legal forms, as
// a table (readable without JavaScript, printable) and as a chart.
#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
#include "coopole/web/web.h"
#include "members_routes.h"

namespace coopole::members::web {
namespace {

namespace cw = coopole::web;

// "42 %" of `part` in `whole`, rounded; "" when there is no whole.
std::string Percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "";
  return std::to_string((part * 100 + whole / 2) / whole) + "\u00a0%";
}

render::View Figure(const std::string& label, const std::string& value, const std::string& detail = "") {
  render::View v;
  v.set("label", label);
  v.set("value", value);
  v.set("detail", detail);
  v.set("has_detail", !detail.empty());  // kainjow takes any string, even "", as true
  return v;
}

std::string Overview(const Dependencies& deps, const http::Request& req, const hubs::HubContext& hub) {
  const auto* principal = cw::PrincipalOf(req);
  if (!principal) return "";
  auto stats = deps.members.Statistics(principal->actor, hub);
  if (!stats.ok()) return "";
  const std::string lang = cw::LanguageOf(req);
  const auto& shell = deps.shell;
  const auto& s = *stats;
  render::ViewList figures;
  figures.push_back(Figure(shell.Translate(lang, "members.overview.members"), std::to_string(s.members)));
  figures.push_back(Figure(shell.Translate(lang, "members.overview.ess"), std::to_string(s.ess), Percent(s.ess, s.members)));
  figures.push_back(Figure(shell.Translate(lang, "members.overview.insertion"), std::to_string(s.insertion_structures),
                           Percent(s.insertion_structures, s.members)));
  figures.push_back(Figure(shell.Translate(lang, "members.overview.priority_area"), std::to_string(s.priority_area),
                           Percent(s.priority_area, s.members)));
  figures.push_back(Figure(shell.Translate(lang, "members.overview.fte"), FormatFixed(s.fte_hundredths, 2, lang)));
  figures.push_back(
      Figure(shell.Translate(lang, "members.overview.insertion_headcount"), std::to_string(s.insertion_headcount)));
  figures.push_back(Figure(shell.Translate(lang, "members.overview.communes"), std::to_string(s.communes)));

  render::ViewList forms;
  nlohmann::json labels = nlohmann::json::array(), values = nlohmann::json::array();
  for (const auto& [code, count] : s.by_legal_form) {
    const std::string label = shell.Translate(lang, "members.legal_form." + code);
    render::View row;
    row.set("label", label);
    row.set("count", std::to_string(count));
    row.set("share", Percent(count, s.members));
    row.set("href", MembersHref(hub) + "?legal_form=" + http::UrlEncode(code));
    forms.push_back(std::move(row));
    labels.push_back(label);
    values.push_back(count);
  }
  render::View view;
  view.set("figures", figures);
  view.set("legal_forms", forms);
  view.set("has_members", s.members > 0);
  view.set("list_href", MembersHref(hub));
  // Read by static/js/charts.js from a data attribute (escaped like any attribute).
  view.set("legal_form_chart", nlohmann::json{{"labels", labels}, {"values", values}}.dump());
  return shell.templates().Render("members/overview", lang, view);
}

}  // namespace

void RegisterOverview(const Dependencies& deps) {
  deps.shell.AddHomeSection(10, [deps](const http::Request& req, const hubs::HubContext& hub) {
    return Overview(deps, req, hub);
  });
}

}  // namespace coopole::members::web
