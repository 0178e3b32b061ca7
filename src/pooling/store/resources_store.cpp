#include "store/resources_store.h"

#include "booking_rules.h"
#include "coopole/core/text.h"

namespace coopole::pooling::store {
namespace {

constexpr const char* kResourceColumns =
    "SELECT r.id, r.hub_id, r.kind, r.category, r.name, r.description, r.owner_member_id, m.name, r.capacity, "
    "r.location, r.opening_hours, r.min_minutes, r.max_minutes, r.notice_minutes, r.approval_required, "
    "r.prerequisite, r.price_unit, r.price_member, r.price_non_member, r.price_solidarity, r.archived_at, "
    "r.created_at, r.updated_at, r.version "
    "FROM pooling_resources r LEFT JOIN members_members m ON m.id = r.owner_member_id ";

db::Value OptMoney(const std::optional<Money>& value) {
  if (value) return value->cents;
  return db::Null{};
}

std::optional<Money> ReadMoney(const db::Rows& rows, std::size_t r, std::size_t c) {
  if (auto cents = rows.OptInt(r, c)) return Money{*cents};
  return std::nullopt;
}

Resource ReadResource(const db::Rows& rows, std::size_t r) {
  Resource x;
  x.id = ResourceId{rows.Int(r, 0)};
  x.hub = HubId{rows.Int(r, 1)};
  x.kind = ParseKind(rows.Text(r, 2)).value_or(ResourceKind::kPremises);
  x.category = rows.Text(r, 3);
  x.name = rows.Text(r, 4);
  x.description = rows.Text(r, 5);
  if (auto owner = rows.OptInt(r, 6)) x.owner = MemberId{*owner};
  x.owner_name = rows.OptText(r, 7).value_or("");
  x.capacity = rows.OptInt(r, 8);
  x.location = rows.Text(r, 9);
  x.opening = ParseOpeningHours(rows.Text(r, 10)).value_or(OpeningHours{});
  x.rules.min_minutes = static_cast<int>(rows.Int(r, 11));
  x.rules.max_minutes = static_cast<int>(rows.Int(r, 12));
  x.rules.notice_minutes = static_cast<int>(rows.Int(r, 13));
  x.rules.approval_required = rows.Int(r, 14) != 0;
  x.rules.prerequisite = rows.Text(r, 15);
  x.pricing.unit = ParsePriceUnit(rows.Text(r, 16)).value_or(PriceUnit::kFree);
  x.pricing.member = Money{rows.Int(r, 17)};
  x.pricing.non_member = ReadMoney(rows, r, 18);
  x.pricing.solidarity = ReadMoney(rows, r, 19);
  if (auto at = rows.OptInt(r, 20)) x.archived_at = Timestamp{*at};
  x.created_at = Timestamp{rows.Int(r, 21)};
  x.updated_at = Timestamp{rows.Int(r, 22)};
  x.version = rows.Int(r, 23);
  return x;
}

std::string SearchText(const Resource& r) {
  return FoldForSearch(r.name + " " + r.description + " " + r.location + " " + r.category + " " + r.owner_name);
}

struct Where {
  std::string sql;
  db::Params params;
};

Where WhereOf(HubId hub, const ResourceFilter& f) {
  Where w{"WHERE r.hub_id = ?", {hub.value}};
  if (f.kind) {
    w.sql += " AND r.kind = ?";
    w.params.emplace_back(std::string(KindCode(*f.kind)));
  } else if (f.schedulable_only) {
    w.sql += " AND r.kind IN ('premises', 'equipment')";
  }
  if (!f.category.empty()) {
    w.sql += " AND r.category = ?";
    w.params.emplace_back(f.category);
  }
  for (const auto& word : f.words) {
    w.sql += " AND r.search_text LIKE ? ESCAPE '\\'";
    w.params.emplace_back(db::ContainsPattern(word));
  }
  if (f.owner) {
    w.sql += " AND r.owner_member_id = ?";
    w.params.emplace_back(f.owner->value);
  } else if (f.hub_owned) {
    w.sql += " AND r.owner_member_id IS NULL";
  }
  if (!f.include_archived) w.sql += " AND r.archived_at IS NULL";
  if (f.min_capacity) {
    w.sql += " AND (r.capacity IS NULL OR r.capacity >= ?)";
    w.params.emplace_back(*f.min_capacity);
  }
  return w;
}

// Built value by value: g++ 12 warns (wrongly) on long brace-initialised lists of variants.
db::Params ResourceValues(const Resource& r) {
  db::Params p;
  p.reserve(24);
  p.emplace_back(std::string(KindCode(r.kind)));
  p.emplace_back(r.category);
  p.emplace_back(r.name);
  p.emplace_back(FoldForSearch(r.name));
  p.emplace_back(r.description);
  p.push_back(db::Nullable(r.owner));
  p.push_back(db::Nullable(r.capacity));
  p.emplace_back(r.location);
  p.emplace_back(FormatOpeningHours(r.opening));
  p.emplace_back(static_cast<std::int64_t>(r.rules.min_minutes));
  p.emplace_back(static_cast<std::int64_t>(r.rules.max_minutes));
  p.emplace_back(static_cast<std::int64_t>(r.rules.notice_minutes));
  p.emplace_back(static_cast<std::int64_t>(r.rules.approval_required ? 1 : 0));
  p.emplace_back(r.rules.prerequisite);
  p.emplace_back(std::string(PriceUnitCode(r.pricing.unit)));
  p.emplace_back(r.pricing.member.cents);
  p.push_back(OptMoney(r.pricing.non_member));
  p.push_back(OptMoney(r.pricing.solidarity));
  p.emplace_back(SearchText(r));
  p.push_back(db::Nullable(r.archived_at));
  p.emplace_back(r.updated_at.unix_seconds);
  return p;
}

}  // namespace

std::optional<Resource> FindResource(db::Transaction& tx, HubId hub, ResourceId id) {
  auto rows = tx.Query(std::string(kResourceColumns) + "WHERE r.hub_id = ? AND r.id = ?", {hub.value, id.value});
  if (rows.empty()) return std::nullopt;
  return ReadResource(rows, 0);
}

std::vector<Resource> ListResources(db::Transaction& tx, HubId hub, const ResourceFilter& filter, int limit,
                                    std::int64_t offset) {
  auto w = WhereOf(hub, filter);
  w.params.emplace_back(static_cast<std::int64_t>(limit));
  w.params.emplace_back(offset);
  auto rows = tx.Query(std::string(kResourceColumns) + w.sql + " ORDER BY r.name_folded, r.id LIMIT ? OFFSET ?",
                       w.params);
  std::vector<Resource> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadResource(rows, i));
  return out;
}

