// Statements, values and transactions on both backends.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>

#include "coopole/db/db.h"
#include "coopole/db/migrations.h"
#include "test_fixture.h"

namespace coopole::db {
namespace {

class StatementTest : public DbTest {
 protected:
  void SetUp() override {
    auto lease = pool_->Acquire();
    lease->ExecuteScript(ExpandDialect(
        "CREATE TABLE item (id {{id}}, code TEXT NOT NULL UNIQUE, qty BIGINT, price {{real}}, note TEXT);"
        "CREATE TABLE line (id {{id}}, item_id BIGINT NOT NULL REFERENCES item(id));",
        pool_->dialect()));
  }

  std::int64_t CountItems() {
    auto lease = pool_->Acquire();
    return lease->Query("SELECT COUNT(*) FROM item").Int(0, 0);
  }
};

TEST_P(StatementTest, RoundTripsEveryValueType) {
  const std::string utf8 = "Société « l'Été » — \"quoted\" ? 漢字 🙂 it''s";
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  auto lease = pool_->Acquire();
  lease->Execute("INSERT INTO item (code, qty, price, note) VALUES (?, ?, ?, ?)", {std::string("a"), big, 0.1, utf8});
  lease->Execute("INSERT INTO item (code, qty, price, note) VALUES (?, ?, ?, ?)",
                 {std::string("b"), small, -1.25e300, Null{}});
  lease->Execute("INSERT INTO item (code, qty, price, note) VALUES (?, ?, ?, ?)",
                 {std::string("c"), Null{}, Null{}, std::string()});
  Rows rows = lease->Query("SELECT code, qty, price, note FROM item ORDER BY code");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows.columns(), 4u);
  EXPECT_EQ(rows.Int(0, 1), big);
  EXPECT_EQ(rows.Real(0, 2), 0.1);
  EXPECT_EQ(rows.Text(0, 3), utf8);
  EXPECT_EQ(rows.Int(1, 1), small);
  EXPECT_EQ(rows.Real(1, 2), -1.25e300);
  EXPECT_TRUE(rows.IsNull(1, 3));
  EXPECT_EQ(rows.Text(1, 3), "");
  EXPECT_EQ(rows.OptText(1, 3), std::nullopt);
  EXPECT_TRUE(rows.IsNull(2, 1));
  EXPECT_EQ(rows.OptInt(2, 1), std::nullopt);
  EXPECT_EQ(rows.Int(2, 1), 0);
  EXPECT_EQ(rows.Real(2, 2), 0.0);
  EXPECT_FALSE(rows.IsNull(2, 3));  // empty text is not NULL
  EXPECT_EQ(rows.OptText(2, 3), std::optional<std::string>(""));

