// Use cases of events: list, read, create, edit, move along their statuses, minutes; the
// pooled room booked around the event's transaction; the messages to invitees.
#include <algorithm>
#include <set>

#include "events_internal.h"
#include "events_rules.h"
#include "store/events_store.h"

namespace coopole::animation {

using namespace events_internal;
using Errors = std::map<std::string, std::string>;

EventService::EventService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

struct EventService::Checked {
  Event event;
  std::optional<MemberId> group_lead;  // of the event's group, for the permission check
};

namespace {

// An optional id field: "" clears it, else a positive integer accepted by `known`.
template <typename IdT, typename Known>
void OptionalId(const std::optional<std::string>& input, const std::string& field, const std::string& key,
                std::optional<IdT>& target, Errors& errors, Known known) {
  if (!input) return;
  if (Trim(*input).empty()) {
    target.reset();
    return;
  }
  auto id = ParsePositiveId(*input);
  if (!id || !known(*id)) {
    errors[field] = key;
    return;
  }
  target = IdT{*id};
}

// Releases a pooled room booked for an event unless the event's transaction committed.
struct BookingGuard {
  const Directory& directory;
  const Actor& actor;
  const HubContext& hub;
  std::optional<std::int64_t> booking;
  bool keep = false;
  ~BookingGuard() {
    if (keep || !booking || !directory.cancel_room) return;
    try {
      (void)directory.cancel_room(actor, hub, *booking, "event not saved");
    } catch (...) {  // a destructor never throws: the booking stays, visible in pooling
    }
  }
};

void CancelRoomQuietly(const Directory& directory, const Actor& actor, const HubContext& hub,
                       std::optional<std::int64_t> booking, const std::string& reason) {
  if (!booking || !directory.cancel_room) return;
  (void)directory.cancel_room(actor, hub, *booking, reason);
}

bool SameRoomSlot(const Event& a, const Event& b) {
  return a.room_resource_id == b.room_resource_id && a.starts_at == b.starts_at && a.ends_at == b.ends_at;
}

}  // namespace

Result<EventService::Checked> EventService::Check(db::Transaction& tx, const HubContext& hub, const EventInput& input,
                                                  Event e) {
  Errors errors;
  if (input.kind) {
    std::string kind(Trim(*input.kind));
    if (events_rules::IsKind(kind)) e.kind = kind;
    else errors["kind"] = "validation.choice";
  }
  if (input.title) e.title = CheckedText(*input.title, "title", 300, errors);
  if (e.title.empty() && !errors.count("title")) errors["title"] = "validation.required";
  if (input.description) e.description = CheckedText(*input.description, "description", 20000, errors);
  if (input.place) e.place = CheckedText(*input.place, "place", 300, errors);
  std::map<std::int64_t, std::string> members;
  if (directory_.active_members)
    for (const auto& m : directory_.active_members(tx, hub.hub.id)) members[m.id.value] = m.name;
  auto is_member = [&](std::int64_t id) { return members.count(id) > 0; };
  OptionalId(input.newcomer_member_id, "newcomer_member_id", "animation.events.error.member", e.newcomer, errors,
             is_member);
  OptionalId(input.host_member_id, "host_member_id", "animation.events.error.member", e.host, errors, is_member);
  if (e.newcomer && members.count(e.newcomer->value)) e.newcomer_name = members[e.newcomer->value];
  if (e.host && members.count(e.host->value)) e.host_name = members[e.host->value];
  std::string group_name;
  OptionalId(input.group_id, "group_id", "animation.events.error.group", e.group, errors, [&](std::int64_t id) {
    auto name = events_store::GroupName(tx, hub.hub.id, GroupId{id});
    if (name) group_name = *name;
    return name.has_value();
  });
  if (input.group_id) e.group_name = e.group ? group_name : "";
  if (input.capacity) {
    if (Trim(*input.capacity).empty()) e.capacity.reset();
    else if (auto c = ParsePositiveId(*input.capacity); c && *c <= 100000) e.capacity = *c;
    else errors["capacity"] = "animation.events.error.capacity";
  }
  if (input.room_resource_id) {
    if (Trim(*input.room_resource_id).empty()) {
      e.room_resource_id.reset();
    } else {
      auto id = ParsePositiveId(*input.room_resource_id);
      bool known = false;
      if (id && directory_.rooms)
        for (const auto& room : directory_.rooms(tx, hub.hub.id))
          if (room.resource_id == *id) {
            known = true;
            if (Trim(e.place).empty()) e.place = room.name + (room.location.empty() ? "" : ", " + room.location);
          }
      if (known) e.room_resource_id = *id;
      else errors["room"] = "animation.events.error.room_unknown";
    }
  }
  // Times, typed in the hub's zone; the current ones stand for the parts not given.
  if (input.date || input.start_time || input.end_time || input.end_date || e.starts_at.unix_seconds == 0) {
    const auto zone = hubs::ZoneOf(hub.hub);
    const bool fresh = e.starts_at.unix_seconds == 0;
    const LocalDateTime start_now = zone->ToLocal(e.starts_at), end_now = zone->ToLocal(e.ends_at);
    auto date = input.date ? ParseDate(Trim(*input.date)) : (fresh ? std::nullopt : std::optional<Date>(start_now.date));
    if (!date) errors["date"] = input.date && !Trim(*input.date).empty() ? "validation.date" : "validation.required";
    std::optional<Date> end_date = date;
    if (input.end_date && !Trim(*input.end_date).empty()) {
      end_date = ParseDate(Trim(*input.end_date));
      if (!end_date) errors["end_date"] = "validation.date";
    } else if (!input.date && !fresh) {
      end_date = end_now.date;
    }
    // Minutes since midnight, -1 when missing or malformed (plain ints: g++ 12 warns on optionals here).
    int start = fresh ? -1 : start_now.minute, end = fresh ? -1 : end_now.minute;
    if (input.start_time) start = ParseClock(Trim(*input.start_time)).value_or(-1);
    if (input.end_time) end = ParseClock(Trim(*input.end_time)).value_or(-1);
    if (start < 0) errors["start_time"] = "animation.events.error.time";
    if (end < 0) errors["end_time"] = "animation.events.error.time";
    if (date && end_date && start >= 0 && end >= 0) {
      auto starts = zone->ToUtc(LocalDateTime{*date, start});
      auto ends = zone->ToUtc(LocalDateTime{*end_date, end});
      if (!starts) errors["start_time"] = "animation.events.error.skipped_time";
      if (!ends) errors["end_time"] = "animation.events.error.skipped_time";
      if (starts && ends) {
        if (*ends <= *starts) errors["ends_at"] = "animation.events.error.ends_before";
        else if (ends->unix_seconds - starts->unix_seconds > 31 * 86400) errors["ends_at"] = "animation.events.error.too_long";
        e.starts_at = *starts;
        e.ends_at = *ends;
      }
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  Checked checked{e, std::nullopt};
  if (e.group) checked.group_lead = events_store::GroupLead(tx, *e.group);
  return checked;
}

void EventService::Tell(db::Transaction& tx, const hubs::Hub& hub, const Event& event, EventMessage::Reason reason,
                        std::vector<EventRecipient> recipients) {
  if (!mailer_ || recipients.empty()) return;
  EventMessage message;
  message.reason = reason;
  message.hub = hub.id;
  message.hub_slug = hub.slug;
  message.hub_name = hub.name;
  message.event = event.id;
  message.kind = event.kind;
  message.title = event.title;
  message.description = event.description;
  message.place = event.place;
  message.starts_at = event.starts_at;
  message.ends_at = event.ends_at;
  message.sequence = event.version;
  message.recipients = std::move(recipients);
  mailer_(tx, message);
}

Result<EventPage> EventService::ListEvents(const Actor& actor, const HubContext& hub, const EventQuery& query) {
  if (!MayRead(actor, hub)) return Error::Denied();
  EventQuery q = query;
  q.kind = std::string(Trim(q.kind));
  if (!q.kind.empty() && !events_rules::IsKind(q.kind)) return FieldError("kind", "validation.choice");
  if (!q.when.empty() && q.when != "upcoming" && q.when != "past") return FieldError("when", "validation.choice");
  if (q.page < 1) q.page = 1;
  q.per_page = std::clamp(q.per_page, 1, 200);
  auto tx = pool_.Begin(db::TxMode::kRead);
  return events_store::ListEvents(tx, hub.hub.id, q, clock_.Now());
}

Result<Event> EventService::GetEvent(const Actor& actor, const HubContext& hub, EventId id) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  return *event;
}

Result<Event> EventService::CreateEvent(const Actor& actor, const HubContext& hub, const EventInput& input) {
  if (!IsCoordinator(actor, hub) && !OwnMember(hub)) return Error::Denied();
  EventInput effective = input;
  if (!effective.kind) effective.kind = "";
  if (!effective.title) effective.title = "";
  Event event;
  event.hub = hub.hub.id;
  Result<Checked> checked = Error::Denied();
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    checked = Check(tx, hub, effective, event);
  }
  if (!checked) return checked.error();
  event = checked->event;
  // A member-role user creates the events of the groups its organisation leads.
  if (!ActsFor(actor, hub, checked->group_lead)) return Error::Denied();
  BookingGuard guard{directory_, actor, hub, std::nullopt};
  if (event.room_resource_id) {
    auto booker = event.host ? event.host : OwnMember(hub);
    if (!booker) return FieldError("host_member_id", "animation.events.error.room_needs_host");
    if (!directory_.book_room) return FieldError("room", "animation.events.error.room_unknown");
    auto booking = directory_.book_room(
        actor, hub, RoomBookingRequest{*event.room_resource_id, *booker, event.title, event.starts_at, event.ends_at, event.capacity});
    if (!booking) return FieldError("room", "animation.events.error.room_taken", booking.error().message);
    guard.booking = *booking;
    event.room_booking_id = *booking;
  }
  const Timestamp now = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  event.status = "planned";
  event.created_by = actor.user;
  event.created_at = event.updated_at = now;
  event.id = events_store::InsertEvent(tx, event);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "event", event.id.value, "", AuditJson(EventJson(event, hub.hub))});
  // A newcomer breakfast welcomes the newcomer with every active member: all are invited.
  if (event.kind == "newcomer_breakfast" && directory_.people) {
    std::vector<std::pair<DirectoryPerson, std::string>> people;
    for (auto& p : directory_.people(tx, hub.hub.id)) people.emplace_back(std::move(p), "member");
    std::int64_t already = 0;
    auto recipients = InsertInvitations(tx, event, people, now, already);
    Tell(tx, hub.hub, event, EventMessage::Reason::kInvitation, std::move(recipients));
  }
  tx.Commit();
  guard.keep = true;
  auto tx2 = pool_.Begin(db::TxMode::kRead);
  return events_store::FindEvent(tx2, hub.hub.id, event.id).value_or(event);
}

