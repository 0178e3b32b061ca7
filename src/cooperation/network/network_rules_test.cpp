#include "network_rules.h"

#include <gtest/gtest.h>

namespace coopole::cooperation::network {
namespace {

Event On(std::vector<std::int64_t> who, std::string kind, Date on, std::int64_t count = 1) {
  return Event{std::move(who), std::move(kind), on, on, count};
}

const std::set<std::int64_t> kFive = {1, 2, 3, 4, 5};

TEST(NetworkRules, AnEventLinksEveryPairOfItsParticipants) {
  auto edges = BuildEdges({On({1, 2, 3}, "project", {2025, 3, 1})}, {}, kFive);
  ASSERT_EQ(edges.size(), 3u);
  EXPECT_EQ(edges[0].a, 1);
  EXPECT_EQ(edges[0].b, 2);
  EXPECT_EQ(edges[1].a, 1);
  EXPECT_EQ(edges[1].b, 3);
  EXPECT_EQ(edges[2].a, 2);
  EXPECT_EQ(edges[2].b, 3);
  for (const auto& e : edges) EXPECT_EQ(e.weight, 1);
}

TEST(NetworkRules, RepeatedEventsAddWeightAndKeepFirstAndLastDates) {
  auto edges = BuildEdges({On({2, 1}, "project", {2025, 3, 1}), On({1, 2}, "bid", {2024, 6, 1}),
                           Event{{1, 2}, "booking", {2025, 1, 1}, {2026, 2, 1}, 3}},
                          {}, kFive);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].a, 1);
  EXPECT_EQ(edges[0].b, 2);
  EXPECT_EQ(edges[0].weight, 5);
  EXPECT_EQ(edges[0].kinds.at("project"), 1);
  EXPECT_EQ(edges[0].kinds.at("bid"), 1);
  EXPECT_EQ(edges[0].kinds.at("booking"), 3);
  EXPECT_EQ(edges[0].first_on, (Date{2024, 6, 1}));
  EXPECT_EQ(edges[0].last_on, (Date{2026, 2, 1}));
}

TEST(NetworkRules, KindWeightsMultiplyTheCounts) {
  GraphFilter filter;
  filter.kind_weights = {{"bid", 3}};
  auto edges = BuildEdges({On({1, 2}, "bid", {2025, 1, 1}, 2), On({1, 2}, "booking", {2025, 1, 1})}, filter, kFive);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].weight, 7);
  EXPECT_EQ(edges[0].kinds.at("bid"), 2);
}

TEST(NetworkRules, DuplicateParticipantsAndOutsidersMakeNoEdge) {
  // 9 is not an active member (archived); 1 listed twice (lead and partner).
  auto edges = BuildEdges({On({1, 1, 9}, "project", {2025, 1, 1}), On({3, 3}, "bid", {2025, 1, 1})}, {}, kFive);
  EXPECT_TRUE(edges.empty());
}

TEST(NetworkRules, FiltersByKindAndPeriod) {
  std::vector<Event> events = {On({1, 2}, "project", {2024, 12, 31}), On({2, 3}, "bid", {2025, 6, 1}),
                               On({3, 4}, "project", {2026, 1, 1}),
                               Event{{4, 5}, "placement", {2023, 1, 1}, {2025, 2, 1}, 1}};
  GraphFilter period;
  period.from = Date{2025, 1, 1};
  period.to = Date{2025, 12, 31};
  auto in_2025 = BuildEdges(events, period, kFive);
  ASSERT_EQ(in_2025.size(), 2u);  // the bid, and the placement that runs into 2025
  EXPECT_EQ(in_2025[0].a, 2);
  EXPECT_EQ(in_2025[1].a, 4);

  GraphFilter projects;
  projects.kinds = {"project"};
  auto only_projects = BuildEdges(events, projects, kFive);
  ASSERT_EQ(only_projects.size(), 2u);
  EXPECT_EQ(only_projects[0].a, 1);
  EXPECT_EQ(only_projects[1].a, 3);
}

