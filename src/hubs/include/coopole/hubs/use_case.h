// What every use case of a hub-scoped module repeats: the permission check against the
// actor's role in the hub, the error shapes (a field error, a stale version), the audit JSON,
// and the parsing of ids and free text from forms and JSON. Modules bring these names into
// their private *_internal.h with using-declarations instead of writing them again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "coopole/core/result.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"

namespace coopole::hubs::use_case {

// May the actor do `permission` in the hub (for kEditOwnMember: for `member`)?
inline bool May(const identity::Actor& actor, const HubContext& hub, identity::Permission permission,
                std::optional<identity::MemberId> member = std::nullopt) {
  return identity::Allows(actor, hub.access, permission, member);
}

// The organisation of a member-role user in this hub, if any.
inline std::optional<identity::MemberId> OwnMember(const HubContext& hub) {
  return hub.access.role == identity::Role::kMember ? hub.access.member : std::nullopt;
}

// A record as the audit log keeps it: compact JSON, invalid UTF-8 replaced rather than thrown.
inline std::string AuditJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// 422 on one field, with the catalogue key of its message.
inline Error FieldError(const std::string& field, const std::string& key, std::string message = "validation failed") {
  return Error::Invalid({{field, key}}, std::move(message));
}

// 409: the version the caller read is no longer the stored one.
inline Error Stale(std::string_view what = "record") {
  return Error{ErrorCode::kConflict, "the " + std::string(what) + " was changed by someone else",
               {{"version", "validation.stale"}}};
}

// A positive integer of at most 15 digits (an id as typed), nullopt otherwise.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

// Trimmed text of at most `max` bytes of valid UTF-8; otherwise "" and a field error in `errors`
// ("validation.encoding" or "validation.too_long").
std::string CheckedText(const std::string& text, const std::string& field, std::size_t max,
                        std::map<std::string, std::string>& errors);

}  // namespace coopole::hubs::use_case
