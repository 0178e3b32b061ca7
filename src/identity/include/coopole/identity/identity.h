// Identity: users, sessions, API tokens, roles per hub, permission checks, audit log.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/db/migrations.h"

namespace coopole::identity {

using UserId = Id<struct UserTag>;
using HubId = Id<struct HubTag>;
using MemberId = Id<struct MemberTag>;

// Roles inside one hub. An installation admin may act in every hub as a coordinator.
enum class Role { kCoordinator, kMember, kObserver };
const char* RoleName(Role role);                       // "coordinator", "member", "observer"
std::optional<Role> ParseRole(std::string_view text);

// Who is acting: the signed-in user (or API token owner), for permission checks and audit.
struct Actor {
  UserId user;
  std::string name;
  std::string email;
  bool is_admin = false;
  std::string language;     // preferred interface language, "" when unset
  std::string request_id;   // copied into the audit log
};

// What the actor may do in one hub, resolved once per request by hubs::ResolveHub.
struct HubAccess {
  HubId hub;
  Role role = Role::kObserver;
  std::optional<MemberId> member;  // for Role::kMember: the organisation they work for
};

// Every action a route can ask for. Checked by Allows(); a module adds its own verbs here.
enum class Permission {
  kViewHub,          // read anything of the hub (every role)
  kEditHub,          // hub settings, users of the hub (coordinator)
  kManageMembers,    // create, archive, import members (coordinator)
  kEditOwnMember,    // edit the member organisation the user belongs to (member, coordinator)
  kViewAudit,        // read the audit log (coordinator)
  kManagePooling,    // the hub's own resources, leases, pooling settings; act for any member (coordinator)
  kManageCooperation,  // project reviews, every post, project and bid of the hub, hub-share rules (coordinator)
  kManageAnimation,    // working groups, events, attendance, welcome, validating and valuing collective time (coordinator)
};

// Pure rule: may `access` (with admin override from `actor`) do `permission`? For
// kEditOwnMember, `member` is the organisation concerned.
bool Allows(const Actor& actor, const HubAccess& access, Permission permission,
            std::optional<MemberId> member = std::nullopt);

// 32 random bytes, base64url without padding: for capability URLs such as calendar feeds.
std::string NewSecretToken();

struct User {
  UserId id;
  std::string email;
  std::string name;
  bool is_admin = false;
  std::string language;
  Timestamp created_at;
};

struct NewUser {
  std::string email;
  std::string name;
  std::string password;  // at least 10 characters
  bool is_admin = false;
  std::string language;
};

// A session as seen by the web layer: the cookie value is returned once, at creation.
struct Session {
  std::string token;       // the cookie value (random, 32 bytes base64url); stored hashed
  std::string csrf_token;  // echoed in forms and the X-CSRF-Token header
  Actor actor;
};

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  Timestamp created_at;
  bool revoked = false;
};

struct AuditEntry {
  std::optional<HubId> hub;
  std::string action;      // "create", "update", "archive", "import", ...
  std::string entity;      // "member", "person", "hub", "user", ...
  std::int64_t entity_id = 0;
  std::string before_json; // "" when not applicable
  std::string after_json;
};

struct AuditRecord {
  std::int64_t id = 0;
  Timestamp at;
  std::string user_name;
  AuditEntry entry;
  std::string request_id;
};

struct IdentityOptions {
  std::int64_t session_lifetime_seconds = 14 * 24 * 3600;
  int max_failures = 5;                    // per e-mail or address within the window
  std::int64_t failure_window_seconds = 15 * 60;
  bool fast_hashing = false;               // tests only: argon2id at the minimum cost
};

// Use cases of the identity module. Thread-safe.
class IdentityService {
 public:
  IdentityService(db::Pool& pool, const Clock& clock, IdentityOptions options = {});

