#include "store/identity_store.h"

namespace coopole::identity::store {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.email, u.name, u.is_admin, u.language, u.created_at, u.password_hash, u.disabled_at";

UserRow ReadUser(const db::Rows& rows, std::size_t r, std::size_t c = 0) {
  UserRow row;
  row.user.id = UserId{rows.Int(r, c)};
  row.user.email = rows.Text(r, c + 1);
  row.user.name = rows.Text(r, c + 2);
  row.user.is_admin = rows.Int(r, c + 3) != 0;
  row.user.language = rows.Text(r, c + 4);
  row.user.created_at = Timestamp{rows.Int(r, c + 5)};
  row.password_hash = rows.Text(r, c + 6);
  row.disabled = !rows.IsNull(r, c + 7);
  return row;
}

db::Value OptionalMember(std::optional<MemberId> m) {
  if (m) return m->value;
  return db::Null{};
}

}  // namespace

std::int64_t InsertUser(db::Transaction& tx, const NewUser& user, const std::string& hash, Timestamp now) {
  auto rows = tx.Query(
      "INSERT INTO identity_users (email, name, password_hash, is_admin, language, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {user.email, user.name, hash, std::int64_t{user.is_admin ? 1 : 0}, user.language, now.unix_seconds});
  return rows.Int(0, 0);
}

std::optional<UserRow> FindUserByEmail(db::Transaction& tx, const std::string& email_lower) {
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns + " FROM identity_users u WHERE u.email = ?", {email_lower});
  if (rows.empty()) return std::nullopt;
  return ReadUser(rows, 0);
}

std::optional<UserRow> FindUserById(db::Transaction& tx, UserId id) {
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns + " FROM identity_users u WHERE u.id = ?", {id.value});
  if (rows.empty()) return std::nullopt;
  return ReadUser(rows, 0);
}

void SetLanguage(db::Transaction& tx, UserId id, const std::string& language) {
  tx.Execute("UPDATE identity_users SET language = ? WHERE id = ?", {language, id.value});
}

void UpsertHubRole(db::Transaction& tx, UserId user, HubId hub, Role role, std::optional<MemberId> member) {
  tx.Execute(
      "INSERT INTO identity_hub_roles (user_id, hub_id, role, member_id) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (user_id, hub_id) DO UPDATE SET role = excluded.role, member_id = excluded.member_id",
      {user.value, hub.value, std::string(RoleName(role)), OptionalMember(member)});
}

std::optional<HubAccess> FindHubRole(db::Transaction& tx, UserId user, HubId hub) {
  auto rows = tx.Query("SELECT role, member_id FROM identity_hub_roles WHERE user_id = ? AND hub_id = ?",
                       {user.value, hub.value});
  if (rows.empty()) return std::nullopt;
  HubAccess access{hub, ParseRole(rows.Text(0, 0)).value_or(Role::kObserver), std::nullopt};
  if (auto m = rows.OptInt(0, 1)) access.member = MemberId{*m};
  return access;
}

std::vector<HubAccess> ListHubRoles(db::Transaction& tx, UserId user) {
  auto rows = tx.Query("SELECT hub_id, role, member_id FROM identity_hub_roles WHERE user_id = ? ORDER BY hub_id",
                       {user.value});
  std::vector<HubAccess> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    HubAccess access{HubId{rows.Int(r, 0)}, ParseRole(rows.Text(r, 1)).value_or(Role::kObserver), std::nullopt};
    if (auto m = rows.OptInt(r, 2)) access.member = MemberId{*m};
    out.push_back(access);
  }
  return out;
}

std::vector<User> ListMemberUsers(db::Transaction& tx, HubId hub, MemberId member) {
  db::Params params;
  params.push_back(hub.value);
  params.push_back(member.value);
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns +
                           " FROM identity_hub_roles r JOIN identity_users u ON u.id = r.user_id "
                           "WHERE r.hub_id = ? AND r.role = 'member' AND r.member_id = ? AND u.disabled_at IS NULL "
                           "ORDER BY u.id",
                       params);
  std::vector<User> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadUser(rows, r).user);
  return out;
}

std::vector<User> ListCoordinatorUsers(db::Transaction& tx, HubId hub) {
  db::Params params;
  params.push_back(hub.value);
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns +
                           " FROM identity_hub_roles r JOIN identity_users u ON u.id = r.user_id "
                           "WHERE r.hub_id = ? AND r.role = 'coordinator' AND u.disabled_at IS NULL "
                           "ORDER BY u.id",
                       params);
  std::vector<User> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadUser(rows, r).user);
  return out;
}

std::vector<std::pair<User, HubAccess>> ListHubUsers(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns +
                           ", r.role, r.member_id FROM identity_hub_roles r JOIN identity_users u ON u.id = r.user_id "
                           "WHERE r.hub_id = ? ORDER BY u.name, u.id",
                       {hub.value});
  std::vector<std::pair<User, HubAccess>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    HubAccess access{hub, ParseRole(rows.Text(r, 8)).value_or(Role::kObserver), std::nullopt};
    if (auto m = rows.OptInt(r, 9)) access.member = MemberId{*m};
    out.emplace_back(ReadUser(rows, r).user, access);
  }
  return out;
}