Result<Event> EventService::UpdateEvent(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                                        const EventInput& input) {
  if (!MayRead(actor, hub)) return Error::Denied();
  std::optional<Event> current;
  Result<Checked> checked = Error::Denied();
  std::optional<MemberId> current_lead;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    current = events_store::FindEvent(tx, hub.hub.id, id);
    if (!current) return Error::NotFound("event");
    if (current->group) current_lead = events_store::GroupLead(tx, *current->group);
    if (!ActsFor(actor, hub, current_lead)) return Error::Denied();
    if (current->version != version) return Stale();
    if (current->status != "planned") return FieldError("status", "animation.events.error.not_planned");
    checked = Check(tx, hub, input, *current);
  }
  if (!checked) return checked.error();
  Event event = checked->event;
  if (event.group != current->group && !ActsFor(actor, hub, checked->group_lead)) return Error::Denied();
  BookingGuard guard{directory_, actor, hub, std::nullopt};
  std::optional<std::int64_t> release;  // the previous booking, released once the change commits
  bool released_own = false;            // the previous booking was released before the change
  // When the change is not saved after the previous booking was released: the new booking (if
  // any) is released, the unchanged slot booked again and the event pointed at that booking.
  auto restore_own_slot = [&] {
    if (!released_own) return;
    released_own = false;
    if (guard.booking && directory_.cancel_room) (void)directory_.cancel_room(actor, hub, *guard.booking, "event not saved");
    guard.booking.reset();
    const auto old_booker = current->host ? current->host : OwnMember(hub);
    std::optional<std::int64_t> restored;
    if (old_booker && directory_.book_room)
      if (auto back = directory_.book_room(actor, hub, RoomBookingRequest{*current->room_resource_id, *old_booker,
                                                                          current->title, current->starts_at,
                                                                          current->ends_at, current->capacity}))
        restored = *back;
    auto tx = pool_.Begin(db::TxMode::kWrite);
    if (events_store::SetRoomBooking(tx, hub.hub.id, id, *current->room_booking_id, restored)) tx.Commit();
    else if (restored && directory_.cancel_room)  // the event changed meanwhile: not ours to put back
      (void)directory_.cancel_room(actor, hub, *restored, "event changed meanwhile");
  };
  if (!SameRoomSlot(event, *current) || (event.room_resource_id && !current->room_booking_id)) {
    release = current->room_booking_id;
    event.room_booking_id.reset();
    if (event.room_resource_id) {
      auto booker = event.host ? event.host : OwnMember(hub);
      if (!booker) return FieldError("host_member_id", "animation.events.error.room_needs_host");
      if (!directory_.book_room) return FieldError("room", "animation.events.error.room_unknown");
      // Moving within the same room onto a slot that overlaps the old one would collide with
      // our own booking: the old one is released first, and booked again if the new slot is
      // refused (the event then points at that new booking of its unchanged slot).
      const bool overlaps_own = release && current->room_resource_id == event.room_resource_id &&
                                event.starts_at < current->ends_at && current->starts_at < event.ends_at;
      if (overlaps_own && directory_.cancel_room) {
        if (auto freed = directory_.cancel_room(actor, hub, *release, "event moved"); freed) {
          release.reset();
          released_own = true;
        }
      }
      auto booking = directory_.book_room(actor, hub,
                                          RoomBookingRequest{*event.room_resource_id, *booker, event.title,
                                                             event.starts_at, event.ends_at, event.capacity});
      if (!booking) {
        restore_own_slot();
        return FieldError("room", "animation.events.error.room_taken", booking.error().message);
      }
      guard.booking = *booking;
      event.room_booking_id = *booking;
    }
  }
  try {
    bool stale = false;
    {
      auto tx = pool_.Begin(db::TxMode::kWrite);
      event.updated_at = clock_.Now();
      stale = !events_store::UpdateEvent(tx, event, version);
      if (!stale) {
        SaveUpdate(tx, actor, hub, *current, event);
        tx.Commit();
      }
    }  // not committed: rolled back here, before the room is put back
    if (stale) {
      restore_own_slot();
      return Stale();
    }
  } catch (...) {
    restore_own_slot();
    throw;
  }
  guard.keep = true;
  CancelRoomQuietly(directory_, actor, hub, release, "event moved");
  auto tx2 = pool_.Begin(db::TxMode::kRead);
  return events_store::FindEvent(tx2, hub.hub.id, id).value_or(event);
}

