// Bookings over real HTTP: book, overlaps (409 with the colliding booking), the rules that
// refuse a slot (422 naming the field), recurrences (preview, all or nothing, skip the
// conflicts), approval, refusal, cancellation, roles, hub isolation, clock changes, 64
// concurrent clients racing for the same slots, and the HTML pages and calendar events.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <thread>

#include "pooling_test_support.h"

namespace coopole::testing::pooling_test {
namespace {

class PoolingBookingsTest : public PoolingWebTest {
 protected:
  // A room bookable at any hour, 15 € an hour: for clock changes and races.
  json AnyHourRoom(const std::string& name = "Salle des fêtes") {
    return CreateResource({{"kind", "premises"}, {"category", "room"}, {"name", name}, {"capacity", 50},
                           {"price_unit", "hour"}, {"price_member", "15"}});
  }

  json Bookings(const std::string& query) {
    auto res = app_.Api("GET", kApi + "/bookings?" + query, coordinator_);
    EXPECT_EQ(res.status, 200) << res.body;
    return Json(res);
  }

  static std::string Field(const HttpResponse& res, const std::string& field) {
    auto doc = json::parse(res.body, nullptr, false);
    if (doc.is_discarded() || !doc.contains("error") || !doc["error"]["fields"].contains(field)) return "";
    return doc["error"]["fields"][field].get<std::string>();
  }
};

// ---- book -----------------------------------------------------------------------------------------

TEST_P(PoolingBookingsTest, Book_Answers201WithUtcAndLocalTimesAndThePrice) {
  auto room = Room();
  const Date tuesday = Upcoming(2);
  auto res = Book(atelier_user_, room, At(tuesday, "09:00"), At(tuesday, "12:00"),
                  {{"title", "Comité de pilotage"}, {"attendees", 10}});
  ASSERT_EQ(res.status, 201) << res.body;
  auto doc = Json(res);
  ASSERT_EQ(doc["items"].size(), 1u);
  auto booking = doc["items"][0];
  EXPECT_EQ(res.Header("location"), kApi + "/bookings/" + Id(booking));
  EXPECT_EQ(booking["resource"]["name"], "Salle Belledonne");
  EXPECT_EQ(booking["member"]["id"], atelier_.value);
  EXPECT_EQ(booking["member_name"], "Atelier Vélo Solidaire");
  EXPECT_EQ(booking["status"], "confirmed");
  EXPECT_EQ(booking["starts_at"], UtcOf(tuesday, 9));
  EXPECT_EQ(booking["ends_at"], UtcOf(tuesday, 12));
  EXPECT_EQ(booking["starts_at_local"], At(tuesday, "09:00"));
  EXPECT_EQ(booking["ends_at_local"], At(tuesday, "12:00"));
  EXPECT_EQ(booking["time_zone"], "Europe/Paris");
  EXPECT_EQ(booking["duration_minutes"], 180);
  EXPECT_EQ(booking["price_cents"], 4500);
  EXPECT_EQ(booking["tier"], "member");
  auto read = app_.Api("GET", kApi + "/bookings/" + Id(booking), observer_);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(Json(read)["title"], "Comité de pilotage");
}

TEST_P(PoolingBookingsTest, Book_ACoordinatorBooksForAMemberWithAnotherTier) {
  auto room = Room();
  const Date day = Upcoming(3);
  auto res = Book(coordinator_, room, At(day, "14:00"), At(day, "16:00"),
                  {{"member_id", cantine_.value}, {"tier", "solidarity"}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(Json(res)["items"][0]["price_cents"], 1600);
  EXPECT_EQ(Json(res)["items"][0]["member_name"], "Cantine Mistral");
  auto member_tier = Book(atelier_user_, room, At(day, "17:00"), At(day, "18:00"), {{"tier", "solidarity"}});
  EXPECT_EQ(member_tier.status, 422) << "members may not pick their tier";
  EXPECT_FALSE(Field(member_tier, "tier").empty());
  auto no_member = Book(coordinator_, room, At(day, "17:00"), At(day, "18:00"));
  EXPECT_EQ(no_member.status, 422);
  EXPECT_FALSE(Field(no_member, "member_id").empty());
}

TEST_P(PoolingBookingsTest, Book_AnOverlapAnswers409ShowingTheCollidingBooking) {
  auto room = Room();
  const Date day = Upcoming(2);
  auto first = Book(cantine_user_, room, At(day, "09:00"), At(day, "12:00"), {{"title", "Réunion"}});
  ASSERT_EQ(first.status, 201);
  auto res = Book(atelier_user_, room, At(day, "11:00"), At(day, "13:00"));
  ASSERT_EQ(res.status, 409) << res.body;
  auto doc = Json(res);
  EXPECT_EQ(doc["error"]["code"], "conflict");
  ASSERT_EQ(doc["conflicts"].size(), 1u);
  auto conflict = doc["conflicts"][0];
  EXPECT_EQ(conflict["start"], At(day, "11:00"));
  EXPECT_EQ(conflict["starts_at"], UtcOf(day, 11));
  EXPECT_EQ(conflict["booking"]["id"], Json(first)["items"][0]["id"]);
  EXPECT_EQ(conflict["booking"]["member_name"], "Cantine Mistral");
  EXPECT_EQ(conflict["booking"]["resource"]["name"], "Salle Belledonne");
  EXPECT_EQ(conflict["booking"]["starts_at"], UtcOf(day, 9));
  EXPECT_EQ(conflict["booking"]["ends_at"], UtcOf(day, 12));
  EXPECT_EQ(conflict["booking"]["status"], "confirmed");
  // Touching slots do not overlap.
  EXPECT_EQ(Book(atelier_user_, room, At(day, "12:00"), At(day, "13:00")).status, 201);
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 2);
}

// ---- rules: 422 with the reason ---------------------------------------------------------------------

TEST_P(PoolingBookingsTest, Book_RuleFailuresAnswer422NamingTheFieldAndTheReason) {
  auto room = Room();
  const Date day = Upcoming(2);
  const Date yesterday = AddDays(Today(), -1);
  auto past = Book(atelier_user_, room, At(yesterday, "10:00"), At(yesterday, "11:00"));
  EXPECT_EQ(past.status, 422) << past.body;
  EXPECT_TRUE(Contains(Field(past, "starts_at"), "passé")) << past.body;

  auto reversed = Book(atelier_user_, room, At(day, "12:00"), At(day, "10:00"));
  EXPECT_EQ(reversed.status, 422);
  EXPECT_FALSE(Field(reversed, "ends_at").empty()) << reversed.body;

  auto closed = Book(atelier_user_, room, At(day, "18:00"), At(day, "20:00"));
  EXPECT_EQ(closed.status, 422);
  EXPECT_TRUE(Contains(Field(closed, "starts_at"), "horaires")) << closed.body;

  auto crowded = Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00"), {{"attendees", 13}});
  EXPECT_EQ(crowded.status, 422);
  EXPECT_FALSE(Field(crowded, "attendees").empty()) << crowded.body;

  auto garbled = Book(atelier_user_, room, "mardi 9h", At(day, "10:00"));
  EXPECT_EQ(garbled.status, 422);
  EXPECT_FALSE(Field(garbled, "starts_at").empty());

  auto limited = CreateResource({{"kind", "equipment"}, {"category", "machine"}, {"name", "Scie"},
                                 {"max_minutes", 120}, {"price_unit", "free"}});
  auto too_long = Book(atelier_user_, limited, At(day, "09:00"), At(day, "12:00"));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(Contains(Field(too_long, "ends_at"), "longue")) << too_long.body;
  auto month = Book(atelier_user_, AnyHourRoom(), At(day, "09:00"), At(AddDays(day, 40), "09:00"));
  EXPECT_EQ(month.status, 422) << "longer than 31 days";
  EXPECT_FALSE(Field(month, "ends_at").empty());

  // English when asked.
  HttpRequest english{"POST", kApi + "/bookings",
                      {{"Authorization", "Bearer " + atelier_user_}, {"Content-Type", "application/json"},
                       {"Accept-Language", "en"}},
                      json{{"resource_id", room["id"]}, {"starts_at", At(day, "18:00")}, {"ends_at", At(day, "20:00")}}
                          .dump()};
  auto en = Send(app_.port(), english);
  EXPECT_EQ(en.status, 422);
  EXPECT_TRUE(Contains(Field(en, "starts_at"), "opening hours")) << en.body;
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 0) << "nothing was booked";
}

TEST_P(PoolingBookingsTest, Book_APrerequisiteMissingAnswers422) {
  auto workshop = CreateResource({{"kind", "premises"}, {"category", "workshop"}, {"name", "Atelier bois"},
                                  {"prerequisite", "Formation sécurité machines"}, {"price_unit", "free"}});
  const Date day = Upcoming(4);
  auto res = Book(atelier_user_, workshop, At(day, "09:00"), At(day, "11:00"));
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_TRUE(Contains(Field(res, "resource_id"), "prérequis")) << res.body;
}

TEST_P(PoolingBookingsTest, Book_ARecurrenceOfMoreThan500OccurrencesAnswers422) {
  auto room = AnyHourRoom();
  const Date day = Upcoming(1);
  auto res = Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00"),
                  {{"recurrence", "weekly"}, {"recurrence_until", FormatIsoDate(AddDays(day, 7 * 500))},
                   {"mode", "preview"}});
  ASSERT_EQ(res.status, 422) << res.body.substr(0, 300);
  EXPECT_FALSE(Field(res, "recurrence_until").empty());
  auto just = Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00"),
                   {{"recurrence", "weekly"}, {"recurrence_until", FormatIsoDate(AddDays(day, 7 * 499))},
                    {"mode", "preview"}});
  ASSERT_EQ(just.status, 200) << just.body.substr(0, 300);
  EXPECT_EQ(Json(just)["occurrences"].size(), 500u);
  auto bad_mode = Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00"), {{"mode", "maybe"}});
  EXPECT_EQ(bad_mode.status, 422);
  EXPECT_FALSE(Field(bad_mode, "mode").empty());
}

