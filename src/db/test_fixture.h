// Shared by the db module's tests: a fresh database of each available kind per test.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "coopole/db/db.h"
#include "test_database.h"

namespace coopole::db {

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<Pool> OpenPool(PoolOptions options = {}) { return Pool::Open(database_.url(), options); }
  bool IsPostgres() const { return GetParam() == "postgres"; }

  coopole::testing::TestDatabase database_{GetParam()};
  std::unique_ptr<Pool> pool_ = OpenPool();
};

inline std::string KindName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace coopole::db