std::int64_t CountResources(db::Transaction& tx, HubId hub, const ResourceFilter& filter) {
  auto w = WhereOf(hub, filter);
  return tx.Query("SELECT COUNT(*) FROM pooling_resources r " + w.sql, w.params).Int(0, 0);
}

ResourceId InsertResource(db::Transaction& tx, const Resource& r) {
  auto params = ResourceValues(r);
  params.insert(params.begin(), r.hub.value);
  params.push_back(r.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO pooling_resources (hub_id, kind, category, name, name_folded, description, owner_member_id, "
      "capacity, location, opening_hours, min_minutes, max_minutes, notice_minutes, approval_required, "
      "prerequisite, price_unit, price_member, price_non_member, price_solidarity, search_text, archived_at, "
      "updated_at, created_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      params);
  return ResourceId{rows.Int(0, 0)};
}

bool UpdateResource(db::Transaction& tx, const Resource& r, std::int64_t expected_version) {
  auto params = ResourceValues(r);
  params.push_back(r.hub.value);
  params.push_back(r.id.value);
  params.push_back(expected_version);
  return tx.Execute(
             "UPDATE pooling_resources SET kind = ?, category = ?, name = ?, name_folded = ?, description = ?, "
             "owner_member_id = ?, capacity = ?, location = ?, opening_hours = ?, min_minutes = ?, max_minutes = ?, "
             "notice_minutes = ?, approval_required = ?, prerequisite = ?, price_unit = ?, price_member = ?, "
             "price_non_member = ?, price_solidarity = ?, search_text = ?, archived_at = ?, updated_at = ?, "
             "version = version + 1 WHERE hub_id = ? AND id = ? AND version = ?",
             params) == 1;
}

bool LockResource(db::Transaction& tx, HubId hub, ResourceId id) {
  return tx.Execute("UPDATE pooling_resources SET booking_seq = booking_seq + 1 WHERE hub_id = ? AND id = ?",
                    {hub.value, id.value}) == 1;
}

std::vector<Resource> ListBookable(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(std::string(kResourceColumns) +
                           "WHERE r.hub_id = ? AND r.kind IN ('premises', 'equipment') AND r.archived_at IS NULL "
                           "ORDER BY r.name_folded, r.id",
                       {hub.value});
  std::vector<Resource> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadResource(rows, i));
  return out;
}

std::int64_t CatalogueVersion(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT version FROM pooling_catalogue_versions WHERE hub_id = ?", {hub.value});
  return rows.empty() ? 0 : rows.Int(0, 0);
}

void BumpCatalogueVersion(db::Transaction& tx, HubId hub) {
  tx.Execute("INSERT INTO pooling_catalogue_versions (hub_id, version) VALUES (?, 0) ON CONFLICT (hub_id) DO NOTHING",
             {hub.value});
  tx.Execute("UPDATE pooling_catalogue_versions SET version = version + 1 WHERE hub_id = ?", {hub.value});
}

std::map<std::int64_t, std::string> MemberNamesOf(db::Transaction& tx, HubId hub,
                                                  const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  // By primary key only, the hub checked on the rows: with "hub_id = ? AND id IN (...)"
  // SQLite prefers the (hub_id, name) index and reads every member of the hub.
  std::string sql = "SELECT id, hub_id, name FROM members_members WHERE id IN (";
  db::Params params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(ids[i]);
  }
  auto rows = tx.Query(sql + ")", params);
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows.Int(i, 1) == hub.value) names[rows.Int(i, 0)] = rows.Text(i, 2);
  return names;
}

