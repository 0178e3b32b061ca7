// Pieces shared by the project and review use cases (private to the part).
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/cooperation/projects.h"

namespace coopole::cooperation::projects_internal {

using identity::Permission;
using FieldErrors = std::map<std::string, std::string>;

inline bool May(const Actor& actor, const HubContext& hub, Permission permission,
                std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}

inline bool IsCoordinator(const Actor& actor, const HubContext& hub) {
  return May(actor, hub, Permission::kManageCooperation);
}

// Coordinators for any project; users of the member role for the projects their
// organisation leads.
inline bool MayEdit(const Actor& actor, const HubContext& hub, MemberId lead) {
  return IsCoordinator(actor, hub) || (hub.access.role == identity::Role::kMember && hub.access.member == lead);
}

// The trimmed value of a field, nullopt when absent.
inline std::optional<std::string> Field(const Fields& input, const std::string& name) {
  auto it = input.find(name);
  if (it == input.end()) return std::nullopt;
  return std::string(Trim(it->second));
}

inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline Error Stale(const char* what) {
  return Error{ErrorCode::kConflict, std::string("the ") + what + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

inline Error FieldError(const std::string& field, const std::string& key) { return Error::Invalid({{field, key}}); }

// Today in the hub's time zone.
inline Date TodayIn(const Clock& clock, const HubContext& hub) { return hubs::TodayIn(clock, hub.hub); }

// The largest amount a field takes: 100 billion euros, so that sums and products of
// amounts (financing checks) stay far from the limits of 64-bit cents.
inline constexpr std::int64_t kMaxAmountCents = 100'000'000'000'00;

// Parsers: each returns nullopt and records `key` in `errors` under `field` when the text
// is malformed; an empty text is "absent" (nullopt, no error) unless stated.
std::optional<Date> DateField(const Fields& input, const std::string& field, FieldErrors& errors);
std::optional<Money> MoneyField(const Fields& input, const std::string& field, FieldErrors& errors);
// A positive integer id.
std::optional<std::int64_t> IdField(const Fields& input, const std::string& field, FieldErrors& errors);
// FTE as hundredths ("1,5" -> 150), never negative.
std::optional<std::int64_t> FteField(const Fields& input, const std::string& field, FieldErrors& errors);

// The name of an active member of the hub, via the directory.
std::optional<std::string> MemberNameIn(const Directory& directory, db::Transaction& tx, HubId hub, MemberId member);

std::string ProjectAudit(const Project& p);

}  // namespace coopole::cooperation::projects_internal
