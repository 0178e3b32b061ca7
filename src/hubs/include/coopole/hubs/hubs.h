// Hubs: the tenants of an installation. Every domain query is bound to one hub, resolved
// here from the slug in the URL together with what the actor may do in it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/core/time_zone.h"
#include "coopole/db/db.h"
#include "coopole/db/migrations.h"
#include "coopole/identity/identity.h"

namespace coopole::hubs {

using identity::HubId;
using identity::MemberId;

struct Hub {
  HubId id;
  std::string slug;
  std::string name;
  std::string territory;
  std::string description;
  std::optional<MemberId> lead_member;
  std::string time_zone = "Europe/Paris";
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;  // optimistic concurrency: edits name the version they saw
};

// Raw input from a form or JSON. On update, an absent field keeps its value.
struct HubInput {
  std::optional<std::string> slug, name, territory, description, lead_member, time_zone;
};

// The hub of the current request and the actor's access to it.
struct HubContext {
  Hub hub;
  identity::HubAccess access;
};

// The hub's time zone: its own; else Europe/Paris (a name the tz database does not know);
// else, with no tz database at all, Paris standard time (UTC+01) rather than a crash. Every
// wall time of a hub (bookings, deadlines, "today") goes through it.
std::shared_ptr<const TimeZone> ZoneOf(const Hub& hub);
// Today's date in the hub's time zone.
Date TodayIn(const Clock& clock, const Hub& hub);

// Pure rules (hub_rules.cpp). Field errors use message keys ("validation.required", ...).
std::map<std::string, std::string> ValidateHub(const Hub& hub);
bool IsValidSlug(std::string_view slug);
bool IsKnownTimeZone(std::string_view name);

// Tells whether a member id belongs to a hub (wired to the members module by the app, so
// that hubs does not depend on members).
using MemberInHub = std::function<bool(db::Transaction&, HubId, MemberId)>;

class HubService {
 public:
  HubService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, MemberInHub member_in_hub);

  // The hub with this slug if the actor holds a role in it (admins: every hub).
  // Errors: kNotFound, for an unknown slug and for a hub the actor has no access to alike.
  Result<HubContext> Resolve(const identity::Actor& actor, std::string_view slug);
  // The hubs the actor may open, by name.
  std::vector<HubContext> ListForActor(const identity::Actor& actor);
  // Creates a hub; the creator becomes its coordinator. Admins and coordinators of another
  // hub may create hubs. Errors: kPermissionDenied, kInvalidArgument, kConflict (slug taken).
  Result<Hub> CreateHub(const identity::Actor& actor, const HubInput& input);
  // Errors: kPermissionDenied, kInvalidArgument, kConflict (stale version or slug taken).
  Result<Hub> UpdateHub(const identity::Actor& actor, const HubContext& context, std::int64_t expected_version,
                        const HubInput& input);
  // The users of the hub and their roles (coordinators). Errors: kPermissionDenied.
  Result<std::vector<std::pair<identity::User, identity::HubAccess>>> ListUsers(const identity::Actor& actor,
                                                                               const HubContext& context);
  // Gives a role in the hub to the user with this e-mail, creating the account when needed
  // (see IdentityService::AddHubUser). For Role::kMember, `member` must be an organisation of
  // this hub. Errors: kPermissionDenied, kInvalidArgument with fields.
  Result<identity::User> AddUser(const identity::Actor& actor, const HubContext& context,
                                 const identity::NewUser& user, identity::Role role, std::optional<MemberId> member);
  // Errors: kPermissionDenied, kNotFound, kFailedPrecondition (last coordinator, oneself).
  Status RemoveUser(const identity::Actor& actor, const HubContext& context, identity::UserId user);

  // Every hub (admin tools, CLI).
  std::optional<Hub> FindBySlug(std::string_view slug);

  // For other modules (links in e-mails): the hub with this id, inside the caller's transaction.
  static std::optional<Hub> FindById(db::Transaction& tx, HubId id);
  static std::vector<db::Migration> Migrations();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  MemberInHub member_in_hub_;
};

}  // namespace coopole::hubs
