// Use cases of the network on both databases: the graph gathers cooperations, projects,
// bids and pooling's links of the hub, filtered by period and kind; metrics; roles.
#include <gtest/gtest.h>

#include <algorithm>

#include "network_test_fixture.h"

namespace coopole::cooperation {
namespace {

class NetworkServiceTest : public NetworkTest {
 protected:
  const NetworkEdge* EdgeOf(const NetworkGraph& graph, MemberId x, MemberId y) {
    MemberId a = std::min(x, y), b = std::max(x, y);
    for (const auto& e : graph.edges)
      if (e.a == a && e.b == b) return &e;
    return nullptr;
  }
  const NetworkNode* NodeOf(const NetworkGraph& graph, MemberId m) {
    for (const auto& n : graph.nodes)
      if (n.member == m) return &n;
    return nullptr;
  }

  // A project atelier (lead) + recyclerie + traiteur in March 2025; a bid atelier + traiteur
  // in November 2026; a cooperation recyclerie + jardins in 2024; a booking by the traiteur of
  // the recyclerie's room on 24 November 2026.
  void SeedHub() {
    InsertProject(coordinator_, atelier_, {recyclerie_, traiteur_}, Paris(2025, 3, 10, 9, 0));
    InsertBid(coordinator_, {atelier_, traiteur_}, Paris(2026, 11, 2, 9, 0));
    InsertCooperation(coordinator_, {recyclerie_, jardins_}, "2024-06-01");
    auto room = pooling_->CreateResource(actor_, coordinator_,
                                         {.kind = "premises", .category = "room", .name = "Salle",
                                          .owner_member_id = std::to_string(recyclerie_.value),
                                          .opening_hours = "lun-ven 08:00-19:00"});
    ASSERT_TRUE(room.ok()) << room.error().message;
    auto booked = pooling_->BookResource(actor_, coordinator_,
                                         {.resource_id = std::to_string(room->id.value),
                                          .member_id = std::to_string(traiteur_.value),
                                          .starts_at = "2026-11-24T09:00", .ends_at = "2026-11-24T11:00"},
                                         pooling::BookingMode::kAllOrNothing);
    ASSERT_TRUE(booked.ok()) << booked.error().message;
  }
};

TEST_P(NetworkServiceTest, Graph_GathersEveryKindOfLinkOfTheHub) {
  SeedHub();
  // The other hub's cooperations never show.
  auto other = AddMember(other_hub_, "Autre", "", "");
  InsertCooperation(other_hub_, {nordiste_, other}, "2025-01-01");

  auto graph = service_->Graph(actor_, coordinator_, {.to = Date{2026, 12, 31}});
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  EXPECT_EQ(graph->nodes.size(), 4u);
  ASSERT_EQ(graph->edges.size(), 4u);  // atelier-recyclerie, atelier-traiteur, recyclerie-traiteur, recyclerie-jardins
  const auto* at = EdgeOf(*graph, atelier_, traiteur_);
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->weight, 2);  // the project and the bid
  EXPECT_EQ(at->kinds.at("project"), 1);
  EXPECT_EQ(at->kinds.at("bid"), 1);
  EXPECT_EQ(at->first_on, (Date{2025, 3, 10}));
  EXPECT_EQ(at->last_on, (Date{2026, 11, 2}));
  const auto* rt = EdgeOf(*graph, recyclerie_, traiteur_);
  ASSERT_NE(rt, nullptr);
  EXPECT_EQ(rt->weight, 2);  // the project and the booking
  EXPECT_EQ(rt->kinds.at("booking"), 1);
  ASSERT_NE(EdgeOf(*graph, recyclerie_, jardins_), nullptr);
  EXPECT_EQ(EdgeOf(*graph, recyclerie_, jardins_)->kinds.at("cooperation"), 1);

