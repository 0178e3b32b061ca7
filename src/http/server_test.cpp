// The server over real sockets: worker-pool dispatch, limits, graceful shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "coopole/http/http.h"
#include "http_client.h"

namespace coopole::http {
namespace {

using testing::Send;

class ServerTest : public ::testing::Test {
 protected:
  void Start(std::shared_ptr<Router> router, ServerOptions options = {}) {
    options.listen = "127.0.0.1:0";
    server_ = std::make_unique<Server>(options, router);
    port_ = server_->Listen();
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
  }
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerTest, Stop_FinishesTheRequestInFlightThenReturns) {
  auto router = std::make_shared<Router>();
  std::atomic<bool> started{false};
  router->Add(Method::kGet, "/slow", [&](Request&) {
    started = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Response::Text("done");
  });
  Start(router);
  auto pending = std::async(std::launch::async, [this] { return Send(port_, {"GET", "/slow", {}, ""}); });
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->Stop();
  auto res = pending.get();
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "done");
  thread_.join();  // Run() returned
  EXPECT_THROW(Send(port_, {"GET", "/slow", {}, ""}), std::runtime_error);  // no longer listening
}

TEST_F(ServerTest, HandlerExceptionsBecomeA500ThatRevealsNothing) {
  auto router = std::make_shared<Router>();
  router->Add(Method::kGet, "/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  Start(router);
  auto res = Send(port_, {"GET", "/boom", {}, ""});
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  EXPECT_NE(res.body.find(res.Header("x-request-id")), std::string::npos);  // quotable to support
}

TEST_F(ServerTest, BodyLimitIsPerRoute) {
  auto router = std::make_shared<Router>();
  auto echo_size = [](Request& r) { return Response::Text(std::to_string(r.body.size())); };
  router->Add(Method::kPost, "/small", echo_size);
  RouteOptions big;
  big.body_limit = 4 << 20;
  router->Add(Method::kPost, "/big", echo_size, big);
  Start(router);
  std::string three_mib(3 << 20, 'x');
  EXPECT_EQ(Send(port_, {"POST", "/small", {}, three_mib}).status, 413);
  auto res = Send(port_, {"POST", "/big", {}, three_mib});
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, std::to_string(3 << 20));
}

TEST_F(ServerTest, OversizedHeadersGet431) {
  auto router = std::make_shared<Router>();
  router->Add(Method::kGet, "/", [](Request&) { return Response::Text("ok"); });
  Start(router);
  auto res = Send(port_, {"GET", "/", {{"X-Big", std::string(64 * 1024, 'a')}}, ""});
  EXPECT_EQ(res.status, 431);
}

TEST_F(ServerTest, CompressesLargeTextWhenAsked) {
  auto router = std::make_shared<Router>();
  router->Add(Method::kGet, "/text", [](Request&) { return Response::Html(std::string(10000, 'a')); });
  Start(router);
  auto plain = Send(port_, {"GET", "/text", {}, ""});
  EXPECT_EQ(plain.body.size(), 10000u);
  auto gz = Send(port_, {"GET", "/text", {{"Accept-Encoding", "gzip"}}, ""});
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_LT(gz.body.size(), 200u);
}

}  // namespace
}  // namespace coopole::http
