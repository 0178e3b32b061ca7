// Calendar feeds: a secret address per resource and per member that calendar applications
// subscribe to (the token is the credential, like a "secret address" of other calendars).
#include <nlohmann/json.hpp>

#include "coopole/calendar/icalendar.h"
#include "coopole/core/text.h"
#include "service_internal.h"
#include "store/bookings_store.h"
#include "store/resources_store.h"

namespace coopole::pooling {
namespace {

namespace ical = calendar::ical;

using internal::May;
using internal::Permission;

constexpr std::int64_t kFeedPast = 90LL * 86400;
constexpr std::int64_t kFeedFuture = 400LL * 86400;
constexpr int kFeedMaxEvents = 5000;

// "resource:12" or "member:5"; checks the subject belongs to the hub and the actor may
// subscribe (anyone of the hub to a resource, the member's users to a member) or, when
// `renew`, replace the address (which cuts every subscriber off: the resource's owner).
Result<std::string> SubjectKey(db::Transaction& tx, const Actor& actor, const HubContext& hub,
                               const FeedSubject& subject, const MemberNames& names, bool renew) {
  if (subject.resource) {
    auto resource = store::FindResource(tx, hub.hub.id, *subject.resource);
    if (!resource) return Error::NotFound("resource");
    if (renew && !internal::ActsFor(actor, hub, Party{resource->owner, ""})) return Error::Denied();
    return "resource:" + std::to_string(subject.resource->value);
  }
  if (subject.member) {
    if (!names(tx, hub.hub.id, *subject.member)) return Error::NotFound("member");
    if (!internal::ActsFor(actor, hub, *subject.member)) return Error::Denied();
    return "member:" + std::to_string(subject.member->value);
  }
  return Error::BadRequest("a feed is of a resource or of a member");
}

Result<std::string> Token(db::Pool& pool, const Clock& clock, identity::IdentityService& identity,
                          const MemberNames& names, const Actor& actor, const HubContext& hub,
                          const FeedSubject& subject, bool renew) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  if (!renew) {
    // Pages show the address on every view: reading it must not take the write lock.
    auto tx = pool.Begin(db::TxMode::kRead);
    auto key = SubjectKey(tx, actor, hub, subject, names, false);
    if (!key) return key.error();
    if (auto existing = store::FindFeedToken(tx, hub.hub.id, *key)) return *existing;
  }
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto key = SubjectKey(tx, actor, hub, subject, names, renew);
  if (!key) return key.error();
  if (renew) store::DeleteFeedToken(tx, hub.hub.id, *key);
  // Two first views at once: the second insert does nothing and both read the same token.
  store::SaveFeedToken(tx, hub.hub.id, *key, identity::NewSecretToken(), clock.Now());
  auto token = store::FindFeedToken(tx, hub.hub.id, *key);
  if (!token) return Error::NotFound("feed");
  nlohmann::json after = {{"subject", *key}};
  identity.RecordAudit(tx, actor, {hub.hub.id, renew ? "renew" : "create", "calendar_feed", 0, "", after.dump()});
  tx.Commit();
  return *token;
}

ical::Event::Status StatusOf(BookingStatus status) {
  switch (status) {
    case BookingStatus::kPending: return ical::Event::Status::kTentative;
    case BookingStatus::kConfirmed: return ical::Event::Status::kConfirmed;
    default: return ical::Event::Status::kCancelled;
  }
}

}  // namespace

Result<std::string> PoolingService::FeedToken(const Actor& actor, const HubContext& hub, const FeedSubject& subject) {
  return Token(pool_, clock_, identity_, member_names_, actor, hub, subject, false);
}

Result<std::string> PoolingService::RenewFeedToken(const Actor& actor, const HubContext& hub,
                                                   const FeedSubject& subject) {
  return Token(pool_, clock_, identity_, member_names_, actor, hub, subject, true);
}

Result<std::string> PoolingService::FeedCalendar(const std::string& token) {
  // Tokens are base64url of 32 bytes: anything else is not looked up.
  if (token.size() != 43 || token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
                                std::string::npos)
    return Error::NotFound("feed");
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto target = store::ResolveFeedToken(tx, token);
  if (!target) return Error::NotFound("feed");
  const Timestamp now = clock_.Now();
  // Refused requests never held the slot: calendars need not know them (and they would use
  // up the event budget).
  BookingQuery query{.statuses = {BookingStatus::kPending, BookingStatus::kConfirmed, BookingStatus::kCancelled},
                     .from = Timestamp{now.unix_seconds - kFeedPast},
                     .to = Timestamp{now.unix_seconds + kFeedFuture},
                     .per_page = kFeedMaxEvents};
  ical::Calendar calendar;
  calendar.product = "pooling";
  calendar.time_zone = target->time_zone;
  const auto colon = target->subject.find(':');
  const std::string kind = target->subject.substr(0, colon);
  const std::int64_t id = std::stoll(target->subject.substr(colon + 1));
  if (kind == "resource") {
    query.resource = ResourceId{id};
    auto resource = store::FindResource(tx, target->hub, ResourceId{id});
    if (!resource) return Error::NotFound("feed");
    calendar.name = resource->name + " · " + target->hub_name;
  } else {
    query.member = MemberId{id};
    auto name = member_names_(tx, target->hub, MemberId{id});
    if (!name) return Error::NotFound("feed");  // an archived member's feed stops
    calendar.name = *name + " · " + target->hub_name;
  }
  for (const auto& booking : store::ListBookings(tx, target->hub, query, kFeedMaxEvents, 0)) {
    ical::Event event;
    event.uid = "booking-" + std::to_string(booking.id.value) + "@" + target->hub_slug + ".coopole";
    event.starts_at = booking.starts_at;
    event.ends_at = booking.ends_at;
    event.stamp = booking.updated_at;
    event.sequence = booking.version - 1;
    event.summary = booking.title.empty() ? booking.resource_name + " · " + booking.member_name
                                          : booking.title + " · " + booking.resource_name;
    // The reason of a cancellation stays in the hub: a feed address travels further.
    event.description = booking.member_name;
    event.location = booking.resource_name;
    event.status = StatusOf(booking.status);
    calendar.events.push_back(std::move(event));
  }
  return ical::WriteCalendar(calendar);
}

}  // namespace coopole::pooling
