#include "notices_store.h"

#include <nlohmann/json.hpp>

namespace coopole::animation::notices_store {
namespace {

constexpr const char* kNoticeColumns = "id, hub_id, user_id, kind, params, link, created_at, read_at, mailed_at";

// Params are a JSON object of strings; anything else (a hand-edited row) reads as no params.
std::map<std::string, std::string> ParseParams(const std::string& text) {
  std::map<std::string, std::string> out;
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return out;
  for (auto& [key, value] : json.items())
    if (value.is_string()) out[key] = value.get<std::string>();
  return out;
}

Notice ReadNotice(const db::Rows& rows, std::size_t r) {
  Notice n;
  n.id = NoticeId{rows.Int(r, 0)};
  n.hub = HubId{rows.Int(r, 1)};
  n.user = UserId{rows.Int(r, 2)};
  n.kind = rows.Text(r, 3);
  n.params = ParseParams(rows.Text(r, 4));
  n.link = rows.Text(r, 5);
  n.created_at = Timestamp{rows.Int(r, 6)};
  if (auto at = rows.OptInt(r, 7)) n.read_at = Timestamp{*at};
  if (auto at = rows.OptInt(r, 8)) n.mailed_at = Timestamp{*at};
  return n;
}

std::vector<Notice> ReadNotices(const db::Rows& rows) {
  std::vector<Notice> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadNotice(rows, r));
  return out;
}

}  // namespace

void InsertNotice(db::Transaction& tx, HubId hub, UserId user, const NoticeDraft& draft, Timestamp now) {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [key, value] : draft.params) params[key] = value;
  db::Params p;
  p.push_back(hub.value);
  p.push_back(user.value);
  p.push_back(draft.kind);
  p.push_back(params.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  p.push_back(draft.link);
  p.push_back(now.unix_seconds);
  tx.Execute("INSERT INTO animation_notices (hub_id, user_id, kind, params, link, created_at) VALUES (?, ?, ?, ?, ?, ?)",
             p);
}

std::vector<Notice> ListNotices(db::Transaction& tx, HubId hub, UserId user, int limit, int offset) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(user.value);
  p.push_back(std::int64_t{limit});
  p.push_back(std::int64_t{offset});
  return ReadNotices(tx.Query(std::string("SELECT ") + kNoticeColumns +
                                  " FROM animation_notices WHERE hub_id = ? AND user_id = ? "
                                  "ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC "
                                  "LIMIT ? OFFSET ?",
                              p));
}

NoticeCounts CountNotices(db::Transaction& tx, HubId hub, UserId user) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(user.value);
  auto rows = tx.Query(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) "
      "FROM animation_notices WHERE hub_id = ? AND user_id = ?",
      p);
  return {rows.Int(0, 0), rows.Int(0, 1)};
}

std::optional<Notice> FindNotice(db::Transaction& tx, HubId hub, UserId user, NoticeId id) {
  db::Params p;
  p.push_back(id.value);
  p.push_back(hub.value);
  p.push_back(user.value);
  auto rows = tx.Query(std::string("SELECT ") + kNoticeColumns +
                           " FROM animation_notices WHERE id = ? AND hub_id = ? AND user_id = ?",
                       p);
  if (rows.empty()) return std::nullopt;
  return ReadNotice(rows, 0);
}

std::int64_t MarkRead(db::Transaction& tx, HubId hub, UserId user, std::optional<NoticeId> id, Timestamp now) {
  db::Params p;
  p.push_back(now.unix_seconds);
  p.push_back(hub.value);
  p.push_back(user.value);
  std::string sql = "UPDATE animation_notices SET read_at = ? WHERE hub_id = ? AND user_id = ? AND read_at IS NULL";
  if (id) {
    sql += " AND id = ?";
    p.push_back(id->value);
  }
  return tx.Execute(sql, p);
}

std::optional<DigestPreference> FindPreference(db::Transaction& tx, UserId user, HubId hub) {
  db::Params p;
  p.push_back(user.value);
  p.push_back(hub.value);
  auto rows = tx.Query("SELECT frequency, updated_at FROM animation_digest_preferences WHERE user_id = ? AND hub_id = ?",
                       p);
  if (rows.empty()) return std::nullopt;
  return DigestPreference{rows.Text(0, 0), Timestamp{rows.Int(0, 1)}};
}

void UpsertPreference(db::Transaction& tx, UserId user, HubId hub, const std::string& frequency, Timestamp now) {
  db::Params p;
  p.push_back(user.value);
  p.push_back(hub.value);
  p.push_back(frequency);
  p.push_back(now.unix_seconds);
  tx.Execute(
      "INSERT INTO animation_digest_preferences (user_id, hub_id, frequency, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (user_id, hub_id) DO UPDATE SET frequency = excluded.frequency, updated_at = excluded.updated_at",
      p);
}

std::vector<DigestCandidate> ListDigestCandidates(db::Transaction& tx) {
  auto rows = tx.Query(
      "SELECT u.user_id, u.hub_id, COALESCE(p.frequency, ''), "
      "(SELECT MAX(m.mailed_at) FROM animation_notices m WHERE m.user_id = u.user_id AND m.hub_id = u.hub_id) "
      "FROM (SELECT DISTINCT user_id, hub_id FROM animation_notices WHERE mailed_at IS NULL) u "
      "LEFT JOIN animation_digest_preferences p ON p.user_id = u.user_id AND p.hub_id = u.hub_id "
      "ORDER BY u.hub_id, u.user_id");
  std::vector<DigestCandidate> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    DigestCandidate c{UserId{rows.Int(r, 0)}, HubId{rows.Int(r, 1)}, rows.Text(r, 2), std::nullopt};
    if (auto at = rows.OptInt(r, 3)) c.last_mailed = Timestamp{*at};
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Notice> ListUnmailed(db::Transaction& tx, HubId hub, UserId user) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(user.value);
  return ReadNotices(tx.Query(std::string("SELECT ") + kNoticeColumns +
                                  " FROM animation_notices WHERE hub_id = ? AND user_id = ? AND mailed_at IS NULL "
                                  "ORDER BY created_at, id",
                              p));
}

std::int64_t MarkMailed(db::Transaction& tx, const std::vector<NoticeId>& ids, Timestamp now) {
  std::int64_t changed = 0;
  for (NoticeId id : ids) {
    db::Params p;
    p.push_back(now.unix_seconds);
    p.push_back(id.value);
    changed += tx.Execute("UPDATE animation_notices SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL", p);
  }
  return changed;
}

}  // namespace coopole::animation::notices_store
