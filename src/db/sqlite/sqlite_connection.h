// SQLite backend: one sqlite3 handle, used by one thread at a time (SQLITE_OPEN_NOMUTEX).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include "connection_base.h"

namespace coopole::db::internal {

// Busy handler state: SQLite's own busy_timeout sleeps up to 100 ms at a time, which
// starves waiters under the short write transactions of a web server; ours polls every
// 0.1..2 ms until the timeout.
struct SqliteBusyWait {
  int timeout_ms;
  std::chrono::steady_clock::time_point started;
};

class SqliteConnection final : public ConnectionBase {
 public:
  // Opens (creating it and its parent directory if needed) the database file at `path`,
  // in WAL mode with foreign keys on, synchronous=FULL and the given busy timeout.
  // Throws db::Error.
  SqliteConnection(const std::string& path, int busy_timeout_ms);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Rows Query(std::string_view sql, const Params& params) override;
  std::int64_t Execute(std::string_view sql, const Params& params) override;
  void ExecuteScript(std::string_view sql) override;
  bool Ping() override;

  void Begin(TxMode mode) override;
  void Commit() override;
  void Rollback() override;
  bool InTransaction() override;

 private:
  struct StmtDeleter {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

  // Returns the cached statement for `sql` (preparing it on first use) with `params`
  // bound. The caller must reset it (see StmtReset in the .cpp).
  sqlite3_stmt* Prepare(std::string_view sql, const Params& params);
  // Throws the db::Error matching `rc` (ConstraintError, SerializationError or Error).
  [[noreturn]] void Fail(int rc, std::string_view sql);

  sqlite3* db_ = nullptr;
  std::unique_ptr<SqliteBusyWait> busy_;  // by pointer: the busy handler keeps its address
  std::unordered_map<std::string, StmtPtr> statements_;
};

// Parses "sqlite:PATH" (or "sqlite://PATH", so "sqlite:///abs/path" works); refuses
// ":memory:" and empty paths. Throws db::Error.
std::string SqlitePathFromUrl(const std::string& url);

// Copies the database at `source_path` to `dest_path` with the online backup API.
void BackupSqliteFile(const std::string& source_path, const std::string& dest_path);

}  // namespace coopole::db::internal
