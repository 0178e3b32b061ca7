#include "resource_json_cache.h"
#include "pooling_views.h"

#include <gtest/gtest.h>

namespace coopole::pooling::web {
namespace {

Resource Room() {
  Resource r;
  r.id = ResourceId{7};
  r.kind = ResourceKind::kPremises;
  r.name = "Salle Belledonne";
  r.owner = MemberId{3};
  r.owner_name = "Atelier";
  return r;
}

TEST(ResourceJsonCache, FollowsVersionsAndOwnerNames) {
  ResourceJsonCache cache;
  auto room = Room();
  EXPECT_NE(cache.Text(room).find("\"name\":\"Salle Belledonne\""), std::string::npos);
  room.name = "Salle Chartreuse";  // a stale copy of the same version keeps its text...
  EXPECT_NE(cache.Text(room).find("Belledonne"), std::string::npos);
  room.version = 2;  // ...a new version is serialised again
  EXPECT_NE(cache.Text(room).find("Chartreuse"), std::string::npos);
  room.owner_name = "Atelier Vélo";
  EXPECT_NE(cache.Text(room).find("Atelier Vélo"), std::string::npos);
}

TEST(ResourceJsonCache, StartsAfreshBeyondItsCapacity) {
  ResourceJsonCache cache(2);
  for (int i = 1; i <= 5; ++i) {
    auto room = Room();
    room.id = ResourceId{i};
    room.name = "Salle " + std::to_string(i);
    EXPECT_NE(cache.Text(room).find(room.name), std::string::npos);
  }
}

TEST(IsSafeReturnTarget, OnlyPagesUnderThePrefixWithoutControlCharacters) {
  const std::string prefix = "/hubs/demo/pooling/";
  EXPECT_TRUE(IsSafeReturnTarget("/hubs/demo/pooling/bookings?view=approve", prefix));
  EXPECT_FALSE(IsSafeReturnTarget("/hubs/other/pooling/bookings", prefix));
  EXPECT_FALSE(IsSafeReturnTarget("/hubs/demo/pooling//evil.example", prefix));
  EXPECT_FALSE(IsSafeReturnTarget("/hubs/demo/pooling/\\evil", prefix));
  EXPECT_FALSE(IsSafeReturnTarget("/hubs/demo/pooling/x\r\nSet-Cookie: a=b", prefix));
  EXPECT_FALSE(IsSafeReturnTarget("https://evil.example/hubs/demo/pooling/", prefix));
}

}  // namespace
}  // namespace coopole::pooling::web
