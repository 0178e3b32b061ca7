// Animation e-mails over a real SMTP exchange with a server this test runs on loopback, on
// each database: the invitation with its .ics (REQUEST, then CANCEL), an invitation that waits
// in the outbox while the mail server is down and goes out when it returns, and the notice
// digest composed by the application's job.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "coopole/render/render.h"
#include "event_mailer.h"
#include "smtp_test_server.h"
#include "test_app.h"
#include "test_paths.h"

namespace coopole::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Timestamp Paris(int y, int mo, int d, int h, int mi) {
  return *TimeZone::Load("Europe/Paris")->ToUtc(LocalDateTime{Date{y, mo, d}, h * 60 + mi});
}

class NoticesMailTest : public ::testing::TestWithParam<std::string> {
 protected:
  NoticesMailTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    hub_ = *app_.app().hubs().FindBySlug("pole-a");
    messages_ = render::Messages::Load(SourceDir() + "/web/i18n");
  }

  animation::EventMessage Breakfast(animation::EventMessage::Reason reason) const {
    animation::EventMessage m;
    m.reason = reason;
    m.hub = hub_.id;
    m.hub_slug = hub_.slug;
    m.hub_name = hub_.name;
    m.event = animation::EventId{42};
    m.kind = "newcomer_breakfast";
    m.title = "Petit-déjeuner d'accueil";
    m.description = "Venez rencontrer les nouveaux membres.";
    m.place = "Salle du conseil; 2e étage";
    m.starts_at = Paris(2026, 12, 3, 8, 30);
    m.ends_at = Paris(2026, 12, 3, 10, 0);
    m.sequence = reason == animation::EventMessage::Reason::kCancellation ? 2 : 0;
    m.recipients.push_back({.invitation = animation::InvitationId{7},
                            .name = "Marie Dupont",
                            .email = "marie@durand.fr",
                            .token = "tok-marie",
                            .reply = "pending"});
    m.recipients.push_back({.invitation = animation::InvitationId{8}, .name = "Sans Courriel", .token = "tok-none"});
    return m;
  }

  // Runs the app-side mailer in a transaction of its own, as events would in theirs.
  void Mail(const animation::EventMessage& message) {
    auto mailer = app::MakeEventMailer(messages_, "https://coopole.exemple.fr", clock_, "pole@exemple.fr");
    app_.app().pool().InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) { mailer(tx, message); });
  }

  mail::SmtpSettings Settings(const std::string& url) const {
    return {.url = url, .security = mail::SmtpSecurity::kNone, .from = "pole@exemple.fr", .from_name = "Pôle A",
            .timeout_seconds = 5};
  }

  std::vector<mail::OutboxEntry> Outbox() {
    return app_.app().pool().InTransaction(db::TxMode::kRead,
                                           [](db::Transaction& tx) { return mail::ListOutbox(tx, 50); });
  }

  TestApp app_;
  SmtpTestServer smtp_;
  hubs::Hub hub_;
  std::shared_ptr<const render::Messages> messages_;
  FakeClock clock_{SystemClock().Now()};
};

TEST_P(NoticesMailTest, AnInvitationArrivesWithItsIcsRequestAndTheReplyLink) {
  Mail(Breakfast(animation::EventMessage::Reason::kInvitation));
  ASSERT_EQ(Outbox().size(), 1u);  // the recipient without an address gets nothing
  mail::MailSender sender(app_.app().pool(), clock_, Settings(smtp_.url()));
  EXPECT_EQ(sender.SendDue().sent, 1);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].rcpt_to, "marie@durand.fr");
  auto parts = MimeParts(received[0].data);
  ASSERT_EQ(parts.size(), 2u) << received[0].data;
  const std::string& text = parts[0].body;
  EXPECT_TRUE(Contains(text, "Bonjour Marie Dupont,")) << text;
  EXPECT_TRUE(Contains(text, "Pôle A vous invite à « Petit-déjeuner d'accueil »")) << text;
  EXPECT_TRUE(Contains(text, "le 03/12/2026 de 08:30 à 10:00")) << text;  // Paris time, not UTC
  EXPECT_TRUE(Contains(text, "Où : Salle du conseil; 2e étage")) << text;
  EXPECT_TRUE(Contains(text, "oui, non ou peut-être")) << text;
  EXPECT_TRUE(Contains(text, "https://coopole.exemple.fr/invitations/tok-marie")) << text;

  EXPECT_TRUE(Contains(parts[1].headers, "Content-Type: text/calendar; method=REQUEST; charset=UTF-8"))
      << parts[1].headers;
  EXPECT_TRUE(Contains(parts[1].headers, "filename=\"invitation.ics\"")) << parts[1].headers;
  const std::string& ics = parts[1].body;
  EXPECT_TRUE(Contains(ics, "\r\nMETHOD:REQUEST\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nUID:event-42@pole-a.coopole\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nDTSTART:20261203T073000Z\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nDTEND:20261203T090000Z\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nSEQUENCE:0\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nLOCATION:Salle du conseil\\; 2e étage\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "\r\nORGANIZER;CN=\"Pôle A\":mailto:pole@exemple.fr\r\n")) << ics;
  EXPECT_TRUE(Contains(ics, "ATTENDEE;CN=\"Marie Dupont\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION")) << ics;
  EXPECT_FALSE(Contains(ics, "X-PUBLISHED-TTL"));
}