bool IsQualified(db::Transaction& tx, ResourceId resource, MemberId member) {
  return !tx.Query("SELECT 1 FROM pooling_qualifications WHERE resource_id = ? AND member_id = ?",
                   {resource.value, member.value})
              .empty();
}

void Grant(db::Transaction& tx, ResourceId resource, MemberId member, UserId by, Timestamp at) {
  tx.Execute(
      "INSERT INTO pooling_qualifications (resource_id, member_id, granted_by, granted_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (resource_id, member_id) DO NOTHING",
      {resource.value, member.value, by.value, at.unix_seconds});
}

bool Revoke(db::Transaction& tx, ResourceId resource, MemberId member) {
  return tx.Execute("DELETE FROM pooling_qualifications WHERE resource_id = ? AND member_id = ?",
                    {resource.value, member.value}) == 1;
}

std::vector<Party> ListQualified(db::Transaction& tx, ResourceId resource) {
  auto rows = tx.Query(
      "SELECT q.member_id, m.name FROM pooling_qualifications q JOIN members_members m ON m.id = q.member_id "
      "WHERE q.resource_id = ? ORDER BY m.name_folded",
      {resource.value});
  std::vector<Party> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(Party{MemberId{rows.Int(i, 0)}, rows.Text(i, 1)});
  return out;
}

std::int64_t LongestBookingSeconds(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT longest_booking_seconds FROM pooling_hub_state WHERE hub_id = ?", {hub.value});
  return rows.empty() ? 0 : rows.Int(0, 0);
}

void RaiseLongestBooking(db::Transaction& tx, HubId hub, std::int64_t seconds) {
  tx.Execute("INSERT INTO pooling_hub_state (hub_id) VALUES (?) ON CONFLICT (hub_id) DO NOTHING", {hub.value});
  tx.Execute(
      "UPDATE pooling_hub_state SET longest_booking_seconds = ? WHERE hub_id = ? AND longest_booking_seconds < ?",
      {seconds, hub.value, seconds});
}

std::optional<std::string> FindFeedToken(db::Transaction& tx, HubId hub, const std::string& subject) {
  auto rows = tx.Query("SELECT token FROM pooling_feed_tokens WHERE hub_id = ? AND subject = ?", {hub.value, subject});
  if (rows.empty()) return std::nullopt;
  return rows.Text(0, 0);
}

void SaveFeedToken(db::Transaction& tx, HubId hub, const std::string& subject, const std::string& token,
                   Timestamp at) {
  tx.Execute(
      "INSERT INTO pooling_feed_tokens (token, hub_id, subject, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (hub_id, subject) DO NOTHING",
      {token, hub.value, subject, at.unix_seconds});
}

void DeleteFeedToken(db::Transaction& tx, HubId hub, const std::string& subject) {
  tx.Execute("DELETE FROM pooling_feed_tokens WHERE hub_id = ? AND subject = ?", {hub.value, subject});
}

std::optional<FeedTarget> ResolveFeedToken(db::Transaction& tx, const std::string& token) {
  auto rows = tx.Query(
      "SELECT t.hub_id, t.subject, h.slug, h.name, h.time_zone FROM pooling_feed_tokens t "
      "JOIN hubs_hubs h ON h.id = t.hub_id WHERE t.token = ?",
      {token});
  if (rows.empty()) return std::nullopt;
  return FeedTarget{HubId{rows.Int(0, 0)}, rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3), rows.Text(0, 4)};
}

}  // namespace coopole::pooling::store
