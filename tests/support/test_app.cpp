#include "test_app.h"

#include "coopole/hubs/hubs.h"
#include "test_paths.h"

namespace coopole::testing {

TestApp::TestApp(const std::string& kind) : database_(std::make_unique<TestDatabase>(kind)) {
  app::Config config;
  config.database = database_->url();
  config.web_dir = SourceDir() + "/web";
  config.reference_dir = ReferenceDir();
  config.pool_size = 4;
  config.listen = "127.0.0.1:0";
  app_ = std::make_unique<app::Application>(config, app::ApplicationOptions{.fast_password_hashing = true});
  app_->Migrate();
  http::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.worker_threads = 4;
  options.io_threads = 1;
  server_ = std::make_unique<http::Server>(options, app_->router());
  port_ = server_->Listen();
  thread_ = std::thread([this] { server_->Run(); });
}

TestApp::~TestApp() {
  server_->Stop();
  thread_.join();
  server_.reset();
  app_.reset();
}

std::string TestApp::UserToken(const std::string& email, identity::Role role, const std::string& hub_slug,
                               std::optional<identity::MemberId> member) {
  auto user = app_->identity().CreateUser({.email = email, .name = email, .password = kPassword});
  if (!user.ok()) throw std::runtime_error("test user: " + user.error().message);
  if (!hub_slug.empty()) {
    auto hub = app_->hubs().FindBySlug(hub_slug);
    if (!hub) throw std::runtime_error("no hub " + hub_slug);
    auto granted = app_->identity().GrantRole(user->id, hub->id, role, member);
    if (!granted.ok()) throw std::runtime_error("grant: " + granted.error().message);
  }
  return app_->identity().CreateApiToken(user->id, "tests").value();
}

void TestApp::CreateHub(const std::string& slug, const std::string& name) {
  identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
  auto hub = app_->hubs().CreateHub(admin, {.slug = slug, .name = name});
  if (!hub.ok()) throw std::runtime_error("test hub: " + hub.error().message);
}

HttpResponse TestApp::Api(const std::string& method, const std::string& target, const std::string& token,
                          const std::string& json_body) {
  HttpRequest req{method, target, {{"Authorization", "Bearer " + token}}, json_body};
  if (!json_body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  return Send(port_, req);
}

}  // namespace coopole::testing
