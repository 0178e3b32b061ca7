// Events over real HTTP on both databases: the API (create, 422s, invitations, replies,
// attendance with the uninvited flagged, roles, other hub 404, stale 409), the pages (list,
// form prefilled for a newcomer breakfast, event page, phone attendance page) and the public
// reply link used without a session (CSRF double-submit cookie, polite refusal, 404).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/animation/events.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

const std::string kApi = "/api/v1/hubs/pole-a/animation/events";
const std::string kPages = "/hubs/pole-a/animation/events";

json Json(const HttpResponse& res) {
  auto doc = json::parse(res.body, nullptr, false);
  if (doc.is_discarded()) ADD_FAILURE() << "not JSON (status " << res.status << "): " << res.body.substr(0, 300);
  return doc;
}
bool Contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// A day relative to today in Paris (the server uses the real clock).
std::string Day(int offset) {
  auto paris = TimeZone::Load("Europe/Paris");
  return FormatIsoDate(AddDays(paris->ToLocal(SystemClock().Now()).date, offset));
}

class EventsWebTest : public ::testing::TestWithParam<std::string> {
 protected:
  EventsWebTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    app_.CreateHub("pole-b", "Pôle B");
    insertion_ = AddMember("pole-a", "Chantier d'Insertion Belledonne");
    company_ = AddMember("pole-a", "Menuiserie Durand");
    lea_ = AddPerson("pole-a", insertion_, "Léa Martin", "lea@belledonne.fr");
    paul_ = AddPerson("pole-a", insertion_, "Paul Girard", "");
    marc_ = AddPerson("pole-a", company_, "Marc Durand", "marc@durand.fr");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    observer_ = app_.UserToken("obs@a.fr", identity::Role::kObserver, "pole-a");
    other_coordinator_ = app_.UserToken("coord@b.fr", identity::Role::kCoordinator, "pole-b");
  }

  hubs::HubContext Hub(const std::string& slug) {
    auto hub = app_.app().hubs().Resolve(admin_, slug);
    if (!hub.ok()) throw std::runtime_error("no hub " + slug);
    return *hub;
  }
  identity::MemberId AddMember(const std::string& slug, const std::string& name) {
    auto member = app_.app().members().CreateMember(admin_, Hub(slug), {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }
  members::PersonId AddPerson(const std::string& slug, identity::MemberId member, const std::string& name,
                              const std::string& email) {
    auto person = app_.app().members().AddPerson(admin_, Hub(slug), member, {.name = name, .email = email});
    if (!person.ok()) throw std::runtime_error("person " + name);
    return person->id;
  }

  json Meeting(int day_offset = 7) const {
    return {{"kind", "meeting"},
            {"title", "Réunion des adhérents"},
            {"date", Day(day_offset)},
            {"start_time", "14:00"},
            {"end_time", "16:00"},
            {"place", "Maison du pôle"},
            {"capacity", 2}};
  }
  json CreateMeeting(int day_offset = 7) {
    auto res = app_.Api("POST", kApi, coordinator_, Meeting(day_offset).dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return Json(res);
  }
  std::string TokenOf(std::int64_t event, members::PersonId person) {
    auto list = app_.app().events().ListInvitations(admin_, Hub("pole-a"), animation::EventId{event});
    for (const auto& i : *list)
      if (i.person == person) return i.token;
    ADD_FAILURE() << "no invitation";
    return "";
  }

  identity::Actor admin_{.user = identity::UserId{0}, .name = "test", .is_admin = true};
  TestApp app_;
  identity::MemberId insertion_, company_;
  members::PersonId lea_, paul_, marc_;
  std::string coordinator_, observer_, other_coordinator_;
};

TEST_P(EventsWebTest, CreatesInvitesRepliesAndTakesAttendanceThroughTheApi) {
  auto event = CreateMeeting();
  const std::string id = std::to_string(event["id"].get<long long>());
  EXPECT_EQ(event["starts_local"], Day(7) + "T14:00");
  auto invited = app_.Api("POST", kApi + "/" + id + "/invitations", coordinator_,
                          json{{"member_ids", {insertion_.value}}, {"person_ids", {marc_.value, lea_.value}}}.dump());
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(Json(invited)["invited"], 3);
  auto again = app_.Api("POST", kApi + "/" + id + "/invitations", coordinator_, json{{"person_ids", {marc_.value}}}.dump());
  EXPECT_EQ(Json(again)["already"], 1);
  // Replies: two seats, the third "yes" waits.
  auto list = Json(app_.Api("GET", kApi + "/" + id + "/invitations", observer_));
  ASSERT_EQ(list["items"].size(), 3u);
  for (const auto& item : list["items"]) {
    auto res = app_.Api("POST", "/api/v1/hubs/pole-a/animation/invitations/" + std::to_string(item["id"].get<long long>()) + "/reply",
                        coordinator_, json{{"reply", "yes"}}.dump());
    ASSERT_EQ(res.status, 200) << res.body;
  }
  auto counts = Json(app_.Api("GET", kApi + "/" + id, observer_))["counts"];
  EXPECT_EQ(counts["yes"], 2);
  EXPECT_EQ(counts["waitlisted"], 1);
  // Attendance: an invitee, and someone not invited (flagged).
  auto present = app_.Api("POST", kApi + "/" + id + "/attendance", coordinator_, json{{"person_id", lea_.value}}.dump());
  ASSERT_EQ(present.status, 200) << present.body;
  EXPECT_EQ(Json(present)["minutes"], 120);
  EXPECT_EQ(Json(present)["not_invited"], false);
  auto stranger = AddPerson("pole-a", company_, "Sophie Walk-in", "");
  auto walk_in = app_.Api("POST", kApi + "/" + id + "/attendance", coordinator_, json{{"person_id", stranger.value}}.dump());
  ASSERT_EQ(walk_in.status, 200) << walk_in.body;
  EXPECT_EQ(Json(walk_in)["not_invited"], true);
  auto sheet = Json(app_.Api("GET", kApi + "/" + id + "/attendance", observer_));
  EXPECT_EQ(sheet["present"].size(), 2u);
}

TEST_P(EventsWebTest, BadInputRolesOtherHubsAndStaleVersions) {
  auto bad = Meeting();
  bad["end_time"] = "13:00";
  auto r1 = app_.Api("POST", kApi, coordinator_, bad.dump());
  EXPECT_EQ(r1.status, 422);
  EXPECT_TRUE(Contains(r1.body, "ends_at")) << r1.body;
  EXPECT_EQ(app_.Api("POST", kApi, observer_, Meeting().dump()).status, 403);
  auto event = CreateMeeting();
  const std::string id = std::to_string(event["id"].get<long long>());
  EXPECT_EQ(app_.Api("GET", "/api/v1/hubs/pole-b/animation/events/" + id, other_coordinator_).status, 404);
  auto stale = app_.Api("PUT", kApi + "/" + id, coordinator_, json{{"version", 99}, {"title", "X"}}.dump());
  EXPECT_EQ(stale.status, 409);
  auto cancelled = app_.Api("POST", kApi + "/" + id + "/status", coordinator_,
                            json{{"version", event["version"]}, {"status", "cancelled"}}.dump());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  auto attendance = app_.Api("POST", kApi + "/" + id + "/attendance", coordinator_, json{{"person_id", lea_.value}}.dump());
  EXPECT_EQ(attendance.status, 422);
}

TEST_P(EventsWebTest, APersonRepliesFromTheLinkWithoutSigningIn) {
  auto event = CreateMeeting();
  const auto id = event["id"].get<long long>();
  ASSERT_EQ(app_.Api("POST", kApi + "/" + std::to_string(id) + "/invitations", coordinator_,
                     json{{"person_ids", {lea_.value}}}.dump()).status, 201);
  const std::string token = TokenOf(id, lea_);
  Browser visitor(app_.port());
  auto page = visitor.Get("/invitations/" + token);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_TRUE(Contains(page.body, "Réunion des adhérents"));
  EXPECT_TRUE(Contains(page.body, "Léa Martin"));
  EXPECT_TRUE(Contains(page.body, "14:00"));
  auto replied = visitor.PostForm("/invitations/" + token, {{"reply", "yes"}});
  ASSERT_EQ(replied.status, 303) << replied.body.substr(0, 300);
  auto after = visitor.Get("/invitations/" + token + "?done=replied");
  EXPECT_TRUE(Contains(after.body, "data-reply=\"yes\"")) << after.body.substr(0, 2000);
  // Without the CSRF token the form is refused.
  Browser forger(app_.port());
  EXPECT_EQ(forger.PostForm("/invitations/" + token, {{"reply", "no"}}, false).status, 403);
  // The JSON form of the link.
  auto json_reply = Send(app_.port(), {"POST", "/api/v1/invitations/" + token,
                                       {{"Content-Type", "application/json"}, {"Cookie", "coopole_csrf=abc"}, {"X-CSRF-Token", "abc"}},
                                       json{{"reply", "maybe"}}.dump()});
  ASSERT_EQ(json_reply.status, 200) << json_reply.body;
  EXPECT_EQ(Json(json_reply)["reply"], "maybe");
  // The link shows the event and this person's reply, nothing of the others' replies nor internals.
  EXPECT_FALSE(Json(json_reply)["event"].contains("counts")) << json_reply.body;
  EXPECT_FALSE(Json(json_reply)["event"].contains("room_booking_id"));
  auto json_page = Send(app_.port(), {"GET", "/api/v1/invitations/" + token, {}, ""});
  ASSERT_EQ(json_page.status, 200) << json_page.body;
  EXPECT_FALSE(Json(json_page)["event"].contains("counts")) << json_page.body;
  EXPECT_FALSE(Contains(json_page.body, "\"minutes\""));
  EXPECT_EQ(visitor.Get("/invitations/not-a-token").status, 404);
}

TEST_P(EventsWebTest, AReplyAfterTheEventIsRefusedPolitely) {
  auto event = CreateMeeting(-3);  // already over
  const auto id = event["id"].get<long long>();
  ASSERT_EQ(app_.Api("POST", kApi + "/" + std::to_string(id) + "/invitations", coordinator_,
                     json{{"person_ids", {marc_.value}}}.dump()).status, 201);
  const std::string token = TokenOf(id, marc_);
  Browser visitor(app_.port());
  auto page = visitor.Get("/invitations/" + token);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "terminé")) << page.body.substr(0, 2000);
  auto late = visitor.PostForm("/invitations/" + token, {{"reply", "yes"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_TRUE(Contains(late.body, "terminé"));
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/" + std::to_string(id), observer_))["counts"]["pending"], 1);
}

TEST_P(EventsWebTest, PagesListFormEventAndPhoneAttendance) {
  Browser browser(app_.port());
  auto coord = app_.UserToken("coord2@a.fr", identity::Role::kCoordinator, "pole-a");
  (void)coord;
  ASSERT_EQ(browser.SignIn("coord2@a.fr", TestApp::kPassword).status, 303);
  auto form = browser.Get(kPages + "/new?kind=newcomer_breakfast&newcomer=" + std::to_string(company_.value));
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  EXPECT_TRUE(Contains(form.body, "value=\"newcomer_breakfast\" selected"));
  EXPECT_TRUE(Contains(form.body, "value=\"" + std::to_string(company_.value) + "\" selected"));
  auto created = browser.PostForm(kPages, {{"kind", "newcomer_breakfast"}, {"title", "Petit-déjeuner d'accueil"},
                                           {"newcomer_member_id", std::to_string(company_.value)}, {"date", Day(5)},
                                           {"start_time", "08:30"}, {"end_time", "10:00"}, {"place", "Café <b>"}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 500);
  const std::string location = created.Header("location");
  auto page = browser.Get(location.substr(0, location.find('?')));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Café &lt;b&gt;"));
  EXPECT_TRUE(Contains(page.body, "Paul Girard"));  // everyone is invited to a breakfast
  auto list = browser.Get(kPages + "?q=petit%20dejeuner");
  EXPECT_TRUE(Contains(list.body, ">Petit-déjeuner d&apos;accueil</a>")) << list.body.substr(list.body.find("page-head"), 3000);
  EXPECT_TRUE(Contains(list.body, "(1)"));
  const std::string attendance = location.substr(0, location.find('?')) + "/attendance";
  auto sheet = browser.Get(attendance);
  ASSERT_EQ(sheet.status, 200);
  EXPECT_TRUE(Contains(sheet.body, "attendance-list"));
  auto marked = browser.PostForm(attendance, {{"person_id", std::to_string(marc_.value)}, {"present", "1"}, {"minutes", "80"}});
  ASSERT_EQ(marked.status, 303) << marked.body.substr(0, 300);
  // The anchor of the redirect is the id accepted, not the raw field (a line break in it once
  // reached the Location header).
  auto unmarked = browser.PostForm(attendance, {{"person_id", std::to_string(lea_.value) + "\r\n"}, {"present", "0"}});
  ASSERT_EQ(unmarked.status, 303) << unmarked.body.substr(0, 300);
  EXPECT_EQ(unmarked.Header("location"), attendance + "?done=absent#p-" + std::to_string(lea_.value));
  auto search = browser.Get(attendance + "?q=lea");
  EXPECT_TRUE(Contains(search.body, "Léa Martin"));
  auto after = browser.Get(attendance);
  EXPECT_TRUE(Contains(after.body, "is-present"));
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsWebTest, ::testing::ValuesIn(TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::testing
