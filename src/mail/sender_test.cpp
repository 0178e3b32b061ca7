// The outbox and its sender against a real SMTP exchange: libcurl talks to a server this
// test starts on loopback, on both databases.
#include <gtest/gtest.h>

#include "coopole/mail/mail.h"
#include "mime.h"
#include "smtp_test_server.h"
#include "test_database.h"

namespace coopole::mail {
namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class MailSenderTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    pool_ = db::Pool::Open(database_->url(), {.size = 2});
    db::Migrate(*pool_, Migrations());
  }

  SmtpSettings Settings() const {
    return {.url = server_.url(), .security = SmtpSecurity::kNone, .username = "pole", .password = "secret",
            .from = "pole@exemple.fr", .from_name = "Pôle Sud", .timeout_seconds = 5};
  }

  MailId Queue(const std::string& to = "claire@ressourcerie.fr") {
    MailMessage m{.to = to, .to_name = "Claire", .subject = "Invitation", .text_body = "Bonjour\n.\nfin\n"};
    m.attachments.push_back({"invitation.ics", "text/calendar; method=REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"});
    return pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) { return *Enqueue(tx, m, clock_.Now()); });
  }

  std::vector<OutboxEntry> Outbox() {
    return pool_->InTransaction(db::TxMode::kRead, [&](db::Transaction& tx) { return ListOutbox(tx, 100); });
  }

  FakeClock clock_{Timestamp{1796594400}};
  testing::SmtpTestServer server_;
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<db::Pool> pool_;
};

TEST_P(MailSenderTest, SendDue_DeliversTheMessageWithItsAttachment) {
  Queue();
  MailSender sender(*pool_, clock_, Settings());
  auto report = sender.SendDue();
  EXPECT_EQ(report.sent, 1);
  auto received = server_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mail_from, "pole@exemple.fr");
  EXPECT_EQ(received[0].rcpt_to, "claire@ressourcerie.fr");
  EXPECT_EQ(received[0].auth, std::string("\0pole\0secret", 12));
  EXPECT_TRUE(received[0].data.starts_with("From: " + EncodeHeaderWord("Pôle Sud") + " <pole@exemple.fr>\r\n"));
  EXPECT_TRUE(Contains(received[0].data, Base64("Bonjour\n.\nfin\n", 76)));
  EXPECT_TRUE(Contains(received[0].data, "filename=\"invitation.ics\""));
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].status, MailStatus::kSent);
  EXPECT_EQ(outbox[0].attempts, 1);
  // Sent once: a second pass sends nothing.
  EXPECT_EQ(sender.SendDue().sent, 0);
  EXPECT_EQ(server_.received().size(), 1u);
}

TEST_P(MailSenderTest, SendDue_KeepsARefusedMessageAndRetriesItLater) {
  Queue();
  server_.RefuseNext(1);
  MailSender sender(*pool_, clock_, Settings());
  auto first = sender.SendDue();
  EXPECT_EQ(first.retried, 1);
  auto outbox = Outbox();
  EXPECT_EQ(outbox[0].status, MailStatus::kQueued);
  EXPECT_EQ(outbox[0].attempts, 1);
  EXPECT_TRUE(Contains(outbox[0].last_error, "451")) << outbox[0].last_error;
  // Not yet due: nothing is sent.
  EXPECT_EQ(sender.SendDue().sent, 0);
  clock_.Advance(61);
  EXPECT_EQ(sender.SendDue().sent, 1);
  EXPECT_EQ(server_.received().size(), 1u);
  EXPECT_EQ(Outbox()[0].status, MailStatus::kSent);
}

TEST_P(MailSenderTest, SendDue_WhenTheServerIsDown_KeepsTheMessageQueued) {
  Queue();
  SmtpSettings settings = Settings();
  settings.url = "smtp://127.0.0.1:1";  // nothing listens there
  MailSender sender(*pool_, clock_, settings);
  EXPECT_EQ(sender.SendDue().retried, 1);
  auto outbox = Outbox();
  EXPECT_EQ(outbox[0].status, MailStatus::kQueued);
  EXPECT_FALSE(outbox[0].last_error.empty());
}

TEST_P(MailSenderTest, SendDue_GivesUpAfterTheLastAttemptAndRequeueSendsAgain) {
  const MailId id = Queue();
  server_.RefuseNext(kMaxAttempts);
  MailSender sender(*pool_, clock_, Settings());
  for (int i = 0; i < kMaxAttempts; ++i) {
    sender.SendDue();
    clock_.Advance(7 * 3600);
  }
  EXPECT_EQ(Outbox()[0].status, MailStatus::kFailed);
  EXPECT_EQ(Outbox()[0].attempts, kMaxAttempts);
  EXPECT_EQ(sender.SendDue().sent, 0);
  pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) { ASSERT_TRUE(Requeue(tx, id, clock_.Now()).ok()); });
  EXPECT_EQ(sender.SendDue().sent, 1);
}

TEST_P(MailSenderTest, Enqueue_InARolledBackTransaction_LeavesNothing) {
  {
    auto tx = pool_->Begin(db::TxMode::kWrite);
    ASSERT_TRUE(Enqueue(tx, {.to = "a@b.fr", .subject = "x", .text_body = "y"}, clock_.Now()).ok());
  }  // not committed
  EXPECT_TRUE(Outbox().empty());
}

TEST_P(MailSenderTest, Enqueue_RefusesABadAddressOrSubject) {
  pool_->InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
    auto bad_to = Enqueue(tx, {.to = "pas une adresse", .subject = "x"}, clock_.Now());
    ASSERT_FALSE(bad_to.ok());
    EXPECT_EQ(bad_to.error().fields.count("to"), 1u);
    auto bad_subject = Enqueue(tx, {.to = "a@b.fr", .subject = "x\r\nBcc: c@d.fr"}, clock_.Now());
    ASSERT_FALSE(bad_subject.ok());
    EXPECT_EQ(bad_subject.error().fields.count("subject"), 1u);
  });
}

INSTANTIATE_TEST_SUITE_P(Databases, MailSenderTest, ::testing::ValuesIn(testing::TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::mail
