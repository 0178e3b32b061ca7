#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coopole/web/web.h"

namespace coopole::web {
namespace {

TEST(StatusFor, MapsEveryCode) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kTooManyRequests), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kUnsupportedMediaType), 415);
}

TEST(ParseJsonObject, RequiresJsonContentTypeAndAnObject) {
  http::Request req;
  req.body = "{}";
  EXPECT_EQ(ParseJsonObject(req).error().code, ErrorCode::kUnsupportedMediaType);
  req.headers.emplace_back("content-type", "application/json; charset=utf-8");
  EXPECT_TRUE(ParseJsonObject(req).ok());
  req.body = "[1]";
  EXPECT_EQ(ParseJsonObject(req).error().code, ErrorCode::kBadRequest);
  req.body = "{\"a\":";
  EXPECT_EQ(ParseJsonObject(req).error().code, ErrorCode::kBadRequest);
}

TEST(JsonText, ConvertsScalarsAndRefusesContainers) {
  auto doc = nlohmann::json::parse(R"({"s":"x","n":2,"f":2.5,"b":true,"z":null,"a":[1]})");
  EXPECT_EQ(*JsonText(doc, "s").value(), "x");
  EXPECT_EQ(*JsonText(doc, "n").value(), "2");
  EXPECT_EQ(*JsonText(doc, "f").value(), "2.5");
  EXPECT_EQ(*JsonText(doc, "b").value(), "true");
  EXPECT_EQ(*JsonText(doc, "z").value(), "");
  EXPECT_FALSE(JsonText(doc, "missing").value().has_value());
  EXPECT_EQ(JsonText(doc, "a").error().fields.count("a"), 1u);
}

TEST(ParseId, AcceptsPositiveIntegersOnly) {
  EXPECT_EQ(ParseId("42"), 42);
  EXPECT_EQ(ParseId("0"), std::nullopt);
  EXPECT_EQ(ParseId("-1"), std::nullopt);
  EXPECT_EQ(ParseId("4x"), std::nullopt);
  EXPECT_EQ(ParseId("9999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace coopole::web
