// Pool behaviour: concurrency, exhaustion, faulty connections, backups.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "coopole/db/db.h"
#include "test_fixture.h"

namespace coopole::db {
namespace {

using namespace std::chrono_literals;

class PoolTest : public DbTest {};

TEST_P(PoolTest, ConcurrentWritersKeepAnExactCount) {
  constexpr int kThreads = 8;
  constexpr int kIncrements = 200;
  auto pool = OpenPool({.size = kThreads});
  pool->InTransaction(TxMode::kWrite, [](Transaction& tx) {
    tx.conn().ExecuteScript(
        "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
        "CREATE TABLE event (thread INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (thread, seq));"
        "INSERT INTO counter (id, n) VALUES (1, 0);");
  });
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIncrements; ++i) {
        try {
          pool->InTransaction(TxMode::kWrite, [&](Transaction& tx) {
            tx.Execute("UPDATE counter SET n = n + 1 WHERE id = 1");
            tx.Execute("INSERT INTO event (thread, seq) VALUES (?, ?)",
                       {static_cast<std::int64_t>(t), static_cast<std::int64_t>(i)});
          });
        } catch (const Error& error) {
          ++failures;
          ADD_FAILURE() << error.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto lease = pool->Acquire();
  EXPECT_EQ(lease->Query("SELECT n FROM counter WHERE id = 1").Int(0, 0), kThreads * kIncrements);
  EXPECT_EQ(lease->Query("SELECT COUNT(*) FROM event").Int(0, 0), kThreads * kIncrements);
}

TEST_P(PoolTest, AcquireBlocksWhenExhaustedAndResumes) {
  auto pool = OpenPool({.size = 1});
  std::optional<Lease> held(pool->Acquire());
  std::atomic<bool> acquired{false};
  std::thread waiter([&] {
    Lease lease = pool->Acquire();
    acquired = true;
    EXPECT_EQ(lease->Query("SELECT 1").Int(0, 0), 1);
  });
  std::this_thread::sleep_for(150ms);
  EXPECT_FALSE(acquired.load());
  held.reset();
  waiter.join();
  EXPECT_TRUE(acquired.load());
}

TEST_P(PoolTest, ConnectionLeftInTransactionIsNotReused) {
  auto pool = OpenPool({.size = 1});
  pool->Acquire()->ExecuteScript("BEGIN");
  // A reused connection would refuse a nested BEGIN.
  Transaction tx = pool->Begin(TxMode::kWrite);
  tx.Commit();
}

TEST_P(PoolTest, LostConnectionIsReplaced) {
  if (!IsPostgres()) GTEST_SKIP() << "needs a server to cut the connection";
  auto pool = OpenPool({.size = 1});
  auto admin = OpenPool({.size = 1});
  auto kill = [&](std::int64_t pid) {
    admin->Acquire()->Query("SELECT pg_terminate_backend(?::integer)", {pid});
    std::this_thread::sleep_for(100ms);
  };

  std::int64_t pid = pool->Acquire()->Query("SELECT pg_backend_pid()").Int(0, 0);
  kill(pid);
  EXPECT_THROW(pool->Acquire()->Query("SELECT 1"), Error);
  EXPECT_EQ(pool->Acquire()->Query("SELECT 1").Int(0, 0), 1);

  // Lost inside a transaction: the destructor's rollback fails silently, the connection
  // is dropped, the next borrower gets a fresh one.
  {
    Transaction tx = pool->Begin(TxMode::kWrite);
    kill(tx.Query("SELECT pg_backend_pid()").Int(0, 0));
    EXPECT_THROW(tx.Query("SELECT 1"), Error);
  }
  EXPECT_EQ(pool->Acquire()->Query("SELECT 1").Int(0, 0), 1);
}

TEST_P(PoolTest, BackupSqliteMakesAReadableCopy) {
  if (IsPostgres()) {
    EXPECT_THROW(BackupSqlite(database_.url(), "/tmp/never.db"), Error);
    return;
  }
  pool_->InTransaction(TxMode::kWrite, [](Transaction& tx) {
    tx.conn().ExecuteScript("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
    for (int i = 0; i < 500; ++i) tx.Execute("INSERT INTO note (body) VALUES (?)", {std::string(200, 'x')});
  });
  auto dir = std::filesystem::temp_directory_path() / ("coopole-backup-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  std::string copy = (dir / "sub" / "copy.db").string();
  {
    Lease reader = pool_->Acquire();  // a live connection does not prevent the backup
    BackupSqlite(database_.url(), copy);
  }
  {
    auto restored = Pool::Open("sqlite:" + copy);
    EXPECT_EQ(restored->Acquire()->Query("SELECT COUNT(*) FROM note").Int(0, 0), 500);
  }
  std::filesystem::remove_all(dir);
}

TEST(PoolOpenTest, RefusesBadUrls) {
  EXPECT_THROW(Pool::Open("sqlite::memory:"), Error);
  EXPECT_THROW(Pool::Open("sqlite:"), Error);
  EXPECT_THROW(Pool::Open("mysql://localhost/x"), Error);
  EXPECT_THROW(Pool::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), Error);
  EXPECT_THROW(BackupSqlite("sqlite:/nonexistent/dir/x.db", "/tmp/x.db"), Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, PoolTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()), KindName);

}  // namespace
}  // namespace coopole::db
