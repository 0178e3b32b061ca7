// E-mail reminders of joint-bid deadlines (composition root: it joins the bids, identity,
// hubs, the message catalogues and the outbox).
#pragma once

#include <memory>
#include <string>

#include "coopole/cooperation/bids.h"
#include "coopole/render/render.h"

namespace coopole::app {

// A sink that queues, for a reminder, one e-mail to each user working for each co-contractor
// of the bid (IdentityService::MemberUsers), in the user's language (else French), with a link
// under `public_url`. It runs inside the transaction that records the reminder.
cooperation::ReminderSink MakeBidReminderMailer(std::shared_ptr<const render::Messages> messages,
                                                std::string public_url, const Clock& clock);

}  // namespace coopole::app
