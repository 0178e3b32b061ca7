// A whole coopole application served on a free loopback port, on a fresh database, for
// integration tests; with a demo-like fixture of two hubs and users of each role.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "application.h"
#include "coopole/http/http.h"
#include "coopole/identity/identity.h"
#include "http_client.h"
#include "test_database.h"

namespace coopole::testing {

class TestApp {
 public:
  // `kind` is "sqlite" or "postgres" (see TestDatabaseKinds()).
  explicit TestApp(const std::string& kind);
  ~TestApp();

  int port() const { return port_; }
  app::Application& app() { return *app_; }
  // Creates a user with a role in `hub_slug` (empty: none) and returns an API token.
  std::string UserToken(const std::string& email, identity::Role role, const std::string& hub_slug,
                        std::optional<identity::MemberId> member = std::nullopt);
  // Creates a hub as an administrator.
  void CreateHub(const std::string& slug, const std::string& name);
  HttpResponse Api(const std::string& method, const std::string& target, const std::string& token,
                   const std::string& json_body = "");

  static constexpr const char* kPassword = "correct horse battery";

 private:
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace coopole::testing
