#include "events_internal.h"

#include "coopole/animation/notices.h"

#include <algorithm>

namespace coopole::animation::events_internal {

using nlohmann::json;

void NotifyMembers(db::Transaction& tx, const hubs::Hub& hub, const Event& event, const std::set<std::int64_t>& members,
                   const std::string& kind, Timestamp now) {
  std::vector<UserId> users;
  for (auto member : members)
    for (const auto& user : identity::IdentityService::MemberUsers(tx, hub.id, MemberId{member})) users.push_back(user.id);
  NoticeDraft draft{kind, {{"title", event.title}}, "/hubs/" + hub.slug + "/animation/events/" + std::to_string(event.id.value)};
  if (kind == "event_planned") draft.params["date"] = LocalDateOf(hub, event.starts_at);
  NoticeService::Post(tx, hub.id, users, draft, now);
}

std::string LocalDateOf(const hubs::Hub& hub, Timestamp at) {
  return FormatIsoDate(hubs::ZoneOf(hub)->ToLocal(at).date);
}

std::string LocalDateTimeOf(const hubs::Hub& hub, Timestamp at) {
  return FormatLocalDateTime(hubs::ZoneOf(hub)->ToLocal(at));
}

std::int64_t DurationMinutes(const Event& event) {
  return std::clamp<std::int64_t>((event.ends_at.unix_seconds - event.starts_at.unix_seconds) / 60, 0, 1440);
}

namespace {
json Opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json EventJson(const Event& e, const hubs::Hub& hub) {
  return {{"id", e.id.value},
          {"kind", e.kind},
          {"title", e.title},
          {"description", e.description},
          {"group_id", e.group ? json(e.group->value) : json(nullptr)},
          {"group_name", e.group_name},
          {"newcomer_member_id", e.newcomer ? json(e.newcomer->value) : json(nullptr)},
          {"newcomer_name", e.newcomer_name},
          {"host_member_id", e.host ? json(e.host->value) : json(nullptr)},
          {"host_name", e.host_name},
          {"starts_at", FormatIsoUtc(e.starts_at)},
          {"ends_at", FormatIsoUtc(e.ends_at)},
          {"starts_local", LocalDateTimeOf(hub, e.starts_at)},
          {"ends_local", LocalDateTimeOf(hub, e.ends_at)},
          {"place", e.place},
          {"room_resource_id", Opt(e.room_resource_id)},
          {"room_booking_id", Opt(e.room_booking_id)},
          {"capacity", Opt(e.capacity)},
          {"status", e.status},
          {"minutes", e.minutes},
          {"counts",
           {{"yes", e.yes},
            {"no", e.no},
            {"maybe", e.maybe},
            {"pending", e.pending},
            {"waitlisted", e.waitlisted},
            {"attended", e.attended}}},
          {"version", e.version}};
}

json InvitationJson(const Invitation& i) {
  return {{"id", i.id.value},
          {"event_id", i.event.value},
          {"person_id", i.person.value},
          {"person_name", i.person_name},
          {"member_id", i.member.value},
          {"member_name", i.member_name},
          {"reply", i.reply},
          {"waitlist_position", Opt(i.waitlist_position)},
          {"invited_via", i.invited_via},
          {"replied_at", i.replied_at ? json(FormatIsoUtc(*i.replied_at)) : json(nullptr)},
          {"version", i.version}};
}

json AttendanceJson(const AttendanceRow& a) {
  return {{"id", a.id.value},
          {"person_id", a.person.value},
          {"person_name", a.person_name},
          {"member_id", a.member.value},
          {"member_name", a.member_name},
          {"minutes", a.minutes},
          {"invited", a.invited},
          {"not_invited", !a.invited},
          {"compensated", a.compensated}};
}

}  // namespace coopole::animation::events_internal

#include "events_rules.h"
#include "store/events_store.h"

namespace coopole::animation::events_internal {

EventRecipient RecipientOf(const Invitation& i) {
  return EventRecipient{.invitation = i.id,
                        .person = i.person,
                        .member = i.member,
                        .name = i.person_name,
                        .email = i.email,
                        .token = i.token,
                        .reply = i.reply,
                        .waitlisted = i.waitlist_position.has_value()};
}

std::vector<EventRecipient> InsertInvitations(db::Transaction& tx, const Event& event,
                                              const std::vector<std::pair<DirectoryPerson, std::string>>& people,
                                              Timestamp now, std::int64_t& already) {
  std::vector<PersonId> created;
  for (const auto& [person, via] : people) {
    if (events_store::InsertInvitation(tx, event.hub, event.id, person, via, NewToken(), now)) created.push_back(person.id);
    else ++already;
  }
  std::vector<EventRecipient> out;
  if (created.empty()) return out;
  for (const auto& invitation : events_store::ListInvitations(tx, event.id))
    if (std::find(created.begin(), created.end(), invitation.person) != created.end())
      out.push_back(RecipientOf(invitation));
  return out;
}

std::vector<EventRecipient> RebalanceWaitlist(db::Transaction& tx, const Event& event) {
  auto invitations = events_store::ListInvitations(tx, event.id);
  std::vector<events_rules::Seat> seats;
  for (const auto& i : invitations) seats.push_back({i.id.value, i.reply, i.waitlist_position});
  auto promoted = events_rules::Rebalance(event.capacity, seats);
  std::vector<EventRecipient> out;
  for (std::size_t k = 0; k < seats.size(); ++k) {
    if (seats[k].position == invitations[k].waitlist_position) continue;
    events_store::SetWaitlistPosition(tx, invitations[k].id, seats[k].position);
    invitations[k].waitlist_position = seats[k].position;
    if (std::find(promoted.begin(), promoted.end(), seats[k].id) != promoted.end())
      out.push_back(RecipientOf(invitations[k]));
  }
  return out;
}

}  // namespace coopole::animation::events_internal
