// A write that finds the database busy for longer than its timeout answers 503 with
// Retry-After, having written nothing, and succeeds when sent again.
#include <gtest/gtest.h>

#include "pooling_test_support.h"

namespace coopole::testing::pooling_test {
namespace {

class PoolingBusyTest : public PoolingWebTest {};

TEST_P(PoolingBusyTest, ABookingThatFindsTheDatabaseBusyAnswers503AndNothingIsWritten) {
  // SQLite has one writer: a transaction held open here makes the server's wait time out
  // (5 s). PostgreSQL would wait for as long as the lock is held: nothing to see there.
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite's single writer only";
  auto room = Room();
  const Date day = Upcoming(2);
  {
    auto held = app_.app().pool().Begin(db::TxMode::kWrite);
    auto busy = Book(coordinator_, room, At(day, "09:00"), At(day, "10:00"), {{"member_id", atelier_.value}});
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_EQ(busy.Header("retry-after"), "1");
    EXPECT_EQ(Json(busy)["error"]["code"], "unavailable");
  }
  auto listed = app_.Api("GET", kApi + "/bookings", coordinator_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Json(listed)["total"], 0);
  auto again = Book(coordinator_, room, At(day, "09:00"), At(day, "10:00"), {{"member_id", atelier_.value}});
  EXPECT_EQ(again.status, 201) << again.body;
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingBusyTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::pooling_test
