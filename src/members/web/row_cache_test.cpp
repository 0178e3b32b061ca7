#include "row_cache.h"

#include <gtest/gtest.h>

namespace coopole::members::web {
namespace {

TEST(RowCache, RendersOncePerKey) {
  RowCache cache(10);
  int renders = 0;
  auto render = [&] { return "<tr>" + std::to_string(++renders) + "</tr>"; };
  EXPECT_EQ(cache.Get("demo/1/v1/fr", render), "<tr>1</tr>");
  EXPECT_EQ(cache.Get("demo/1/v1/fr", render), "<tr>1</tr>");
  EXPECT_EQ(cache.Get("demo/1/v2/fr", render), "<tr>2</tr>");  // a new version renders again
  EXPECT_EQ(renders, 2);
}

TEST(RowCache, StaysWithinItsBound) {
  RowCache cache(3);
  for (int i = 0; i < 10; ++i) cache.Get(std::to_string(i), [] { return std::string("x"); });
  EXPECT_LE(cache.size(), 3u);
}

}  // namespace
}  // namespace coopole::members::web
