#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/hubs/hubs.h"
#include "store/hubs_store.h"

namespace coopole::hubs {
namespace {

using identity::Actor;
using identity::Permission;

std::string ToJson(const Hub& hub) {
  nlohmann::json j = {{"slug", hub.slug},         {"name", hub.name},
                      {"territory", hub.territory}, {"description", hub.description},
                      {"time_zone", hub.time_zone}, {"version", hub.version}};
  j["lead_member_id"] = hub.lead_member ? nlohmann::json(hub.lead_member->value) : nlohmann::json(nullptr);
  return j.dump();
}

// Applies the fields present in `input` onto `hub`; returns field errors for what cannot
// be parsed (the lead member id).
std::map<std::string, std::string> Apply(const HubInput& input, Hub& hub) {
  std::map<std::string, std::string> fields;
  if (input.slug) hub.slug = AsciiLower(Trim(*input.slug));
  if (input.name) hub.name = std::string(Trim(*input.name));
  if (input.territory) hub.territory = std::string(Trim(*input.territory));
  if (input.description) hub.description = *input.description;
  if (input.time_zone) hub.time_zone = std::string(Trim(*input.time_zone));
  if (input.lead_member) {
    auto text = Trim(*input.lead_member);
    if (text.empty()) {
      hub.lead_member.reset();
    } else {
      try {
        std::size_t used = 0;
        long long id = std::stoll(std::string(text), &used);
        if (used != text.size() || id <= 0) throw std::invalid_argument("id");
        hub.lead_member = MemberId{id};
      } catch (const std::exception&) {
        fields["lead_member"] = "validation.choice";
      }
    }
  }
  return fields;
}

}  // namespace

HubService::HubService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                       MemberInHub member_in_hub)
    : pool_(pool), clock_(clock), identity_(identity), member_in_hub_(std::move(member_in_hub)) {}

Result<HubContext> HubService::Resolve(const Actor& actor, std::string_view slug) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto hub = store::FindBySlug(tx, slug);
  if (!hub) return Error::NotFound("hub");
  auto access = identity_.AccessIn(tx, actor, hub->id);
  if (!access) return Error::NotFound("hub");
  return HubContext{std::move(*hub), *access};
}

std::vector<HubContext> HubService::ListForActor(const Actor& actor) {
  std::vector<Hub> hubs;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    hubs = store::ListAll(tx);
  }
  auto roles = identity_.AccessOf(actor.user);
  std::vector<HubContext> out;
  for (auto& hub : hubs) {
    for (const auto& [id, access] : roles) {
      if (id == hub.id) out.push_back({hub, access});
    }
    if (actor.is_admin && (out.empty() || out.back().hub.id != hub.id)) {
      out.push_back({hub, identity::HubAccess{hub.id, identity::Role::kCoordinator, std::nullopt}});
    }
  }
  return out;
}

Result<Hub> HubService::CreateHub(const Actor& actor, const HubInput& input) {
  bool may_create = actor.is_admin;
  for (const auto& [id, access] : identity_.AccessOf(actor.user)) {
    may_create = may_create || access.role == identity::Role::kCoordinator;
  }
  if (!may_create) return Error::Denied("only administrators and coordinators create hubs");
  Hub hub;
  auto fields = Apply(input, hub);
  if (hub.lead_member) fields["lead_member"] = "validation.lead_member_later";
  fields.merge(ValidateHub(hub));
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  hub.created_at = hub.updated_at = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (store::FindBySlug(tx, hub.slug)) {
    return Error{ErrorCode::kConflict, "slug taken", {{"slug", "validation.slug_taken"}}};
  }
  hub.id = store::Insert(tx, hub);
  identity_.RecordAudit(tx, actor, {hub.id, "create", "hub", hub.id.value, "", ToJson(hub)});
  tx.Commit();
  // The creator coordinates the new hub. Administrators (and the command line, which acts
  // as one) already coordinate every hub, so they get no explicit role.
  if (!actor.is_admin) {
    auto granted = identity_.GrantRole(actor.user, hub.id, identity::Role::kCoordinator, std::nullopt);
    if (!granted.ok()) return granted.error();
  }
  return hub;
}

Result<Hub> HubService::UpdateHub(const Actor& actor, const HubContext& context, std::int64_t expected_version,
                                  const HubInput& input) {
  if (!identity::Allows(actor, context.access, Permission::kEditHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindById(tx, context.hub.id);
  if (!current) return Error::NotFound("hub");
  Hub hub = *current;
  auto fields = Apply(input, hub);
  fields.merge(ValidateHub(hub));
  if (hub.lead_member && !fields.count("lead_member") && !member_in_hub_(tx, hub.id, *hub.lead_member)) {
    fields["lead_member"] = "validation.choice";
  }
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  if (hub.slug != current->slug && store::FindBySlug(tx, hub.slug)) {
    return Error{ErrorCode::kConflict, "slug taken", {{"slug", "validation.slug_taken"}}};
  }
  hub.updated_at = clock_.Now();
  if (!store::Update(tx, hub, expected_version)) {
    return Error{ErrorCode::kConflict, "the hub was changed by someone else", {{"version", "validation.stale"}}};
  }
  hub.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.id, "update", "hub", hub.id.value, ToJson(*current), ToJson(hub)});
  tx.Commit();
  return hub;
}

Result<std::vector<std::pair<identity::User, identity::HubAccess>>> HubService::ListUsers(const Actor& actor,
                                                                                         const HubContext& context) {
  return identity_.ListHubUsers(actor, context.access);
}

Result<identity::User> HubService::AddUser(const Actor& actor, const HubContext& context,
                                           const identity::NewUser& user, identity::Role role,
                                           std::optional<MemberId> member) {
  if (!identity::Allows(actor, context.access, Permission::kEditHub)) return Error::Denied();
  if (role == identity::Role::kMember && member) {
    auto tx = pool_.Begin(db::TxMode::kRead);
    if (!member_in_hub_(tx, context.hub.id, *member)) return Error::Invalid({{"member", "validation.choice"}});
  }
  return identity_.AddHubUser(actor, context.access, user, role, member);
}

Status HubService::RemoveUser(const Actor& actor, const HubContext& context, identity::UserId user) {
  return identity_.RemoveHubUser(actor, context.access, user);
}

std::optional<Hub> HubService::FindById(db::Transaction& tx, HubId id) { return store::FindById(tx, id); }

std::optional<Hub> HubService::FindBySlug(std::string_view slug) {
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::FindBySlug(tx, slug);
}

}  // namespace coopole::hubs
