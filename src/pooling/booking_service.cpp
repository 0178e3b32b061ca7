// Use cases of bookings: availability, booking (one slot or a series), approval, refusal,
// cancellation.
//
// No double booking, on either database: every booking transaction first takes the
// resource's row lock (store::LockResource: an UPDATE of its row, which PostgreSQL holds
// until commit and which SQLite's single writer makes moot), then looks for an overlap and
// inserts. Two requests for one resource therefore run one after the other, and the second
// sees the first's booking (each statement of a READ COMMITTED transaction sees what was
// committed before it). On PostgreSQL an exclusion constraint also refuses overlapping
// slots, should any code path ever skip the lock.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "booking_rules.h"
#include "catalogue_cache.h"
#include "coopole/core/text.h"
#include "service_internal.h"
#include "store/bookings_store.h"
#include "store/resources_store.h"

namespace coopole::pooling {
namespace internal {

std::string BookingJson(const Booking& b) {
  nlohmann::json j = {{"id", b.id.value},
                      {"resource_id", b.resource.value},
                      {"member_id", b.member.value},
                      {"title", b.title},
                      {"starts_at", FormatIsoUtc(b.starts_at)},
                      {"ends_at", FormatIsoUtc(b.ends_at)},
                      {"status", BookingStatusCode(b.status)},
                      {"tier", TierCode(b.tier)},
                      {"price_cents", b.price.cents},
                      {"reason", b.reason},
                      {"version", b.version}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace internal

namespace {

using internal::May;
using internal::Permission;

// The parsed request, before the database is read.
struct BookingRequest {
  ResourceId resource;
  std::optional<MemberId> member;
  std::string title;
  std::optional<std::int64_t> attendees;
  LocalDateTime start;
  LocalDateTime end;
  std::optional<PriceTier> tier;
  Frequency frequency = Frequency::kNone;
  Date until;
};

Result<BookingRequest> ParseRequest(const BookingInput& in) {
  FieldErrors errors;
  BookingRequest r;
  auto resource = internal::ParseMemberField(in.resource_id, "resource_id");
  if (!resource || !*resource) errors["resource_id"] = in.resource_id && !Trim(*in.resource_id).empty()
                                                           ? "validation.unknown"
                                                           : "validation.required";
  else r.resource = ResourceId{(*resource)->value};
  auto member = internal::ParseMemberField(in.member_id, "member_id");
  if (!member) errors["member_id"] = "validation.member";
  else r.member = *member;
  if (in.title) {
    r.title = std::string(Trim(*in.title));
    if (!IsValidUtf8(r.title)) errors["title"] = "validation.encoding";
    else if (r.title.size() > 200) errors["title"] = "validation.too_long";
  }
  if (in.attendees && !Trim(*in.attendees).empty()) {
    auto text = Trim(*in.attendees);
    std::int64_t n = 0;
    bool ok = text.size() <= 6;
    for (char c : text) ok = ok && c >= '0' && c <= '9', n = n * 10 + (c - '0');
    if (!ok || n <= 0) errors["attendees"] = "validation.integer";
    else r.attendees = n;
  }
  auto when = [&](const std::optional<std::string>& text, const char* field, LocalDateTime& out) {
    if (!text || Trim(*text).empty()) {
      errors[field] = "validation.required";
      return;
    }
    if (auto parsed = ParseLocalDateTime(Trim(*text))) out = *parsed;
    else errors[field] = "validation.datetime";
  };
  when(in.starts_at, "starts_at", r.start);
  when(in.ends_at, "ends_at", r.end);
  if (in.tier && !Trim(*in.tier).empty()) {
    if (auto tier = ParseTier(Trim(*in.tier))) r.tier = *tier;
    else errors["tier"] = "validation.choice";
  }
  std::string_view recurrence = in.recurrence ? Trim(*in.recurrence) : std::string_view{};
  if (recurrence == "weekly") r.frequency = Frequency::kWeekly;
  else if (recurrence == "monthly") r.frequency = Frequency::kMonthly;
  else if (!recurrence.empty() && recurrence != "none") errors["recurrence"] = "validation.choice";
  if (r.frequency != Frequency::kNone) {
    auto until = in.recurrence_until ? ParseDate(Trim(*in.recurrence_until)) : std::nullopt;
    if (!until) errors["recurrence_until"] = in.recurrence_until && !Trim(*in.recurrence_until).empty()
                                                 ? "validation.date"
                                                 : "validation.required";
    else r.until = *until;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return r;
}

// Who approves, refuses: the owner's users (coordinators for the hub's own), coordinators.
bool MayDecide(const Actor& actor, const HubContext& hub, const Booking& booking) {
  return internal::ActsFor(actor, hub, Party{booking.owner, ""});
}

}  // namespace

Result<ResourcePage> PoolingService::SearchAvailability(const Actor& actor, const HubContext& hub,
                                                       const AvailabilityQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto zone = internal::ZoneOf(hub);
  auto slot = ToSlot(query.start, query.end, *zone);
  if (!slot) return slot.error();
  if (slot->Minutes() > kMaxBookingMinutes) return internal::FieldError("ends_at", "validation.booking_too_long");
  ResourcePage page;
  page.per_page = std::clamp(query.per_page, 1, 200);
  page.page = std::max(query.page, 1);
  if (query.kind && !IsSchedulable(*query.kind)) return page;
  std::vector<std::string> words;
  for (auto& word : Split(FoldForSearch(query.text), ' '))
    if (!word.empty()) words.push_back(std::move(word));

  auto tx = pool_.Begin(db::TxMode::kRead);
  auto catalogue = catalogue_->Get(tx, hub.hub.id);
  const std::int64_t lookback = store::LongestBookingSeconds(tx, hub.hub.id);
  const auto busy = store::BusyResources(tx, hub.hub.id, slot->starts_at, slot->ends_at, lookback);
  const SlotContext context{.now = clock_.Now(), .attendees = query.capacity};
  const std::int64_t first = static_cast<std::int64_t>(page.page - 1) * page.per_page;
  for (const auto& entry : *catalogue) {
    const Resource& r = entry.resource;
    if (query.kind && r.kind != *query.kind) continue;
    if (!query.category.empty() && r.category != query.category) continue;
    if (query.capacity && r.capacity && *r.capacity < *query.capacity) continue;
    if (!std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return entry.search_text.find(w) != std::string::npos; }))
      continue;
    if (std::binary_search(busy.begin(), busy.end(), r.id.value)) continue;
    // The prerequisite is the booker's business, checked when booking; the rest applies.
    if (SlotFault(r, *slot, context)) continue;
    if (page.total >= first && page.total < first + page.per_page) page.items.push_back(r);
    ++page.total;
  }
  // Owner names as they are now: the cached copies keep the names of when they were built.
  std::vector<std::int64_t> owners;
  for (const auto& r : page.items)
    if (r.owner) owners.push_back(r.owner->value);
  auto names = store::MemberNamesOf(tx, hub.hub.id, owners);
  for (auto& r : page.items)
    if (r.owner) r.owner_name = names[r.owner->value];
  return page;
}

Result<BookingOutcome> PoolingService::BookResource(const Actor& actor, const HubContext& hub,
                                                    const BookingInput& input, BookingMode mode) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto request = ParseRequest(input);
  if (!request) return request.error();
  BookingRequest& req = *request;
  if (!req.member) req.member = internal::OwnMember(hub);
  if (!req.member) return internal::FieldError("member_id", "validation.required");
  if (!internal::ActsFor(actor, hub, *req.member)) return Error::Denied();
  const PriceTier tier = req.tier.value_or(PriceTier::kMember);
  if (tier != PriceTier::kMember && !May(actor, hub, Permission::kManagePooling))
    return internal::FieldError("tier", "validation.tier_not_allowed");
  auto occurrences = ExpandRecurrence(req.start, req.end, req.frequency, req.until);
  if (!occurrences) return occurrences.error();
  auto zone = internal::ZoneOf(hub);

  // Previews only read; bookings write, holding the resource's lock from the first read.
  auto tx = pool_.Begin(mode == BookingMode::kPreview ? db::TxMode::kRead : db::TxMode::kWrite);
  if (mode != BookingMode::kPreview && !store::LockResource(tx, hub.hub.id, req.resource))
    return Error::NotFound("resource");
  auto resource = store::FindResource(tx, hub.hub.id, req.resource);
  if (!resource) return Error::NotFound("resource");
  if (!member_names_(tx, hub.hub.id, *req.member)) return internal::FieldError("member_id", "validation.member");
  const bool own_resource = resource->owner == req.member;
  const bool qualified = resource->rules.prerequisite.empty() || own_resource ||
                         store::IsQualified(tx, resource->id, *req.member);
  const Timestamp now = clock_.Now();
  const std::int64_t lookback = store::LongestBookingSeconds(tx, hub.hub.id);

  BookingOutcome outcome;
  std::int64_t longest = 0;
  for (const auto& [start, end] : *occurrences) {
    auto slot = ToSlot(start, end, *zone);
    if (!slot) return slot.error();
    auto broken = CheckSlot(*resource, *slot, {.now = now, .attendees = req.attendees, .qualified = qualified});
    if (!broken.empty()) return Error::Invalid(std::move(broken), "the slot of " + FormatLocalDateTime(start) +
                                                                      " breaks a booking rule");
    Occurrence occurrence{start, end, slot->starts_at, slot->ends_at, PriceOf(resource->pricing, tier, *slot), {}};
    if (own_resource) occurrence.price = Money{0};  // using one's own resource costs nothing
    occurrence.conflict = store::FindOverlap(tx, hub.hub.id, resource->id, slot->starts_at, slot->ends_at, lookback);
    // Occurrences of one request may collide with each other (long weekly slots): the
    // later one gives way to the first that would be booked.
    for (std::size_t i = 0; i < outcome.occurrences.size() && !occurrence.Conflicted(); ++i) {
      const auto& earlier = outcome.occurrences[i];
      if (!earlier.Conflicted() && Overlaps(earlier.starts_at, earlier.ends_at, slot->starts_at, slot->ends_at))
        occurrence.collides_with = static_cast<int>(i);
    }
    outcome.occurrences.push_back(std::move(occurrence));
  }
  const auto conflicts = std::count_if(outcome.occurrences.begin(), outcome.occurrences.end(),
                                       [](const Occurrence& o) { return o.Conflicted(); });
  if (mode == BookingMode::kPreview) return outcome;
  if (conflicts > 0 && (mode == BookingMode::kAllOrNothing ||
                        conflicts == static_cast<std::int64_t>(outcome.occurrences.size()))) {
    outcome.conflicted = true;
    return outcome;  // the transaction rolls back: nothing was written
  }

  const bool needs_approval = resource->rules.approval_required && !internal::ActsFor(actor, hub,
                                                                                      Party{resource->owner, ""});
  std::optional<SeriesId> series;
  if (req.frequency != Frequency::kNone) series = store::InsertSeries(tx, hub.hub.id, req.frequency, req.until, now);
  auto member_name = member_names_(tx, hub.hub.id, *req.member).value_or("");
  for (const auto& occurrence : outcome.occurrences) {
    if (occurrence.Conflicted()) continue;
    Booking booking;
    booking.hub = hub.hub.id;
    booking.resource = resource->id;
    booking.resource_name = resource->name;
    booking.member = *req.member;
    booking.member_name = member_name;
    booking.booked_by = actor.user;
    booking.title = req.title;
    booking.attendees = req.attendees;
    booking.starts_at = occurrence.starts_at;
    booking.ends_at = occurrence.ends_at;
    booking.status = needs_approval ? BookingStatus::kPending : BookingStatus::kConfirmed;
    booking.tier = tier;
    booking.price = occurrence.price;
    booking.owner = resource->owner;
    booking.series = series;
    booking.created_at = booking.updated_at = now;
    booking.id = store::InsertBooking(tx, booking);
    longest = std::max(longest, booking.ends_at.unix_seconds - booking.starts_at.unix_seconds);
    identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "booking", booking.id.value, "",
                                      internal::BookingJson(booking)});
    outcome.created.push_back(std::move(booking));
  }
  store::RaiseLongestBooking(tx, hub.hub.id, longest);
  tx.Commit();
  return outcome;
}

