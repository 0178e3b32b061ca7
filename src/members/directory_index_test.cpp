#include "directory_index.h"

#include <gtest/gtest.h>

namespace coopole::members {
namespace {

std::vector<Member> Members(int n) {
  std::vector<Member> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out[i].id = MemberId{i + 1};
    out[i].name = "Structure " + std::to_string(i);
    out[i].legal_form = "association";
  }
  return out;
}

TEST(DirectoryCache, RebuildsOnlyWhenTheVersionMoves) {
  DirectoryCache cache(10);
  int loads = 0;
  auto load = [&] { ++loads; return Members(2); };
  auto count = [] { return std::int64_t{2}; };
  auto first = cache.Get(HubId{1}, 1, count, load);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(cache.Get(HubId{1}, 1, count, load), first);
  EXPECT_EQ(loads, 1);
  EXPECT_NE(cache.Get(HubId{1}, 2, count, load), first);
  EXPECT_EQ(loads, 2);
}

TEST(DirectoryCache, DropsTheLeastRecentlyUsedHubOverBudgetAndNeverCachesTooLargeHubs) {
  DirectoryCache cache(3);
  int loads = 0;
  auto two = [&] { ++loads; return Members(2); };
  auto count_two = [] { return std::int64_t{2}; };
  cache.Get(HubId{1}, 1, count_two, two);
  cache.Get(HubId{2}, 1, count_two, two);  // 4 members > 3: hub 1 goes
  EXPECT_EQ(loads, 2);
  cache.Get(HubId{2}, 1, count_two, two);
  EXPECT_EQ(loads, 2);  // hub 2 kept
  cache.Get(HubId{1}, 1, count_two, two);
  EXPECT_EQ(loads, 3);  // hub 1 rebuilt
  bool loaded_big = false;
  auto big = cache.Get(HubId{3}, 1, [] { return std::int64_t{5}; }, [&] { loaded_big = true; return Members(5); });
  EXPECT_EQ(big, nullptr);
  EXPECT_FALSE(loaded_big);
  EXPECT_EQ(DirectoryCache(0).Get(HubId{1}, 1, count_two, two), nullptr);  // caching off
}

TEST(DirectoryIndex, PagesAndCountsInNameOrder) {
  DirectoryIndex index(Members(5));
  std::vector<Member> items;
  store::MemberFilter filter;
  EXPECT_EQ(index.Query(filter, 2, 2, items), 5);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].name, "Structure 2");
  filter.legal_forms = {"scop"};
  items.clear();
  EXPECT_EQ(index.Query(filter, 10, 0, items), 0);  // a value no member has
}

}  // namespace
}  // namespace coopole::members
