// A post on the board reaches the users of the members it fits by e-mail: queued in the
// outbox by the publication itself, then delivered over SMTP (libcurl) to a server this test
// runs on loopback. On each database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "coopole/members/members.h"
#include "smtp_test_server.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

bool Contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class BoardMailTest : public ::testing::TestWithParam<std::string> {
 protected:
  BoardMailTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    cantine_ = AddMember("Cantine Mistral", "56.10A", "38185");
    traiteur_ = AddMember("Traiteur Solidaire", "56.21Z", "38185");
    theatre_ = AddMember("Théâtre de la Rue", "90.01Z", "38185");
    cantine_user_ = app_.UserToken("cantine@a.fr", identity::Role::kMember, "pole-a", cantine_);
    app_.UserToken("traiteur@a.fr", identity::Role::kMember, "pole-a", traiteur_);
    app_.UserToken("theatre@a.fr", identity::Role::kMember, "pole-a", theatre_);
  }

  identity::MemberId AddMember(const std::string& name, const std::string& sectors, const std::string& insee) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, "pole-a");
    auto member = app_.app().members().CreateMember(
        admin, *hub, {.name = name, .legal_form = "association", .sectors = sectors, .commune_insee = insee});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  std::vector<mail::OutboxEntry> Outbox() {
    return app_.app().pool().InTransaction(db::TxMode::kRead,
                                           [](db::Transaction& tx) { return mail::ListOutbox(tx, 50); });
  }

  TestApp app_;
  SmtpTestServer smtp_;
  identity::MemberId cantine_, traiteur_, theatre_;
  std::string cantine_user_;
};

TEST_P(BoardMailTest, APostThatFitsAMember_IsMailedToItsUsers) {
  json need = {{"direction", "need"}, {"kind", "equipment"}, {"title", "Camion frigorifique le mardi"}};
  auto res = app_.Api("POST", "/api/v1/hubs/pole-a/cooperation/posts", cantine_user_, need.dump());
  ASSERT_EQ(res.status, 201) << res.body;

  // The traiteur (same sector division, same commune) is notified; the theatre is not.
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].to, "traiteur@a.fr");
  EXPECT_EQ(outbox[0].status, mail::MailStatus::kQueued);

  SystemClock clock;
  mail::MailSender sender(app_.app().pool(), clock,
                          {.url = smtp_.url(), .security = mail::SmtpSecurity::kNone, .from = "pole@exemple.fr"});
  EXPECT_EQ(sender.SendDue().sent, 1);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].rcpt_to, "traiteur@a.fr");
  EXPECT_TRUE(Contains(received[0].data, "Subject: =?UTF-8?B?")) << received[0].data.substr(0, 400);
  EXPECT_EQ(Outbox()[0].status, mail::MailStatus::kSent);
}

TEST_P(BoardMailTest, ARefusedPost_QueuesNoMail) {
  json bad = {{"direction", "need"}, {"kind", "teleportation"}, {"title", "Camion frigorifique"}};
  EXPECT_EQ(app_.Api("POST", "/api/v1/hubs/pole-a/cooperation/posts", cantine_user_, bad.dump()).status, 422);
  EXPECT_TRUE(Outbox().empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, BoardMailTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
