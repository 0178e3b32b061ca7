// SQL of the identity module: the identity_* tables. Functions take the caller's
// transaction; none commits.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/identity/identity.h"

namespace coopole::identity::store {

struct UserRow {
  User user;
  std::string password_hash;
  bool disabled = false;
};

std::int64_t InsertUser(db::Transaction& tx, const NewUser& user, const std::string& hash, Timestamp now);
std::optional<UserRow> FindUserByEmail(db::Transaction& tx, const std::string& email_lower);
std::optional<UserRow> FindUserById(db::Transaction& tx, UserId id);
void SetLanguage(db::Transaction& tx, UserId id, const std::string& language);

void UpsertHubRole(db::Transaction& tx, UserId user, HubId hub, Role role, std::optional<MemberId> member);
std::optional<HubAccess> FindHubRole(db::Transaction& tx, UserId user, HubId hub);
std::vector<HubAccess> ListHubRoles(db::Transaction& tx, UserId user);
// The users holding a role in `hub`, by name.
std::vector<std::pair<User, HubAccess>> ListHubUsers(db::Transaction& tx, HubId hub);
// Enabled users holding the member role of `member` in `hub`, by id.
std::vector<User> ListMemberUsers(db::Transaction& tx, HubId hub, MemberId member);
// Enabled users holding the coordinator role in `hub`, by id.
std::vector<User> ListCoordinatorUsers(db::Transaction& tx, HubId hub);
// Removes the user's role in `hub`; false when there was none.
bool DeleteHubRole(db::Transaction& tx, UserId user, HubId hub);

void InsertSession(db::Transaction& tx, const std::string& digest, UserId user, const std::string& csrf,
                   Timestamp now, Timestamp expires);
// The user and CSRF token of a live session.
std::optional<std::pair<UserRow, std::string>> FindSession(db::Transaction& tx, const std::string& digest, Timestamp now);
void DeleteSession(db::Transaction& tx, const std::string& digest);
void DeleteExpiredSessions(db::Transaction& tx, Timestamp now);

void InsertApiToken(db::Transaction& tx, UserId user, const std::string& name, const std::string& digest, Timestamp now);
std::vector<ApiTokenInfo> ListApiTokens(db::Transaction& tx, UserId user);
// Marks the token revoked; false when it is not one of the user's live tokens.
bool RevokeApiToken(db::Transaction& tx, UserId user, std::int64_t token_id, Timestamp now);
std::optional<UserRow> FindApiTokenUser(db::Transaction& tx, const std::string& digest);

void InsertLoginFailure(db::Transaction& tx, const std::string& subject, Timestamp at);
std::int64_t CountLoginFailures(db::Transaction& tx, const std::string& subject, Timestamp since);
void ClearLoginFailures(db::Transaction& tx, const std::string& subject);

void InsertAudit(db::Transaction& tx, const Actor& actor, const AuditEntry& entry, Timestamp at);
std::vector<AuditRecord> ListAudit(db::Transaction& tx, HubId hub, int limit, int offset);

}  // namespace coopole::identity::store
