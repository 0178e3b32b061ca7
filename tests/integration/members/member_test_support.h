// Shared set-up of the member directory integration tests: a hub "pole-a" with a
// coordinator and an observer (API tokens, and passwords for browser sessions), and small
// helpers to create members and read JSON answers.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_app.h"

namespace coopole::testing::members_test {

inline constexpr char kHub[] = "pole-a";
inline const std::string kMembersApi = "/api/v1/hubs/pole-a/members";
inline const std::string kMembersPage = "/hubs/pole-a/members";

// A valid SIRET: `first13` digits followed by the Luhn check digit.
inline std::string Siret(const std::string& first13) {
  for (char check = '0'; check <= '9'; ++check) {
    std::string siret = first13 + check;
    int sum = 0;
    for (std::size_t i = 0; i < 14; ++i) {
      int d = siret[i] - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 == 0) return siret;
  }
  return "";
}

// The same SIRET with its last digit changed, so the Luhn check fails.
inline std::string WithBadCheckDigit(std::string siret) {
  siret.back() = siret.back() == '9' ? '0' : static_cast<char>(siret.back() + 1);
  return siret;
}

inline nlohmann::json Json(const HttpResponse& res) {
  auto doc = nlohmann::json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The names of the items of a list answer, in order.
inline std::vector<std::string> Names(const HttpResponse& res) {
  std::vector<std::string> names;
  auto doc = Json(res);
  if (!doc.is_object() || !doc.contains("items")) return names;
  for (const auto& item : doc["items"]) names.push_back(item["name"].get<std::string>());
  return names;
}

// A multipart/form-data body with text fields and one file part named "file".
struct Multipart {
  static constexpr char kBoundary[] = "----coopoleTestBoundary7MA4YWxkTrZu0gW";
  static std::string ContentType() { return std::string("multipart/form-data; boundary=") + kBoundary; }
  static std::string Body(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_name,
                          const std::string& file_bytes) {
    std::string body;
    for (const auto& [name, value] : fields) {
      body += std::string("--") + kBoundary + "\r\n";
      body += "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n";
      body += value + "\r\n";
    }
    body += std::string("--") + kBoundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"file\"; filename=\"" + file_name + "\"\r\n";
    body += "Content-Type: text/csv\r\n\r\n";
    body += file_bytes + "\r\n";
    body += std::string("--") + kBoundary + "--\r\n";
    return body;
  }
};

class MembersTest : public ::testing::TestWithParam<std::string> {
 protected:
  MembersTest() : app_(GetParam()) {
    app_.CreateHub(kHub, "Pôle A");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, kHub);
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, kHub);
  }

  // POSTs `body` as a member (legal_form defaults to association) and returns the created
  // member; fails the test unless the answer is 201.
  nlohmann::json CreateMember(nlohmann::json body) {
    if (!body.contains("legal_form")) body["legal_form"] = "association";
    auto res = app_.Api("POST", kMembersApi, coordinator_, body.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }

  HttpResponse List(const std::string& query = "") {
    return app_.Api("GET", kMembersApi + (query.empty() ? "" : "?" + query), coordinator_);
  }

  std::string MemberApi(const nlohmann::json& member) {
    return kMembersApi + "/" + std::to_string(member["id"].get<long long>());
  }

  // A browser session signed in as the coordinator.
  Browser SignedInCoordinator() {
    Browser browser(app_.port());
    auto res = browser.SignIn("coord@a.fr", TestApp::kPassword);
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 300);
    return browser;
  }

  TestApp app_;
  std::string coordinator_, observer_;
};

}  // namespace coopole::testing::members_test
