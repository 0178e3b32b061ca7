// Text typed into pooling is stored as given and escaped wherever a page shows it: a
// resource, a booking title, a refusal reason and a member name carrying markup appear as
// text on every pooling page, never as markup.
#include <gtest/gtest.h>

#include "pooling_test_support.h"

namespace coopole::testing::pooling_test {
namespace {

const std::string kScript = "<script>alert('x')</script>";
const std::string kImage = "<img src=x onerror=alert(1)>";

class PoolingXssTest : public PoolingWebTest {};

TEST_P(PoolingXssTest, MarkupInEveryFieldIsEscapedOnEveryPage) {
  const auto evil_member = AddMember(kHub, "Les Amis " + kImage);
  auto room = CreateResource({{"kind", "premises"},
                              {"category", "room"},
                              {"name", "Salle " + kScript},
                              {"description", "Une salle " + kImage},
                              {"location", "Étage " + kScript},
                              {"prerequisite", ""},
                              {"price_unit", "hour"},
                              {"price_member", "10"}});
  ASSERT_EQ(room["name"], "Salle " + kScript);  // stored as given
  const Date day = Upcoming(2);
  auto booked = Book(coordinator_, room, At(day, "09:00"), At(day, "10:00"),
                     {{"member_id", evil_member.value}, {"title", "Réunion " + kImage}});
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string booking = Id(Json(booked)["items"][0]);
  auto cancel = app_.Api("POST", kApi + "/bookings/" + booking + "/cancel", coordinator_,
                         json{{"reason", "Parce que " + kScript}}.dump());
  ASSERT_EQ(cancel.status, 200) << cancel.body;
  auto again = Book(coordinator_, room, At(day, "11:00"), At(day, "12:00"),
                    {{"member_id", evil_member.value}, {"title", kScript}});
  ASSERT_EQ(again.status, 201) << again.body;

  Browser browser = SignedIn("coord@a.fr");
  const std::string resource = kPages + "/resources/" + Id(room);
  const std::string month = FormatIsoDate(day).substr(0, 7);
  for (const std::string& page :
       {kPages, resource, resource + "/edit", kPages + "/bookings", kPages + "/bookings/" + booking,
        kPages + "/calendar?resource=" + Id(room), kPages + "/calendar?member=" + std::to_string(evil_member.value),
        kPages + "/availability?date=" + FormatIsoDate(day) + "&from=13:00&to=14:00",
        kPages + "/statements?month=" + month,
        kPages + "/statements/" + std::to_string(evil_member.value) + "?month=" + month, std::string("/hubs/pole-a")}) {
    auto res = browser.Get(page);
    ASSERT_EQ(res.status, 200) << page << "\n" << res.body.substr(0, 400);
    EXPECT_FALSE(Contains(res.body, kScript)) << page;
    EXPECT_FALSE(Contains(res.body, kImage)) << page;
  }
  EXPECT_TRUE(Contains(browser.Get(resource).body, "Salle &lt;script&gt;"));
  EXPECT_TRUE(Contains(browser.Get(kPages + "/bookings/" + booking).body, "Parce que &lt;script&gt;"));
}

INSTANTIATE_TEST_SUITE_P(Databases, PoolingXssTest, ::testing::ValuesIn(TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::testing::pooling_test
