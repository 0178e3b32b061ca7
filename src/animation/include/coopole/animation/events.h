// Animation, events: kinds, dates in the hub's zone, place or pooled room, capacity, invitations, replies (signed link or app), waiting list, attendance, minutes.
// (Contract comments: what each use case does, who may call it, which errors it returns.)
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

// --- The contract between events (which sends) and the app's event mailer (which composes) ---
// One person told about an event. `token` is the invitation's reply token (stored as is in
// animation_invitations.token, a capability like a calendar feed token): the reply page is
// <public_url>/invitations/<token>.
struct EventRecipient {
  InvitationId invitation;
  PersonId person;
  MemberId member;
  std::string name, email, token;
  std::string reply;  // "pending", "yes", "no", "maybe"
  bool waitlisted = false;
};

// What happened, for whom. The mailer writes one e-mail per recipient with an address, in
// French (people have no language setting), with an .ics attachment: METHOD:REQUEST for
// kInvitation, kUpdate and kPromoted (same UID, SEQUENCE = `sequence`), METHOD:CANCEL for
// kCancellation.
struct EventMessage {
  enum class Reason { kInvitation, kUpdate, kCancellation, kPromoted };
  Reason reason = Reason::kInvitation;
  HubId hub;
  std::string hub_slug, hub_name;
  EventId event;
  std::string kind;  // "meeting", "group_session", "newcomer_breakfast", "festival", "learning_visit",
                     // "training", "general_assembly"
  std::string title, description, place;
  Timestamp starts_at, ends_at;  // UTC
  std::int64_t sequence = 0;      // the event's version: calendar clients replace older copies
  std::vector<EventRecipient> recipients;
};

// Called inside the transaction that invites, changes or cancels, so that the e-mails are
// queued (mail outbox) exactly when the change commits. Unset: no e-mail.
using EventMailer = std::function<void(db::Transaction&, const EventMessage&)>;

class EventService {
 public:
  EventService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();
  void SetEventMailer(EventMailer mailer) { mailer_ = std::move(mailer); }

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
  EventMailer mailer_;
};

}  // namespace coopole::animation
