// Shared set-up of the ledger and statement integration tests: a hub "pole-a" with three
// member organisations, a coordinator, an observer and a user of each of two members
// (API tokens; passwords for browser sessions), and a second hub "pole-b" with its own
// coordinator and member, to check that nothing crosses hubs.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/core/time_zone.h"
#include "test_app.h"

namespace coopole::testing::ledger_test {

inline constexpr char kHub[] = "pole-a";
inline const std::string kApi = "/api/v1/hubs/pole-a/pooling";
inline const std::string kPages = "/hubs/pole-a/pooling";
inline const std::string kOtherApi = "/api/v1/hubs/pole-b/pooling";

inline nlohmann::json Json(const HttpResponse& res) {
  auto doc = nlohmann::json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The field keys of a JSON error answer.
inline nlohmann::json Fields(const HttpResponse& res) {
  auto doc = Json(res);
  if (!doc.is_object() || !doc.contains("error")) return nlohmann::json::object();
  return doc["error"].value("fields", nlohmann::json::object());
}

// Today in Paris (the hubs' time zone), from the system clock as the server sees it.
inline Date TodayInParis() {
  return TimeZone::Load("Europe/Paris")->ToLocal(SystemClock().Now()).date;
}

inline std::string MonthText(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
  return buf;
}

class LedgerTest : public ::testing::TestWithParam<std::string> {
 protected:
  LedgerTest() : app_(GetParam()) {
    app_.CreateHub(kHub, "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, kHub);
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, kHub);
    atelier_ = CreateMember(coordinator_, "pole-a", "Atelier Vélo");
    recyclerie_ = CreateMember(coordinator_, "pole-a", "Recyclerie");
    traiteur_ = CreateMember(coordinator_, "pole-a", "Traiteur d'Insertion");
    atelier_user_ = app_.UserToken("atelier@a.fr", identity::Role::kMember, kHub, identity::MemberId{atelier_});
    recyclerie_user_ =
        app_.UserToken("recyclerie@a.fr", identity::Role::kMember, kHub, identity::MemberId{recyclerie_});
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
    nordiste_ = CreateMember(other_coordinator_, "pole-b", "Coopérative du Nord");
  }

  std::int64_t CreateMember(const std::string& token, const std::string& hub, const std::string& name) {
    auto res = app_.Api("POST", "/api/v1/hubs/" + hub + "/members", token,
                        nlohmann::json{{"name", name}, {"legal_form", "association"}}.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res)["id"].get<std::int64_t>();
  }

  HttpResponse Post(const std::string& token, const std::string& path, const nlohmann::json& body) {
    return app_.Api("POST", kApi + path, token, body.dump());
  }
  HttpResponse Get(const std::string& token, const std::string& path) { return app_.Api("GET", kApi + path, token); }

  // POSTs and expects `status`; returns the JSON answer.
  nlohmann::json Expect(int status, const std::string& token, const std::string& path, const nlohmann::json& body) {
    auto res = Post(token, path, body);
    EXPECT_EQ(res.status, status) << path << ": " << res.body;
    return Json(res);
  }

  static std::string Id(const nlohmann::json& doc) { return std::to_string(doc["id"].get<std::int64_t>()); }
  static std::string Str(std::int64_t id) { return std::to_string(id); }

  Browser SignedIn(const std::string& email) {
    Browser browser(app_.port());
    auto res = browser.SignIn(email, TestApp::kPassword);
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 300);
    return browser;
  }

  TestApp app_;
  std::string coordinator_, observer_, atelier_user_, recyclerie_user_, other_coordinator_;
  std::int64_t atelier_ = 0, recyclerie_ = 0, traiteur_ = 0, nordiste_ = 0;
};

}  // namespace coopole::testing::ledger_test
