#include <gtest/gtest.h>

#include "coopole/http/http.h"

namespace coopole::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(name); };
}

TEST(Router, LiteralSegmentsWinOverParameters) {
  Router r;
  r.Add(Method::kGet, "/hubs/{hub}/members/{member}", Named("detail"));
  r.Add(Method::kGet, "/hubs/{hub}/members/new", Named("new"));
  auto m = r.Find(Method::kGet, "/hubs/demo/members/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/hubs/{hub}/members/new");
  m = r.Find(Method::kGet, "/hubs/demo/members/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("member"), "42");
  EXPECT_EQ(m.params.at("hub"), "demo");
}

TEST(Router, ReportsWrongMethodSeparatelyFromUnknownPath) {
  Router r;
  r.Add(Method::kPost, "/login", Named("login"));
  auto m = r.Find(Method::kDelete, "/login");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_exists);
  m = r.Find(Method::kGet, "/nothing");
  EXPECT_FALSE(m.path_exists);
}

TEST(Router, HeadUsesGetRoutesAndRestTakesRemainder) {
  Router r;
  r.Add(Method::kGet, "/static/{path*}", Named("static"));
  auto m = r.Find(Method::kHead, "/static/vendor/htmx.min.js");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("path"), "vendor/htmx.min.js");
  EXPECT_EQ(r.Find(Method::kGet, "/static/").route, nullptr);
}

TEST(Router, MiddlewareRunsOutermostFirstAndMayAnswerEarly) {
  Router r;
  std::string trace;
  r.Use([&](Request& q, const Next& next) { trace += "a"; return next(q); });
  r.Use([&](Request& q, const Next& next) {
    trace += "b";
    if (q.path == "/stop") return Response::Text("stopped", 403);
    return next(q);
  });
  r.Add(Method::kGet, "/go", Named("go"));
  r.Add(Method::kGet, "/stop", Named("never"));
  Request q;
  q.path = "/go";
  EXPECT_EQ(r.Dispatch(*r.Find(Method::kGet, "/go").route, q).body, "go");
  q.path = "/stop";
  EXPECT_EQ(r.Dispatch(*r.Find(Method::kGet, "/stop").route, q).status, 403);
  EXPECT_EQ(trace, "abab");
}

}  // namespace
}  // namespace coopole::http
