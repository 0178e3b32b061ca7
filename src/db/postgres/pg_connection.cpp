#include "postgres/pg_connection.h"

#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <vector>

namespace coopole::db::internal {
namespace {

// Type OIDs from pg_type.h (not installed by libpq-dev's client headers).
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void IgnoreNotice(void*, const char*) {}

// libpq messages end with a newline; keep them on one log line.
std::string Trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Shortest round-trip text of a double, independent of the C locale (printf("%.17g")
// would print a decimal comma under a French locale).
std::string DoubleText(double value) {
  std::array<char, 32> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), end);
}

bool StatusOk(const PGresult* result) {
  switch (PQresultStatus(result)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string RewritePlaceholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 8);
  count = 0;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // Quoted literal or identifier; a doubled quote is an escaped quote and simply
      // reads as closing then reopening.
      std::size_t end = sql.find(c, i + 1);
      end = (end == std::string_view::npos) ? n : end + 1;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      end = (end == std::string_view::npos) ? n : end;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = (end == std::string_view::npos) ? n : end + 2;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (conn_ == nullptr) throw Error("postgres: out of memory while connecting");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = Trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("postgres: cannot connect: " + message);
  }
  // Notices ("there is no transaction in progress", ...) would go to stderr.
  PQsetNoticeProcessor(conn_, &IgnoreNotice, nullptr);
  try {
    // Text cells are UTF-8 and instants are read the same on every server.
    ExecuteScript("SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'");
  } catch (...) {
    PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

void PgConnection::Fail(PGresult* raw, std::string_view sql) {
  ResultPtr result(raw);
  std::string message = "postgres: ";
  const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  message += Trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_));
  if (message == "postgres: ") message += Trimmed(PQerrorMessage(conn_));
  if (!sql.empty()) {
    message += " [in: ";
    message += sql;
    message += "]";
  }
  if (sqlstate.starts_with("23")) throw ConstraintError(message);
  MarkFaulted();
  if (sqlstate == "40001" || sqlstate == "40P01") throw SerializationError(message);
  throw Error(message);
}

PGresult* PgConnection::Run(std::string_view sql, const Params& params) {
  std::vector<Oid> types(params.size(), 0);
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  // Key: SQL text plus the declared parameter types, since the server plans per types.
  std::string key(sql);
  key += '\x1f';
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& value = params[i];
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
      types[i] = kInt8Oid;  // declared so that `? + 1` or `SELECT ?` type as integers
      texts[i] = std::to_string(*number);
      values[i] = texts[i].c_str();
      key += 'i';
    } else if (const auto* real = std::get_if<double>(&value)) {
      types[i] = kFloat8Oid;
      texts[i] = DoubleText(*real);
      values[i] = texts[i].c_str();
      key += 'd';
    } else if (const auto* text = std::get_if<std::string>(&value)) {
      // Type left to the server (unknown): a text parameter can fill a DATE or TEXT column.
      values[i] = text->c_str();
      key += 't';
    } else {
      key += 'n';  // NULL: type inferred by the server, value nullptr
    }
  }

  auto it = statement_names_.find(key);
  if (it == statement_names_.end()) {
    int count = 0;
    std::string rewritten = RewritePlaceholders(sql, count);
    if (count != static_cast<int>(params.size())) {
      throw Error("postgres: statement takes " + std::to_string(count) + " parameters, " +
                  std::to_string(params.size()) + " given [in: " + std::string(sql) + "]");
    }
    if (statement_names_.size() >= kMaxCachedStatements && PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      ResultPtr cleared(PQexec(conn_, "DEALLOCATE ALL"));
      if (!StatusOk(cleared.get())) Fail(cleared.release(), "DEALLOCATE ALL");
      statement_names_.clear();
    }
    std::string name = "coopole_" + std::to_string(next_statement_++);
    PGresult* prepared = PQprepare(conn_, name.c_str(), rewritten.c_str(), static_cast<int>(params.size()),
                                   types.data());
    if (!StatusOk(prepared)) Fail(prepared, sql);
    PQclear(prepared);
    it = statement_names_.emplace(std::move(key), std::move(name)).first;
  }
  // Text format for parameters and results: lengths are implied by the NUL terminators.
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                                    nullptr, nullptr, 0);
  if (!StatusOk(result)) Fail(result, sql);
  return result;
}

Rows PgConnection::Query(std::string_view sql, const Params& params) {
  ResultPtr result(Run(sql, params));
  Rows rows;
  int columns = PQnfields(result.get());
  int tuples = PQntuples(result.get());
  rows.SetColumns(static_cast<std::size_t>(columns));
  rows.Reserve(static_cast<std::size_t>(columns) * static_cast<std::size_t>(tuples));
  for (int row = 0; row < tuples; ++row) {
    for (int col = 0; col < columns; ++col) {
      if (PQgetisnull(result.get(), row, col)) {
        rows.Push(std::nullopt);
      } else {
        rows.Push(std::string(PQgetvalue(result.get(), row, col),
                              static_cast<std::size_t>(PQgetlength(result.get(), row, col))));
      }
    }
  }
  return rows;
}

std::int64_t PgConnection::Execute(std::string_view sql, const Params& params) {
  ResultPtr result(Run(sql, params));
  const char* tuples = PQcmdTuples(result.get());  // "" for statements other than DML
  std::int64_t changed = 0;
  std::from_chars(tuples, tuples + std::strlen(tuples), changed);
  return changed;
}

void PgConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  // PQexec runs every statement and returns the last result, or the first error.
  PGresult* result = PQexec(conn_, text.c_str());
  if (!StatusOk(result)) Fail(result, sql);
  PQclear(result);
}

bool PgConnection::Ping() {
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  ResultPtr result(PQexec(conn_, "SELECT 1"));
  return PQresultStatus(result.get()) == PGRES_TUPLES_OK;
}

void PgConnection::Begin(TxMode mode) {
  switch (mode) {
    case TxMode::kRead:
      ExecuteScript("BEGIN READ ONLY");
      break;
    case TxMode::kWrite:
      ExecuteScript("BEGIN");
      break;
    case TxMode::kSerializable:
      ExecuteScript("BEGIN ISOLATION LEVEL SERIALIZABLE");
      break;
  }
}

void PgConnection::Commit() {
  // COMMIT of a transaction an earlier statement aborted succeeds with the tag ROLLBACK:
  // refuse it loudly rather than report a commit that did not happen.
  if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
    throw Error("postgres: cannot commit, the transaction was aborted by an earlier error");
  }
  ResultPtr result(PQexec(conn_, "COMMIT"));
  if (!StatusOk(result.get())) Fail(result.release(), "COMMIT");
  if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0) {
    throw Error(std::string("postgres: commit ended as ") + PQcmdStatus(result.get()));
  }
}

void PgConnection::Rollback() {
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) ExecuteScript("ROLLBACK");
}

bool PgConnection::InTransaction() {
  // PQTRANS_UNKNOWN (connection lost) counts as in a transaction: do not reuse it.
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

}  // namespace coopole::db::internal
