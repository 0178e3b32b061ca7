// The SQL of the outbox (private to the module).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coopole/mail/mail.h"

namespace coopole::mail::store {

struct Claimed {
  MailId id;
  std::string recipient, mime;
  int attempts = 0;
};

MailId InsertMessage(db::Transaction& tx, const std::string& recipient, const std::string& subject,
                     const std::string& mime, Timestamp now);
// The ids of queued messages due at `now`, oldest first.
std::vector<MailId> DueIds(db::Transaction& tx, Timestamp now, int limit);
// Claims a due message: moves its next attempt to `lease_until` if it is still queued and
// due. nullopt when another sender claimed it first.
std::optional<Claimed> Claim(db::Transaction& tx, MailId id, Timestamp now, Timestamp lease_until);
void MarkSent(db::Transaction& tx, MailId id, Timestamp now);
// Records a failed attempt: queued again at `next` or, without one, failed.
void MarkAttemptFailed(db::Transaction& tx, MailId id, int attempts, const std::string& error,
                       std::optional<Timestamp> next);
std::vector<OutboxEntry> List(db::Transaction& tx, int limit);
bool Requeue(db::Transaction& tx, MailId id, Timestamp now);

}  // namespace coopole::mail::store
