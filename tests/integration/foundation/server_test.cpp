// The HTTP server as clients see it: health, static assets, limits, errors, compression.
#include <gtest/gtest.h>

#include "test_app.h"

namespace coopole::testing {
namespace {

class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  ServerTest() : app_(GetParam()) {}
  TestApp app_;
};

TEST_P(ServerTest, HealthAndReadinessAnswerWithoutSignIn) {
  auto health = Send(app_.port(), {"GET", "/healthz", {}, ""});
  EXPECT_EQ(health.status, 200);
  EXPECT_FALSE(health.Header("x-request-id").empty());
  auto ready = Send(app_.port(), {"GET", "/readyz", {}, ""});
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "ready\n");
}

TEST_P(ServerTest, StaticAssetsAreServedLocallyWithEtagAndGzip) {
  auto css = Send(app_.port(), {"GET", "/static/css/coopole.css", {}, ""});
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.Header("content-type").find("text/css"), std::string::npos);
  auto etag = css.Header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = Send(app_.port(), {"GET", "/static/css/coopole.css", {{"If-None-Match", etag}}, ""});
  EXPECT_EQ(again.status, 304);
  auto gz = Send(app_.port(), {"GET", "/static/css/coopole.css", {{"Accept-Encoding", "gzip, br"}}, ""});
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(Send(app_.port(), {"GET", "/static/../CMakeLists.txt", {}, ""}).status, 404);
  EXPECT_EQ(Send(app_.port(), {"GET", "/static/vendor/htmx.min.js", {}, ""}).status, 200);
}

TEST_P(ServerTest, UnknownPathsGetA404PageAndWrongMethodsA405) {
  auto page = Send(app_.port(), {"GET", "/nowhere", {{"Accept-Language", "fr"}}, ""});
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Page introuvable"), std::string::npos);
  EXPECT_EQ(Send(app_.port(), {"DELETE", "/login", {}, ""}).status, 405);
}

TEST_P(ServerTest, BodiesOverTheLimitGet413) {
  std::string big(2 << 20, 'x');
  auto res = Send(app_.port(), {"POST", "/login", {{"Content-Type", "application/x-www-form-urlencoded"}}, big});
  EXPECT_EQ(res.status, 413);
}

TEST_P(ServerTest, HeadAnswersWithoutABody) {
  auto res = Send(app_.port(), {"HEAD", "/healthz", {}, ""});
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "");
  EXPECT_EQ(res.Header("content-length"), "3");
}

TEST_P(ServerTest, MalformedRequestsGet400NotACrash) {
  auto res = Send(app_.port(), {"GET", "/healthz", {{"Content-Length", "abc"}}, ""});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(Send(app_.port(), {"GET", "/healthz", {}, ""}).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Databases, ServerTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
