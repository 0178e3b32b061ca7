// The pure rules of groups and the welcome: status moves, composition checks, link
// addresses, newcomers, checklist progress.
#include "groups_rules.h"

#include <gtest/gtest.h>

namespace coopole::animation::groups_rules {
namespace {

TEST(GroupRules, StatusMoves) {
  EXPECT_TRUE(MayMove(GroupStatus::kActive, GroupStatus::kPaused));
  EXPECT_TRUE(MayMove(GroupStatus::kPaused, GroupStatus::kActive));
  EXPECT_TRUE(MayMove(GroupStatus::kPaused, GroupStatus::kClosed));
  EXPECT_TRUE(MayMove(GroupStatus::kClosed, GroupStatus::kActive));
  EXPECT_FALSE(MayMove(GroupStatus::kClosed, GroupStatus::kPaused));
  EXPECT_FALSE(MayMove(GroupStatus::kActive, GroupStatus::kActive));
  EXPECT_EQ(NextStatuses(GroupStatus::kClosed), std::vector<GroupStatus>{GroupStatus::kActive});
  EXPECT_EQ(NextStatuses(GroupStatus::kActive).size(), 2u);
}

TEST(GroupRules, StatusCodesRoundTrip) {
  for (auto s : {GroupStatus::kActive, GroupStatus::kPaused, GroupStatus::kClosed})
    EXPECT_EQ(ParseGroupStatus(GroupStatusCode(s)), s);
  EXPECT_FALSE(ParseGroupStatus("Active"));
  EXPECT_FALSE(ParseGroupStatus(""));
}

TEST(GroupRules, OnlyHttpAndHttpsAddressesAreLinks) {
  EXPECT_TRUE(IsWebAddress("https://pad.example.org/p/alimentation"));
  EXPECT_TRUE(IsWebAddress("http://intranet.local"));
  EXPECT_FALSE(IsWebAddress("javascript:alert(1)"));
  EXPECT_FALSE(IsWebAddress("ftp://files.example.org"));
  EXPECT_FALSE(IsWebAddress("https://"));
  EXPECT_FALSE(IsWebAddress("https:///path"));
  EXPECT_FALSE(IsWebAddress("https://exa mple.org"));
  EXPECT_FALSE(IsWebAddress("HTTPS//example.org"));
  EXPECT_FALSE(IsWebAddress("https://example.org/\n"));
}

TEST(GroupRules, CompositionNeedsEachOnceAndTheLeadAmongTheMembers) {
  EXPECT_TRUE(CheckComposition({1, 2}, {10}, 1, 10).empty());
  EXPECT_TRUE(CheckComposition({}, {}, std::nullopt, std::nullopt).empty());
  auto twice = CheckComposition({1, 1}, {10, 10}, std::nullopt, std::nullopt);
  EXPECT_EQ(twice.at("member_ids"), "animation.groups.error.twice");
  EXPECT_EQ(twice.at("person_ids"), "animation.groups.error.twice");
  auto lead = CheckComposition({1}, {10}, 2, 11);
  EXPECT_EQ(lead.at("lead_member_id"), "animation.groups.error.lead_not_member");
  EXPECT_EQ(lead.at("lead_person_id"), "animation.groups.error.lead_not_member");
}

TEST(GroupRules, NewcomersJoinedWithinAYear) {
  const Date today{2026, 12, 6};
  EXPECT_TRUE(IsNewcomer(Date{2026, 12, 6}, today));
  EXPECT_TRUE(IsNewcomer(Date{2025, 12, 6}, today));   // 365 days
  EXPECT_FALSE(IsNewcomer(Date{2025, 12, 5}, today));  // 366 days
  EXPECT_TRUE(IsNewcomer(Date{2027, 1, 1}, today));    // announced
}

TEST(GroupRules, ProgressCountsTheFourItems) {
  Welcome w;
  EXPECT_EQ(w.Progress(), 0);
  w.charter_done = true;
  w.introduced_on = Date{2026, 11, 2};
  w.buddy = MemberId{4};
  EXPECT_EQ(w.Progress(), 3);
  EXPECT_FALSE(IsComplete(w));
  w.breakfast_done = true;
  EXPECT_TRUE(IsComplete(w));
}

TEST(GroupRules, PagesAreClamped) {
  EXPECT_EQ(ClampPage(0), 1);
  EXPECT_EQ(ClampPage(3), 3);
  EXPECT_EQ(ClampPerPage(0), 1);
  EXPECT_EQ(ClampPerPage(1000), 100);
}

}  // namespace
}  // namespace coopole::animation::groups_rules
