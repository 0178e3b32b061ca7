// Shared set-up of the pooling web integration tests: a hub "pole-a" (Europe/Paris) with two
// member organisations, a coordinator, an observer and a user of each organisation (API
// tokens and passwords), and a second hub "pole-b" with its own coordinator and member;
// helpers to publish the meeting room and the van of the examples, to book, and to read
// JSON answers. Times are computed from the real clock: the server uses it.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing::pooling_test {

using nlohmann::json;

inline constexpr char kHub[] = "pole-a";
inline const std::string kApi = "/api/v1/hubs/pole-a/pooling";
inline const std::string kPages = "/hubs/pole-a/pooling";

inline json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline std::shared_ptr<const TimeZone> Paris() { return TimeZone::Load("Europe/Paris"); }

// Today in Paris.
inline Date Today() { return Paris()->ToLocal(SystemClock().Now()).date; }

// The `weekday` (1 = Monday) at least `min_days` days from today in Paris.
inline Date Upcoming(int weekday, int min_days = 7) {
  Date day = AddDays(Today(), min_days);
  while (IsoWeekday(day) != weekday) day = AddDays(day, 1);
  return day;
}

// "2026-12-01T09:00"
inline std::string At(Date day, const std::string& hhmm) { return FormatIsoDate(day) + "T" + hhmm; }

// The instant of a Paris wall-clock reading, as the API writes it ("2027-03-28T00:00:00Z").
inline std::string UtcOf(Date day, int hour, int minute = 0) {
  return FormatIsoUtc(*Paris()->ToUtc(LocalDateTime{day, hour * 60 + minute}));
}

class PoolingWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  PoolingWebTest() : app_(GetParam()) {
    app_.CreateHub(kHub, "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    atelier_ = AddMember(kHub, "Atelier Vélo Solidaire");
    cantine_ = AddMember(kHub, "Cantine Mistral");
    nordiste_ = AddMember("pole-b", "Coopérative du Nord");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, kHub);
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, kHub);
    atelier_user_ = app_.UserToken("atelier@a.fr", identity::Role::kMember, kHub, atelier_);
    cantine_user_ = app_.UserToken("cantine@a.fr", identity::Role::kMember, kHub, cantine_);
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  identity::MemberId AddMember(const std::string& hub_slug, const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, hub_slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + hub_slug);
    auto member = app_.app().members().CreateMember(admin, *hub, {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  // POSTs a resource and returns it; fails the test unless the answer is 201.
  json CreateResource(const json& body, const std::string& token = "") {
    auto res = app_.Api("POST", kApi + "/resources", token.empty() ? coordinator_ : token, body.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }

  // The hub's meeting room: 12 people, open Monday to Friday 08:00-19:00, 15 € an hour for
  // members, 25 for others, 8 solidarity.
  json Room(const std::string& name = "Salle Belledonne") {
    return CreateResource({{"kind", "premises"},
                           {"category", "room"},
                           {"name", name},
                           {"capacity", 12},
                           {"location", "Maison du pôle"},
                           {"opening_hours", "lun-ven 08:00-19:00"},
                           {"price_unit", "hour"},
                           {"price_member", "15"},
                           {"price_non_member", "25"},
                           {"price_solidarity", "8"}});
  }

  // The refrigerated van of the Cantine: approval required, 60 € a day.
  json Van() {
    return CreateResource({{"kind", "equipment"},
                           {"category", "vehicle"},
                           {"name", "Camion frigorifique"},
                           {"owner_member_id", cantine_.value},
                           {"capacity", 3},
                           {"approval_required", true},
                           {"price_unit", "day"},
                           {"price_member", "60"}});
  }

  static std::string Id(const json& doc) { return std::to_string(doc["id"].get<long long>()); }

  HttpResponse Book(const std::string& token, const json& resource, const std::string& start, const std::string& end,
                    json extra = json::object()) {
    extra["resource_id"] = resource["id"];
    extra["starts_at"] = start;
    extra["ends_at"] = end;
    return app_.Api("POST", kApi + "/bookings", token, extra.dump());
  }

  // A browser session signed in with `email` (password TestApp::kPassword), after a first
  // page (so that it holds the CSRF token of its forms).
  Browser SignedIn(const std::string& email) {
    Browser browser(app_.port());
    auto res = browser.SignIn(email, TestApp::kPassword);
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 300);
    EXPECT_EQ(browser.Get("/account").status, 200);
    return browser;
  }

  TestApp app_;
  identity::MemberId atelier_, cantine_, nordiste_;
  std::string coordinator_, observer_, atelier_user_, cantine_user_, other_coordinator_;
};

}  // namespace coopole::testing::pooling_test
