// The cooperation network as pure functions: from "cooperation events" (a project, a joint
// bid, a cooperation, a pooling link: who took part, of what kind, when) to a weighted
// undirected graph and its metrics. No database, no clock: the service gathers the events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "coopole/core/time.h"

namespace coopole::cooperation::network {

// Something members did together. Every pair of distinct participants is linked by it (a
// clique). `count` events of the same kind and participants may be folded into one (pooling
// publishes "3 bookings between A and B from first_on to last_on").
struct Event {
  std::vector<std::int64_t> participants;  // member ids; duplicates are ignored
  std::string kind;                        // "project", "bid", "cooperation", "booking", ...
  Date first_on, last_on;                  // equal for a single event
  std::int64_t count = 1;
};

struct GraphFilter {
  std::optional<Date> from, to;            // inclusive; an event counts when it overlaps
  std::set<std::string> kinds;             // empty: every kind
  // Weight of one event of a kind (absent kinds weigh 1): a joint bid may weigh more than
  // a room booking.
  std::map<std::string, std::int64_t> kind_weights;
};

struct Edge {
  std::int64_t a = 0, b = 0;               // a < b
  std::int64_t weight = 0;                 // sum over events of count x kind weight
  std::map<std::string, std::int64_t> kinds;  // events by kind (unweighted counts)
  Date first_on, last_on;
};

// The edges between members of `members` (participants outside it, such as archived
// members, are dropped) from the events kept by `filter`, ordered by (a, b).
std::vector<Edge> BuildEdges(const std::vector<Event>& events, const GraphFilter& filter,
                             const std::set<std::int64_t>& members);

struct NodeDegree {
  std::int64_t member = 0;
  std::int64_t degree = 0;           // distinct partners
  std::int64_t weighted_degree = 0;  // sum of the weights of its edges
};

// Degree of every member of `members` (0 for the isolated), ordered by member id.
std::vector<NodeDegree> Degrees(const std::vector<Edge>& edges, const std::set<std::int64_t>& members);

struct Metrics {
  std::int64_t active_members = 0;   // N: every active member, the denominator
  std::int64_t linked_members = 0;   // members with at least one link
  std::int64_t isolated_members = 0; // N - linked
  std::int64_t links = 0;            // L: distinct pairs
  std::int64_t total_weight = 0;
  double density = 0;                // 2L / (N (N - 1)); 0 when N < 2
  double average_degree = 0;         // 2L / N; 0 when N = 0
  // Connected groups of linked members (isolated members are not counted as components).
  std::int64_t components = 0;
  std::int64_t largest_component = 0;  // members in the largest group
  // Links by the year of the pair's first event (in the filtered period), ascending years.
  std::map<int, std::int64_t> new_links_per_year;
  // The most connected members: degree, then weighted degree descending, then id; at most
  // `top` of them, none with degree 0.
  std::vector<NodeDegree> most_connected;
};

Metrics ComputeMetrics(const std::vector<Edge>& edges, const std::set<std::int64_t>& members, std::size_t top = 10);

}  // namespace coopole::cooperation::network