TEST_P(NoticesMailTest, ACancellationCarriesAnIcsCancelAndNoReplyLink) {
  Mail(Breakfast(animation::EventMessage::Reason::kCancellation));
  mail::MailSender sender(app_.app().pool(), clock_, Settings(smtp_.url()));
  EXPECT_EQ(sender.SendDue().sent, 1);
  auto parts = MimeParts(smtp_.received().at(0).data);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(Contains(parts[0].body, "est annulé")) << parts[0].body;
  EXPECT_FALSE(Contains(parts[0].body, "/invitations/"));
  EXPECT_TRUE(Contains(parts[1].headers, "text/calendar; method=CANCEL; charset=UTF-8")) << parts[1].headers;
  EXPECT_TRUE(Contains(parts[1].body, "\r\nMETHOD:CANCEL\r\n"));
  EXPECT_TRUE(Contains(parts[1].body, "\r\nSTATUS:CANCELLED\r\n"));
  EXPECT_TRUE(Contains(parts[1].body, "\r\nSEQUENCE:2\r\n"));
  EXPECT_TRUE(Contains(parts[1].body, "\r\nUID:event-42@pole-a.coopole\r\n"));  // the same event
}

TEST_P(NoticesMailTest, EachReasonHasItsSubjectAndAnUpdateKeepsTheUidWithANewSequence) {
  auto update = Breakfast(animation::EventMessage::Reason::kUpdate);
  update.sequence = 1;
  update.recipients.resize(1);
  update.recipients[0].reply = "maybe";
  Mail(update);
  auto promoted = Breakfast(animation::EventMessage::Reason::kPromoted);
  promoted.sequence = 3;
  promoted.recipients.resize(1);
  promoted.recipients[0].reply = "yes";
  Mail(promoted);
  auto waiting = Breakfast(animation::EventMessage::Reason::kInvitation);
  waiting.recipients.resize(1);
  waiting.recipients[0].reply = "yes";
  waiting.recipients[0].waitlisted = true;
  Mail(waiting);
  std::vector<std::string> subjects;
  for (const auto& entry : Outbox()) subjects.push_back(entry.subject);
  ASSERT_EQ(subjects.size(), 3u);  // newest first
  EXPECT_EQ(subjects[2], "Modifié : Petit-déjeuner d'accueil, le 03/12/2026");
  EXPECT_EQ(subjects[1], "Une place s’est libérée : Petit-déjeuner d'accueil, le 03/12/2026");
  EXPECT_EQ(subjects[0], "Invitation : Petit-déjeuner d'accueil, le 03/12/2026");

  mail::MailSender sender(app_.app().pool(), clock_, Settings(smtp_.url()));
  EXPECT_EQ(sender.SendDue().sent, 3);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 3u);
  std::vector<std::vector<MimePart>> mails;
  for (const auto& mail : received) mails.push_back(MimeParts(mail.data));
  for (const auto& parts : mails) ASSERT_EQ(parts.size(), 2u);
  // Sent oldest first.
  EXPECT_TRUE(Contains(mails[0][0].body, "a changé")) << mails[0][0].body;
  EXPECT_TRUE(Contains(mails[0][0].body, "Pour changer votre réponse")) << mails[0][0].body;
  EXPECT_TRUE(Contains(mails[0][1].body, "\r\nSEQUENCE:1\r\n"));
  EXPECT_TRUE(Contains(mails[0][1].body, "PARTSTAT=TENTATIVE"));
  EXPECT_TRUE(Contains(mails[1][1].body, "\r\nSEQUENCE:3\r\n"));
  EXPECT_TRUE(Contains(mails[1][1].body, "PARTSTAT=ACCEPTED"));
  EXPECT_TRUE(Contains(mails[1][1].body, "\r\nMETHOD:REQUEST\r\n"));
  EXPECT_TRUE(Contains(mails[2][0].body, "liste d’attente")) << mails[2][0].body;
  EXPECT_TRUE(Contains(mails[2][1].body, "PARTSTAT=NEEDS-ACTION"));  // waitlisted: not yet accepted
  for (const auto& parts : mails) EXPECT_TRUE(Contains(parts[1].body, "\r\nUID:event-42@pole-a.coopole\r\n"));
}

