// SQL of the catalogue (pooling_resources, pooling_qualifications, pooling_feed_tokens,
// pooling_hub_state). Every function takes the caller's transaction and binds every query
// to a hub. Member names come from a join on members_members (display only).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::store {

struct ResourceFilter {
  std::optional<ResourceKind> kind;
  std::string category;
  std::vector<std::string> words;       // folded with FoldForSearch
  std::optional<MemberId> owner;
  bool hub_owned = false;
  bool include_archived = false;
  bool schedulable_only = false;
  std::optional<std::int64_t> min_capacity;
};

std::optional<Resource> FindResource(db::Transaction& tx, HubId hub, ResourceId id);
std::vector<Resource> ListResources(db::Transaction& tx, HubId hub, const ResourceFilter& filter, int limit,
                                    std::int64_t offset);
std::int64_t CountResources(db::Transaction& tx, HubId hub, const ResourceFilter& filter);
ResourceId InsertResource(db::Transaction& tx, const Resource& resource);
// False when the stored version is not `expected_version` (someone saved first).
bool UpdateResource(db::Transaction& tx, const Resource& resource, std::int64_t expected_version);
// Takes the resource's row lock until the transaction ends (PostgreSQL: the row is updated;
// SQLite: the write transaction already excludes other writers). False when not found.
bool LockResource(db::Transaction& tx, HubId hub, ResourceId id);

// Every unarchived premises and equipment resource of the hub, by name (the catalogue cache).
std::vector<Resource> ListBookable(db::Transaction& tx, HubId hub);
// The hub's catalogue version: bumped by every transaction that writes pooling_resources
// (callers of InsertResource/UpdateResource call BumpCatalogueVersion before committing).
std::int64_t CatalogueVersion(db::Transaction& tx, HubId hub);
void BumpCatalogueVersion(db::Transaction& tx, HubId hub);
// The current names of these members of the hub (names change; cached resources keep ids).
std::map<std::int64_t, std::string> MemberNamesOf(db::Transaction& tx, HubId hub, const std::vector<std::int64_t>& ids);

bool IsQualified(db::Transaction& tx, ResourceId resource, MemberId member);
void Grant(db::Transaction& tx, ResourceId resource, MemberId member, UserId by, Timestamp at);
bool Revoke(db::Transaction& tx, ResourceId resource, MemberId member);
std::vector<Party> ListQualified(db::Transaction& tx, ResourceId resource);

// How far back a booking overlapping an instant may start: the longest booking of the hub.
std::int64_t LongestBookingSeconds(db::Transaction& tx, HubId hub);
void RaiseLongestBooking(db::Transaction& tx, HubId hub, std::int64_t seconds);

// Feed tokens: subject is "resource:<id>" or "member:<id>".
std::optional<std::string> FindFeedToken(db::Transaction& tx, HubId hub, const std::string& subject);
// Does nothing when the subject already has a token (a concurrent first use).
void SaveFeedToken(db::Transaction& tx, HubId hub, const std::string& subject, const std::string& token, Timestamp at);
void DeleteFeedToken(db::Transaction& tx, HubId hub, const std::string& subject);
struct FeedTarget {
  HubId hub;
  std::string subject;
  std::string hub_slug;
  std::string hub_name;
  std::string time_zone;
};
// The hub and subject of a token (hub name and zone read from hubs_hubs, display only).
std::optional<FeedTarget> ResolveFeedToken(db::Transaction& tx, const std::string& token);

}  // namespace coopole::pooling::store
