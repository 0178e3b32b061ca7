#include "network_views.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web {
namespace {

using nlohmann::json;

json DateJson(const std::optional<Date>& date) { return date ? json(FormatIsoDate(*date)) : json(nullptr); }

// Splits "a,b c" into its words.
void AddKinds(std::string_view text, std::set<std::string>& kinds) {
  std::string word;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == ';') {
      if (!word.empty()) kinds.insert(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) kinds.insert(std::move(word));
}

Result<std::optional<Date>> DateParam(const http::Request& req, const std::string& name) {
  auto text = req.Query(name);
  if (!text || Trim(*text).empty()) return std::optional<Date>{};
  auto date = ParseDate(Trim(*text));
  if (!date) return Error::Invalid({{name, "validation.date"}});
  return std::optional<Date>{*date};
}

// The kind with the most events of an edge (ties: the first in NetworkKinds order).
std::string MainKind(const NetworkEdge& edge) {
  std::string best;
  std::int64_t most = 0;
  for (const auto& kind : NetworkKinds()) {
    auto it = edge.kinds.find(kind);
    if (it != edge.kinds.end() && it->second > most) {
      most = it->second;
      best = kind;
    }
  }
  return best;
}

std::string Translate(const coopole::web::Shell& shell, const std::string& lang, const std::string& key) {
  return shell.Translate(lang, key);
}

}  // namespace

Result<NetworkQuery> NetworkQueryOf(const http::Request& req) {
  NetworkQuery query;
  auto from = DateParam(req, "from");
  auto to = DateParam(req, "to");
  std::map<std::string, std::string> fields;
  if (!from) fields.insert(from.error().fields.begin(), from.error().fields.end());
  if (!to) fields.insert(to.error().fields.begin(), to.error().fields.end());
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  query.from = *from;
  query.to = *to;
  for (const auto& kind : req.QueryAll("kind")) AddKinds(kind, query.kinds);
  for (const auto& kinds : req.QueryAll("kinds")) AddKinds(kinds, query.kinds);
  return query;
}

json GraphJson(const NetworkGraph& graph) {
  json nodes = json::array();
  for (const auto& n : graph.nodes)
    nodes.push_back({{"member_id", n.member.value},
                     {"name", n.name},
                     {"sectors", n.sectors},
                     {"commune", n.commune_name},
                     {"degree", n.degree},
                     {"weighted_degree", n.weighted_degree}});
  json edges = json::array();
  for (const auto& e : graph.edges)
    edges.push_back({{"a", e.a.value},
                     {"b", e.b.value},
                     {"weight", e.weight},
                     {"kinds", e.kinds},
                     {"main_kind", MainKind(e)},
                     {"first_on", FormatIsoDate(e.first_on)},
                     {"last_on", FormatIsoDate(e.last_on)}});
  return {{"from", DateJson(graph.from)}, {"to", FormatIsoDate(graph.to)}, {"kinds", graph.kinds},
          {"nodes", nodes},           {"edges", edges}};
}

json MetricsJson(const NetworkMetrics& m) {
  json years = json::array();
  for (const auto& [year, links] : m.new_links_per_year) years.push_back({{"year", year}, {"links", links}});
  json top = json::array();
  for (const auto& r : m.most_connected)
    top.push_back({{"member_id", r.member.value},
                   {"name", r.name},
                   {"degree", r.degree},
                   {"weighted_degree", r.weighted_degree}});
  return {{"from", DateJson(m.from)},
          {"to", FormatIsoDate(m.to)},
          {"active_members", m.active_members},
          {"linked_members", m.linked_members},
          {"isolated_members", m.isolated_members},
          {"links", m.links},
          {"total_weight", m.total_weight},
          {"density", m.density},
          {"average_degree", m.average_degree},
          {"components", m.components},
          {"largest_component", m.largest_component},
          {"new_links_per_year", years},
          {"links_by_kind", m.links_by_kind},
          {"most_connected", top}};
}

std::string PercentText(double share, std::string_view lang) {
  return FormatFixed(static_cast<std::int64_t>(std::llround(share * 1000.0)), 1, lang) + "\u00a0%";
}

std::string DecimalText(double value, std::string_view lang) {
  return FormatFixed(static_cast<std::int64_t>(std::llround(value * 100.0)), 2, lang);
}

