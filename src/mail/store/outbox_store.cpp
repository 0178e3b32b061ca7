#include "store/outbox_store.h"

namespace coopole::mail::store {
namespace {

MailStatus StatusOf(const std::string& code) {
  if (code == "sent") return MailStatus::kSent;
  if (code == "failed") return MailStatus::kFailed;
  return MailStatus::kQueued;
}

}  // namespace

MailId InsertMessage(db::Transaction& tx, const std::string& recipient, const std::string& subject,
                     const std::string& mime, Timestamp now) {
  db::Params params;
  params.push_back(recipient);
  params.push_back(subject);
  params.push_back(mime);
  params.push_back(now.unix_seconds);
  params.push_back(now.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO mail_outbox (recipient, subject, mime, status, next_attempt_at, created_at) "
      "VALUES (?, ?, ?, 'queued', ?, ?) RETURNING id",
      params);
  return MailId{rows.Int(0, 0)};
}

std::vector<MailId> DueIds(db::Transaction& tx, Timestamp now, int limit) {
  db::Params params;
  params.push_back(now.unix_seconds);
  params.push_back(static_cast<std::int64_t>(limit));
  auto rows = tx.Query(
      "SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
      "LIMIT ?",
      params);
  std::vector<MailId> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(MailId{rows.Int(i, 0)});
  return ids;
}

std::optional<Claimed> Claim(db::Transaction& tx, MailId id, Timestamp now, Timestamp lease_until) {
  db::Params params;
  params.push_back(lease_until.unix_seconds);
  params.push_back(id.value);
  params.push_back(now.unix_seconds);
  if (tx.Execute("UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued' AND next_attempt_at <= ?",
                 params) != 1)
    return std::nullopt;
  auto rows = tx.Query("SELECT recipient, mime, attempts FROM mail_outbox WHERE id = ?", {id.value});
  return Claimed{id, rows.Text(0, 0), rows.Text(0, 1), static_cast<int>(rows.Int(0, 2))};
}

void MarkSent(db::Transaction& tx, MailId id, Timestamp now) {
  db::Params params;
  params.push_back(now.unix_seconds);
  params.push_back(id.value);
  tx.Execute("UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?",
             params);
}

void MarkAttemptFailed(db::Transaction& tx, MailId id, int attempts, const std::string& error,
                       std::optional<Timestamp> next) {
  db::Params params;
  params.push_back(std::string(next ? "queued" : "failed"));
  params.push_back(static_cast<std::int64_t>(attempts));
  params.push_back(error);
  params.push_back(next ? next->unix_seconds : std::int64_t{0});
  params.push_back(id.value);
  tx.Execute("UPDATE mail_outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?", params);
}

std::vector<OutboxEntry> List(db::Transaction& tx, int limit) {
  auto rows = tx.Query(
      "SELECT id, status, recipient, subject, attempts, last_error, created_at, next_attempt_at, sent_at "
      "FROM mail_outbox ORDER BY id DESC LIMIT ?",
      {static_cast<std::int64_t>(limit)});
  std::vector<OutboxEntry> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    OutboxEntry e;
    e.id = MailId{rows.Int(i, 0)};
    e.status = StatusOf(rows.Text(i, 1));
    e.to = rows.Text(i, 2);
    e.subject = rows.Text(i, 3);
    e.attempts = static_cast<int>(rows.Int(i, 4));
    e.last_error = rows.Text(i, 5);
    e.created_at = Timestamp{rows.Int(i, 6)};
    e.next_attempt_at = Timestamp{rows.Int(i, 7)};
    if (auto sent = rows.OptInt(i, 8)) e.sent_at = Timestamp{*sent};
    out.push_back(std::move(e));
  }
  return out;
}

bool Requeue(db::Transaction& tx, MailId id, Timestamp now) {
  db::Params params;
  params.push_back(now.unix_seconds);
  params.push_back(id.value);
  return tx.Execute(
             "UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'failed'",
             params) == 1;
}

}  // namespace coopole::mail::store
