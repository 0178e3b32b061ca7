// Digest e-mails of animation notices (composition root: it joins the notices, the message
// catalogues and the outbox).
#pragma once

#include <memory>
#include <string>

#include "coopole/animation/notices.h"
#include "coopole/render/render.h"

namespace coopole::app {

// A DigestSink that queues one e-mail per digest, in the user's language (else French),
// listing each notice's text, its time in the hub's zone and its link under `public_url`,
// with links to the notices page and its preference form. It runs inside the transaction
// that marks the notices mailed. An address the outbox refuses: no e-mail, nothing fails.
animation::DigestSink MakeNoticeDigestMailer(std::shared_ptr<const render::Messages> messages, std::string public_url,
                                             const Clock& clock);

}  // namespace coopole::app
