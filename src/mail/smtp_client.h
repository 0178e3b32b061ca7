// One SMTP exchange through libcurl (private to the module).
#pragma once

#include <string>

#include "coopole/core/result.h"
#include "coopole/mail/mail.h"

namespace coopole::mail {

// Sends the MIME text `data` from settings.from to `to`. Errors: kUnavailable with the
// server's or libcurl's message (connection refused, TLS, authentication, a 4xx/5xx reply).
Status SendSmtp(const SmtpSettings& settings, const std::string& to, const std::string& data);

}  // namespace coopole::mail
