#include <atomic>
#include <random>

#include "mime.h"
#include "store/outbox_store.h"

namespace coopole::mail {
namespace {

// Unique enough for a Message-ID or a MIME boundary (not a secret): 128 random bits.
std::string RandomHex() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  char buffer[33];
  std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(engine()),
                static_cast<unsigned long long>(engine()));
  return buffer;
}

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view text) {
  if (text == "none") return SmtpSecurity::kNone;
  if (text == "starttls") return SmtpSecurity::kStartTls;
  if (text == "tls") return SmtpSecurity::kTls;
  return std::nullopt;
}

std::optional<std::int64_t> RetryDelaySeconds(int attempts) {
  static constexpr std::int64_t kDelays[] = {60, 5 * 60, 30 * 60, 2 * 3600};
  if (attempts >= kMaxAttempts) return std::nullopt;
  if (attempts <= 0) return 0;
  const auto index = static_cast<std::size_t>(attempts - 1);
  return index < std::size(kDelays) ? kDelays[index] : 6 * 3600;
}

const char* MailStatusCode(MailStatus status) {
  switch (status) {
    case MailStatus::kQueued: return "queued";
    case MailStatus::kSent: return "sent";
    case MailStatus::kFailed: return "failed";
  }
  return "queued";
}

Result<MailId> Enqueue(db::Transaction& tx, const MailMessage& message, Timestamp now) {
  if (!IsMailAddress(message.to)) return Error::Invalid({{"to", "validation.email"}}, "not an e-mail address");
  if (message.subject.empty() || HasLineBreak(message.subject))
    return Error::Invalid({{"subject", "validation.required"}}, "a one-line subject is required");
  // The From of the envelope is filled in when sending (the settings may change meanwhile);
  // the stored text starts at the first header after it.
  Envelope envelope{.from = "", .from_name = "", .date = now, .message_id = RandomHex() + "@coopole",
                    .boundary = "=_coopole_" + RandomHex()};
  std::string mime = BuildMime(message, envelope);
  // Drop the placeholder From line: MailSender writes the configured one.
  mime.erase(0, mime.find("\r\n") + 2);
  return store::InsertMessage(tx, message.to, message.subject, mime, now);
}

std::vector<OutboxEntry> ListOutbox(db::Transaction& tx, int limit) { return store::List(tx, limit); }

Status Requeue(db::Transaction& tx, MailId id, Timestamp now) {
  if (!store::Requeue(tx, id, now)) return Error::NotFound("failed message");
  return OkStatus();
}

}  // namespace coopole::mail
