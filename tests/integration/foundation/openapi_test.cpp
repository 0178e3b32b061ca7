// The OpenAPI description matches the API routes the server actually has, both ways.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_app.h"

namespace coopole::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, DescribesExactlyTheServedApiRoutes) {
  TestApp app("sqlite");
  auto res = Send(app.port(), {"GET", "/api/v1/openapi.json", {}, ""});
  ASSERT_EQ(res.status, 200);
  auto doc = nlohmann::json::parse(res.body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> described, served;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      if (method == "parameters") continue;
      described.insert(Lower(method) + " " + path);
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
    }
  }
  for (const auto& route : app.app().router()->routes()) {
    if (route->pattern.rfind("/api/v1/", 0) != 0 || route->pattern == "/api/v1/openapi.json") continue;
    served.insert(Lower(http::MethodName(route->method)) + " " + route->pattern);
  }
  for (const auto& s : served) EXPECT_TRUE(described.count(s)) << "not described: " << s;
  for (const auto& d : described) EXPECT_TRUE(served.count(d)) << "described but not served: " << d;
  // Every $ref points at a defined component.
  std::function<void(const nlohmann::json&)> check_refs = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      for (auto& [k, v] : node.items()) {
        if (k == "$ref") {
          std::string ref = v.get<std::string>();
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
          nlohmann::json::json_pointer ptr(ref.substr(1));
          EXPECT_TRUE(doc.contains(ptr)) << "dangling " << ref;
        } else {
          check_refs(v);
        }
      }
    } else if (node.is_array()) {
      for (auto& v : node) check_refs(v);
    }
  };
  check_refs(doc);
}

}  // namespace
}  // namespace coopole::testing
