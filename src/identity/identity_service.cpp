#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/identity/identity.h"
#include "secrets.h"
#include "store/identity_store.h"

namespace coopole::identity {
namespace {

// A valid argon2id hash of a random password: verified against when the e-mail is unknown,
// so that the answer takes as long as for a known e-mail (no account enumeration by timing).
const std::string& DummyHash(bool fast) {
  static const std::string fast_hash = HashPassword(RandomToken(), true);
  static const std::string slow_hash = HashPassword(RandomToken(), false);
  return fast ? fast_hash : slow_hash;
}

Actor ToActor(const User& user) {
  return Actor{user.id, user.name, user.email, user.is_admin, user.language, ""};
}

}  // namespace

IdentityService::IdentityService(db::Pool& pool, const Clock& clock, IdentityOptions options)
    : pool_(pool), clock_(clock), options_(options) {
  EnsureSodium();
}

Result<User> IdentityService::CreateUser(const NewUser& raw) {
  NewUser input = raw;
  input.email = AsciiLower(Trim(raw.email));
  input.name = std::string(Trim(raw.name));
  std::map<std::string, std::string> fields;
  if (!IsPlausibleEmail(input.email)) fields["email"] = "validation.email";
  if (input.name.empty()) fields["name"] = "validation.required";
  if (input.name.size() > 200 || !IsValidUtf8(input.name)) fields["name"] = "validation.too_long";
  if (input.password.size() < 10) fields["password"] = "validation.password_short";
  if (input.password.size() > 1024) fields["password"] = "validation.too_long";
  if (!input.language.empty() && input.language != "fr" && input.language != "en") fields["language"] = "validation.choice";
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  std::string hash = HashPassword(input.password, options_.fast_hashing);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (store::FindUserByEmail(tx, input.email)) {
    return Error{ErrorCode::kConflict, "a user with this e-mail exists", {{"email", "validation.email_taken"}}};
  }
  auto now = clock_.Now();
  auto id = store::InsertUser(tx, input, hash, now);
  nlohmann::json after = {{"email", input.email}, {"name", input.name}, {"is_admin", input.is_admin}};
  store::InsertAudit(tx, Actor{UserId{0}, "system", "", false, "", ""},
                     AuditEntry{std::nullopt, "create", "user", id, "", after.dump()}, now);
  tx.Commit();
  return User{UserId{id}, input.email, input.name, input.is_admin, input.language, now};
}

Status IdentityService::GrantRole(UserId user, HubId hub, Role role, std::optional<MemberId> member) {
  if (role == Role::kMember && !member) return Error::Invalid({{"member", "validation.required"}});
  if (role != Role::kMember) member.reset();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!store::FindUserById(tx, user)) return Error::NotFound("user");
  store::UpsertHubRole(tx, user, hub, role, member);
  nlohmann::json after = {{"user_id", user.value}, {"role", RoleName(role)}};
  if (member) after["member_id"] = member->value;
  store::InsertAudit(tx, Actor{UserId{0}, "system", "", false, "", ""},
                     AuditEntry{hub, "grant", "role", user.value, "", after.dump()}, clock_.Now());
  tx.Commit();
  return OkStatus();
}

Result<User> IdentityService::FindUserByEmail(const std::string& email) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto row = store::FindUserByEmail(tx, AsciiLower(Trim(email)));
  if (!row) return Error::NotFound("user");
  return row->user;
}