TEST(NetworkRules, DegreesCountPartnersAndWeights) {
  auto edges = BuildEdges({On({1, 2}, "bid", {2025, 1, 1}, 4), On({1, 3}, "bid", {2025, 1, 1})}, {}, kFive);
  auto degrees = Degrees(edges, kFive);
  ASSERT_EQ(degrees.size(), 5u);
  EXPECT_EQ(degrees[0].member, 1);
  EXPECT_EQ(degrees[0].degree, 2);
  EXPECT_EQ(degrees[0].weighted_degree, 5);
  EXPECT_EQ(degrees[1].degree, 1);
  EXPECT_EQ(degrees[1].weighted_degree, 4);
  EXPECT_EQ(degrees[3].degree, 0);
}

TEST(NetworkRules, MetricsOfASmallNetwork) {
  // Members 1..6; a triangle 1-2-3 (2024, 2024, 2025), a pair 4-5 (2025); 6 isolated.
  const std::set<std::int64_t> six = {1, 2, 3, 4, 5, 6};
  std::vector<Event> events = {On({1, 2}, "project", {2024, 2, 1}), On({2, 3}, "bid", {2024, 5, 1}),
                               On({1, 3}, "booking", {2025, 1, 1}, 2), On({4, 5}, "project", {2025, 3, 1}),
                               On({1, 2}, "bid", {2025, 4, 1})};
  auto edges = BuildEdges(events, {}, six);
  auto m = ComputeMetrics(edges, six, 3);
  EXPECT_EQ(m.active_members, 6);
  EXPECT_EQ(m.links, 4);
  EXPECT_EQ(m.total_weight, 6);
  EXPECT_EQ(m.linked_members, 5);
  EXPECT_EQ(m.isolated_members, 1);
  EXPECT_DOUBLE_EQ(m.density, 8.0 / 30.0);
  EXPECT_DOUBLE_EQ(m.average_degree, 8.0 / 6.0);
  EXPECT_EQ(m.components, 2);
  EXPECT_EQ(m.largest_component, 3);
  ASSERT_EQ(m.new_links_per_year.size(), 2u);
  EXPECT_EQ(m.new_links_per_year.at(2024), 2);  // 1-2 and 2-3 first met in 2024
  EXPECT_EQ(m.new_links_per_year.at(2025), 2);  // 1-3 and 4-5
  ASSERT_EQ(m.most_connected.size(), 3u);
  // 1: degree 2, weight 4 (1-2 twice, 1-3 twice); 2: degree 2, weight 3; 3: degree 2, weight 3.
  EXPECT_EQ(m.most_connected[0].member, 1);
  EXPECT_EQ(m.most_connected[1].member, 2);
  EXPECT_EQ(m.most_connected[2].member, 3);
}

TEST(NetworkRules, MetricsOfEmptyAndTinyNetworks) {
  auto none = ComputeMetrics({}, {}, 10);
  EXPECT_EQ(none.active_members, 0);
  EXPECT_DOUBLE_EQ(none.density, 0.0);
  EXPECT_DOUBLE_EQ(none.average_degree, 0.0);
  EXPECT_EQ(none.components, 0);

  auto lonely = ComputeMetrics({}, {7}, 10);
  EXPECT_EQ(lonely.isolated_members, 1);
  EXPECT_DOUBLE_EQ(lonely.density, 0.0);
  EXPECT_TRUE(lonely.most_connected.empty());

  const std::set<std::int64_t> pair = {1, 2};
  auto full = ComputeMetrics(BuildEdges({On({1, 2}, "bid", {2025, 1, 1})}, {}, pair), pair, 10);
  EXPECT_DOUBLE_EQ(full.density, 1.0);
  EXPECT_EQ(full.components, 1);
}

TEST(NetworkRules, TiesInTheRankingGoToTheSmallerIdAndTopIsRespected) {
  const std::set<std::int64_t> four = {1, 2, 3, 4};
  auto edges = BuildEdges({On({4, 3}, "bid", {2025, 1, 1}), On({1, 2}, "bid", {2025, 1, 1})}, {}, four);
  auto m = ComputeMetrics(edges, four, 2);
  ASSERT_EQ(m.most_connected.size(), 2u);
  EXPECT_EQ(m.most_connected[0].member, 1);
  EXPECT_EQ(m.most_connected[1].member, 2);
}

}  // namespace
}  // namespace coopole::cooperation::network
