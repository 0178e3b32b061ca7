// PostgreSQL placeholder rewriting (no server needed).
#include <gtest/gtest.h>

#include "postgres/pg_connection.h"

namespace coopole::db::internal {
namespace {

std::string Rewrite(std::string_view sql, int expected_count) {
  int count = -1;
  std::string out = RewritePlaceholders(sql, count);
  EXPECT_EQ(count, expected_count) << sql;
  return out;
}

TEST(RewritePlaceholdersTest, NumbersPlaceholdersInOrder) {
  EXPECT_EQ(Rewrite("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", 3),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(Rewrite("SELECT 1", 0), "SELECT 1");
  EXPECT_EQ(Rewrite("", 0), "");
}

TEST(RewritePlaceholdersTest, SkipsLiteralsIdentifiersAndComments) {
  EXPECT_EQ(Rewrite("SELECT 'a?b', ? , 'it''s ?', \"q?\" -- why?\n, ? /* ? */ , ?", 3),
            "SELECT 'a?b', $1 , 'it''s ?', \"q?\" -- why?\n, $2 /* ? */ , $3");
  EXPECT_EQ(Rewrite("SELECT '?", 0), "SELECT '?");  // unterminated: left to the server
  EXPECT_EQ(Rewrite("SELECT 'é?' || ?", 1), "SELECT 'é?' || $1");
}

}  // namespace
}  // namespace coopole::db::internal
