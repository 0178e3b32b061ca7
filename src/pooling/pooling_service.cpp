// The pooling service's construction and the helpers its use cases share.
#include "catalogue_cache.h"
#include "coopole/core/text.h"
#include "coopole/pooling/pooling.h"
#include "service_internal.h"

namespace coopole::pooling {
namespace internal {

std::shared_ptr<const TimeZone> ZoneOf(const HubContext& hub) { return hubs::ZoneOf(hub.hub); }

Date TodayIn(const Clock& clock, const HubContext& hub) { return hubs::TodayIn(clock, hub.hub); }

Result<std::optional<MemberId>> ParseMemberField(const std::optional<std::string>& text, const std::string& field) {
  if (!text) return std::optional<MemberId>{};
  std::string_view value = Trim(*text);
  if (value.empty()) return std::optional<MemberId>{};
  std::int64_t id = 0;
  for (char c : value) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000) return FieldError(field, "validation.member");
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return FieldError(field, "validation.member");
  return std::optional<MemberId>{MemberId{id}};
}

Result<std::optional<MemberId>> ActingMember(const Actor& actor, const HubContext& hub,
                                             const std::optional<std::string>& text, const std::string& field,
                                             std::map<std::string, std::string>& fields) {
  std::optional<MemberId> member = OwnMember(hub);
  auto parsed = ParseMemberField(text, field);
  if (!parsed.ok()) {
    MergeFields(parsed.error(), fields);
    return std::optional<MemberId>{};
  }
  if (*parsed) member = *parsed;
  if (member && !ActsFor(actor, hub, *member)) return Error::Denied();
  if (!member) fields.emplace(field, "validation.required");
  return member;
}

}  // namespace internal

PoolingService::PoolingService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                               MemberNames member_names, PoolingServiceOptions options)
    : pool_(pool),
      clock_(clock),
      identity_(identity),
      member_names_(std::move(member_names)),
      catalogue_(std::make_shared<CatalogueCache>(options.catalogue_cache_resources)) {}

}  // namespace coopole::pooling
