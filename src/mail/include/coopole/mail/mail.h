// E-mail: an outbox written in the caller's transaction, and a sender that delivers it over
// SMTP (libcurl), retrying until the server takes each message.
//
// Contract: a message enqueued in a transaction exists if and only if that transaction
// commits; once it exists it is never lost: a failed send is kept with its error and tried
// again later (RetryDelay), and after kMaxAttempts it stays in the outbox as "failed" for a
// coordinator to see and requeue.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "coopole/core/id.h"
#include "coopole/core/result.h"
#include "coopole/core/time.h"
#include "coopole/db/db.h"
#include "coopole/db/migrations.h"

namespace coopole::mail {

using MailId = Id<struct MailTag>;

struct Attachment {
  std::string filename;      // "invitation.ics"
  std::string content_type;  // "text/calendar; method=REQUEST"
  std::string content;       // raw bytes; sent in base64
};

struct MailMessage {
  std::string to;            // one address
  std::string to_name;       // may be empty
  std::string subject;       // UTF-8
  std::string text_body;     // UTF-8 plain text
  std::vector<Attachment> attachments;
};

// How to reach the SMTP server. `url` is "smtp://host:port" (STARTTLS per `security`) or
// "smtps://host:port" (TLS from the first byte).
enum class SmtpSecurity { kNone, kStartTls, kTls };
struct SmtpSettings {
  std::string url;                  // empty: e-mail is off (messages wait in the outbox)
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username, password;   // empty: no authentication
  std::string from = "coopole@localhost";
  std::string from_name = "coopole";
  long timeout_seconds = 30;
};
// "none", "starttls", "tls". Errors: nullopt.
std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view text);

// After `attempts` failed sends, how long to wait before the next: 1 min, 5 min, 30 min,
// 2 h, then 6 h. nullopt once attempts reach kMaxAttempts (the message is then "failed").
inline constexpr int kMaxAttempts = 10;
std::optional<std::int64_t> RetryDelaySeconds(int attempts);

enum class MailStatus { kQueued, kSent, kFailed };
const char* MailStatusCode(MailStatus status);  // "queued", "sent", "failed"

struct OutboxEntry {
  MailId id;
  MailStatus status = MailStatus::kQueued;
  std::string to, subject;
  int attempts = 0;
  std::string last_error;
  Timestamp created_at, next_attempt_at;
  std::optional<Timestamp> sent_at;
};

// Adds `message` to the outbox inside `tx` (the caller's transaction: the message goes out
// only if the caller's change commits). Errors: kInvalidArgument {"to"} when the address is
// not one, {"subject"} when empty or holding a line break.
Result<MailId> Enqueue(db::Transaction& tx, const MailMessage& message, Timestamp now);

// The outbox, newest first (for the coordinators' page and the tests).
std::vector<OutboxEntry> ListOutbox(db::Transaction& tx, int limit);
// Puts a failed message back in the queue (attempts reset). Errors: kNotFound.
Status Requeue(db::Transaction& tx, MailId id, Timestamp now);

std::vector<db::Migration> Migrations();

// Delivers the outbox. SendDue can be called by anyone (tests call it directly); Start runs
// it on a background thread every `poll_seconds` until Stop or destruction.
class MailSender {
 public:
  MailSender(db::Pool& pool, const Clock& clock, SmtpSettings settings);
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  struct Report {
    int sent = 0, retried = 0, failed = 0;
  };
  // Sends up to `limit` messages whose next attempt is due. Each message is claimed in its
  // own transaction (its next attempt moved forward) before the SMTP exchange, so that two
  // senders never send one message twice and a crash mid-send leaves it queued.
  Report SendDue(int limit = 50);

  void Start(int poll_seconds = 15);
  void Stop();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  SmtpSettings settings_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace coopole::mail