bool DeleteHubRole(db::Transaction& tx, UserId user, HubId hub) {
  return tx.Execute("DELETE FROM identity_hub_roles WHERE user_id = ? AND hub_id = ?", {user.value, hub.value}) == 1;
}

void InsertSession(db::Transaction& tx, const std::string& digest, UserId user, const std::string& csrf, Timestamp now,
                   Timestamp expires) {
  tx.Execute(
      "INSERT INTO identity_sessions (token_digest, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      {digest, user.value, csrf, now.unix_seconds, expires.unix_seconds});
}

std::optional<std::pair<UserRow, std::string>> FindSession(db::Transaction& tx, const std::string& digest,
                                                           Timestamp now) {
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns +
                           ", s.csrf_token FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id "
                           "WHERE s.token_digest = ? AND s.expires_at > ?",
                       {digest, now.unix_seconds});
  if (rows.empty()) return std::nullopt;
  return std::make_pair(ReadUser(rows, 0), rows.Text(0, 8));
}

void DeleteSession(db::Transaction& tx, const std::string& digest) {
  tx.Execute("DELETE FROM identity_sessions WHERE token_digest = ?", {digest});
}

void DeleteExpiredSessions(db::Transaction& tx, Timestamp now) {
  tx.Execute("DELETE FROM identity_sessions WHERE expires_at <= ?", {now.unix_seconds});
}

void InsertApiToken(db::Transaction& tx, UserId user, const std::string& name, const std::string& digest,
                    Timestamp now) {
  tx.Execute("INSERT INTO identity_api_tokens (user_id, name, token_digest, created_at) VALUES (?, ?, ?, ?)",
             {user.value, name, digest, now.unix_seconds});
}

std::vector<ApiTokenInfo> ListApiTokens(db::Transaction& tx, UserId user) {
  auto rows = tx.Query(
      "SELECT id, name, created_at, revoked_at FROM identity_api_tokens WHERE user_id = ? ORDER BY id DESC",
      {user.value});
  std::vector<ApiTokenInfo> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out.push_back({rows.Int(r, 0), rows.Text(r, 1), Timestamp{rows.Int(r, 2)}, !rows.IsNull(r, 3)});
  }
  return out;
}

bool RevokeApiToken(db::Transaction& tx, UserId user, std::int64_t token_id, Timestamp now) {
  return tx.Execute("UPDATE identity_api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                    {now.unix_seconds, token_id, user.value}) == 1;
}

std::optional<UserRow> FindApiTokenUser(db::Transaction& tx, const std::string& digest) {
  auto rows = tx.Query(std::string("SELECT ") + kUserColumns +
                           " FROM identity_api_tokens t JOIN identity_users u ON u.id = t.user_id "
                           "WHERE t.token_digest = ? AND t.revoked_at IS NULL",
                       {digest});
  if (rows.empty()) return std::nullopt;
  return ReadUser(rows, 0);
}

void InsertLoginFailure(db::Transaction& tx, const std::string& subject, Timestamp at) {
  tx.Execute("INSERT INTO identity_login_failures (subject, at) VALUES (?, ?)", {subject, at.unix_seconds});
}

std::int64_t CountLoginFailures(db::Transaction& tx, const std::string& subject, Timestamp since) {
  return tx.Query("SELECT COUNT(*) FROM identity_login_failures WHERE subject = ? AND at > ?",
                  {subject, since.unix_seconds})
      .Int(0, 0);
}

void ClearLoginFailures(db::Transaction& tx, const std::string& subject) {
  tx.Execute("DELETE FROM identity_login_failures WHERE subject = ?", {subject});
}

void InsertAudit(db::Transaction& tx, const Actor& actor, const AuditEntry& entry, Timestamp at) {
  db::Value hub = db::Null{};
  if (entry.hub) hub = entry.hub->value;
  db::Value user = db::Null{};
  if (actor.user.value != 0) user = actor.user.value;
  tx.Execute(
      "INSERT INTO identity_audit_log (hub_id, user_id, user_name, at, action, entity, entity_id, before_json, "
      "after_json, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {hub, user, actor.name, at.unix_seconds, entry.action, entry.entity, entry.entity_id, entry.before_json,
       entry.after_json, actor.request_id});
}

std::vector<AuditRecord> ListAudit(db::Transaction& tx, HubId hub, int limit, int offset) {
  auto rows = tx.Query(
      "SELECT id, at, user_name, action, entity, entity_id, before_json, after_json, request_id "
      "FROM identity_audit_log WHERE hub_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
      {hub.value, std::int64_t{limit}, std::int64_t{offset}});
  std::vector<AuditRecord> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    AuditRecord rec;
    rec.id = rows.Int(r, 0);
    rec.at = Timestamp{rows.Int(r, 1)};
    rec.user_name = rows.Text(r, 2);
    rec.entry = AuditEntry{hub, rows.Text(r, 3), rows.Text(r, 4), rows.Int(r, 5), rows.Text(r, 6), rows.Text(r, 7)};
    rec.request_id = rows.Text(r, 8);
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace coopole::identity::store