// ---- recurrences ------------------------------------------------------------------------------------

TEST_P(PoolingBookingsTest, Recurrence_PreviewListsConflictsThenAllOrNothingOrSkipConflicts) {
  auto room = Room();
  const Date first = Upcoming(2);
  const Date third = AddDays(first, 14);
  ASSERT_EQ(Book(cantine_user_, room, At(third, "10:30"), At(third, "11:30")).status, 201);
  json series = {{"recurrence", "weekly"}, {"recurrence_until", FormatIsoDate(AddDays(first, 21))},
                 {"title", "Point hebdo"}};

  series["mode"] = "preview";
  auto preview = Book(atelier_user_, room, At(first, "10:00"), At(first, "11:00"), series);
  ASSERT_EQ(preview.status, 200) << preview.body;
  auto doc = Json(preview);
  ASSERT_EQ(doc["occurrences"].size(), 4u);
  EXPECT_EQ(doc["occurrences"][1]["start"], At(AddDays(first, 7), "10:00"));
  EXPECT_EQ(doc["occurrences"][0]["conflict"], nullptr);
  EXPECT_EQ(doc["occurrences"][2]["conflict"]["member_name"], "Cantine Mistral");
  ASSERT_EQ(doc["conflicts"].size(), 1u);
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 1) << "a preview writes nothing";

  series["mode"] = "all_or_nothing";
  auto refused = Book(atelier_user_, room, At(first, "10:00"), At(first, "11:00"), series);
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Json(refused)["conflicts"][0]["booking"]["member_name"], "Cantine Mistral");
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 1) << "all or nothing booked nothing";

  series["mode"] = "skip_conflicts";
  auto booked = Book(atelier_user_, room, At(first, "10:00"), At(first, "11:00"), series);
  ASSERT_EQ(booked.status, 201) << booked.body;
  auto created = Json(booked);
  EXPECT_EQ(created["items"].size(), 3u);
  EXPECT_EQ(created["skipped"], 1);
  EXPECT_NE(created["items"][0]["series_id"], nullptr);
  EXPECT_EQ(Bookings("resource=" + Id(room) + "&member=" + std::to_string(atelier_.value))["total"], 3);
}

