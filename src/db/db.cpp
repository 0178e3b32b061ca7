#include "coopole/db/db.h"

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <utility>

#include "connection_base.h"
#include "postgres/pg_connection.h"
#include "sqlite/sqlite_connection.h"

namespace coopole::db {
namespace {

const std::string kEmpty;

}  // namespace

// ---- Rows ----

const std::string& Rows::Text(std::size_t row, std::size_t col) const {
  const auto& cell = cells_[row * columns_ + col];
  return cell ? *cell : kEmpty;
}

std::int64_t Rows::Int(std::size_t row, std::size_t col) const {
  const auto& cell = cells_[row * columns_ + col];
  if (!cell) return 0;
  // Strict: the whole cell must be a decimal integer ("12abc", " 12", "1.5" are refused).
  std::int64_t value = 0;
  const char* begin = cell->data();
  const char* end = begin + cell->size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || cell->empty()) {
    throw Error("db: cell (" + std::to_string(row) + ", " + std::to_string(col) + ") is not an integer: '" +
                cell->substr(0, 40) + "'");
  }
  return value;
}

std::optional<std::int64_t> Rows::OptInt(std::size_t row, std::size_t col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Int(row, col);
}

std::optional<Date> Rows::OptDate(std::size_t row, std::size_t col) const {
  if (IsNull(row, col)) return std::nullopt;
  return ParseDate(Text(row, col));
}

std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

double Rows::Real(std::size_t row, std::size_t col) const {
  const auto& cell = cells_[row * columns_ + col];
  if (!cell) return 0.0;
  double value = 0.0;
  const char* begin = cell->data();
  const char* end = begin + cell->size();
  // from_chars is locale-independent (strtod would read "1.5" as 1 under a French locale).
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || cell->empty()) {
    throw Error("db: cell (" + std::to_string(row) + ", " + std::to_string(col) + ") is not a number: '" +
                cell->substr(0, 40) + "'");
  }
  return value;
}

// ---- Pool ----

struct Pool::State {
  std::function<std::unique_ptr<Connection>()> factory;
  std::size_t size = 0;
  std::mutex mutex;
  std::condition_variable available;
  std::vector<std::unique_ptr<Connection>> idle;  // guarded by mutex
  std::size_t open = 0;                           // idle + lent; guarded by mutex
};

Pool::Pool(Dialect dialect, std::function<std::unique_ptr<Connection>()> factory, std::size_t size)
    : dialect_(dialect), state_(std::make_unique<State>()) {
  state_->factory = std::move(factory);
  state_->size = size == 0 ? 1 : size;
  // Open one connection now so that a bad URL or unreachable server fails at startup;
  // the others are opened when first needed.
  state_->idle.push_back(state_->factory());
  state_->open = 1;
}

// Leases must all be returned before the pool is destroyed.
Pool::~Pool() = default;

std::unique_ptr<Pool> Pool::Open(const std::string& url, PoolOptions options) {
  if (url.starts_with("sqlite:")) {
    std::string path = internal::SqlitePathFromUrl(url);
    int timeout = options.busy_timeout_ms;
    return std::unique_ptr<Pool>(new Pool(
        Dialect::kSqlite, [path, timeout] { return std::make_unique<internal::SqliteConnection>(path, timeout); },
        options.size));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::unique_ptr<Pool>(
        new Pool(Dialect::kPostgres, [url] { return std::make_unique<internal::PgConnection>(url); }, options.size));
  }
  // The URL itself is not echoed: it may hold a password.
  throw Error("db: unsupported database URL (expected sqlite:PATH or postgresql://...)");
}

Lease Pool::Acquire() {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(state_->mutex);
    state_->available.wait(lock, [&] { return !state_->idle.empty() || state_->open < state_->size; });
    if (!state_->idle.empty()) {
      conn = std::move(state_->idle.back());
      state_->idle.pop_back();
    } else {
      ++state_->open;  // reserve the slot, connect outside the lock
    }
  }
  // A connection whose last statement failed is checked before reuse, and replaced if it
  // no longer answers (server restarted, network cut).
  if (conn) {
    auto* backend = internal::AsBackend(conn.get());
    if (backend && backend->faulted()) {
      if (backend->Ping()) {
        backend->ClearFault();
      } else {
        conn.reset();
      }
    }
  }
  if (!conn) {
    try {
      conn = state_->factory();
    } catch (...) {
      std::lock_guard lock(state_->mutex);
      --state_->open;
      state_->available.notify_one();
      throw;
    }
  }
  return Lease(this, std::move(conn));
}

void Pool::Return(std::unique_ptr<Connection> conn) {
  // A connection left inside a transaction (or whose state is unknown) is closed rather
  // than lent to someone who would run in that transaction.
  auto* backend = internal::AsBackend(conn.get());
  bool reusable = true;
  try {
    reusable = !(backend && backend->InTransaction());
  } catch (...) {
    reusable = false;
  }
  if (!reusable) conn.reset();
  std::lock_guard lock(state_->mutex);
  if (conn) {
    state_->idle.push_back(std::move(conn));
  } else {
    --state_->open;
  }
  state_->available.notify_one();
}

// ---- Lease ----

Lease::~Lease() {
  if (!conn_) return;  // moved from
  if (broken_) conn_.reset();
  if (pool_) pool_->Return(std::move(conn_));
}

// ---- Transaction ----

namespace {

const char* BeginSql(Dialect dialect, TxMode mode) {
  if (dialect == Dialect::kSqlite) return mode == TxMode::kRead ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE";
  switch (mode) {
    case TxMode::kRead:
      return "BEGIN READ ONLY";
    case TxMode::kWrite:
      return "BEGIN";
    case TxMode::kSerializable:
      break;
  }
  return "BEGIN ISOLATION LEVEL SERIALIZABLE";
}

}  // namespace

Transaction::Transaction(Lease lease, TxMode mode) : lease_(std::move(lease)) {
  if (auto* backend = internal::AsBackend(&*lease_)) {
    backend->Begin(mode);
  } else {
    lease_->ExecuteScript(BeginSql(lease_->dialect(), mode));
  }
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    if (auto* backend = internal::AsBackend(&*lease_)) {
      backend->Rollback();
    } else {
      lease_->ExecuteScript("ROLLBACK");
    }
  } catch (...) {
    // Never throw from a destructor (it may run during unwinding); the connection's state
    // is unknown, so the Lease closes it instead of returning it to the pool.
    lease_.broken_ = true;
  }
}

Dialect Transaction::dialect() const { return lease_.conn_->dialect(); }

void Transaction::Commit() {
  if (done_) throw Error("db: transaction already committed");
  if (auto* backend = internal::AsBackend(&*lease_)) {
    backend->Commit();
  } else {
    lease_->ExecuteScript("COMMIT");
  }
  done_ = true;
}

}  // namespace coopole::db

namespace coopole::db {

void BackupSqlite(const std::string& url, const std::string& path) {
  internal::BackupSqliteFile(internal::SqlitePathFromUrl(url), path);
}

}  // namespace coopole::db
