// Reading a post's input: required fields, vocabularies, dates, defaults.
#include "board_rules.h"

#include <gtest/gtest.h>

#include "coopole/core/time_zone.h"

namespace coopole::cooperation::rules {
namespace {

constexpr Date kToday{2026, 11, 23};

PostInput Valid() {
  PostInput in;
  in.direction = "need";
  in.kind = "equipment";
  in.title = "  Un camion le mardi ";
  return in;
}

TEST(BoardRules, ANewPostGetsItsDefaults) {
  Post post;
  auto errors = ApplyPostInput(Valid(), kToday, true, post);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(post.title, "Un camion le mardi");
  EXPECT_EQ(post.direction, Direction::kNeed);
  EXPECT_EQ(post.expires_on, AddDays(kToday, kDefaultExpiryDays));
}

TEST(BoardRules, EachFieldAtFaultIsNamed) {
  PostInput in;
  in.kind = "van";
  in.title = " ";
  in.sectors = "56.10A, nope";
  in.commune_insee = "3818";
  in.quantity = "-2";
  in.starts_on = "2026-12-10";
  in.ends_on = "2026-12-01";
  in.expires_on = "2026-11-01";
  Post post;
  auto errors = ApplyPostInput(in, kToday, true, post);
  EXPECT_EQ(errors["direction"], "validation.required");
  EXPECT_EQ(errors["kind"], "validation.kind");
  EXPECT_EQ(errors["title"], "validation.required");
  EXPECT_EQ(errors["sectors"], "validation.naf");
  EXPECT_EQ(errors["commune_insee"], "validation.insee");
  EXPECT_EQ(errors["quantity"], "validation.number");
  EXPECT_EQ(errors["ends_on"], "validation.date_order");
  EXPECT_EQ(errors["expires_on"], "validation.expiry_past");
}

TEST(BoardRules, TextIsKeptAsGivenAndBounded) {
  auto in = Valid();
  in.description = "<script>alert(1)</script> « guillemets »";
  Post post;
  EXPECT_TRUE(ApplyPostInput(in, kToday, true, post).empty());
  EXPECT_EQ(post.description, "<script>alert(1)</script> « guillemets »");
  in.title = std::string(kMaxTitle + 1, 'x');
  EXPECT_EQ(ApplyPostInput(in, kToday, true, post)["title"], "validation.too_long");
}

TEST(BoardRules, SectorsAndCommunesAreNormalised) {
  auto in = Valid();
  in.sectors = "56.10a; 56.29A 56.10A";
  in.commune_insee = "2a004";
  Post post;
  EXPECT_TRUE(ApplyPostInput(in, kToday, true, post).empty());
  EXPECT_EQ(post.sectors, (std::vector<std::string>{"56.10A", "56.29A"}));
  EXPECT_EQ(post.commune_insee, "2A004");
}

TEST(BoardRules, ExpiryAndRecurrence) {
  auto in = Valid();
  in.recurrence = "le mardi";
  in.expires_on = "2027-01-15";
  Post post;
  EXPECT_TRUE(ApplyPostInput(in, kToday, true, post).empty());
  EXPECT_EQ(post.recurrence, "le mardi");
  EXPECT_FALSE(ExpiredOn(post, Date{2027, 1, 15}));
  EXPECT_TRUE(ExpiredOn(post, Date{2027, 1, 16}));
  // An edit keeping a past expiry is accepted; moving it into the past is not.
  post.expires_on = Date{2026, 11, 1};
  PostInput keep;
  keep.expires_on = "2026-11-01";
  EXPECT_TRUE(ApplyPostInput(keep, kToday, false, post).empty());
  keep.expires_on = "2026-11-02";
  EXPECT_EQ(ApplyPostInput(keep, kToday, false, post)["expires_on"], "validation.expiry_past");
}

}  // namespace
}  // namespace coopole::cooperation::rules
