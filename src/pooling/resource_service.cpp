// Use cases of the catalogue: list, publish, edit, archive resources; grant prerequisites.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "booking_rules.h"
#include "coopole/core/text.h"
#include "service_internal.h"
#include "store/resources_store.h"

namespace coopole::pooling {
namespace internal {

std::string ResourceJson(const Resource& r) {
  nlohmann::json j = {{"id", r.id.value},
                      {"kind", KindCode(r.kind)},
                      {"category", r.category},
                      {"name", r.name},
                      {"description", r.description},
                      {"owner_member_id", r.owner ? nlohmann::json(r.owner->value) : nlohmann::json(nullptr)},
                      {"capacity", r.capacity ? nlohmann::json(*r.capacity) : nlohmann::json(nullptr)},
                      {"location", r.location},
                      {"opening_hours", FormatOpeningHours(r.opening)},
                      {"min_minutes", r.rules.min_minutes},
                      {"max_minutes", r.rules.max_minutes},
                      {"notice_minutes", r.rules.notice_minutes},
                      {"approval_required", r.rules.approval_required},
                      {"prerequisite", r.rules.prerequisite},
                      {"price_unit", PriceUnitCode(r.pricing.unit)},
                      {"price_member_cents", r.pricing.member.cents},
                      {"archived", r.archived_at.has_value()},
                      {"version", r.version}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace internal

namespace {

using internal::May;
using internal::Permission;

// Who may edit a resource: its owner's users, coordinators for any (and for the hub's own).
bool MayManage(const Actor& actor, const HubContext& hub, const std::optional<MemberId>& owner) {
  return internal::ActsFor(actor, hub, Party{owner, ""});
}

// Resolves the owner field: a member of the hub, or the hub itself (""). A member-role
// user offering a resource without naming an owner offers it for their organisation.
Result<std::optional<MemberId>> ResolveOwner(db::Transaction& tx, const HubContext& hub, const MemberNames& names,
                                             const std::optional<std::string>& field,
                                             std::optional<MemberId> current, bool creating, std::string& owner_name) {
  std::optional<MemberId> owner = current;
  if (field) {
    auto parsed = internal::ParseMemberField(field, "owner_member_id");
    if (!parsed) return parsed.error();
    owner = *parsed;
  }
  if (creating && !field && internal::OwnMember(hub)) owner = internal::OwnMember(hub);
  if (owner) {
    auto name = names(tx, hub.hub.id, *owner);
    if (!name) return internal::FieldError("owner_member_id", "validation.member");
    owner_name = *name;
  }
  return owner;
}

}  // namespace

Result<ResourcePage> PoolingService::ListResources(const Actor& actor, const HubContext& hub,
                                                   const ResourceQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  store::ResourceFilter filter{.kind = query.kind,
                               .category = query.category,
                               .owner = query.owner,
                               .hub_owned = query.hub_owned,
                               .include_archived = query.include_archived};
  for (auto& word : Split(FoldForSearch(query.text), ' '))
    if (!word.empty()) filter.words.push_back(std::move(word));
  ResourcePage page;
  page.per_page = std::clamp(query.per_page, 1, 200);
  page.page = std::max(query.page, 1);
  auto tx = pool_.Begin(db::TxMode::kRead);
  page.total = store::CountResources(tx, hub.hub.id, filter);
  const std::int64_t offset = static_cast<std::int64_t>(page.page - 1) * page.per_page;
  if (offset < page.total) page.items = store::ListResources(tx, hub.hub.id, filter, page.per_page, offset);
  return page;
}

Result<Resource> PoolingService::GetResource(const Actor& actor, const HubContext& hub, ResourceId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto resource = store::FindResource(tx, hub.hub.id, id);
  if (!resource) return Error::NotFound("resource");
  return *resource;
}

Result<Resource> PoolingService::CreateResource(const Actor& actor, const HubContext& hub,
                                                const ResourceInput& input) {
  // Members offer for their organisation, coordinators for anyone: the owner is checked below.
  if (!internal::OwnMember(hub) && !May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  Resource resource;
  resource.hub = hub.hub.id;
  auto errors = ApplyResourceInput(input, resource);
  if (!input.kind) errors["kind"] = "validation.required";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto owner = ResolveOwner(tx, hub, member_names_, input.owner_member_id, std::nullopt, true, resource.owner_name);
  if (!owner) {
    for (const auto& [field, key] : owner.error().fields) errors[field] = key;
  } else {
    resource.owner = *owner;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!MayManage(actor, hub, resource.owner)) return Error::Denied();
  resource.created_at = resource.updated_at = clock_.Now();
  resource.id = store::InsertResource(tx, resource);
  store::BumpCatalogueVersion(tx, hub.hub.id);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "resource", resource.id.value, "",
                                    internal::ResourceJson(resource)});
  tx.Commit();
  return resource;
}

Result<Resource> PoolingService::UpdateResource(const Actor& actor, const HubContext& hub, ResourceId id,
                                                std::int64_t expected_version, const ResourceInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindResource(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("resource");
  if (!MayManage(actor, hub, current->owner)) return Error::Denied();
  if (current->version != expected_version) return internal::Stale("resource");
  Resource resource = *current;
  auto errors = ApplyResourceInput(input, resource);
  auto owner = ResolveOwner(tx, hub, member_names_, input.owner_member_id, current->owner, false,
                            resource.owner_name);
  if (!owner) {
    for (const auto& [field, key] : owner.error().fields) errors[field] = key;
  } else {
    resource.owner = *owner;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // Giving a resource to another organisation is acting for that one too.
  if (resource.owner != current->owner && !MayManage(actor, hub, resource.owner)) return Error::Denied();
  resource.updated_at = clock_.Now();
  if (!store::UpdateResource(tx, resource, expected_version)) return internal::Stale("resource");
  store::BumpCatalogueVersion(tx, hub.hub.id);
  resource.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "resource", id.value, internal::ResourceJson(*current),
                                    internal::ResourceJson(resource)});
  tx.Commit();
  return resource;
}

namespace {

Result<Resource> SetArchived(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                             const Actor& actor, const HubContext& hub, ResourceId id, bool archive) {
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto current = store::FindResource(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("resource");
  if (!MayManage(actor, hub, current->owner)) return Error::Denied();
  if (current->archived_at.has_value() == archive) return *current;
  Resource resource = *current;
  resource.updated_at = clock.Now();
  if (archive) resource.archived_at = resource.updated_at;
  else resource.archived_at.reset();
  if (!store::UpdateResource(tx, resource, current->version)) return internal::Stale("resource");
  store::BumpCatalogueVersion(tx, hub.hub.id);
  resource.version = current->version + 1;
  identity.RecordAudit(tx, actor, {hub.hub.id, archive ? "archive" : "restore", "resource", id.value,
                                   internal::ResourceJson(*current), internal::ResourceJson(resource)});
  tx.Commit();
  return resource;
}

}  // namespace

Result<Resource> PoolingService::ArchiveResource(const Actor& actor, const HubContext& hub, ResourceId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  return SetArchived(pool_, clock_, identity_, actor, hub, id, true);
}

Result<Resource> PoolingService::RestoreResource(const Actor& actor, const HubContext& hub, ResourceId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  return SetArchived(pool_, clock_, identity_, actor, hub, id, false);
}

Result<std::vector<Party>> PoolingService::ListQualified(const Actor& actor, const HubContext& hub, ResourceId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  if (!store::FindResource(tx, hub.hub.id, id)) return Error::NotFound("resource");
  return store::ListQualified(tx, id);
}

namespace {

Status ChangeQualification(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                           const MemberNames& names, const Actor& actor, const HubContext& hub, ResourceId id,
                           MemberId member, bool grant) {
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto resource = store::FindResource(tx, hub.hub.id, id);
  if (!resource) return Error::NotFound("resource");
  if (!MayManage(actor, hub, resource->owner)) return Error::Denied();
  if (grant && !names(tx, hub.hub.id, member)) return internal::FieldError("member_id", "validation.member");
  if (grant) store::Grant(tx, id, member, actor.user, clock.Now());
  else if (!store::Revoke(tx, id, member)) return OkStatus();
  nlohmann::json after = {{"resource_id", id.value}, {"member_id", member.value}, {"prerequisite",
                                                                                    resource->rules.prerequisite}};
  identity.RecordAudit(tx, actor, {hub.hub.id, grant ? "grant" : "revoke", "qualification", id.value, "",
                                   after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  tx.Commit();
  return OkStatus();
}

}  // namespace

Status PoolingService::GrantPrerequisite(const Actor& actor, const HubContext& hub, ResourceId id, MemberId member) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  return ChangeQualification(pool_, clock_, identity_, member_names_, actor, hub, id, member, true);
}

Status PoolingService::RevokePrerequisite(const Actor& actor, const HubContext& hub, ResourceId id, MemberId member) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  return ChangeQualification(pool_, clock_, identity_, member_names_, actor, hub, id, member, false);
}

}  // namespace coopole::pooling