Result<Session> IdentityService::SignIn(const std::string& email_raw, const std::string& password,
                                        const std::string& remote_address) {
  const std::string email = AsciiLower(Trim(email_raw));
  const std::string by_email = "email:" + email;
  const std::string by_addr = "addr:" + remote_address;
  const Timestamp now = clock_.Now();
  const Timestamp since{now.unix_seconds - options_.failure_window_seconds};
  std::optional<store::UserRow> user;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    // Per address the allowance is wider: several people may share one office NAT.
    if (store::CountLoginFailures(tx, by_email, since) >= options_.max_failures ||
        store::CountLoginFailures(tx, by_addr, since) >= options_.max_failures * 4) {
      return Error{ErrorCode::kTooManyRequests, "too many failed sign-ins, try again later", {}};
    }
    user = store::FindUserByEmail(tx, email);
  }
  // Hashing runs outside any transaction: it takes ~80 ms and must not hold a connection.
  bool ok = user && !user->disabled ? VerifyPassword(password, user->password_hash)
                                    : (VerifyPassword(password, DummyHash(options_.fast_hashing)), false);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!ok) {
    store::InsertLoginFailure(tx, by_email, now);
    store::InsertLoginFailure(tx, by_addr, now);
    tx.Commit();
    return Error{ErrorCode::kUnauthenticated, "wrong e-mail or password", {{"email", "auth.wrong_credentials"}}};
  }
  store::ClearLoginFailures(tx, by_email);
  store::DeleteExpiredSessions(tx, now);
  Session session{RandomToken(), RandomToken(), ToActor(user->user)};
  store::InsertSession(tx, TokenDigest(session.token), user->user.id, session.csrf_token, now,
                       Timestamp{now.unix_seconds + options_.session_lifetime_seconds});
  tx.Commit();
  return session;
}

std::optional<Session> IdentityService::FindSession(const std::string& token) {
  if (token.size() != 43) return std::nullopt;
  const auto digest = TokenDigest(token);
  const auto now = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto found = store::FindSession(tx, digest, now);
  if (!found || found->first.disabled) return std::nullopt;
  return Session{token, found->second, ToActor(found->first.user)};
}

void IdentityService::SignOut(const std::string& token) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  store::DeleteSession(tx, TokenDigest(token));
  tx.Commit();
}

Result<std::string> IdentityService::CreateApiToken(UserId user, const std::string& name) {
  if (Trim(name).empty()) return Error::Invalid({{"name", "validation.required"}});
  if (name.size() > 100 || !IsValidUtf8(name)) return Error::Invalid({{"name", "validation.too_long"}});
  std::string token = "cp_" + RandomToken();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!store::FindUserById(tx, user)) return Error::NotFound("user");
  store::InsertApiToken(tx, user, std::string(Trim(name)), TokenDigest(token), clock_.Now());
  tx.Commit();
  return token;
}

std::vector<ApiTokenInfo> IdentityService::ListApiTokens(UserId user) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListApiTokens(tx, user);
}

Status IdentityService::RevokeApiToken(UserId user, std::int64_t token_id) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!store::RevokeApiToken(tx, user, token_id, clock_.Now())) return Error::NotFound("token");
  tx.Commit();
  return OkStatus();
}

std::optional<Actor> IdentityService::FindApiToken(const std::string& token) {
  if (token.rfind("cp_", 0) != 0 || token.size() != 46) return std::nullopt;
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto row = store::FindApiTokenUser(tx, TokenDigest(token));
  if (!row || row->disabled) return std::nullopt;
  return ToActor(row->user);
}

std::vector<std::pair<HubId, HubAccess>> IdentityService::AccessOf(UserId user) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<std::pair<HubId, HubAccess>> out;
  for (auto& access : store::ListHubRoles(tx, user)) out.emplace_back(access.hub, access);
  return out;
}

std::optional<HubAccess> IdentityService::AccessIn(const Actor& actor, HubId hub) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  return AccessIn(tx, actor, hub);
}

std::optional<HubAccess> IdentityService::AccessIn(db::Transaction& tx, const Actor& actor, HubId hub) {
  auto access = store::FindHubRole(tx, actor.user, hub);
  if (!access && actor.is_admin) return HubAccess{hub, Role::kCoordinator, std::nullopt};
  return access;
}

Status IdentityService::SetLanguage(UserId user, const std::string& language) {
  if (language != "fr" && language != "en") return Error::Invalid({{"language", "validation.choice"}});
  auto tx = pool_.Begin(db::TxMode::kWrite);
  store::SetLanguage(tx, user, language);
  tx.Commit();
  return OkStatus();
}

