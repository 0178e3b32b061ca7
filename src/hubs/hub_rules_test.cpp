#include <gtest/gtest.h>

#include "coopole/hubs/hubs.h"

namespace coopole::hubs {
namespace {

TEST(IsValidSlug, AcceptsLowercaseWordsAndRejectsTheRest) {
  EXPECT_TRUE(IsValidSlug("pole-sud-isere"));
  EXPECT_FALSE(IsValidSlug("Pôle"));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a"));
  EXPECT_FALSE(IsValidSlug("api"));
  EXPECT_FALSE(IsValidSlug("a/b"));
}

TEST(IsKnownTimeZone, ChecksTheIanaDatabase) {
  EXPECT_TRUE(IsKnownTimeZone("Europe/Paris"));
  EXPECT_TRUE(IsKnownTimeZone("America/Cayenne"));
  EXPECT_FALSE(IsKnownTimeZone("Europe/Lutece"));
  EXPECT_FALSE(IsKnownTimeZone("../../etc/passwd"));
}

TEST(ValidateHub, NamesEveryFieldAtFault) {
  Hub hub;
  hub.slug = "x";
  hub.name = " ";
  hub.time_zone = "Mars/Olympus";
  auto fields = ValidateHub(hub);
  EXPECT_EQ(fields.at("slug"), "validation.slug");
  EXPECT_EQ(fields.at("name"), "validation.required");
  EXPECT_EQ(fields.at("time_zone"), "validation.time_zone");
}

}  // namespace
}  // namespace coopole::hubs