Result<BookingPage> PoolingService::ListBookings(const Actor& actor, const HubContext& hub,
                                                 const BookingQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  BookingPage page;
  page.per_page = std::clamp(query.per_page, 1, 1000);
  page.page = std::max(query.page, 1);
  auto tx = pool_.Begin(db::TxMode::kRead);
  page.total = store::CountBookings(tx, hub.hub.id, query);
  const std::int64_t offset = static_cast<std::int64_t>(page.page - 1) * page.per_page;
  if (offset < page.total) page.items = store::ListBookings(tx, hub.hub.id, query, page.per_page, offset);
  return page;
}

Result<Booking> PoolingService::GetBooking(const Actor& actor, const HubContext& hub, BookingId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto booking = store::FindBooking(tx, hub.hub.id, id);
  if (!booking) return Error::NotFound("booking");
  return *booking;
}

namespace {

enum class Decision { kApprove, kRefuse, kCancel };

Result<Booking> Decide(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, const Actor& actor,
                       const HubContext& hub, BookingId id, Decision decision, const std::string& reason) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  std::string why(Trim(reason));
  if (decision != Decision::kApprove) {
    if (why.empty()) return internal::FieldError("reason", "validation.required");
    if (!IsValidUtf8(why)) return internal::FieldError("reason", "validation.encoding");
    if (why.size() > 1000) return internal::FieldError("reason", "validation.too_long");
  }
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto current = store::FindBooking(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("booking");
  const Timestamp now = clock.Now();
  Booking booking = *current;
  switch (decision) {
    case Decision::kApprove:
    case Decision::kRefuse:
      if (!MayDecide(actor, hub, *current)) return Error::Denied();
      if (current->status != BookingStatus::kPending) return internal::OutOfOrder("the booking is not pending");
      // A request left pending past its start is moot: approving it would bill a past use.
      if (decision == Decision::kApprove && current->starts_at <= now)
        return internal::OutOfOrder("the booking has started");
      booking.status = decision == Decision::kApprove ? BookingStatus::kConfirmed : BookingStatus::kRefused;
      break;
    case Decision::kCancel:
      if (!internal::ActsFor(actor, hub, current->member) && !MayDecide(actor, hub, *current))
        return Error::Denied();
      if (!HoldsSlot(current->status)) return internal::OutOfOrder("the booking is not active");
      if (current->starts_at <= now) return internal::OutOfOrder("the booking has started");
      booking.status = BookingStatus::kCancelled;
      break;
  }
  booking.reason = why;
  booking.decided_by = actor.user;
  booking.updated_at = now;
  if (!store::UpdateBookingStatus(tx, booking, current->version)) return internal::Stale("booking");
  booking.version = current->version + 1;
  const char* action = decision == Decision::kApprove ? "approve" : decision == Decision::kRefuse ? "refuse" : "cancel";
  identity.RecordAudit(tx, actor, {hub.hub.id, action, "booking", id.value, internal::BookingJson(*current),
                                   internal::BookingJson(booking)});
  tx.Commit();
  return booking;
}

}  // namespace

Result<Booking> PoolingService::ApproveBooking(const Actor& actor, const HubContext& hub, BookingId id) {
  return Decide(pool_, clock_, identity_, actor, hub, id, Decision::kApprove, "");
}

Result<Booking> PoolingService::RefuseBooking(const Actor& actor, const HubContext& hub, BookingId id,
                                              const std::string& reason) {
  return Decide(pool_, clock_, identity_, actor, hub, id, Decision::kRefuse, reason);
}

Result<Booking> PoolingService::CancelBooking(const Actor& actor, const HubContext& hub, BookingId id,
                                              const std::string& reason) {
  return Decide(pool_, clock_, identity_, actor, hub, id, Decision::kCancel, reason);
}

}  // namespace coopole::pooling
