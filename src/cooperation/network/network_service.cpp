// Use cases of the network: gather the events of the period (the other parts' tables and
// pooling's published links), then build the graph and its metrics with the pure rules.
#include <algorithm>

#include "coopole/cooperation/network.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "network_rules.h"
#include "store/network_store.h"

namespace coopole::cooperation {

const std::vector<std::string>& NetworkKinds() {
  static const std::vector<std::string> kinds = {"cooperation", "project",   "bid",    "booking",
                                                 "service",     "placement", "advance"};
  return kinds;
}

namespace {

// Everything the rules need for one hub and period.
struct Gathered {
  std::optional<Date> from;
  Date to;
  std::vector<std::string> kinds;
  std::vector<members::Member> members;  // active, by id
  std::set<std::int64_t> member_ids;
  std::vector<network::Edge> edges;
};

Result<Gathered> Gather(db::Transaction& tx, const hubs::Hub& hub, const Directory& directory,
                        const NetworkQuery& query, Date today) {
  Gathered g;
  g.from = query.from;
  g.to = query.to.value_or(today);
  if (g.from && g.to < *g.from) return Error::Invalid({{"to", "cooperation.network.period_reversed"}});
  for (const auto& kind : query.kinds)
    if (std::find(NetworkKinds().begin(), NetworkKinds().end(), kind) == NetworkKinds().end())
      return Error::Invalid({{"kinds", "validation.choice"}});
  for (const auto& kind : NetworkKinds())
    if (query.kinds.empty() || query.kinds.contains(kind)) g.kinds.push_back(kind);
  auto wants = [&g](const char* kind) { return std::find(g.kinds.begin(), g.kinds.end(), kind) != g.kinds.end(); };

  if (directory.active_members) g.members = directory.active_members(tx, hub.id);
  for (const auto& m : g.members) g.member_ids.insert(m.id.value);

  network::store::Period period{g.from, g.to, hubs::ZoneOf(hub)};
  std::vector<network::Event> events;
  auto append = [&events](std::vector<network::Event> more) {
    events.insert(events.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  };
  if (wants("cooperation")) append(network::store::CooperationEvents(tx, hub.id, period));
  if (wants("project")) append(network::store::ProjectEvents(tx, hub.id, period));
  if (wants("bid")) append(network::store::BidEvents(tx, hub.id, period));
  if (directory.external_links) {
    for (const auto& link : directory.external_links(tx, hub.id, g.from.value_or(Date{1900, 1, 1}), g.to)) {
      if (!wants(link.kind.c_str())) continue;
      events.push_back({{link.a.value, link.b.value}, link.kind, link.first_on, link.last_on, link.count});
    }
  }
  network::GraphFilter filter;
  filter.from = g.from;
  filter.to = g.to;
  filter.kinds.insert(g.kinds.begin(), g.kinds.end());
  g.edges = network::BuildEdges(events, filter, g.member_ids);
  return g;
}

NetworkMetrics MetricsOf(const Gathered& g) {
  auto computed = network::ComputeMetrics(g.edges, g.member_ids, 10);
  NetworkMetrics m;
  m.from = g.from;
  m.to = g.to;
  m.active_members = computed.active_members;
  m.linked_members = computed.linked_members;
  m.isolated_members = computed.isolated_members;
  m.links = computed.links;
  m.total_weight = computed.total_weight;
  m.density = computed.density;
  m.average_degree = computed.average_degree;
  m.components = computed.components;
  m.largest_component = computed.largest_component;
  m.new_links_per_year.assign(computed.new_links_per_year.begin(), computed.new_links_per_year.end());
  for (const auto& e : g.edges)
    for (const auto& [kind, count] : e.kinds) m.links_by_kind[kind] += 1;
  std::map<std::int64_t, const members::Member*> by_id;
  for (const auto& member : g.members) by_id[member.id.value] = &member;
  for (const auto& d : computed.most_connected)
    m.most_connected.push_back({MemberId{d.member}, by_id.count(d.member) ? by_id[d.member]->name : std::string(),
                                d.degree, d.weighted_degree});
  return m;
}

NetworkGraph GraphOf(const Gathered& g) {
  NetworkGraph graph;
  graph.from = g.from;
  graph.to = g.to;
  graph.kinds = g.kinds;
  std::map<std::int64_t, network::NodeDegree> degrees;
  for (const auto& d : network::Degrees(g.edges, g.member_ids)) degrees[d.member] = d;
  std::vector<std::pair<std::string, NetworkNode>> keyed;
  for (const auto& m : g.members) {
    const auto& d = degrees[m.id.value];
    keyed.push_back({FoldForSearch(m.name), {m.id, m.name, m.sectors, m.commune_name, d.degree, d.weighted_degree}});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (auto& [key, node] : keyed) graph.nodes.push_back(std::move(node));
  for (const auto& e : g.edges)
    graph.edges.push_back({MemberId{e.a}, MemberId{e.b}, e.weight, e.kinds, e.first_on, e.last_on});
  return graph;
}


}  // namespace

NetworkService::NetworkService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                               Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

std::vector<db::Migration> NetworkService::Migrations() { return {}; }

Result<NetworkGraph> NetworkService::Graph(const Actor& actor, const HubContext& hub, const NetworkQuery& query) {
  if (!identity::Allows(actor, hub.access, identity::Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto gathered = Gather(tx, hub.hub, directory_, query, hubs::TodayIn(clock_, hub.hub));
  if (!gathered) return gathered.error();
  tx.Commit();
  return GraphOf(*gathered);
}

Result<NetworkPicture> NetworkService::Picture(const Actor& actor, const HubContext& hub, const NetworkQuery& query) {
  if (!identity::Allows(actor, hub.access, identity::Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto gathered = Gather(tx, hub.hub, directory_, query, hubs::TodayIn(clock_, hub.hub));
  if (!gathered) return gathered.error();
  tx.Commit();
  return NetworkPicture{GraphOf(*gathered), MetricsOf(*gathered)};
}

Result<NetworkMetrics> NetworkService::Metrics(const Actor& actor, const HubContext& hub, const NetworkQuery& query) {
  if (!identity::Allows(actor, hub.access, identity::Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto metrics = NetworkStatistics(tx, hub.hub, directory_, query, hubs::TodayIn(clock_, hub.hub));
  tx.Commit();
  return metrics;
}

Result<NetworkMetrics> NetworkService::NetworkStatistics(db::Transaction& tx, const hubs::Hub& hub,
                                                         const Directory& directory, const NetworkQuery& query,
                                                         Date today) {
  auto gathered = Gather(tx, hub, directory, query, today);
  if (!gathered) return gathered.error();
  return MetricsOf(*gathered);
}

}  // namespace coopole::cooperation