// ---- approval, refusal, cancellation ------------------------------------------------------------------

TEST_P(PoolingBookingsTest, Approval_APendingBookingIsApprovedByTheOwnerOnly) {
  auto van = Van();
  const Date day = Upcoming(3);
  auto res = Book(atelier_user_, van, At(day, "08:00"), At(day, "18:00"), {{"title", "Collecte"}});
  ASSERT_EQ(res.status, 201) << res.body;
  auto booking = Json(res)["items"][0];
  EXPECT_EQ(booking["status"], "pending");
  EXPECT_EQ(booking["price_cents"], 6000);
  const std::string href = kApi + "/bookings/" + Id(booking);
  // The slot is held while pending.
  EXPECT_EQ(Book(coordinator_, van, At(day, "09:00"), At(day, "10:00"), {{"member_id", atelier_.value}}).status, 409);
  EXPECT_EQ(app_.Api("POST", href + "/approve", atelier_user_).status, 403) << "the booker does not approve";
  EXPECT_EQ(app_.Api("POST", href + "/approve", observer_).status, 403);
  auto pending = Bookings("status=pending&owner=" + std::to_string(cantine_.value));
  EXPECT_EQ(pending["total"], 1);
  auto approved = app_.Api("POST", href + "/approve", cantine_user_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved)["status"], "confirmed");
  auto again = app_.Api("POST", href + "/approve", cantine_user_);
  EXPECT_EQ(again.status, 409) << "no longer pending";
  EXPECT_EQ(Json(again)["error"]["code"], "failed_precondition");
}

