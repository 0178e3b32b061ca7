#include <chrono>

#include <spdlog/spdlog.h>

#include "mime.h"
#include "smtp_client.h"
#include "store/outbox_store.h"

namespace coopole::mail {
namespace {

// How long a claimed message is held by its sender: longer than any SMTP exchange, so that
// a sender that died mid-send releases it to the next poll after this.
constexpr std::int64_t kClaimSeconds = 10 * 60;

// The From line the stored message lacks (see Enqueue).
std::string FromLine(const SmtpSettings& settings) {
  std::string line = "From: ";
  if (!settings.from_name.empty()) line += EncodeHeaderWord(settings.from_name) + " ";
  return line + "<" + settings.from + ">\r\n";
}

}  // namespace

MailSender::MailSender(db::Pool& pool, const Clock& clock, SmtpSettings settings)
    : pool_(pool), clock_(clock), settings_(std::move(settings)) {}

MailSender::~MailSender() { Stop(); }

MailSender::Report MailSender::SendDue(int limit) {
  Report report;
  if (settings_.url.empty()) return report;  // e-mail off: messages wait
  const Timestamp now = clock_.Now();
  auto ids = pool_.InTransaction(db::TxMode::kRead, [&](db::Transaction& tx) { return store::DueIds(tx, now, limit); });
  for (MailId id : ids) {
    auto claimed = pool_.InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      return store::Claim(tx, id, now, Timestamp{now.unix_seconds + kClaimSeconds});
    });
    if (!claimed) continue;
    const Status sent = SendSmtp(settings_, claimed->recipient, FromLine(settings_) + claimed->mime);
    const Timestamp after = clock_.Now();
    pool_.InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
      if (sent.ok()) {
        store::MarkSent(tx, id, after);
        ++report.sent;
        return;
      }
      const int attempts = claimed->attempts + 1;
      const auto delay = RetryDelaySeconds(attempts);
      std::optional<Timestamp> next;
      if (delay) next = Timestamp{after.unix_seconds + *delay};
      store::MarkAttemptFailed(tx, id, attempts, sent.error().message, next);
      if (next) ++report.retried;
      else ++report.failed;
      spdlog::warn("mail {} to {}: attempt {} failed: {}", id.value, claimed->recipient, attempts, sent.error().message);
    });
  }
  return report;
}

void MailSender::Start(int poll_seconds) {
  if (thread_.joinable() || settings_.url.empty()) return;
  stop_ = false;
  thread_ = std::thread([this, poll_seconds] {
    while (!stop_) {
      try {
        SendDue();
      } catch (const std::exception& e) {
        spdlog::error("mail sender: {}", e.what());  // the database may be gone for a while
      }
      for (int i = 0; i < poll_seconds * 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

void MailSender::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace coopole::mail
