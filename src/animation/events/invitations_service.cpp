// Use cases of invitations and replies: inviting members, groups and people (deduplicated,
// idempotent), replying in the app or from the public link, the waiting list.
#include <algorithm>
#include <set>

#include "coopole/animation/groups.h"
#include "events_internal.h"
#include "events_rules.h"
#include "store/events_store.h"

namespace coopole::animation {

using namespace events_internal;

Result<InviteOutcome> EventService::Invite(const Actor& actor, const HubContext& hub, EventId id,
                                           const InviteInput& input) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto event = events_store::FindEvent(tx, hub.hub.id, id);
  if (!event) return Error::NotFound("event");
  std::optional<MemberId> lead;
  if (event->group) lead = events_store::GroupLead(tx, *event->group);
  if (!ActsFor(actor, hub, lead)) return Error::Denied();
  if (event->status != "planned") return FieldError("status", "animation.events.error.not_planned");
  std::map<std::int64_t, DirectoryPerson> people;
  std::set<std::int64_t> members;
  if (directory_.people)
    for (auto& p : directory_.people(tx, hub.hub.id)) people.emplace(p.id.value, std::move(p));
  if (directory_.active_members)
    for (const auto& m : directory_.active_members(tx, hub.hub.id)) members.insert(m.id.value);
  std::map<std::string, std::string> errors;
  std::vector<std::pair<DirectoryPerson, std::string>> chosen;
  std::set<std::int64_t> seen;
  auto add = [&](std::int64_t person, const char* via) {
    auto it = people.find(person);
    if (it == people.end() || !seen.insert(person).second) return;
    chosen.emplace_back(it->second, via);
  };
  for (const auto& text : input.people) {
    auto pid = ParsePositiveId(text);
    if (!pid || !people.count(*pid)) errors["people"] = "animation.invitations.error.person";
    else add(*pid, "person");
  }
  for (const auto& text : input.groups) {
    auto gid = ParsePositiveId(text);
    if (!gid || !events_store::GroupName(tx, hub.hub.id, GroupId{*gid})) {
      errors["groups"] = "animation.events.error.group";
      continue;
    }
    for (auto person : GroupService::GroupInvitees(tx, hub.hub.id, GroupId{*gid})) add(person.value, "group");
  }
  for (const auto& text : input.members) {
    auto mid = ParsePositiveId(text);
    if (!mid || !members.count(*mid)) {
      errors["members"] = "animation.events.error.member";
      continue;
    }
    for (const auto& [pid, person] : people)
      if (person.member.value == *mid) add(pid, "member");
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (input.people.empty() && input.groups.empty() && input.members.empty())
    return FieldError("people", "animation.invitations.error.nobody");
  InviteOutcome outcome;
  auto recipients = InsertInvitations(tx, *event, chosen, clock_.Now(), outcome.already);
  outcome.invited = static_cast<std::int64_t>(recipients.size());
  if (!recipients.empty()) {
    nlohmann::json who = nlohmann::json::array();
    for (const auto& r : recipients) who.push_back(r.person.value);
    identity_.RecordAudit(tx, actor, {hub.hub.id, "invite", "event", id.value, "", AuditJson({{"people", who}})});
    std::set<std::int64_t> invited_members;
    for (const auto& r : recipients) invited_members.insert(r.member.value);
    NotifyMembers(tx, hub.hub, *event, invited_members, "event_planned", clock_.Now());
  }
  Tell(tx, hub.hub, *event, EventMessage::Reason::kInvitation, std::move(recipients));
  tx.Commit();
  return outcome;
}

Result<std::vector<Invitation>> EventService::ListInvitations(const Actor& actor, const HubContext& hub, EventId id) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  if (!events_store::FindEvent(tx, hub.hub.id, id)) return Error::NotFound("event");
  return events_store::ListInvitations(tx, id);
}