TEST_P(PoolingBookingsTest, Approval_ARefusalKeepsTheReasonAndFreesTheSlot) {
  auto van = Van();
  const Date day = Upcoming(4);
  auto booking = Json(Book(atelier_user_, van, At(day, "08:00"), At(day, "12:00")))["items"][0];
  auto refused = app_.Api("POST", kApi + "/bookings/" + Id(booking) + "/refuse", cantine_user_,
                          json{{"reason", "Camion en révision"}}.dump());
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Json(refused)["status"], "refused");
  EXPECT_EQ(Json(refused)["reason"], "Camion en révision");
  EXPECT_EQ(Book(atelier_user_, van, At(day, "08:00"), At(day, "12:00")).status, 201);
}

TEST_P(PoolingBookingsTest, Cancel_NeedsAReasonAndFreesTheSlot) {
  auto room = Room();
  const Date day = Upcoming(5);
  auto booking = Json(Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00")))["items"][0];
  const std::string href = kApi + "/bookings/" + Id(booking);
  auto no_reason = app_.Api("POST", href + "/cancel", atelier_user_, json::object().dump());
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_FALSE(Field(no_reason, "reason").empty());
  EXPECT_EQ(app_.Api("POST", href + "/cancel", cantine_user_, json{{"reason", "x"}}.dump()).status, 403)
      << "another member may not cancel it";
  auto cancelled = app_.Api("POST", href + "/cancel", atelier_user_, json{{"reason", "Réunion reportée"}}.dump());
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Json(cancelled)["status"], "cancelled");
  EXPECT_EQ(Book(cantine_user_, room, At(day, "09:00"), At(day, "10:00")).status, 201);
  EXPECT_EQ(app_.Api("POST", href + "/cancel", atelier_user_, json{{"reason", "encore"}}.dump()).status, 409);
}

