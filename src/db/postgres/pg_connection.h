// PostgreSQL backend over libpq: one PGconn, used by one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "connection_base.h"

namespace coopole::db::internal {

class PgConnection final : public ConnectionBase {
 public:
  // Connects to the libpq URI `url`, then sets client_encoding UTF8 and time zone UTC.
  // Throws db::Error (the message never includes the URL: it may hold a password).
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Rows Query(std::string_view sql, const Params& params) override;
  std::int64_t Execute(std::string_view sql, const Params& params) override;
  void ExecuteScript(std::string_view sql) override;
  bool Ping() override;

  void Begin(TxMode mode) override;
  void Commit() override;
  void Rollback() override;
  bool InTransaction() override;

 private:
  // Prepares (once per SQL text and parameter types) and runs `sql`; returns the result,
  // which the caller owns. Throws on failure.
  PGresult* Run(std::string_view sql, const Params& params);
  // Throws the db::Error matching `result` (ConstraintError for SQLSTATE class 23,
  // SerializationError for 40001/40P01), then frees it.
  [[noreturn]] void Fail(PGresult* result, std::string_view sql);

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> statement_names_;  // key -> server name
  std::uint64_t next_statement_ = 0;
};

// Rewrites `?` placeholders to $1..$n, leaving alone those inside '...' literals,
// "..." identifiers and -- or /* */ comments. Sets `count` to n.
std::string RewritePlaceholders(std::string_view sql, int& count);

}  // namespace coopole::db::internal