Result<std::vector<std::pair<User, HubAccess>>> IdentityService::ListHubUsers(const Actor& actor,
                                                                              const HubAccess& access) {
  if (!Allows(actor, access, Permission::kEditHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListHubUsers(tx, access.hub);
}

Result<User> IdentityService::AddHubUser(const Actor& actor, const HubAccess& access, const NewUser& input, Role role,
                                         std::optional<MemberId> member) {
  if (!Allows(actor, access, Permission::kEditHub)) return Error::Denied();
  if (role == Role::kMember && !member) return Error::Invalid({{"member", "validation.required"}});
  if (role != Role::kMember) member.reset();
  const std::string email = AsciiLower(Trim(input.email));
  if (!IsPlausibleEmail(email)) return Error::Invalid({{"email", "validation.email"}});
  std::optional<User> user;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    if (auto row = store::FindUserByEmail(tx, email)) user = row->user;
  }
  if (!user) {
    // A new account: CreateUser validates the name and password (hashing outside any transaction).
    auto created = CreateUser({.email = email, .name = input.name, .password = input.password});
    if (!created.ok()) return created.error();
    user = *created;
  }
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto before = store::FindHubRole(tx, user->id, access.hub);
  store::UpsertHubRole(tx, user->id, access.hub, role, member);
  nlohmann::json after = {{"user_id", user->id.value}, {"email", user->email}, {"role", RoleName(role)}};
  if (member) after["member_id"] = member->value;
  nlohmann::json was = before ? nlohmann::json{{"role", RoleName(before->role)}} : nlohmann::json();
  store::InsertAudit(tx, actor, {access.hub, "grant", "role", user->id.value, before ? was.dump() : "", after.dump()},
                     clock_.Now());
  tx.Commit();
  return *user;
}

Status IdentityService::RemoveHubUser(const Actor& actor, const HubAccess& access, UserId user) {
  if (!Allows(actor, access, Permission::kEditHub)) return Error::Denied();
  if (user == actor.user) {
    return Error{ErrorCode::kFailedPrecondition, "you cannot withdraw your own role", {{"user", "users.not_yourself"}}};
  }
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindHubRole(tx, user, access.hub);
  if (!current) return Error::NotFound("user");
  if (current->role == Role::kCoordinator) {
    int coordinators = 0;
    for (const auto& [u, a] : store::ListHubUsers(tx, access.hub)) coordinators += a.role == Role::kCoordinator;
    if (coordinators <= 1) {
      return Error{ErrorCode::kFailedPrecondition, "a hub keeps at least one coordinator",
                   {{"user", "users.last_coordinator"}}};
    }
  }
  store::DeleteHubRole(tx, user, access.hub);
  store::InsertAudit(tx, actor,
                     {access.hub, "revoke", "role", user.value, nlohmann::json{{"role", RoleName(current->role)}}.dump(), ""},
                     clock_.Now());
  tx.Commit();
  return OkStatus();
}

void IdentityService::RecordAudit(db::Transaction& tx, const Actor& actor, const AuditEntry& entry) {
  store::InsertAudit(tx, actor, entry, clock_.Now());
}

Result<std::vector<AuditRecord>> IdentityService::ListAudit(const Actor& actor, const HubAccess& access, int limit,
                                                            int offset) {
  if (!Allows(actor, access, Permission::kViewAudit)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListAudit(tx, access.hub, std::clamp(limit, 1, 500), std::max(offset, 0));
}

std::vector<User> IdentityService::MemberUsers(db::Transaction& tx, HubId hub, MemberId member) {
  return store::ListMemberUsers(tx, hub, member);
}

std::vector<User> IdentityService::Coordinators(db::Transaction& tx, HubId hub) {
  return store::ListCoordinatorUsers(tx, hub);
}

std::optional<User> IdentityService::UserInHub(db::Transaction& tx, UserId user, HubId hub) {
  auto row = store::FindUserById(tx, user);
  if (!row || row->disabled || !store::FindHubRole(tx, user, hub)) return std::nullopt;
  return row->user;
}

}  // namespace coopole::identity