  // Parameters typed by value alone, with no column to infer from.
  Rows direct = lease->Query("SELECT ?, ?, ? + 1", {std::int64_t{42}, 2.5, std::int64_t{9}});
  EXPECT_EQ(direct.Int(0, 0), 42);
  EXPECT_EQ(direct.Real(0, 1), 2.5);
  EXPECT_EQ(direct.Int(0, 2), 10);
}

TEST_P(StatementTest, QuestionMarksInsideLiteralsAreNotPlaceholders) {
  auto lease = pool_->Acquire();
  Rows rows = lease->Query("SELECT 'what?', ?, 'it''s ?', \"code?\" FROM (SELECT 'x' AS \"code?\") AS s WHERE 1 = ?",
                           {std::string("p?"), std::int64_t{1}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.Text(0, 0), "what?");
  EXPECT_EQ(rows.Text(0, 1), "p?");
  EXPECT_EQ(rows.Text(0, 2), "it's ?");
  EXPECT_EQ(rows.Text(0, 3), "x");
}

TEST_P(StatementTest, InsertReturningId) {
  auto lease = pool_->Acquire();
  Rows first = lease->Query("INSERT INTO item (code) VALUES (?) RETURNING id", {std::string("a")});
  Rows second = lease->Query("INSERT INTO item (code) VALUES (?) RETURNING id", {std::string("b")});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_GT(first.Int(0, 0), 0);
  EXPECT_EQ(second.Int(0, 0), first.Int(0, 0) + 1);
}

TEST_P(StatementTest, OnConflictUpserts) {
  auto lease = pool_->Acquire();
  const std::string upsert =
      "INSERT INTO item (code, qty) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET qty = item.qty + excluded.qty";
  EXPECT_EQ(lease->Execute(upsert, {std::string("a"), std::int64_t{2}}), 1);
  EXPECT_EQ(lease->Execute(upsert, {std::string("a"), std::int64_t{3}}), 1);
  Rows rows = lease->Query("SELECT qty FROM item WHERE code = ?", {std::string("a")});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.Int(0, 0), 5);
}

TEST_P(StatementTest, ExecuteReturnsChangedRows) {
  auto lease = pool_->Acquire();
  for (const char* code : {"a", "b", "c"}) lease->Execute("INSERT INTO item (code, qty) VALUES (?, 1)", {std::string(code)});
  EXPECT_EQ(lease->Execute("UPDATE item SET qty = 2 WHERE code <> ?", {std::string("a")}), 2);
  EXPECT_EQ(lease->Execute("DELETE FROM item WHERE code = ?", {std::string("zz")}), 0);
}

TEST_P(StatementTest, UniqueViolationIsConstraintError) {
  auto lease = pool_->Acquire();
  lease->Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")});
  EXPECT_THROW(lease->Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")}), ConstraintError);
  // The connection stays usable.
  EXPECT_EQ(lease->Query("SELECT COUNT(*) FROM item").Int(0, 0), 1);
}

TEST_P(StatementTest, ForeignKeyViolationIsConstraintError) {
  auto lease = pool_->Acquire();
  EXPECT_THROW(lease->Execute("INSERT INTO line (item_id) VALUES (?)", {std::int64_t{999}}), ConstraintError);
}

TEST_P(StatementTest, OtherFailuresAreErrorsNotConstraintErrors) {
  auto lease = pool_->Acquire();
  try {
    lease->Query("SELEC nonsense");
    FAIL() << "no exception";
  } catch (const ConstraintError&) {
    FAIL() << "syntax error reported as a constraint error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("SELEC nonsense"), std::string::npos) << error.what();
  }
  EXPECT_THROW(lease->Query("SELECT ?", {}), Error);  // parameter count mismatch
  EXPECT_EQ(lease->Query("SELECT 1").Int(0, 0), 1);
}

TEST_P(StatementTest, IntParsesStrictly) {
  auto lease = pool_->Acquire();
  Rows rows = lease->Query("SELECT 'abc', '12x', ' 7', '', '-15'");
  EXPECT_THROW(rows.Int(0, 0), Error);
  EXPECT_THROW(rows.Int(0, 1), Error);
  EXPECT_THROW(rows.Int(0, 2), Error);
  EXPECT_THROW(rows.Int(0, 3), Error);
  EXPECT_EQ(rows.Int(0, 4), -15);
  EXPECT_THROW(rows.Real(0, 0), Error);
}

TEST_P(StatementTest, TransactionRollsBackOnDestruction) {
  {
    Transaction tx = pool_->Begin(TxMode::kWrite);
    tx.Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")});
    EXPECT_EQ(tx.Query("SELECT COUNT(*) FROM item").Int(0, 0), 1);
  }
  EXPECT_EQ(CountItems(), 0);
  // Also when an exception leaves InTransaction.
  EXPECT_THROW(pool_->InTransaction(TxMode::kWrite,
                                    [](Transaction& tx) {
                                      tx.Execute("INSERT INTO item (code) VALUES (?)", {std::string("b")});
                                      throw std::runtime_error("use case failed");
                                    }),
               std::runtime_error);
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(StatementTest, CommitPersists) {
  std::int64_t id = pool_->InTransaction(TxMode::kWrite, [](Transaction& tx) {
    return tx.Query("INSERT INTO item (code) VALUES (?) RETURNING id", {std::string("a")}).Int(0, 0);
  });
  {
    Transaction tx = pool_->Begin(TxMode::kSerializable);
    tx.Execute("UPDATE item SET qty = 3 WHERE id = ?", {id});
    tx.Commit();
    EXPECT_THROW(tx.Commit(), Error);
  }
  auto other = OpenPool();  // new connections see it
  Transaction tx = other->Begin(TxMode::kRead);
  Rows rows = tx.Query("SELECT qty FROM item WHERE id = ?", {id});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.Int(0, 0), 3);
}

TEST_P(StatementTest, CommitOfAbortedTransactionThrowsOnPostgres) {
  if (!IsPostgres()) GTEST_SKIP() << "SQLite keeps the transaction open after a failed statement";
  pool_->Acquire()->Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")});
  {
    Transaction tx = pool_->Begin(TxMode::kWrite);
    tx.Execute("INSERT INTO item (code) VALUES (?)", {std::string("b")});
    EXPECT_THROW(tx.Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")}), ConstraintError);
    EXPECT_THROW(tx.Commit(), Error);
  }
  EXPECT_EQ(CountItems(), 1);
}

TEST_P(StatementTest, ReadTransactionRefusesWritesOnPostgres) {
  if (!IsPostgres()) GTEST_SKIP() << "SQLite BEGIN DEFERRED may write";
  Transaction tx = pool_->Begin(TxMode::kRead);
  EXPECT_THROW(tx.Execute("INSERT INTO item (code) VALUES (?)", {std::string("a")}), Error);
}

TEST_P(StatementTest, ConflictingTransactionsRaiseSerializationError) {
  auto pool = OpenPool({.size = 2, .busy_timeout_ms = 200});
  if (!IsPostgres()) {
    // BEGIN IMMEDIATE waits for the writer, then gives up after busy_timeout_ms.
    Transaction first = pool->Begin(TxMode::kWrite);
    EXPECT_THROW(pool->Begin(TxMode::kWrite), SerializationError);
    first.Commit();
    pool->Begin(TxMode::kWrite).Commit();  // the failed attempt's connection is reusable
    return;
  }
  // Write skew between two serializable transactions.
  Transaction first = pool->Begin(TxMode::kSerializable);
  Transaction second = pool->Begin(TxMode::kSerializable);
  first.Query("SELECT COUNT(*) FROM item");
  second.Query("SELECT COUNT(*) FROM item");
  first.Execute("INSERT INTO item (code) VALUES ('a')");
  first.Commit();
  EXPECT_THROW(
      {
        second.Execute("INSERT INTO item (code) VALUES ('b')");
        second.Commit();
      },
      SerializationError);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatementTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()), KindName);

}  // namespace
}  // namespace coopole::db

namespace coopole::db {
namespace {

TEST(ValueHelpers, ContainsPatternEscapesLikeWildcards) {
  EXPECT_EQ(ContainsPattern("salle"), "%salle%");
  EXPECT_EQ(ContainsPattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
}

TEST(ValueHelpers, NullableIsNullWhenUnset) {
  EXPECT_TRUE(std::holds_alternative<Null>(Nullable(std::optional<std::int64_t>{})));
  EXPECT_EQ(std::get<std::int64_t>(Nullable(std::optional<std::int64_t>{7})), 7);
  EXPECT_EQ(std::get<std::string>(Nullable(std::optional<Date>{Date{2026, 3, 29}})), "2026-03-29");
  EXPECT_EQ(std::get<std::int64_t>(Nullable(std::optional<Timestamp>{Timestamp{42}})), 42);
  EXPECT_TRUE(std::holds_alternative<Null>(Nullable(std::optional<Id<struct TestTag>>{})));
}

}  // namespace
}  // namespace coopole::db