// The rest of an edit, in its transaction once the row is updated: attendance copies, the
// waiting list, the invitees told, the audit.
void EventService::SaveUpdate(db::Transaction& tx, const Actor& actor, const HubContext& hub, const Event& current,
                              Event& event) {
  const EventId id = event.id;
  const std::int64_t version = current.version;
  const Event* previous = &current;
  event.version = version + 1;
  events_store::FollowEvent(tx, event, LocalDateOf(hub.hub, event.starts_at));
  if (event.capacity != previous->capacity)
    Tell(tx, hub.hub, event, EventMessage::Reason::kPromoted, RebalanceWaitlist(tx, event));
  if (event.starts_at != previous->starts_at || event.ends_at != previous->ends_at || event.place != previous->place) {
    std::vector<EventRecipient> told;
    for (const auto& i : events_store::ListInvitations(tx, event.id))
      if (i.reply != "no") told.push_back(RecipientOf(i));
    Tell(tx, hub.hub, event, EventMessage::Reason::kUpdate, std::move(told));
  }
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "event", id.value, AuditJson(EventJson(*previous, hub.hub)),
                                    AuditJson(EventJson(event, hub.hub))});
}

Result<Event> EventService::ChangeStatus(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                                         const std::string& status) {
  if (!MayRead(actor, hub)) return Error::Denied();
  std::optional<Event> current;
  const std::string to(Trim(status));
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    current = events_store::FindEvent(tx, hub.hub.id, id);
    if (!current) return Error::NotFound("event");
    std::optional<MemberId> lead;
    if (current->group) lead = events_store::GroupLead(tx, *current->group);
    if (!ActsFor(actor, hub, lead)) return Error::Denied();
    if (current->version != version) return Stale();
    if (!events_rules::MayMove(current->status, to)) return FieldError("status", "animation.events.error.transition");
  }
  // The room is released before the cancellation is saved: a release refused by pooling (the
  // booking is another organisation's) refuses the cancellation rather than leaving the room
  // booked for an event that will not take place. Were the cancellation then not saved, the
  // slot is booked again.
  const bool releases_room = to == "cancelled" && current->room_booking_id && directory_.cancel_room;
  if (releases_room) {
    auto freed = directory_.cancel_room(actor, hub, *current->room_booking_id, "event cancelled");
    if (!freed) return FieldError("room", "animation.events.error.room_release", freed.error().message);
  }
  auto rebook = [&] {
    if (!releases_room || !current->room_resource_id || !directory_.book_room) return;
    const auto booker = current->host ? current->host : OwnMember(hub);
    if (!booker) return;
    auto back = directory_.book_room(actor, hub, RoomBookingRequest{*current->room_resource_id, *booker, current->title,
                                                                    current->starts_at, current->ends_at,
                                                                    current->capacity});
    std::optional<std::int64_t> restored;
    if (back) restored = *back;
    auto tx = pool_.Begin(db::TxMode::kWrite);
    if (events_store::SetRoomBooking(tx, hub.hub.id, id, *current->room_booking_id, restored)) tx.Commit();
    else if (restored) (void)directory_.cancel_room(actor, hub, *restored, "event changed meanwhile");
  };
  Event event = *current;
  event.status = to;
  event.updated_at = clock_.Now();
  bool stale = false;
  try {
    auto tx = pool_.Begin(db::TxMode::kWrite);
    stale = !events_store::UpdateEvent(tx, event, version);
    if (!stale) {
      SaveStatus(tx, actor, hub, *current, event);
      tx.Commit();
    }
  } catch (...) {
    rebook();
    throw;
  }
  if (stale) {
    rebook();
    return Stale();
  }
  return event;
}