TEST_P(NoticesMailTest, ATitleWithLineBreaksOrPlaceholdersStaysOneSubjectLineAndReadsAsTyped) {
  auto message = Breakfast(animation::EventMessage::Reason::kInvitation);
  message.title = "AG {url}\r\nBcc: intrus@exemple.fr";
  message.place = "Salle {when}";
  Mail(message);
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);  // not refused by the outbox for its line break
  EXPECT_EQ(outbox[0].subject, "Invitation : AG {url}  Bcc: intrus@exemple.fr, le 03/12/2026");
  mail::MailSender sender(app_.app().pool(), clock_, Settings(smtp_.url()));
  EXPECT_EQ(sender.SendDue().sent, 1);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].rcpt_to, "marie@durand.fr");
  EXPECT_FALSE(Contains(received[0].data, "\r\nBcc:")) << received[0].data;  // no header injected
  auto parts = MimeParts(received[0].data);
  ASSERT_EQ(parts.size(), 2u);
  // Regression: values were filled in turn, so "{url}" in a title became the secret reply link
  // and "{when}" in a place the date and time.
  EXPECT_TRUE(Contains(parts[0].body, "« AG {url}")) << parts[0].body;
  EXPECT_TRUE(Contains(parts[0].body, "Où : Salle {when}")) << parts[0].body;
  EXPECT_TRUE(Contains(parts[1].body, "\r\nSUMMARY:AG {url}\\nBcc: intrus@exemple.fr\r\n")) << parts[1].body;
}

TEST_P(NoticesMailTest, WhenTheMailServerIsDown_TheInvitationStaysQueuedAndGoesOutWhenItReturns) {
  Mail(Breakfast(animation::EventMessage::Reason::kInvitation));
  // Down: nothing listens on the configured address.
  int down_port = 0;
  {
    SmtpTestServer stopped;
    down_port = stopped.port();
  }
  mail::MailSender down(app_.app().pool(), clock_, Settings("smtp://127.0.0.1:" + std::to_string(down_port)));
  EXPECT_EQ(down.SendDue().retried, 1);
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].status, mail::MailStatus::kQueued);
  EXPECT_FALSE(outbox[0].last_error.empty());
  // Back but busy: "451 try again later" keeps it queued too.
  smtp_.RefuseNext(1);
  clock_.Advance(61);
  mail::MailSender back(app_.app().pool(), clock_, Settings(smtp_.url()));
  EXPECT_EQ(back.SendDue().retried, 1);
  EXPECT_EQ(Outbox()[0].status, mail::MailStatus::kQueued);
  EXPECT_EQ(back.SendDue().sent, 0);  // not due yet: the retry waits
  // Up again: it goes out, once, whole.
  clock_.Advance(5 * 60 + 1);
  EXPECT_EQ(back.SendDue().sent, 1);
  EXPECT_EQ(back.SendDue().sent, 0);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 1u);
  auto parts = MimeParts(received[0].data);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(Contains(parts[1].body, "METHOD:REQUEST"));
  EXPECT_EQ(Outbox()[0].status, mail::MailStatus::kSent);
}

TEST_P(NoticesMailTest, TheDigestJobMailsEachUserTheirNoticesInTheirLanguageOnce) {
  auto fr = app_.UserToken("marie@a.fr", identity::Role::kCoordinator, "pole-a");
  auto en = app_.UserToken("john@a.fr", identity::Role::kObserver, "pole-a");
  auto john = app_.app().identity().FindUserByEmail("john@a.fr")->id;
  auto marie = app_.app().identity().FindUserByEmail("marie@a.fr")->id;
  ASSERT_TRUE(app_.app().identity().SetLanguage(john, "en").ok());
  for (const auto& token : {fr, en})
    ASSERT_EQ(app_.Api("PUT", "/api/v1/hubs/pole-a/animation/notices/preferences", token, R"({"frequency":"immediate"})")
                  .status,
              200);
  app_.app().pool().InTransaction(db::TxMode::kWrite, [&](db::Transaction& tx) {
    animation::NoticeService::Post(tx, hub_.id, {marie, john},
                                   {"event_planned", {{"title", "AG 2026"}, {"date", "2026-12-03"}},
                                    "/hubs/pole-a/animation/events/5"},
                                   SystemClock().Now());
  });
  EXPECT_EQ(app_.app().QueueNoticeDigests(), 2);
  EXPECT_EQ(app_.app().QueueNoticeDigests(), 0);  // never twice
  SystemClock clock;
  mail::MailSender sender(app_.app().pool(), clock, Settings(smtp_.url()));
  EXPECT_EQ(sender.SendDue().sent, 2);
  std::string french, english;
  for (const auto& mail : smtp_.received()) {
    auto parts = MimeParts(mail.data);
    ASSERT_EQ(parts.size(), 1u);
    (mail.rcpt_to == "john@a.fr" ? english : french) = parts[0].body;
  }
  EXPECT_TRUE(Contains(french, "Nouvel événement : « AG 2026 » le 03/12/2026.")) << french;
  EXPECT_TRUE(Contains(french, "/hubs/pole-a/animation/events/5")) << french;
  EXPECT_TRUE(Contains(french, "/hubs/pole-a/animation/notices")) << french;
  EXPECT_TRUE(Contains(english, "New event: “AG 2026” on 2026-12-03.")) << english;
  EXPECT_TRUE(Contains(english, "Something new on Pôle A")) << english;
}

INSTANTIATE_TEST_SUITE_P(Databases, NoticesMailTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