  // Creates a user. Errors: kInvalidArgument (email, name, password), kConflict (email taken).
  Result<User> CreateUser(const NewUser& input);
  // Grants `role` in `hub` (replacing an earlier grant). Errors: kNotFound (user),
  // kInvalidArgument (member missing for Role::kMember).
  Status GrantRole(UserId user, HubId hub, Role role, std::optional<MemberId> member);
  Result<User> FindUserByEmail(const std::string& email);

  // Checks credentials and opens a session. Errors: kUnauthenticated (wrong email or
  // password, same message for both), kTooManyRequests (throttled: too many recent failures
  // for this e-mail or this address).
  Result<Session> SignIn(const std::string& email, const std::string& password, const std::string& remote_address);
  // The session for a cookie value, refreshed; nullopt when unknown or expired.
  std::optional<Session> FindSession(const std::string& token);
  void SignOut(const std::string& token);

  // Creates an API token for `user`; the token text is returned once.
  Result<std::string> CreateApiToken(UserId user, const std::string& name);
  // The user's tokens, newest first (the token texts are not kept, only their digests).
  std::vector<ApiTokenInfo> ListApiTokens(UserId user);
  // Revokes one of the user's tokens. Errors: kNotFound (unknown, or another user's).
  Status RevokeApiToken(UserId user, std::int64_t token_id);
  // The actor of a Bearer token; nullopt when unknown or revoked.
  std::optional<Actor> FindApiToken(const std::string& token);

  // The hubs a user holds a role in, with that role (admins: none unless granted).
  std::vector<std::pair<HubId, HubAccess>> AccessOf(UserId user);
  // The role of the actor in `hub`, if any (admins: coordinator). The second form reads
  // inside the caller's transaction.
  std::optional<HubAccess> AccessIn(const Actor& actor, HubId hub);
  std::optional<HubAccess> AccessIn(db::Transaction& tx, const Actor& actor, HubId hub);
  Status SetLanguage(UserId user, const std::string& language);

  // The users holding a role in the hub of `access`, by name. Errors: kPermissionDenied
  // (needs kEditHub).
  Result<std::vector<std::pair<User, HubAccess>>> ListHubUsers(const Actor& actor, const HubAccess& access);
  // Gives `role` in the hub of `access` to the user with `email`, creating the account with
  // `name` and `password` when there is none (both then required). `member` is required for
  // Role::kMember; the caller has checked that it belongs to the hub. Errors:
  // kPermissionDenied (kEditHub), kInvalidArgument with fields.
  Result<User> AddHubUser(const Actor& actor, const HubAccess& access, const NewUser& user, Role role,
                          std::optional<MemberId> member);
  // Withdraws the user's role in the hub. Errors: kPermissionDenied, kNotFound,
  // kFailedPrecondition (the last coordinator, or oneself).
  Status RemoveHubUser(const Actor& actor, const HubAccess& access, UserId user);

  // Appends to the audit log inside the caller's transaction, so the record commits with
  // the change or not at all.
  void RecordAudit(db::Transaction& tx, const Actor& actor, const AuditEntry& entry);
  // The latest audit records of a hub, newest first. Errors: kPermissionDenied.
  Result<std::vector<AuditRecord>> ListAudit(const Actor& actor, const HubAccess& access, int limit, int offset);

  // For other modules (notifications by e-mail): the enabled users who work for `member` in
  // `hub` (its users of the member role), inside the caller's transaction.
  static std::vector<User> MemberUsers(db::Transaction& tx, HubId hub, MemberId member);
  // For other modules (notices): the enabled users holding the coordinator role in `hub`, by
  // id, inside the caller's transaction (admins without a role in the hub are not included).
  static std::vector<User> Coordinators(db::Transaction& tx, HubId hub);
  // For other modules (digest e-mails): the user if enabled and holding a role in `hub`,
  // inside the caller's transaction; nullopt otherwise.
  static std::optional<User> UserInHub(db::Transaction& tx, UserId user, HubId hub);
  static std::vector<db::Migration> Migrations();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  IdentityOptions options_;
};

}  // namespace coopole::identity