// The rest of a move along the statuses, in its transaction once the row is updated.
void EventService::SaveStatus(db::Transaction& tx, const Actor& actor, const HubContext& hub, const Event& previous,
                              Event& event) {
  const std::string& to = event.status;
  const EventId id = event.id;
  const Event* current = &previous;
  event.version = previous.version + 1;
  if (to == "cancelled") {
    std::vector<EventRecipient> told;
    for (const auto& i : events_store::ListInvitations(tx, event.id))
      if (i.reply != "no") told.push_back(RecipientOf(i));
    Tell(tx, hub.hub, event, EventMessage::Reason::kCancellation, std::move(told));
  }
  identity_.RecordAudit(tx, actor, {hub.hub.id, to == "held" ? "hold" : "cancel", "event", id.value,
                                    AuditJson(EventJson(*current, hub.hub)), AuditJson(EventJson(event, hub.hub))});
}

Result<Event> EventService::SaveMinutes(const Actor& actor, const HubContext& hub, EventId id, std::int64_t version,
                                        const std::string& minutes) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = events_store::FindEvent(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("event");
  std::optional<MemberId> lead;
  if (current->group) lead = events_store::GroupLead(tx, *current->group);
  if (!ActsFor(actor, hub, lead) && !ActsFor(actor, hub, current->host)) return Error::Denied();
  if (current->version != version) return Stale();
  Errors errors;
  Event event = *current;
  event.minutes = CheckedText(minutes, "minutes", 100000, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  event.updated_at = clock_.Now();
  if (!events_store::UpdateEvent(tx, event, version)) return Stale();
  event.version = version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "minutes", "event", id.value, AuditJson({{"minutes", current->minutes}}),
                                    AuditJson({{"minutes", event.minutes}})});
  if (current->minutes.empty() && !event.minutes.empty()) {  // published: told once, not at each correction
    std::set<std::int64_t> concerned;
    for (const auto& invitation : events_store::ListInvitations(tx, event.id)) concerned.insert(invitation.member.value);
    NotifyMembers(tx, hub.hub, event, concerned, "minutes_published", event.updated_at);
  }
  tx.Commit();
  return event;
}

}  // namespace coopole::animation
