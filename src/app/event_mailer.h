// Invitation e-mails of animation events with their .ics (composition root: it joins the
// events contract, hubs, the message catalogues, the shared iCalendar writer and the outbox).
#pragma once

#include <memory>
#include <string>

#include "coopole/animation/events.h"
#include "coopole/render/render.h"

namespace coopole::app {

// An EventMailer (see events.h) that queues, inside the events transaction, one French e-mail
// per recipient with an address: subject by reason, the date and time in the hub's zone, the
// place, the reply link <public_url>/invitations/<token> (not for a cancellation), and
// "invitation.ics" (METHOD:REQUEST, or CANCEL for a cancellation; UID "event-<id>@<hub
// slug>.coopole", SEQUENCE = the message's sequence, ORGANIZER = the hub at
// `organizer_email` when not empty, ATTENDEE = the recipient). An address the outbox refuses
// is skipped; nothing else fails.
animation::EventMailer MakeEventMailer(std::shared_ptr<const render::Messages> messages, std::string public_url,
                                       const Clock& clock, std::string organizer_email = "");

// The iCalendar object of the invitation for one recipient (exposed for tests).
std::string EventInvitationIcs(const animation::EventMessage& message, const animation::EventRecipient& recipient,
                               const std::string& organizer_email, Timestamp now);

}  // namespace coopole::app
