#include "store/hubs_store.h"

namespace coopole::hubs::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, slug, name, territory, description, lead_member_id, time_zone, created_at, updated_at, version "
    "FROM hubs_hubs ";

Hub Read(const db::Rows& rows, std::size_t r) {
  Hub hub;
  hub.id = HubId{rows.Int(r, 0)};
  hub.slug = rows.Text(r, 1);
  hub.name = rows.Text(r, 2);
  hub.territory = rows.Text(r, 3);
  hub.description = rows.Text(r, 4);
  if (auto lead = rows.OptInt(r, 5)) hub.lead_member = MemberId{*lead};
  hub.time_zone = rows.Text(r, 6);
  hub.created_at = Timestamp{rows.Int(r, 7)};
  hub.updated_at = Timestamp{rows.Int(r, 8)};
  hub.version = rows.Int(r, 9);
  return hub;
}

db::Value Lead(const Hub& hub) {
  if (hub.lead_member) return hub.lead_member->value;
  return db::Null{};
}

}  // namespace

std::optional<Hub> FindBySlug(db::Transaction& tx, std::string_view slug) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE slug = ?", {std::string(slug)});
  if (rows.empty()) return std::nullopt;
  return Read(rows, 0);
}

std::optional<Hub> FindById(db::Transaction& tx, HubId id) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE id = ?", {id.value});
  if (rows.empty()) return std::nullopt;
  return Read(rows, 0);
}

std::vector<Hub> ListAll(db::Transaction& tx) {
  auto rows = tx.Query(std::string(kColumns) + "ORDER BY name, id");
  std::vector<Hub> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(Read(rows, r));
  return out;
}

HubId Insert(db::Transaction& tx, const Hub& hub) {
  auto rows = tx.Query(
      "INSERT INTO hubs_hubs (slug, name, territory, description, lead_member_id, time_zone, created_at, updated_at, "
      "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {hub.slug, hub.name, hub.territory, hub.description, Lead(hub), hub.time_zone, hub.created_at.unix_seconds,
       hub.updated_at.unix_seconds});
  return HubId{rows.Int(0, 0)};
}

bool Update(db::Transaction& tx, const Hub& hub, std::int64_t expected_version) {
  return tx.Execute(
             "UPDATE hubs_hubs SET slug = ?, name = ?, territory = ?, description = ?, lead_member_id = ?, "
             "time_zone = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
             {hub.slug, hub.name, hub.territory, hub.description, Lead(hub), hub.time_zone,
              hub.updated_at.unix_seconds, hub.id.value, expected_version}) == 1;
}

}  // namespace coopole::hubs::store
