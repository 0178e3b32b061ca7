// E-mail for the cooperation board's notifications (composition root: it joins the board,
// identity, hubs, the message catalogues and the outbox).
#pragma once

#include <memory>
#include <string>

#include "coopole/cooperation/board.h"
#include "coopole/render/render.h"

namespace coopole::app {

// A listener that queues, for each notification, one e-mail to each user working for the
// notified member (IdentityService::MemberUsers), in the user's language (else French), with
// links under `public_url`. It runs inside the publication's transaction (see
// cooperation::NotificationListener); a user whose address the outbox refuses is skipped.
cooperation::NotificationListener MakeBoardMailer(std::shared_ptr<const render::Messages> messages,
                                                  std::string public_url, const Clock& clock);

}  // namespace coopole::app
