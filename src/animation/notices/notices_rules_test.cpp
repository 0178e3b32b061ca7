#include "notices_rules.h"

#include <gtest/gtest.h>

namespace coopole::animation::notice_rules {
namespace {

std::shared_ptr<const TimeZone> Paris() { return TimeZone::Load("Europe/Paris"); }

Timestamp At(int y, int mo, int d, int h, int mi) {
  return *Paris()->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
}

TEST(NoticeRules, KnowsTheFourFrequencies) {
  for (const char* f : {"immediate", "daily", "weekly", "never"}) EXPECT_TRUE(IsFrequency(f)) << f;
  for (const char* f : {"", "Daily", "monthly", " daily"}) EXPECT_FALSE(IsFrequency(f)) << f;
}

TEST(NoticeRules, DailyDigestTimeIsTodaysSevenOClockElseYesterdays) {
  // Tuesday 24 November 2026.
  EXPECT_EQ(LatestDigestTime("daily", {Date{2026, 11, 24}, 7 * 60}), (LocalDateTime{Date{2026, 11, 24}, 420}));
  EXPECT_EQ(LatestDigestTime("daily", {Date{2026, 11, 24}, 23 * 60}), (LocalDateTime{Date{2026, 11, 24}, 420}));
  EXPECT_EQ(LatestDigestTime("daily", {Date{2026, 11, 24}, 419}), (LocalDateTime{Date{2026, 11, 23}, 420}));
  EXPECT_EQ(LatestDigestTime("daily", {Date{2026, 1, 1}, 0}), (LocalDateTime{Date{2025, 12, 31}, 420}));
}

TEST(NoticeRules, WeeklyDigestTimeIsTheLatestMondaySevenOClock) {
  // Monday 23 November 2026.
  EXPECT_EQ(LatestDigestTime("weekly", {Date{2026, 11, 23}, 420}), (LocalDateTime{Date{2026, 11, 23}, 420}));
  EXPECT_EQ(LatestDigestTime("weekly", {Date{2026, 11, 23}, 419}), (LocalDateTime{Date{2026, 11, 16}, 420}));
  EXPECT_EQ(LatestDigestTime("weekly", {Date{2026, 11, 29}, 1439}), (LocalDateTime{Date{2026, 11, 23}, 420}));
  EXPECT_EQ(LatestDigestTime("weekly", {Date{2026, 11, 24}, 0}), (LocalDateTime{Date{2026, 11, 23}, 420}));
  EXPECT_FALSE(LatestDigestTime("immediate", {Date{2026, 11, 24}, 0}));
  EXPECT_FALSE(LatestDigestTime("never", {Date{2026, 11, 24}, 0}));
}

TEST(NoticeRules, ImmediateIsAlwaysDueAndNeverNever) {
  auto posted = At(2026, 11, 24, 10, 0);
  EXPECT_TRUE(DigestDue("immediate", At(2026, 11, 24, 10, 0), posted, At(2026, 11, 24, 10, 1), *Paris()));
  EXPECT_TRUE(DigestDue("immediate", std::nullopt, posted, At(2026, 11, 24, 10, 1), *Paris()));
  EXPECT_FALSE(DigestDue("never", std::nullopt, posted, At(2026, 11, 25, 10, 0), *Paris()));
  EXPECT_FALSE(DigestDue("hourly", std::nullopt, posted, At(2026, 11, 25, 10, 0), *Paris()));
}

TEST(NoticeRules, DailyIsDueOncePerLocalDayFromSevenOClock) {
  const auto& zone = *Paris();
  // Last digest yesterday 07:05, a notice posted yesterday at noon: due from 07:00 today.
  auto last = At(2026, 11, 23, 7, 5);
  auto posted = At(2026, 11, 23, 12, 0);
  EXPECT_FALSE(DigestDue("daily", last, posted, At(2026, 11, 24, 6, 59), zone));
  EXPECT_TRUE(DigestDue("daily", last, posted, At(2026, 11, 24, 7, 0), zone));
  EXPECT_TRUE(DigestDue("daily", last, posted, At(2026, 11, 24, 18, 0), zone));
  // Mailed today at 07:00: not again today, again tomorrow.
  EXPECT_FALSE(DigestDue("daily", At(2026, 11, 24, 7, 0), At(2026, 11, 24, 6, 0), At(2026, 11, 24, 23, 59), zone));
  EXPECT_TRUE(DigestDue("daily", At(2026, 11, 24, 7, 0), At(2026, 11, 24, 9, 0), At(2026, 11, 25, 7, 0), zone));
}

TEST(NoticeRules, ADailyOrWeeklyDigestWaitsForSevenOClockEvenForAFirstDigest) {
  // Regression: a notice posted at 15:00 (or a user never mailed before) went out within
  // minutes instead of at the next 07:00 the page announces.
  const auto& zone = *Paris();
  auto posted = At(2026, 11, 24, 15, 0);  // Tuesday
  EXPECT_FALSE(DigestDue("daily", std::nullopt, posted, At(2026, 11, 24, 15, 5), zone));
  EXPECT_FALSE(DigestDue("daily", At(2026, 11, 20, 7, 0), posted, At(2026, 11, 24, 23, 55), zone));
  EXPECT_FALSE(DigestDue("daily", std::nullopt, posted, At(2026, 11, 25, 6, 59), zone));
  EXPECT_TRUE(DigestDue("daily", std::nullopt, posted, At(2026, 11, 25, 7, 0), zone));
  EXPECT_TRUE(DigestDue("daily", At(2026, 11, 20, 7, 0), posted, At(2026, 11, 25, 7, 0), zone));
  // Weekly: a notice of Tuesday waits for next Monday 07:00.
  EXPECT_FALSE(DigestDue("weekly", std::nullopt, posted, At(2026, 11, 24, 15, 5), zone));
  EXPECT_FALSE(DigestDue("weekly", std::nullopt, posted, At(2026, 11, 29, 23, 0), zone));
  EXPECT_FALSE(DigestDue("weekly", std::nullopt, posted, At(2026, 11, 30, 6, 59), zone));
  EXPECT_TRUE(DigestDue("weekly", std::nullopt, posted, At(2026, 11, 30, 7, 0), zone));
  // Posted exactly at 07:00: waits for the next one.
  EXPECT_FALSE(DigestDue("daily", std::nullopt, At(2026, 11, 25, 7, 0), At(2026, 11, 25, 7, 5), zone));
}

TEST(NoticeRules, DailyFollowsTheHubWallClockNotUtc) {
  // 06:30 UTC is 07:30 in Paris in winter (due) but 08:30 in summer; and in a UTC hub 06:30 is
  // before seven.
  auto last = Timestamp{At(2026, 11, 23, 12, 0)};
  auto posted = Timestamp{At(2026, 11, 23, 13, 0)};
  Timestamp winter_0630_utc{At(2026, 11, 24, 7, 30).unix_seconds};
  EXPECT_TRUE(DigestDue("daily", last, posted, winter_0630_utc, *Paris()));
  EXPECT_FALSE(DigestDue("daily", last, posted, winter_0630_utc, *TimeZone::Fixed("UTC", 0)));
  // Across the change to summer time (29 March 2026): 07:00 local is 05:00 UTC.
  auto march = At(2026, 3, 28, 20, 0);
  EXPECT_FALSE(DigestDue("daily", At(2026, 3, 28, 7, 0), march, Timestamp{At(2026, 3, 29, 7, 0).unix_seconds - 1},
                         *Paris()));
  EXPECT_TRUE(DigestDue("daily", At(2026, 3, 28, 7, 0), march, At(2026, 3, 29, 7, 0), *Paris()));
  // And back to winter time (25 October 2026): 07:00 local is 06:00 UTC.
  auto october = At(2026, 10, 24, 20, 0);
  EXPECT_FALSE(DigestDue("daily", At(2026, 10, 24, 7, 0), october,
                         Timestamp{At(2026, 10, 25, 7, 0).unix_seconds - 1}, *Paris()));
  EXPECT_TRUE(DigestDue("daily", At(2026, 10, 24, 7, 0), october, At(2026, 10, 25, 7, 0), *Paris()));
}

TEST(NoticeRules, WeeklyIsDueFromMondaySevenOClock) {
  const auto& zone = *Paris();
  auto last = At(2026, 11, 16, 7, 2);  // Monday last week
  auto posted = At(2026, 11, 18, 9, 0);
  EXPECT_FALSE(DigestDue("weekly", last, posted, At(2026, 11, 22, 23, 0), zone));   // Sunday
  EXPECT_FALSE(DigestDue("weekly", last, posted, At(2026, 11, 23, 6, 59), zone));   // Monday before seven
  EXPECT_TRUE(DigestDue("weekly", last, posted, At(2026, 11, 23, 7, 0), zone));
  EXPECT_TRUE(DigestDue("weekly", last, posted, At(2026, 11, 25, 12, 0), zone));    // a missed Monday still counts
  EXPECT_FALSE(DigestDue("weekly", At(2026, 11, 23, 7, 5), posted, At(2026, 11, 29, 22, 0), zone));
}

TEST(NoticeRules, OnlyPathsInsideTheAppAreLinks) {
  EXPECT_TRUE(IsAppPath("/hubs/pole-a/animation/events/4"));
  EXPECT_TRUE(IsAppPath("/"));
  // Regression: "//evil.example" passed the old "starts with /" test and left the site.
  for (const char* link : {"", "javascript:alert(1)", "https://evil.example", "//evil.example", "/\\evil.example",
                           "hubs/a", "/\t/evil.example"})
    EXPECT_FALSE(IsAppPath(link)) << link;
}

TEST(NoticeRules, FillsPlaceholders) {
  EXPECT_EQ(FillPlaceholders("« {title} » le {date}", {{"title", "AG"}, {"date", "03/12/2026"}}),
            "« AG » le 03/12/2026");
  EXPECT_EQ(FillPlaceholders("{a}{a} {b}", {{"a", "{a}"}}), "{a}{a} {b}");
  EXPECT_EQ(FillPlaceholders("sans", {}), "sans");
  EXPECT_EQ(FillPlaceholders("{inconnu} {title} {", {{"title", "T"}}), "{inconnu} T {");
  // Regression: a value holding another placeholder was filled in turn ("{date}" in a title
  // became the date), so what a user typed did not read back as typed.
  EXPECT_EQ(FillPlaceholders("« {title} » le {date}", {{"title", "{date} {reason}"}, {"date", "03/12"}}),
            "« {date} {reason} » le 03/12");
  EXPECT_EQ(FillPlaceholders("{reason}{x}", {{"reason", "{x"}, {"x", "1"}}), "{x1");
}

}  // namespace
}  // namespace coopole::animation::notice_rules

namespace coopole::animation::notice_rules {
namespace {

TEST(DisplayParamsTest, AnIsoDateIsWrittenTheReadersWayAndTheRestStaysAsPosted) {
  auto fr = DisplayParams({{"date", "2026-12-03"}, {"title", "AG 2026-12-03"}}, "fr");
  EXPECT_EQ(fr["date"], FormatDate(Date{2026, 12, 3}, "fr"));
  EXPECT_NE(fr["date"], "2026-12-03");
  EXPECT_EQ(fr["title"], "AG 2026-12-03");
  EXPECT_EQ(DisplayParams({{"date", "demain"}}, "fr")["date"], "demain");
}

}  // namespace
}  // namespace coopole::animation::notice_rules
