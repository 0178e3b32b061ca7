// iCalendar feeds over real HTTP: the address from the API, the public feed (content type,
// caching, 404 for an unknown token), renewing, who may subscribe, hub isolation, and the
// feed parsed back by an independent parser (ical.js through tests/ical/parse_feed.mjs).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "pooling_test_support.h"
#include "test_paths.h"

namespace coopole::testing::pooling_test {
namespace {

class PoolingFeedsTest : public PoolingWebTest {
 protected:
  // The path of a feed URL ("/feeds/pooling/<token>.ics").
  static std::string PathOf(const std::string& url) {
    auto at = url.find("/feeds/pooling/");
    return at == std::string::npos ? url : url.substr(at);
  }

  HttpResponse Public(const std::string& path) { return Send(app_.port(), {"GET", path, {}, ""}); }

  std::string FeedUrl(const std::string& api_path, const std::string& token, const char* method = "GET") {
    auto res = app_.Api(method, api_path, token);
    EXPECT_EQ(res.status, 200) << res.body;
    return Json(res).value("url", "");
  }
};

bool HaveNode() { return std::system("node --version > /dev/null 2>&1") == 0; }

// Runs the independent parser on `ics` and returns its JSON, or null on failure.
json ParseWithIcalJs(const std::string& ics) {
  char name[] = "/tmp/coopole-feed-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) return nullptr;
  ::close(fd);
  {
    std::ofstream out(name, std::ios::binary);
    out << ics;
  }
  const std::string command = "node " + SourceDir() + "/tests/ical/parse_feed.mjs " + name + " 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    const int status = pclose(pipe);
    std::remove(name);
    if (status != 0) {
      ADD_FAILURE() << "parse_feed.mjs failed: " << output;
      return nullptr;
    }
  }
  auto doc = json::parse(output, nullptr, false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "parse_feed.mjs printed no JSON: " << output.substr(0, 500);
    return nullptr;
  }
  return doc;
}

TEST_P(PoolingFeedsTest, ResourceFeed_IsServedAsTextCalendarWithoutCachingAndWithoutSigningIn) {
  auto room = Room();
  const Date day = Upcoming(2);
  ASSERT_EQ(Book(atelier_user_, room, At(day, "09:00"), At(day, "12:00"), {{"title", "Comité"}}).status, 201);
  const std::string url = FeedUrl(kApi + "/resources/" + Id(room) + "/feed", observer_);
  ASSERT_TRUE(Contains(url, "/feeds/pooling/")) << url;
  EXPECT_EQ(url.substr(url.size() - 4), ".ics");
  EXPECT_EQ(url.rfind("http://", 0), 0u) << url;
  EXPECT_EQ(FeedUrl(kApi + "/resources/" + Id(room) + "/feed", coordinator_), url) << "the same address until renewed";

  auto feed = Public(PathOf(url));
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.Header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_TRUE(Contains(feed.Header("cache-control"), "no-store"));
  EXPECT_EQ(feed.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_TRUE(Contains(feed.body, "BEGIN:VEVENT"));
  EXPECT_TRUE(Contains(feed.body, "Comité"));
}

TEST_P(PoolingFeedsTest, ResourceFeed_ParsedBackByIcalJsGivesTheBookingsInstants) {
  if (!HaveNode()) GTEST_SKIP() << "node is not installed";
  auto room = Room();
  const Date day = Upcoming(2);
  ASSERT_EQ(Book(atelier_user_, room, At(day, "09:00"), At(day, "12:00"), {{"title", "Comité; budget, 2027"}}).status,
            201);
  auto van = Van();
  ASSERT_EQ(Book(atelier_user_, room, At(AddDays(day, 1), "14:00"), At(AddDays(day, 1), "15:30")).status, 201);
  ASSERT_EQ(Book(atelier_user_, van, At(day, "08:00"), At(day, "18:00")).status, 201);
  auto feed = Public(PathOf(FeedUrl(kApi + "/resources/" + Id(room) + "/feed", coordinator_)));
  ASSERT_EQ(feed.status, 200);
  auto events = ParseWithIcalJs(feed.body);
  ASSERT_TRUE(events.is_array()) << feed.body;
  ASSERT_EQ(events.size(), 2u) << events.dump(1);
  std::vector<std::pair<std::string, std::string>> slots;
  for (const auto& e : events) slots.emplace_back(e["start"], e["end"]);
  std::sort(slots.begin(), slots.end());
  EXPECT_EQ(slots[0], std::make_pair(UtcOf(day, 9), UtcOf(day, 12)));
  EXPECT_EQ(slots[1], std::make_pair(UtcOf(AddDays(day, 1), 14), UtcOf(AddDays(day, 1), 15, 30)));
  bool found_title = false;
  for (const auto& e : events) {
    if (e["summary"].is_string() && Contains(e["summary"].get<std::string>(), "Comité; budget, 2027")) found_title = true;
  }
  EXPECT_TRUE(found_title) << events.dump(1) << "\nescaped text comes back as typed";

  // The member's feed lists its bookings of every resource, the pending one tentative.
  auto mine = Public(PathOf(FeedUrl(kApi + "/members/" + std::to_string(atelier_.value) + "/feed", atelier_user_)));
  ASSERT_EQ(mine.status, 200);
  auto member_events = ParseWithIcalJs(mine.body);
  ASSERT_TRUE(member_events.is_array());
  EXPECT_EQ(member_events.size(), 3u) << member_events.dump(1);
  int tentative = 0;
  for (const auto& e : member_events) tentative += e["status"] == "TENTATIVE";
  EXPECT_EQ(tentative, 1);
}

TEST_P(PoolingFeedsTest, UnknownOrRenewedTokensAnswer404) {
  auto room = Room();
  EXPECT_EQ(Public("/feeds/pooling/nope.ics").status, 404);
  EXPECT_EQ(Public("/feeds/pooling/nope").status, 404);
  EXPECT_EQ(Public("/feeds/pooling/.ics").status, 404);
  const std::string api = kApi + "/resources/" + Id(room) + "/feed";
  const std::string old_url = FeedUrl(api, coordinator_);
  ASSERT_EQ(Public(PathOf(old_url)).status, 200);
  const std::string new_url = FeedUrl(api, coordinator_, "POST");
  EXPECT_NE(new_url, old_url);
  EXPECT_EQ(Public(PathOf(old_url)).status, 404) << "the old address stops working";
  EXPECT_EQ(Public(PathOf(new_url)).status, 200);
  EXPECT_EQ(Public(PathOf(new_url).substr(0, PathOf(new_url).size() - 4) + "x.ics").status, 404);
}

TEST_P(PoolingFeedsTest, MemberFeeds_AreForTheMembersUsersAndCoordinators) {
  const std::string api = kApi + "/members/" + std::to_string(atelier_.value) + "/feed";
  EXPECT_EQ(app_.Api("GET", api, atelier_user_).status, 200);
  EXPECT_EQ(app_.Api("GET", api, coordinator_).status, 200);
  EXPECT_EQ(app_.Api("GET", api, cantine_user_).status, 403);
  EXPECT_EQ(app_.Api("POST", api, cantine_user_).status, 403);
  EXPECT_EQ(app_.Api("GET", kApi + "/members/" + std::to_string(nordiste_.value) + "/feed", coordinator_).status, 404)
      << "a member of another hub";
  EXPECT_EQ(app_.Api("GET", kApi + "/members/abc/feed", coordinator_).status, 404);
  EXPECT_EQ(app_.Api("GET", kApi + "/resources/999999/feed", coordinator_).status, 404);
}

TEST_P(PoolingFeedsTest, Pages_TheResourcePageShowsTheAddressAndRenewsIt) {
  auto room = Room();
  Browser browser = SignedIn("coord@a.fr");
  auto page = browser.Get(kPages + "/resources/" + Id(room));
  ASSERT_EQ(page.status, 200);
  const std::string url = FeedUrl(kApi + "/resources/" + Id(room) + "/feed", coordinator_);
  EXPECT_TRUE(Contains(page.body, "value=\"" + url + "\"")) << page.body.substr(0, 300);
  EXPECT_TRUE(Contains(page.body, "data-copy=\"#feed-url\""));
  auto renewed = browser.PostForm(kPages + "/resources/" + Id(room) + "/feed", {});
  ASSERT_EQ(renewed.status, 303);
  EXPECT_EQ(Public(PathOf(url)).status, 404);
  // Observers see the address but not the renew button.
  app_.UserToken("obs2@a.fr", identity::Role::kObserver, kHub);
  Browser observer = SignedIn("obs2@a.fr");
  auto seen = observer.Get(kPages + "/resources/" + Id(room));
  EXPECT_TRUE(Contains(seen.body, "id=\"feed-url\""));
  EXPECT_FALSE(Contains(seen.body, "/feed\" class=\"inline-form\""));
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingFeedsTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing::pooling_test