render::View NetworkPageView(const NetworkGraph& graph, const NetworkMetrics& m, const NetworkQuery& query,
                             const coopole::web::Shell& shell, const std::string& lang, const std::string& base) {
  render::View view;
  view.set("coop_base", base);
  view.set("from", graph.from ? FormatIsoDate(*graph.from) : std::string());
  view.set("to", FormatIsoDate(graph.to));
  view.set("period_from", graph.from ? FormatDate(*graph.from, lang) : std::string());
  view.set("has_from", graph.from.has_value());
  view.set("period_to", FormatDate(graph.to, lang));

  // Filters: one checkbox per kind, checked when shown (all when the query named none).
  render::ViewList kinds;
  json kind_labels = json::object();
  for (const auto& code : NetworkKinds()) {
    render::View k;
    const std::string label = Translate(shell, lang, "cooperation.network.kind." + code);
    k.set("code", code);
    k.set("label", label);
    k.set("checked", query.kinds.contains(code));
    k.set("links", std::to_string(m.links_by_kind.count(code) ? m.links_by_kind.at(code) : 0));
    kinds.push_back(std::move(k));
    kind_labels[code] = label;
  }
  view.set("kinds", kinds);

  // Metrics.
  view.set("active_members", std::to_string(m.active_members));
  view.set("linked_members", std::to_string(m.linked_members));
  view.set("isolated_members", std::to_string(m.isolated_members));
  view.set("links", std::to_string(m.links));
  view.set("total_weight", std::to_string(m.total_weight));
  view.set("density", PercentText(m.density, lang));
  view.set("average_degree", DecimalText(m.average_degree, lang));
  view.set("components", std::to_string(m.components));
  view.set("largest_component", std::to_string(m.largest_component));

  // New links per year: an accessible list of bars (the figures are the text).
  std::int64_t most = 1;
  for (const auto& [year, links] : m.new_links_per_year) most = std::max(most, links);
  render::ViewList years;
  for (const auto& [year, links] : m.new_links_per_year) {
    render::View y;
    y.set("year", std::to_string(year));
    y.set("links", std::to_string(links));
    y.set("percent", std::to_string(links * 100 / most));
    years.push_back(std::move(y));
  }
  view.set("has_years", !years.empty());
  json chart = {{"labels", json::array()},
                {"values", json::array()},
                {"label", Translate(shell, lang, "cooperation.network.new_links.series")}};
  for (const auto& [year, links] : m.new_links_per_year) {
    chart["labels"].push_back(std::to_string(year));
    chart["values"].push_back(links);
  }
  view.set("years_json", chart.dump(-1, ' ', false, json::error_handler_t::replace));
  view.set("years", years);

  render::ViewList top;
  for (const auto& r : m.most_connected) {
    render::View t;
    t.set("name", r.name);
    t.set("degree", std::to_string(r.degree));
    t.set("weighted_degree", std::to_string(r.weighted_degree));
    top.push_back(std::move(t));
  }
  view.set("has_top", !top.empty());
  view.set("top", top);

  // Edges, heaviest first, for the table readable without JavaScript.
  std::map<std::int64_t, std::string> names;
  for (const auto& n : graph.nodes) names[n.member.value] = n.name;
  std::vector<const NetworkEdge*> edges;
  for (const auto& e : graph.edges) edges.push_back(&e);
  std::stable_sort(edges.begin(), edges.end(),
                   [](const NetworkEdge* x, const NetworkEdge* y) { return x->weight > y->weight; });
  render::ViewList edge_rows;
  for (const auto* e : edges) {
    render::View row;
    row.set("a", names[e->a.value]);
    row.set("b", names[e->b.value]);
    row.set("weight", std::to_string(e->weight));
    std::string what;
    for (const auto& code : NetworkKinds()) {
      auto it = e->kinds.find(code);
      if (it == e->kinds.end()) continue;
      if (!what.empty()) what += ", ";
      what += Translate(shell, lang, "cooperation.network.kind." + code) + " × " + std::to_string(it->second);
    }
    row.set("what", what);
    row.set("first_on", FormatDate(e->first_on, lang));
    row.set("last_on", FormatDate(e->last_on, lang));
    edge_rows.push_back(std::move(row));
  }
  view.set("has_edges", !edge_rows.empty());
  view.set("edges", edge_rows);

  // The drawing script reads this (escaped like any attribute value).
  json data = GraphJson(graph);
  data["kind_labels"] = kind_labels;
  view.set("graph_json", data.dump(-1, ' ', false, json::error_handler_t::replace));
  view.set("node_count", std::to_string(graph.nodes.size()));
  view.set("edge_count", std::to_string(graph.edges.size()));
  return view;
}

}  // namespace coopole::cooperation::web
