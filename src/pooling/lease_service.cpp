// Use cases of the leases of the hub's premises to its members (coordinators only): the
// rent counts in the monthly statements (RentDue), leases ending soon in the alerts.
#include <map>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/pooling/pooling.h"
#include "service_internal.h"
#include "store/ledger_store.h"

namespace coopole::pooling {
namespace {

using internal::May;
using internal::TrimmedOf;
using internal::Permission;
using Fields = std::map<std::string, std::string>;

constexpr std::size_t kMaxSpaceBytes = 200;
constexpr std::size_t kMaxNotesBytes = 2000;
// A monthly rent above one million euros is a typing error.
constexpr std::int64_t kMaxRentCents = std::int64_t{1'000'000} * 100;

std::string LeaseJson(const Lease& l) {
  return internal::AuditJson({{"id", l.id.value},
               {"tenant_member_id", l.tenant.value},
               {"resource_id", l.resource ? nlohmann::json(l.resource->value) : nlohmann::json(nullptr)},
               {"space", l.space},
               {"monthly_rent_cents", l.monthly_rent.cents},
               {"starts_on", FormatIsoDate(l.starts_on)},
               {"ends_on", l.ends_on ? nlohmann::json(FormatIsoDate(*l.ends_on)) : nlohmann::json(nullptr)},
               {"precarious", l.precarious},
               {"notes", l.notes},
               {"version", l.version}});
}

// "1/0", "true/false", "oui/non", "on/off", "yes/no", "vrai/faux" (any case); "" is no.
std::optional<bool> ParseBoolean(std::string_view text) {
  const std::string value = AsciiLower(Trim(text));
  for (const char* yes : {"1", "true", "oui", "on", "yes", "vrai"})
    if (value == yes) return true;
  for (const char* no : {"", "0", "false", "non", "off", "no", "faux"})
    if (value == no) return false;
  return std::nullopt;
}

// Checks a free text field; stores it trimmed.
void ApplyText(const std::optional<std::string>& raw, const char* field, std::size_t max_bytes, std::string& out,
               Fields& fields) {
  if (!raw) return;
  std::string_view value = Trim(*raw);
  if (!IsValidUtf8(value)) {
    fields[field] = "validation.encoding";
  } else if (value.size() > max_bytes) {
    fields[field] = "validation.too_long";
  } else {
    out = std::string(value);
  }
}

// Applies the fields present in `input` to `lease` (all of them when `current` is null: a
// new lease). The tenant and the resource are checked against the hub when they change.
void ApplyLeaseInput(db::Transaction& tx, const MemberNames& member_names, HubId hub, const LeaseInput& input,
                     const Lease* current, Lease& lease, Fields& fields) {
  const bool creating = current == nullptr;
  if (input.tenant_member_id || creating) {
    auto parsed = internal::ParseMemberField(input.tenant_member_id, "tenant_member_id");
    if (!parsed.ok()) {
      fields.insert(parsed.error().fields.begin(), parsed.error().fields.end());
    } else if (!*parsed) {
      fields["tenant_member_id"] = "validation.required";
    } else if (creating || **parsed != current->tenant) {
      auto name = member_names(tx, hub, **parsed);
      if (!name) {
        fields["tenant_member_id"] = "validation.member";
      } else {
        lease.tenant = **parsed;
        lease.tenant_name = *name;
      }
    }
  }

  std::optional<store::ResourceSummary> premises;
  if (input.resource_id) {
    std::string_view text = Trim(*input.resource_id);
    std::int64_t id = 0;
    bool valid = true;
    for (char c : text) {
      if (c < '0' || c > '9' || id > 1'000'000'000'000) valid = false;
      if (valid) id = id * 10 + (c - '0');
    }
    if (text.empty()) {
      lease.resource.reset();
    } else if (!valid || id <= 0) {
      fields["resource_id"] = "validation.premises";
    } else if (creating || !current->resource || current->resource->value != id) {
      // Unarchived premises of the hub only.
      premises = store::FindResourceSummary(tx, hub, ResourceId{id});
      if (!premises || premises->archived || premises->kind != ResourceKind::kPremises) {
        fields["resource_id"] = "validation.premises";
      } else {
        lease.resource = premises->id;
      }
    }
  }

  ApplyText(input.space, "space", kMaxSpaceBytes, lease.space, fields);
  if (lease.space.empty() && !fields.contains("space")) {
    if (premises && lease.resource) {
      lease.space = premises->name;  // the catalogued premises' name by default
    } else {
      fields["space"] = "validation.required";
    }
  }

  if (input.monthly_rent || creating) {
    std::string_view text = TrimmedOf(input.monthly_rent);
    auto rent = text.empty() ? std::nullopt : ParseMoney(text);
    if (text.empty()) {
      fields["monthly_rent"] = "validation.required";
    } else if (!rent || rent->cents < 0 || rent->cents > kMaxRentCents) {
      fields["monthly_rent"] = "validation.amount";
    } else {
      lease.monthly_rent = *rent;
    }
  }
  if (input.starts_on || creating) {
    std::string_view text = TrimmedOf(input.starts_on);
    auto date = text.empty() ? std::nullopt : ParseDate(text);
    if (text.empty()) {
      fields["starts_on"] = "validation.required";
    } else if (!date) {
      fields["starts_on"] = "validation.date";
    } else {
      lease.starts_on = *date;
    }
  }
  if (input.ends_on) {
    std::string_view text = Trim(*input.ends_on);
    if (text.empty()) {
      lease.ends_on.reset();  // open-ended
    } else if (auto date = ParseDate(text)) {
      lease.ends_on = *date;
    } else {
      fields["ends_on"] = "validation.date";
    }
  }
  if (!fields.contains("starts_on") && !fields.contains("ends_on") && lease.ends_on &&
      *lease.ends_on < lease.starts_on) {
    fields["ends_on"] = "validation.date_order";
  }
  if (input.precarious) {
    if (auto precarious = ParseBoolean(*input.precarious)) {
      lease.precarious = *precarious;
    } else {
      fields["precarious"] = "validation.boolean";
    }
  }
  ApplyText(input.notes, "notes", kMaxNotesBytes, lease.notes, fields);
}

}  // namespace

Result<std::vector<Lease>> PoolingService::ListLeases(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<Lease> leases;
  for (auto& lease : store::ListLeases(tx, hub.hub.id))
    if (internal::MayRead(actor, hub, {lease.tenant})) leases.push_back(std::move(lease));
  return leases;
}

Result<Lease> PoolingService::GetLease(const Actor& actor, const HubContext& hub, LeaseId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto lease = store::FindLease(tx, hub.hub.id, id);
  if (!lease || !internal::MayRead(actor, hub, {lease->tenant})) return Error::NotFound("lease");
  return *lease;
}

Result<Lease> PoolingService::CreateLease(const Actor& actor, const HubContext& hub, const LeaseInput& input) {
  if (!May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  Lease lease;
  lease.hub = hub.hub.id;
  Fields fields;
  ApplyLeaseInput(tx, member_names_, hub.hub.id, input, nullptr, lease, fields);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  lease.created_at = clock_.Now();
  lease.id = store::InsertLease(tx, lease);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "lease", lease.id.value, "", LeaseJson(lease)});
  tx.Commit();
  return lease;
}

Result<Lease> PoolingService::UpdateLease(const Actor& actor, const HubContext& hub, LeaseId id,
                                          std::int64_t expected_version, const LeaseInput& input) {
  if (!May(actor, hub, Permission::kManagePooling)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindLease(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("lease");
  Lease lease = *current;
  Fields fields;
  ApplyLeaseInput(tx, member_names_, hub.hub.id, input, &*current, lease, fields);
  if (!fields.empty()) return Error::Invalid(std::move(fields));
  if (current->version != expected_version) return internal::Stale("lease");
  if (!store::UpdateLease(tx, lease, expected_version, clock_.Now())) return internal::Stale("lease");
  lease.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "lease", id.value, LeaseJson(*current), LeaseJson(lease)});
  tx.Commit();
  return lease;
}

}  // namespace coopole::pooling
