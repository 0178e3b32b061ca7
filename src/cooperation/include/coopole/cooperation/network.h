// Cooperation, network: the graph of the hub's member organisations linked by what they did
// together — cooperations recorded on the board (accepted suggestions included), projects
// (lead and partners; abandoned projects excluded), joint bids (all co-contractors), and the
// links pooling publishes (bookings of another member's resource, services, staff placements,
// advances) — weighted by the number of such events, filterable by period and kind; and its
// metrics (links, density, new links per year, most connected members) for impact reports.
//
// Who may read: everyone with a role in the hub (members see the whole graph of their hub: it
// is the hub's public picture, and it carries no amounts). Nothing here writes.
// Errors: kPermissionDenied without a role in the hub; kInvalidArgument for a period that ends
// before it starts {"to": "cooperation.network.period_reversed"} or an unknown kind
// {"kinds": "validation.choice"}.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "coopole/cooperation/cooperation.h"
#include "coopole/core/result.h"
#include "coopole/db/migrations.h"

namespace coopole::cooperation {

// The kinds of link, in display order: "cooperation", "project", "bid", "booking",
// "service", "placement", "advance". Labels: "cooperation.network.kind.<code>".
const std::vector<std::string>& NetworkKinds();

// Dates are the hub-local date of each event: a cooperation's start, a project's or bid's
// creation, pooling's dates (see pooling::MemberLink). An event counts when it falls in
// [from, to]; unset `from`: from the beginning; unset `to`: today (hub time zone).
struct NetworkQuery {
  std::optional<Date> from, to;
  std::set<std::string> kinds;  // empty: every kind
};

struct NetworkNode {
  MemberId member;
  std::string name;
  std::vector<std::string> sectors;  // NAF codes
  std::string commune_name;
  std::int64_t degree = 0;           // distinct partners in the period
  std::int64_t weighted_degree = 0;  // events with them
};

struct NetworkEdge {
  MemberId a, b;                            // a < b
  std::int64_t weight = 0;                  // events linking them (every kind weighs 1)
  std::map<std::string, std::int64_t> kinds;  // events by kind
  Date first_on, last_on;
};

// Nodes: every active member of the hub, linked or not (isolated members have degree 0),
// by name (ignoring accents and case); edges by (a, b).
struct NetworkGraph {
  std::optional<Date> from;
  Date to;
  std::vector<std::string> kinds;  // the kinds shown (all when the query named none)
  std::vector<NetworkNode> nodes;
  std::vector<NetworkEdge> edges;
};

struct MemberRank {
  MemberId member;
  std::string name;
  std::int64_t degree = 0, weighted_degree = 0;
};

// Metrics of the graph over the hub's active members (N). Density = 2L / (N (N - 1)),
// average degree = 2L / N; components count groups of linked members (isolated members are
// counted apart); a link is "new" in the year of its first event within the period.
struct NetworkMetrics {
  std::optional<Date> from;
  Date to;
  std::int64_t active_members = 0, linked_members = 0, isolated_members = 0;
  std::int64_t links = 0, total_weight = 0;
  double density = 0, average_degree = 0;
  std::int64_t components = 0, largest_component = 0;
  std::vector<std::pair<int, std::int64_t>> new_links_per_year;  // ascending years
  std::map<std::string, std::int64_t> links_by_kind;             // pairs linked by at least one event of the kind
  std::vector<MemberRank> most_connected;                         // at most 10, best first
};

// The graph and its metrics read in one transaction (the page shows both).
struct NetworkPicture {
  NetworkGraph graph;
  NetworkMetrics metrics;
};

class NetworkService {
 public:
  NetworkService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  // Migrations of the module "cooperation_network": none (the network only reads).
  static std::vector<db::Migration> Migrations();

  Result<NetworkGraph> Graph(const Actor& actor, const HubContext& hub, const NetworkQuery& query);
  Result<NetworkMetrics> Metrics(const Actor& actor, const HubContext& hub, const NetworkQuery& query);
  Result<NetworkPicture> Picture(const Actor& actor, const HubContext& hub, const NetworkQuery& query);

  // For impact reports (and other modules): the metrics of `hub` inside the caller's
  // transaction, without permission checks (the caller checks its own); `today` stands for
  // an unset `to`. Reads the other parts' tables and `directory` (active members, pooling
  // links). Errors: kInvalidArgument as Metrics.
  static Result<NetworkMetrics> NetworkStatistics(db::Transaction& tx, const hubs::Hub& hub,
                                                  const Directory& directory, const NetworkQuery& query, Date today);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::cooperation
