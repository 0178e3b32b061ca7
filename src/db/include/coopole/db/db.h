// The storage layer every module's store/ uses: one API over SQLite and PostgreSQL.
//
// Contract for SQL text: placeholders are written `?` (the PostgreSQL backend rewrites
// them to $1..$n, skipping quoted literals); only portable SQL is used in stores
// (INSERT ... RETURNING, ON CONFLICT, LIMIT/OFFSET, COALESCE, CASE). Integers are 64-bit;
// booleans are stored as INTEGER 0/1; money as integer cents; instants as integer UTC
// seconds; calendar dates as TEXT 'YYYY-MM-DD'.
//
// Faults (connection lost, disk full, constraint violations not anticipated by the
// caller) are thrown as db::Error; expected outcomes such as a unique-key collision are
// reported as db::ConstraintError so that a use case can turn them into a 409.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/time.h"

namespace coopole::db {

enum class Dialect { kSqlite, kPostgres };

struct Null {};
using Value = std::variant<Null, std::int64_t, double, std::string>;

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A unique, foreign-key or check constraint refused the statement.
class ConstraintError : public Error {
 public:
  using Error::Error;
};

// The database could not serialize this transaction with concurrent ones and aborted it:
// PostgreSQL SQLSTATE 40001 (serialization_failure) or 40P01 (deadlock_detected); SQLite
// SQLITE_BUSY/SQLITE_LOCKED once busy_timeout_ms has elapsed. Nothing of the transaction
// remains once it is destroyed; the caller may retry the whole transaction.
class SerializationError : public Error {
 public:
  using Error::Error;
};

// The row set of a query. Cells are kept as text or null (both backends return text
// cheaply); typed getters convert. Column access is by index in SELECT order.
class Rows {
 public:
  std::size_t size() const { return cells_.size() / (columns_ == 0 ? 1 : columns_); }
  bool empty() const { return cells_.empty(); }
  std::size_t columns() const { return columns_; }

  bool IsNull(std::size_t row, std::size_t col) const { return !cells_[row * columns_ + col].has_value(); }
  // Text of a cell; "" for null.
  const std::string& Text(std::size_t row, std::size_t col) const;
  std::optional<std::string> OptText(std::size_t row, std::size_t col) const { return cells_[row * columns_ + col]; }
  // Integer of a cell; 0 for null. Throws db::Error if the cell is not an integer.
  std::int64_t Int(std::size_t row, std::size_t col) const;
  std::optional<std::int64_t> OptInt(std::size_t row, std::size_t col) const;
  // A 'YYYY-MM-DD' cell as a date; nullopt for null or for text that is not a date.
  std::optional<Date> OptDate(std::size_t row, std::size_t col) const;
  double Real(std::size_t row, std::size_t col) const;

  // Builders used by the backends.
  void SetColumns(std::size_t n) { columns_ = n; }
  void Push(std::optional<std::string> cell) { cells_.push_back(std::move(cell)); }
  void Reserve(std::size_t n) { cells_.reserve(n); }

 private:
  std::size_t columns_ = 0;
  std::vector<std::optional<std::string>> cells_;
};

using Params = std::vector<Value>;

// Parameters of optional values: NULL when unset.
inline Value Nullable(const std::optional<std::int64_t>& value) { return value ? Value(*value) : Value(Null{}); }
template <typename Tag>
Value Nullable(const std::optional<Id<Tag>>& id) {
  return id ? Value(id->value) : Value(Null{});
}
inline Value Nullable(const std::optional<Date>& date) { return date ? Value(FormatIsoDate(*date)) : Value(Null{}); }
inline Value Nullable(const std::optional<Timestamp>& t) { return t ? Value(t->unix_seconds) : Value(Null{}); }

// A LIKE pattern matching `text` anywhere, with LIKE's wildcards in `text` taken literally:
// use it with `LIKE ? ESCAPE '\'`.
std::string ContainsPattern(std::string_view text);

// One database connection. Not thread-safe: a connection is used by one thread at a time,
// obtained from the Pool. Prepared statements are cached per connection by SQL text.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement returning rows (SELECT, or INSERT/UPDATE ... RETURNING).
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual std::int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations). Not prepared.
  virtual void ExecuteScript(std::string_view sql) = 0;
  // True if the connection still answers a trivial query.
  virtual bool Ping() = 0;
};

enum class TxMode {
  kRead,   // SQLite: BEGIN DEFERRED; PostgreSQL: BEGIN READ ONLY
  kWrite,  // SQLite: BEGIN IMMEDIATE (takes the write lock now, no upgrade deadlock); PostgreSQL: BEGIN
  kSerializable,  // SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN ISOLATION LEVEL SERIALIZABLE
};

class Pool;

// A connection borrowed from the pool, returned on destruction.
class Lease {
 public:
  Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  friend class Transaction;
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
  // Set when the connection's state is unknown (a rollback failed): the destructor then
  // closes it instead of returning it to the pool.
  bool broken_ = false;
};

// A transaction on a leased connection. Rolls back on destruction unless committed.
// Use cases own transactions: handlers, stores and templates never commit.
class Transaction {
 public:
  Transaction(Lease lease, TxMode mode);
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Connection& conn() { return *lease_; }
  Rows Query(std::string_view sql, const Params& params = {}) { return lease_->Query(sql, params); }
  std::int64_t Execute(std::string_view sql, const Params& params = {}) { return lease_->Execute(sql, params); }
  Dialect dialect() const;
  void Commit();

 private:
  Lease lease_;
  bool done_ = false;
};

struct PoolOptions {
  std::size_t size = 4;              // connections kept open
  int busy_timeout_ms = 5000;        // SQLite: wait for the write lock this long
};

// A fixed-size pool of connections to one database, thread-safe.
class Pool {
 public:
  // Opens `url`: "sqlite:PATH" (the file is created; ":memory:" is refused because pooled
  // connections would not share it) or "postgresql://..." / "postgres://..." (libpq URI).
  // Throws db::Error when the database cannot be opened.
  static std::unique_ptr<Pool> Open(const std::string& url, PoolOptions options = {});

  ~Pool();
  Dialect dialect() const { return dialect_; }
  // Blocks until a connection is free.
  Lease Acquire();
  Transaction Begin(TxMode mode) { return Transaction(Acquire(), mode); }
  // Runs `fn` in a transaction and commits if it returns; rolls back if it throws.
  template <typename F>
  auto InTransaction(TxMode mode, F&& fn) {
    Transaction tx = Begin(mode);
    if constexpr (std::is_void_v<decltype(fn(tx))>) {
      fn(tx);
      tx.Commit();
    } else {
      auto result = fn(tx);
      tx.Commit();
      return result;
    }
  }

 private:
  friend class Lease;
  Pool(Dialect dialect, std::function<std::unique_ptr<Connection>()> factory, std::size_t size);
  void Return(std::unique_ptr<Connection> conn);

  struct State;
  Dialect dialect_;
  std::unique_ptr<State> state_;
};

// SQLite only: copies the live database to `path` with the online backup API (consistent
// while the server writes). Throws db::Error.
void BackupSqlite(const std::string& url, const std::string& path);

}  // namespace coopole::db
