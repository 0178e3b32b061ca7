#include "coopole/mail/mail.h"

namespace coopole::mail {

// The outbox: every message the platform sends, kept after sending (what was sent to whom
// and when). Instants are UTC seconds. `mime` is the whole message as built at enqueue time.
std::vector<db::Migration> Migrations() {
  return {
      {"mail", 1, R"SQL(
CREATE TABLE mail_outbox (
  id {{id}},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  mime TEXT NOT NULL,
  status TEXT NOT NULL,                 -- queued, sent, failed
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
)SQL"},
  };
}

}  // namespace coopole::mail