  const auto* recyclerie = NodeOf(*graph, recyclerie_);
  ASSERT_NE(recyclerie, nullptr);
  EXPECT_EQ(recyclerie->degree, 3);
  EXPECT_EQ(recyclerie->weighted_degree, 4);
  EXPECT_EQ(recyclerie->name, "Recyclerie du Grésivaudan");
  ASSERT_EQ(recyclerie->sectors.size(), 1u);
  EXPECT_EQ(recyclerie->sectors[0], "38.32Z");
  EXPECT_FALSE(recyclerie->commune_name.empty());
  // Nodes come by name.
  EXPECT_EQ(graph->nodes.front().name, "Atelier Vélo Solidaire");
  EXPECT_EQ(graph->kinds.size(), NetworkKinds().size());
}

TEST_P(NetworkServiceTest, Graph_FiltersByPeriodAndKind) {
  SeedHub();
  auto in_2025 = service_->Graph(actor_, coordinator_, {.from = Date{2025, 1, 1}, .to = Date{2025, 12, 31}});
  ASSERT_TRUE(in_2025.ok());
  EXPECT_EQ(in_2025->edges.size(), 3u);  // the project's triangle only
  for (const auto& e : in_2025->edges) EXPECT_EQ(e.weight, 1);

  auto bids_and_bookings = service_->Graph(actor_, coordinator_, {.kinds = {"bid", "booking"}});
  ASSERT_TRUE(bids_and_bookings.ok());
  ASSERT_EQ(bids_and_bookings->edges.size(), 1u);  // atelier-traiteur (bid); the booking is after today
  EXPECT_EQ(bids_and_bookings->to, (Date{2026, 11, 23}));
  EXPECT_EQ(bids_and_bookings->kinds, (std::vector<std::string>{"bid", "booking"}));
}

TEST_P(NetworkServiceTest, Graph_LeavesOutAbandonedProjectsWatchedBidsAndArchivedMembers) {
  InsertProject(coordinator_, atelier_, {recyclerie_}, Paris(2025, 3, 10, 9, 0), "abandoned");
  InsertBid(coordinator_, {atelier_, traiteur_}, Paris(2025, 3, 10, 9, 0), "watching");
  InsertCooperation(coordinator_, {traiteur_, jardins_}, "2025-01-01");
  ASSERT_TRUE(members_->ArchiveMember(actor_, coordinator_, jardins_).ok());
  auto graph = service_->Graph(actor_, coordinator_, {});
  ASSERT_TRUE(graph.ok());
  EXPECT_TRUE(graph->edges.empty());
  EXPECT_EQ(graph->nodes.size(), 3u);
}

TEST_P(NetworkServiceTest, Graph_DatesAProjectByItsHubLocalDay) {
  // 31 December 2025 at 23:30 in Paris is 22:30 UTC: still 2025 for the hub.
  InsertProject(coordinator_, atelier_, {recyclerie_}, Paris(2025, 12, 31, 23, 30));
  auto in_2025 = service_->Graph(actor_, coordinator_, {.from = Date{2025, 1, 1}, .to = Date{2025, 12, 31}});
  ASSERT_TRUE(in_2025.ok());
  ASSERT_EQ(in_2025->edges.size(), 1u);
  EXPECT_EQ(in_2025->edges[0].first_on, (Date{2025, 12, 31}));
  // 1 January 2026 at 00:30 in Paris is 23:30 UTC on the 31st: 2026 for the hub.
  InsertProject(coordinator_, traiteur_, {jardins_}, Paris(2026, 1, 1, 0, 30));
  auto again = service_->Graph(actor_, coordinator_, {.from = Date{2025, 1, 1}, .to = Date{2025, 12, 31}});
  EXPECT_EQ(again->edges.size(), 1u);
}

TEST_P(NetworkServiceTest, Metrics_CountLinksDensityNewLinksAndTheMostConnected) {
  SeedHub();
  auto m = service_->Metrics(actor_, observer_, {.to = Date{2026, 12, 31}});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->active_members, 4);
  EXPECT_EQ(m->links, 4);
  EXPECT_EQ(m->linked_members, 4);
  EXPECT_EQ(m->isolated_members, 0);
  EXPECT_DOUBLE_EQ(m->density, 8.0 / 12.0);
  EXPECT_DOUBLE_EQ(m->average_degree, 2.0);
  EXPECT_EQ(m->components, 1);
  EXPECT_EQ(m->largest_component, 4);
  EXPECT_EQ(m->total_weight, 6);
  auto years = std::vector<std::pair<int, std::int64_t>>{{2024, 1}, {2025, 3}};
  EXPECT_EQ(m->new_links_per_year, years);
  EXPECT_EQ(m->links_by_kind.at("project"), 3);
  EXPECT_EQ(m->links_by_kind.at("booking"), 1);
  ASSERT_FALSE(m->most_connected.empty());
  EXPECT_EQ(m->most_connected[0].member, recyclerie_);
  EXPECT_EQ(m->most_connected[0].name, "Recyclerie du Grésivaudan");

  // The static used by impact reports gives the same figures.
  auto tx = pool_->Begin(db::TxMode::kRead);
  Directory directory{.active_members = members::MemberService::ActiveMembers};
  auto stats = NetworkService::NetworkStatistics(tx, coordinator_.hub, directory, {.kinds = {"project"}},
                                                 Date{2026, 12, 31});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->links, 3);
  EXPECT_EQ(stats->isolated_members, 1);
}

TEST_P(NetworkServiceTest, Picture_GivesTheGraphAndItsMetricsTogether_NodesByNameIgnoringAccents) {
  SeedHub();
  AddMember(coordinator_, "Écocyclerie des Alpes", "", "");
  auto picture = service_->Picture(actor_, MemberRole(traiteur_), {.to = Date{2026, 12, 31}});
  ASSERT_TRUE(picture.ok()) << picture.error().message;
  EXPECT_EQ(picture->graph.edges.size(), 4u);
  EXPECT_EQ(picture->metrics.links, 4);
  EXPECT_EQ(picture->metrics.active_members, 5);
  EXPECT_EQ(picture->metrics.isolated_members, 1);
  std::vector<std::string> names;
  for (const auto& n : picture->graph.nodes) names.push_back(n.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Atelier Vélo Solidaire", "Écocyclerie des Alpes", "Jardins de Cocagne",
                                             "Recyclerie du Grésivaudan", "Traiteur d'Insertion"}));
}

TEST_P(NetworkServiceTest, EveryRoleOfTheHubReads_BadQueriesAreInvalid) {
  SeedHub();
  EXPECT_TRUE(service_->Graph(actor_, MemberRole(jardins_), {}).ok());
  EXPECT_TRUE(service_->Graph(actor_, observer_, {}).ok());
  auto reversed = service_->Metrics(actor_, coordinator_, {.from = Date{2026, 1, 1}, .to = Date{2025, 1, 1}});
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(reversed.error().fields.at("to"), "cooperation.network.period_reversed");
  auto unknown = service_->Graph(actor_, coordinator_, {.kinds = {"friendship"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at("kinds"), "validation.choice");
}

INSTANTIATE_TEST_SUITE_P(Databases, NetworkServiceTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::cooperation