Result<PublicInvitation> EventService::ReplyIn(db::Transaction& tx, const hubs::Hub& hub, Invitation invitation,
                                               const std::string& reply, const std::optional<Actor>& actor) {
  const std::string answer(Trim(reply));
  if (!events_rules::IsReply(answer)) return FieldError("reply", "animation.invitations.error.reply");
  // The seats are counted under the event's lock, and the invitation read again under it: a
  // concurrent reply committed meanwhile is seen (PostgreSQL READ COMMITTED).
  events_store::LockEvent(tx, hub.id, invitation.event);
  if (auto again = events_store::FindInvitation(tx, hub.id, invitation.id)) invitation = *again;
  else return Error::NotFound("invitation");
  auto event = events_store::FindEvent(tx, hub.id, invitation.event);
  if (!event) return Error::NotFound("invitation");
  const Timestamp now = clock_.Now();
  if (auto refusal = events_rules::ReplyRefusal(event->status, event->ends_at, now); !refusal.empty())
    return ReplyClosed(refusal);
  const Invitation before = invitation;
  const bool held_seat = before.reply == "yes" && !before.waitlist_position;
  if (answer != "yes") {
    invitation.waitlist_position.reset();
  } else if (before.reply != "yes") {
    std::vector<events_rules::Seat> seats;
    for (const auto& i : events_store::ListInvitations(tx, event->id))
      if (i.id != invitation.id) seats.push_back({i.id.value, i.reply, i.waitlist_position});
    invitation.waitlist_position = events_rules::PositionForYes(event->capacity, seats);
  }
  invitation.reply = answer;
  invitation.replied_at = now;
  events_store::SaveReply(tx, invitation);
  invitation.version += 1;
  if (held_seat && answer != "yes") Tell(tx, hub, *event, EventMessage::Reason::kPromoted, RebalanceWaitlist(tx, *event));
  else if (before.waitlist_position && answer != "yes") (void)RebalanceWaitlist(tx, *event);  // close the gap
  Actor who = actor.value_or(Actor{.user = UserId{0}, .name = invitation.person_name + " (lien d'invitation)"});
  identity_.RecordAudit(tx, who, {hub.id, "reply", "invitation", invitation.id.value, AuditJson(InvitationJson(before)),
                                  AuditJson(InvitationJson(invitation))});
  auto fresh = events_store::FindInvitation(tx, hub.id, invitation.id).value_or(invitation);
  auto fresh_event = events_store::FindEvent(tx, hub.id, event->id).value_or(*event);
  return PublicInvitation{fresh, fresh_event, hub, true};
}

Result<Invitation> EventService::Reply(const Actor& actor, const HubContext& hub, InvitationId id,
                                       const std::string& reply) {
  if (!MayRead(actor, hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto invitation = events_store::FindInvitation(tx, hub.hub.id, id);
  if (!invitation) return Error::NotFound("invitation");
  if (!IsCoordinator(actor, hub) && OwnMember(hub) != invitation->member) return Error::Denied();
  auto done = ReplyIn(tx, hub.hub, *invitation, reply, actor);
  if (!done) return done.error();
  tx.Commit();
  return done->invitation;
}

Result<PublicInvitation> EventService::InvitationByToken(const std::string& token) {
  if (token.empty() || token.size() > 100) return Error::NotFound("invitation");
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto invitation = events_store::FindInvitationByToken(tx, token);
  if (!invitation) return Error::NotFound("invitation");
  auto hub_id = events_store::HubOfInvitation(tx, token);
  auto hub = hub_id ? hubs::HubService::FindById(tx, *hub_id) : std::nullopt;
  if (!hub) return Error::NotFound("invitation");
  auto event = events_store::FindEvent(tx, hub->id, invitation->event);
  if (!event) return Error::NotFound("invitation");
  const bool open = events_rules::ReplyRefusal(event->status, event->ends_at, clock_.Now()).empty();
  return PublicInvitation{*invitation, *event, *hub, open};
}

Result<PublicInvitation> EventService::ReplyByToken(const std::string& token, const std::string& reply) {
  if (token.empty() || token.size() > 100) return Error::NotFound("invitation");
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto invitation = events_store::FindInvitationByToken(tx, token);
  if (!invitation) return Error::NotFound("invitation");
  auto hub_id = events_store::HubOfInvitation(tx, token);
  auto hub = hub_id ? hubs::HubService::FindById(tx, *hub_id) : std::nullopt;
  if (!hub) return Error::NotFound("invitation");
  auto done = ReplyIn(tx, *hub, *invitation, reply, std::nullopt);
  if (!done) return done.error();
  tx.Commit();
  return *done;
}

}  // namespace coopole::animation