// ---- roles and isolation -------------------------------------------------------------------------------

TEST_P(PoolingBookingsTest, ObserversCannotBookApproveOrCancel) {
  auto room = Room();
  const Date day = Upcoming(2);
  EXPECT_EQ(Book(observer_, room, At(day, "09:00"), At(day, "10:00"), {{"member_id", atelier_.value}}).status, 403);
  auto booking = Json(Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00")))["items"][0];
  EXPECT_EQ(app_.Api("POST", kApi + "/bookings/" + Id(booking) + "/cancel", observer_, json{{"reason", "x"}}.dump())
                .status,
            403);
  EXPECT_EQ(app_.Api("GET", kApi + "/bookings/" + Id(booking), observer_).status, 200) << "observers read";
  EXPECT_EQ(Book(atelier_user_, room, At(day, "11:00"), At(day, "12:00"), {{"member_id", cantine_.value}}).status,
            403)
      << "a member books for its own organisation only";
}

TEST_P(PoolingBookingsTest, AnotherHubsIdsAreNotFound) {
  auto room = Room();
  const Date day = Upcoming(2);
  auto booking = Json(Book(atelier_user_, room, At(day, "09:00"), At(day, "10:00")))["items"][0];
  const std::string other = "/api/v1/hubs/pole-b/pooling";
  EXPECT_EQ(app_.Api("GET", other + "/bookings/" + Id(booking), other_coordinator_).status, 404);
  EXPECT_EQ(app_.Api("POST", other + "/bookings/" + Id(booking) + "/cancel", other_coordinator_,
                     json{{"reason", "x"}}.dump())
                .status,
            404);
  EXPECT_EQ(app_.Api("POST", other + "/bookings/" + Id(booking) + "/approve", other_coordinator_).status, 404);
  auto stolen = app_.Api("POST", other + "/bookings", other_coordinator_,
                         json{{"resource_id", room["id"]}, {"member_id", nordiste_.value},
                              {"starts_at", At(day, "11:00")}, {"ends_at", At(day, "12:00")}}
                             .dump());
  EXPECT_EQ(stolen.status, 404) << stolen.body;
  auto foreign_member = Book(coordinator_, room, At(day, "11:00"), At(day, "12:00"), {{"member_id", nordiste_.value}});
  EXPECT_EQ(foreign_member.status, 422) << "a member of another hub cannot book here";
  EXPECT_EQ(Json(app_.Api("GET", other + "/bookings", other_coordinator_))["total"], 0);
  EXPECT_EQ(app_.Api("GET", kApi + "/bookings", other_coordinator_).status, 404);
}

// ---- clock changes ------------------------------------------------------------------------------------

TEST_P(PoolingBookingsTest, ClockChanges_NightsOfTheLastSundaysOfMarchAndOctoberLastTwoAndFourHours) {
  // The last Sundays of March and October of the next year (2027 when this was written: 28
  // March and 31 October); the same nights of 2026 (29 March, 25 October) are already past
  // for a server that runs on the real clock.
  auto last_sunday = [](int year, int month) {
    Date day{year, month, DaysInMonth(year, month)};
    while (IsoWeekday(day) != 7) day = AddDays(day, -1);
    return day;
  };
  const int year = Today().year + 1;
  const Date march = last_sunday(year, 3);
  const Date october = last_sunday(year, 10);
  auto room = AnyHourRoom();
  auto spring = Book(atelier_user_, room, At(march, "01:00"), At(march, "04:00"));
  ASSERT_EQ(spring.status, 201) << spring.body;
  auto s = Json(spring)["items"][0];
  EXPECT_EQ(s["starts_at"], FormatIsoDate(march) + "T00:00:00Z");
  EXPECT_EQ(s["ends_at"], FormatIsoDate(march) + "T02:00:00Z");
  EXPECT_EQ(s["duration_minutes"], 120);
  EXPECT_EQ(s["price_cents"], 3000);
  EXPECT_EQ(s["starts_at_local"], At(march, "01:00"));
  EXPECT_EQ(s["ends_at_local"], At(march, "04:00"));

  auto autumn = Book(atelier_user_, room, At(october, "01:00"), At(october, "04:00"));
  ASSERT_EQ(autumn.status, 201) << autumn.body;
  auto a = Json(autumn)["items"][0];
  EXPECT_EQ(a["starts_at"], FormatIsoDate(AddDays(october, -1)) + "T23:00:00Z");
  EXPECT_EQ(a["ends_at"], FormatIsoDate(october) + "T03:00:00Z");
  EXPECT_EQ(a["duration_minutes"], 240);
  EXPECT_EQ(a["price_cents"], 6000);

  // 02:30 does not exist on the spring night.
  auto skipped = Book(atelier_user_, room, At(march, "02:30"), At(march, "05:00"));
  EXPECT_EQ(skipped.status, 422) << skipped.body;
  EXPECT_FALSE(Field(skipped, "starts_at").empty());
}

// ---- concurrency ---------------------------------------------------------------------------------------

// 64 clients, each on its own connection, post at once bookings of one resource: 8 groups
// of 8 mutually overlapping slots (start offsets of 0 to 35 minutes, one hour long), the
// groups two hours apart. Exactly one booking wins in each group; the others get 409.
TEST_P(PoolingBookingsTest, Concurrency_64ClientsRacingForOverlappingSlotsGetOneWinnerPerSlot) {
  auto room = AnyHourRoom("Salle convoitée");
  const Date day = Upcoming(3);
  constexpr int kClients = 64;
  constexpr int kGroups = 8;
  const std::vector<std::string> tokens = {atelier_user_, cantine_user_, coordinator_};
  std::vector<int> statuses(kClients, 0);
  std::vector<std::string> bodies(kClients);
  std::latch start(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      const int group = i % kGroups;
      const int offset = (i / kGroups) * 5;  // 0..35 minutes
      const int from = 6 * 60 + group * 120 + offset;
      auto clock = [](int minute) { return FormatClock(minute); };
      json body = {{"resource_id", room["id"]},
                   {"starts_at", At(day, clock(from))},
                   {"ends_at", At(day, clock(from + 60))},
                   {"title", "client " + std::to_string(i)}};
      const std::string& token = tokens[i % tokens.size()];
      if (token == coordinator_) body["member_id"] = atelier_.value;
      HttpRequest req{"POST", kApi + "/bookings",
                      {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump()};
      start.arrive_and_wait();
      try {
        auto res = Send(app_.port(), req);
        statuses[i] = res.status;
        bodies[i] = res.body;
      } catch (const std::exception& e) {
        statuses[i] = -1;
        bodies[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  std::map<int, int> wins_per_group;
  int conflicts = 0;
  for (int i = 0; i < kClients; ++i) {
    if (statuses[i] == 201) {
      ++wins_per_group[i % kGroups];
    } else if (statuses[i] == 409) {
      ++conflicts;
      auto doc = json::parse(bodies[i], nullptr, false);
      ASSERT_FALSE(doc.is_discarded());
      EXPECT_EQ(doc["conflicts"].size(), 1u) << bodies[i];
    } else {
      ADD_FAILURE() << "client " << i << " got " << statuses[i] << ": " << bodies[i].substr(0, 300);
    }
  }
  EXPECT_EQ(static_cast<int>(wins_per_group.size()), kGroups);
  for (const auto& [group, wins] : wins_per_group) EXPECT_EQ(wins, 1) << "group " << group;
  EXPECT_EQ(conflicts, kClients - kGroups);
  // What is stored: 8 bookings, none overlapping another.
  auto stored = Bookings("resource=" + Id(room) + "&per_page=100");
  ASSERT_EQ(stored["total"], kGroups);
  std::vector<std::pair<std::string, std::string>> slots;
  for (const auto& b : stored["items"]) slots.emplace_back(b["starts_at"], b["ends_at"]);
  std::sort(slots.begin(), slots.end());
  for (std::size_t i = 1; i < slots.size(); ++i) EXPECT_LE(slots[i - 1].second, slots[i].first);
}

// ---- pages ----------------------------------------------------------------------------------------------

TEST_P(PoolingBookingsTest, Pages_BookFromTheFormThenSeeTheBooking) {
  auto room = Room();
  const Date day = Upcoming(2);
  Browser browser = SignedIn("atelier@a.fr");
  const std::string action = kPages + "/resources/" + Id(room) + "/book";
  auto form = browser.Get(action);
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(Contains(form.body, "name=\"member_id\"")) << "members book for their own organisation";
  auto res = browser.PostForm(action, {{"date", FormatIsoDate(day)}, {"start", "09:00"}, {"end", "11:30"},
                                       {"title", "Atelier <réparation>"}, {"attendees", "8"}, {"mode", "all_or_nothing"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 1000);
  auto page = browser.Get(res.Header("location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, "Réservation confirmée"));
  EXPECT_TRUE(Contains(page.body, "Atelier &lt;réparation&gt;"));
  EXPECT_TRUE(Contains(page.body, "09:00–11:30"));
  EXPECT_TRUE(Contains(page.body, "37,50"));
}

TEST_P(PoolingBookingsTest, Pages_AConflictAnswers409AndARuleFailure422NextToTheField) {
  auto room = Room();
  const Date day = Upcoming(2);
  ASSERT_EQ(Book(cantine_user_, room, At(day, "09:00"), At(day, "12:00")).status, 201);
  Browser browser = SignedIn("atelier@a.fr");
  const std::string action = kPages + "/resources/" + Id(room) + "/book";
  auto conflict = browser.PostForm(action, {{"date", FormatIsoDate(day)}, {"start", "10:00"}, {"end", "11:00"},
                                            {"mode", "all_or_nothing"}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_TRUE(Contains(conflict.body, "Cantine Mistral")) << conflict.body.substr(0, 3000);
  EXPECT_TRUE(Contains(conflict.body, "09:00–12:00"));
  EXPECT_TRUE(Contains(conflict.body, "value=\"10:00\"")) << "the form keeps the input";
  auto closed = browser.PostForm(action, {{"date", FormatIsoDate(day)}, {"start", "19:00"}, {"end", "20:00"},
                                          {"mode", "all_or_nothing"}});
  EXPECT_EQ(closed.status, 422);
  EXPECT_TRUE(Contains(closed.body, "id=\"f-starts_at-error\"")) << closed.body.substr(0, 3000);
  EXPECT_TRUE(Contains(closed.body, "horaires d’ouverture"));
  auto garbled = browser.PostForm(action, {{"date", "31/02/2027"}, {"start", "25:00"}, {"end", "11:00"}});
  EXPECT_EQ(garbled.status, 422);
  EXPECT_TRUE(Contains(garbled.body, "id=\"f-date-error\""));
  EXPECT_TRUE(Contains(garbled.body, "id=\"f-starts_at-error\""));
}

TEST_P(PoolingBookingsTest, Pages_ARecurrenceIsPreviewedThenConfirmed) {
  auto room = Room();
  const Date day = Upcoming(4);
  Browser browser = SignedIn("atelier@a.fr");
  const std::string action = kPages + "/resources/" + Id(room) + "/book";
  std::vector<std::pair<std::string, std::string>> fields = {
      {"date", FormatIsoDate(day)}, {"start", "14:00"}, {"end", "15:00"}, {"recurrence", "weekly"},
      {"recurrence_until", FormatIsoDate(AddDays(day, 14))}, {"mode", "all_or_nothing"}};
  auto preview = browser.PostForm(action, fields);
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 500);
  EXPECT_TRUE(Contains(preview.body, "Aperçu de la réservation"));
  EXPECT_TRUE(Contains(preview.body, "name=\"step\" value=\"confirm\""));
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 0) << "the first step books nothing";
  fields.emplace_back("step", "confirm");
  auto confirmed = browser.PostForm(action, fields);
  ASSERT_EQ(confirmed.status, 303) << confirmed.body.substr(0, 500);
  EXPECT_EQ(Bookings("resource=" + Id(room))["total"], 3);
}

TEST_P(PoolingBookingsTest, Pages_TheOwnerApprovesFromTheListAndTheCalendarShowsTheBookings) {
  auto van = Van();
  const Date day = Upcoming(3);
  auto booking = Json(Book(atelier_user_, van, At(day, "08:00"), At(day, "18:00")))["items"][0];
  Browser owner = SignedIn("cantine@a.fr");
  auto overview = owner.Get(kPages);
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(Contains(overview.body, "Réservations à valider")) << "the alerts block";
  auto list = owner.Get(kPages + "/bookings?view=approve");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Contains(list.body, "Atelier Vélo Solidaire"));
  EXPECT_TRUE(Contains(list.body, "/bookings/" + Id(booking) + "/approve"));

  // The calendar draws the pending booking differently.
  auto events = owner.Get(kPages + "/calendar/events?resource=" + Id(van) + "&start=" + FormatIsoDate(AddDays(day, -3)) +
                          "T00:00:00Z&end=" + FormatIsoDate(AddDays(day, 4)) + "T00:00:00Z");
  ASSERT_EQ(events.status, 200) << events.body;
  auto doc = Json(events);
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_EQ(doc[0]["start"], At(day, "08:00") + ":00");
  EXPECT_TRUE(std::find(doc[0]["classNames"].begin(), doc[0]["classNames"].end(), "pooling-event-pending") !=
              doc[0]["classNames"].end());

  auto approved = owner.PostForm(kPages + "/bookings/" + Id(booking) + "/approve",
                                 {{"next", kPages + "/bookings?view=approve"}});
  ASSERT_EQ(approved.status, 303) << approved.body.substr(0, 500);
  EXPECT_EQ(approved.Header("location"), kPages + "/bookings?view=approve&done=approved");
  EXPECT_EQ(Json(app_.Api("GET", kApi + "/bookings/" + Id(booking), coordinator_))["status"], "confirmed");
  auto after = Json(owner.Get(kPages + "/calendar/events?resource=" + Id(van) + "&start=" +
                              FormatIsoDate(AddDays(day, -3)) + "T00:00:00Z&end=" + FormatIsoDate(AddDays(day, 4)) +
                              "T00:00:00Z"));
  EXPECT_EQ(after[0]["classNames"].size(), 1u);
  auto calendar = owner.Get(kPages + "/calendar?resource=" + Id(van));
  ASSERT_EQ(calendar.status, 200);
  EXPECT_TRUE(Contains(calendar.body, "/static/vendor/fullcalendar.min.js"));
  EXPECT_TRUE(Contains(calendar.body, "data-events-url=\"" + kPages + "/calendar/events?resource=" + Id(van) + "\""));
  EXPECT_TRUE(Contains(calendar.body, "Atelier Vélo Solidaire")) << "the list of upcoming bookings";
  // An off-site `next` is ignored.
  auto evil = owner.PostForm(kPages + "/bookings/" + Id(booking) + "/cancel",
                             {{"reason", "panne"}, {"next", "https://evil.example/"}});
  ASSERT_EQ(evil.status, 303);
  EXPECT_EQ(evil.Header("location"), kPages + "/bookings/" + Id(booking) + "?done=cancelled");
  EXPECT_EQ(owner.Get(kPages + "/calendar/events?start=bad&end=").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingBookingsTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::pooling_test
