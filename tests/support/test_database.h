// A fresh, throwaway database per test, for each backend the environment offers.
#pragma once

#include <string>
#include <vector>

namespace coopole::testing {

// {"sqlite"}, plus "postgres" when COOPOLE_TEST_PG_URL holds an admin libpq URI
// (e.g. postgresql://postgres@127.0.0.1:5433/postgres; see with-postgres.sh).
std::vector<std::string> TestDatabaseKinds();

// "sqlite": a new file in a unique temporary directory, removed by the destructor.
// "postgres": CREATE DATABASE with a unique name through the admin URI, dropped (WITH
// (FORCE), so leftover connections do not block it) by the destructor.
// Throws std::runtime_error if the database cannot be made.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& kind);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Pass to coopole::db::Pool::Open.
  const std::string& url() const { return url_; }
  const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
  std::string url_;
  std::string temp_dir_;  // sqlite
  std::string db_name_;   // postgres
};

}  // namespace coopole::testing
