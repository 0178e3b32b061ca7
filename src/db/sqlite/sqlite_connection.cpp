#include "sqlite/sqlite_connection.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

namespace coopole::db::internal {
namespace {

// sqlite3_busy_handler callback (see SqliteBusyWait): 1 = retry, 0 = give up (SQLITE_BUSY).
// `count` restarts at 0 for each new lock wait.
int OnBusy(void* arg, int count) {
  auto* wait = static_cast<SqliteBusyWait*>(arg);
  if (count == 0) wait->started = std::chrono::steady_clock::now();
  if (std::chrono::steady_clock::now() - wait->started >= std::chrono::milliseconds(wait->timeout_ms)) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(std::min(100 * (count + 1), 2000)));
  return 1;
}

// Shortest text that reads back as the same double, independent of the C locale (a
// French locale would print a decimal comma with printf). Same text PostgreSQL gives.
std::string DoubleText(double value) {
  std::array<char, 32> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), end);
}

// Resets a cached statement and clears its bindings when the call ends, however it ends.
class StmtReset {
 public:
  explicit StmtReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StmtReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StmtReset(const StmtReset&) = delete;
  StmtReset& operator=(const StmtReset&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, int busy_timeout_ms) {
  std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) throw Error("sqlite: cannot create directory " + file.parent_path().string() + ": " + ec.message());
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error("sqlite: cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  busy_ = std::make_unique<SqliteBusyWait>(SqliteBusyWait{busy_timeout_ms, {}});
  sqlite3_busy_handler(db_, &OnBusy, busy_.get());
  try {
    // journal_mode=WAL: readers never block the writer. synchronous=FULL: a committed
    // transaction survives a power loss. Set the busy handler first: switching to WAL
    // needs a lock another process may hold. cache_size (in KiB when negative) and
    // mmap_size keep a hub's working set in memory: reads then cost no pread copy.
    ExecuteScript(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; "
        "PRAGMA cache_size=-16384; PRAGMA mmap_size=268435456;");
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalize before closing
  if (db_) sqlite3_close_v2(db_);
}

void SqliteConnection::Fail(int rc, std::string_view sql) {
  std::string message = "sqlite: ";
  message += sqlite3_errmsg(db_);
  if (!sql.empty()) {
    message += " [in: ";
    message += sql;
    message += "]";
  }
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) throw ConstraintError(message);
  MarkFaulted();
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw SerializationError(message);
  throw Error(message);
}

sqlite3_stmt* SqliteConnection::Prepare(std::string_view sql, const Params& params) {
  std::string key(sql);
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &raw, &tail);
    if (rc != SQLITE_OK) Fail(rc, sql);
    if (raw == nullptr) throw Error("sqlite: empty statement");
    StmtPtr stmt(raw);
    // Only one statement per call: trailing statements would be silently ignored.
    for (; tail && *tail; ++tail) {
      if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
        throw Error("sqlite: several statements given to Query/Execute [in: " + key + "]");
      }
    }
    it = statements_.emplace(std::move(key), std::move(stmt)).first;
  }
  sqlite3_stmt* stmt = it->second.get();
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw Error("sqlite: statement takes " + std::to_string(expected) + " parameters, " +
                std::to_string(params.size()) + " given [in: " + std::string(sql) + "]");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Null>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, value);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, value);
          } else {
            // SQLITE_STATIC: `params` outlives the statement's use (bindings are cleared
            // by StmtReset before returning).
            return sqlite3_bind_text64(stmt, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(stmt);
      Fail(rc, sql);
    }
  }
  return stmt;
}

Rows SqliteConnection::Query(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql, params);
  StmtReset reset(stmt);
  Rows rows;
  int columns = sqlite3_column_count(stmt);
  rows.SetColumns(static_cast<std::size_t>(columns));
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) Fail(rc, sql);
    for (int col = 0; col < columns; ++col) {
      switch (sqlite3_column_type(stmt, col)) {
        case SQLITE_NULL:
          rows.Push(std::nullopt);
          break;
        case SQLITE_FLOAT:
          rows.Push(DoubleText(sqlite3_column_double(stmt, col)));
          break;
        case SQLITE_BLOB: {
          const void* data = sqlite3_column_blob(stmt, col);
          int size = sqlite3_column_bytes(stmt, col);
          rows.Push(std::string(static_cast<const char*>(data), static_cast<std::size_t>(size)));
          break;
        }
        default: {
          const unsigned char* text = sqlite3_column_text(stmt, col);
          int size = sqlite3_column_bytes(stmt, col);
          rows.Push(std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)));
        }
      }
    }
  }
  return rows;
}

std::int64_t SqliteConnection::Execute(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = Prepare(sql, params);
  StmtReset reset(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) Fail(rc, sql);
  return sqlite3_changes64(db_);
}

void SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) Fail(rc, sql);
}

bool SqliteConnection::Ping() {
  try {
    Rows rows = Query("SELECT 1", {});
    return rows.size() == 1;
  } catch (const Error&) {
    return false;
  }
}

void SqliteConnection::Begin(TxMode mode) {
  // IMMEDIATE takes the write lock up front (waiting in the busy handler): a DEFERRED
  // transaction that reads and then writes can fail with SQLITE_BUSY_SNAPSHOT instead.
  // Execute (not ExecuteScript): the statements are prepared once per connection, which
  // matters at thousands of transactions per second.
  Execute(mode == TxMode::kRead ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", {});
}

void SqliteConnection::Commit() { Execute("COMMIT", {}); }

void SqliteConnection::Rollback() {
  // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
  if (InTransaction()) Execute("ROLLBACK", {});
}

bool SqliteConnection::InTransaction() { return sqlite3_get_autocommit(db_) == 0; }

std::string SqlitePathFromUrl(const std::string& url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (!url.starts_with(kScheme)) throw Error("sqlite: URL must start with sqlite:");
  std::string path = url.substr(kScheme.size());
  if (path.starts_with("//")) path.erase(0, 2);
  if (path.empty()) throw Error("sqlite: empty database path");
  if (path == ":memory:" || path.starts_with("file:")) {
    throw Error("sqlite: in-memory and URI databases are refused: pooled connections would not share them");
  }
  return path;
}

namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

DbPtr OpenForBackup(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    throw Error("sqlite backup: cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  return db;
}

}  // namespace

void BackupSqliteFile(const std::string& source_path, const std::string& dest_path) {
  if (!std::filesystem::exists(source_path)) throw Error("sqlite backup: no database at " + source_path);
  // Written to a temporary name and renamed: a crash never leaves a half backup at `dest_path`.
  std::string temp_path = dest_path + ".partial";
  std::filesystem::path dest(dest_path);
  std::error_code ec;
  if (dest.has_parent_path()) std::filesystem::create_directories(dest.parent_path(), ec);
  std::filesystem::remove(temp_path, ec);
  {
    DbPtr source = OpenForBackup(source_path, SQLITE_OPEN_READONLY);
    DbPtr target = OpenForBackup(temp_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
    if (backup == nullptr) throw Error(std::string("sqlite backup: ") + sqlite3_errmsg(target.get()));
    // Steps of 256 pages, so that writers are only held off briefly; a write by another
    // connection between steps makes SQLite restart the copy.
    int rc;
    while ((rc = sqlite3_backup_step(backup, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errstr(rc);
      target.reset();
      std::filesystem::remove(temp_path, ec);
      throw Error("sqlite backup: " + message);
    }
  }
  std::filesystem::rename(temp_path, dest_path, ec);
  if (ec) throw Error("sqlite backup: cannot rename to " + dest_path + ": " + ec.message());
}

}  // namespace coopole::db::internal
