#include "network_rules.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace coopole::cooperation::network {
namespace {

bool Kept(const Event& event, const GraphFilter& filter) {
  if (!filter.kinds.empty() && !filter.kinds.contains(event.kind)) return false;
  if (filter.from && event.last_on < *filter.from) return false;
  if (filter.to && *filter.to < event.first_on) return false;
  return event.count > 0;
}

std::int64_t WeightOf(const GraphFilter& filter, const std::string& kind) {
  auto it = filter.kind_weights.find(kind);
  return it == filter.kind_weights.end() ? 1 : it->second;
}

// Union-find over member ids (connected components).
class Components {
 public:
  std::int64_t Find(std::int64_t x) {
    auto [it, inserted] = parent_.try_emplace(x, x);
    if (it->second == x) return x;
    std::int64_t root = Find(it->second);
    parent_[x] = root;
    return root;
  }
  void Join(std::int64_t a, std::int64_t b) {
    std::int64_t ra = Find(a), rb = Find(b);
    if (ra != rb) parent_[ra] = rb;
  }

 private:
  std::unordered_map<std::int64_t, std::int64_t> parent_;
};

}  // namespace

std::vector<Edge> BuildEdges(const std::vector<Event>& events, const GraphFilter& filter,
                             const std::set<std::int64_t>& members) {
  std::map<std::pair<std::int64_t, std::int64_t>, Edge> edges;
  for (const auto& event : events) {
    if (!Kept(event, filter)) continue;
    std::set<std::int64_t> who;
    for (auto m : event.participants)
      if (members.contains(m)) who.insert(m);
    const std::int64_t weight = event.count * WeightOf(filter, event.kind);
    for (auto i = who.begin(); i != who.end(); ++i) {
      for (auto j = std::next(i); j != who.end(); ++j) {
        auto [it, inserted] = edges.try_emplace({*i, *j});
        Edge& e = it->second;
        if (inserted) {
          e.a = *i;
          e.b = *j;
          e.first_on = event.first_on;
          e.last_on = event.last_on;
        } else {
          e.first_on = std::min(e.first_on, event.first_on);
          e.last_on = std::max(e.last_on, event.last_on);
        }
        e.weight += weight;
        e.kinds[event.kind] += event.count;
      }
    }
  }
  std::vector<Edge> out;
  out.reserve(edges.size());
  for (auto& [key, edge] : edges) out.push_back(std::move(edge));
  return out;
}

std::vector<NodeDegree> Degrees(const std::vector<Edge>& edges, const std::set<std::int64_t>& members) {
  std::map<std::int64_t, NodeDegree> by_member;
  for (auto m : members) by_member[m] = NodeDegree{m, 0, 0};
  for (const auto& e : edges) {
    for (auto m : {e.a, e.b}) {
      auto it = by_member.find(m);
      if (it == by_member.end()) continue;
      it->second.degree += 1;
      it->second.weighted_degree += e.weight;
    }
  }
  std::vector<NodeDegree> out;
  out.reserve(by_member.size());
  for (auto& [id, node] : by_member) out.push_back(node);
  return out;
}

Metrics ComputeMetrics(const std::vector<Edge>& edges, const std::set<std::int64_t>& members, std::size_t top) {
  Metrics m;
  const auto n = static_cast<std::int64_t>(members.size());
  m.active_members = n;
  Components components;
  std::set<std::pair<std::int64_t, std::int64_t>> pairs;
  for (const auto& e : edges) {
    if (!members.contains(e.a) || !members.contains(e.b) || e.a == e.b) continue;
    if (!pairs.insert({std::min(e.a, e.b), std::max(e.a, e.b)}).second) continue;
    m.total_weight += e.weight;
    m.new_links_per_year[e.first_on.year] += 1;
    components.Join(e.a, e.b);
  }
  m.links = static_cast<std::int64_t>(pairs.size());
  if (n >= 2) m.density = 2.0 * static_cast<double>(m.links) / (static_cast<double>(n) * static_cast<double>(n - 1));
  if (n >= 1) m.average_degree = 2.0 * static_cast<double>(m.links) / static_cast<double>(n);

  std::vector<NodeDegree> degrees = Degrees(edges, members);
  std::map<std::int64_t, std::int64_t> component_sizes;
  for (const auto& d : degrees) {
    if (d.degree == 0) continue;
    m.linked_members += 1;
    component_sizes[components.Find(d.member)] += 1;
  }
  m.isolated_members = n - m.linked_members;
  m.components = static_cast<std::int64_t>(component_sizes.size());
  for (const auto& [root, size] : component_sizes) m.largest_component = std::max(m.largest_component, size);

  std::erase_if(degrees, [](const NodeDegree& d) { return d.degree == 0; });
  std::sort(degrees.begin(), degrees.end(), [](const NodeDegree& x, const NodeDegree& y) {
    if (x.degree != y.degree) return x.degree > y.degree;
    if (x.weighted_degree != y.weighted_degree) return x.weighted_degree > y.weighted_degree;
    return x.member < y.member;
  });
  if (degrees.size() > top) degrees.resize(top);
  m.most_connected = std::move(degrees);
  return m;
}

}  // namespace coopole::cooperation::network
