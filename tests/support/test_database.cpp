#include "test_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace coopole::testing {
namespace {

const char* AdminUrl() {
  const char* url = std::getenv("COOPOLE_TEST_PG_URL");
  return (url && *url) ? url : nullptr;
}

// Runs one statement on a short-lived admin connection. CREATE/DROP DATABASE cannot
// run inside a transaction, hence PQexec on a plain connection.
void AdminExec(const std::string& sql) {
  const char* admin = AdminUrl();
  if (!admin) throw std::runtime_error("COOPOLE_TEST_PG_URL is not set");
  PGconn* conn = PQconnectdb(admin);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test database: cannot connect to admin URL: " + message);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* result = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("test database: " + sql + ": " + message);
}

// The admin URI with its database path replaced by `name`; keeps any ?query.
std::string WithDatabase(const std::string& admin, const std::string& name) {
  std::size_t authority = admin.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  std::size_t query = admin.find('?', authority);
  std::size_t path = admin.find('/', authority);
  if (path == std::string::npos || (query != std::string::npos && path > query)) path = query;
  std::string head = admin.substr(0, path == std::string::npos ? admin.size() : path);
  std::string tail = query == std::string::npos ? "" : admin.substr(query);
  return head + "/" + name + tail;
}

std::string UniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(ticks % 1000000007);
}

}  // namespace

std::vector<std::string> TestDatabaseKinds() {
  std::vector<std::string> kinds{"sqlite"};
  if (AdminUrl()) kinds.push_back("postgres");
  return kinds;
}

TestDatabase::TestDatabase(const std::string& kind) : kind_(kind) {
  if (kind == "sqlite") {
    std::string pattern = (std::filesystem::temp_directory_path() / "coopole-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("test database: mkdtemp failed");
    temp_dir_ = pattern;
    url_ = "sqlite:" + temp_dir_ + "/test.db";
  } else if (kind == "postgres") {
    db_name_ = "coopole_test_" + UniqueSuffix();
    AdminExec("CREATE DATABASE " + db_name_ + " ENCODING 'UTF8' TEMPLATE template0");
    url_ = WithDatabase(AdminUrl(), db_name_);
  } else {
    throw std::runtime_error("test database: unknown kind " + kind);
  }
}

TestDatabase::~TestDatabase() {
  try {
    if (!temp_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(temp_dir_, ec);
    }
    if (!db_name_.empty()) AdminExec("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
  } catch (...) {
    // A leftover database must not turn a passing test into a crash.
  }
}

}  // namespace coopole::testing
