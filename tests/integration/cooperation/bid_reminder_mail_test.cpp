// Joint-bid deadline reminders by e-mail: the application's job queues one message per user of
// each co-contractor when a threshold (14, 7, 2 days) is crossed, once, and they leave over
// SMTP to a server this test runs on loopback. On each database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "coopole/members/members.h"
#include "smtp_test_server.h"
#include "test_app.h"

namespace coopole::testing {
namespace {

using nlohmann::json;

// The date `days` from today in Paris ("2026-12-09").
std::string InDays(int days) {
  auto paris = TimeZone::Load("Europe/Paris");
  return FormatIsoDate(AddDays(paris->ToLocal(SystemClock().Now()).date, days));
}

class BidReminderMailTest : public ::testing::TestWithParam<std::string> {
 protected:
  BidReminderMailTest() : app_(GetParam()) {
    app_.CreateHub("pole-a", "Pôle A");
    lead_ = AddMember("Chantier d'Insertion Belledonne");
    partner_ = AddMember("Menuiserie Durand");
    coordinator_ = app_.UserToken("coord@a.fr", identity::Role::kCoordinator, "pole-a");
    app_.UserToken("lead@a.fr", identity::Role::kMember, "pole-a", lead_);
    app_.UserToken("partner@a.fr", identity::Role::kMember, "pole-a", partner_);
  }

  identity::MemberId AddMember(const std::string& name) {
    identity::Actor admin{.user = identity::UserId{0}, .name = "test", .is_admin = true};
    auto hub = app_.app().hubs().Resolve(admin, "pole-a");
    auto member = app_.app().members().CreateMember(admin, *hub, {.name = name, .legal_form = "association"});
    if (!member.ok()) throw std::runtime_error("member " + name + ": " + member.error().message);
    return member->id;
  }

  // A tender due in `days_ahead` days at noon, taken through `moves` (statuses in turn).
  int CreateBid(int days_ahead, const std::vector<std::string>& moves = {}) {
    json bid = {{"kind", "tender"},
                {"title", "Rénovation du gymnase"},
                {"buyer", "Ville de Grenoble"},
                {"deadline", InDays(days_ahead) + "T12:00"},
                {"amount_cents", 12000000},
                {"lead_member_id", lead_.value},
                {"members", json::array({{{"member_id", lead_.value}, {"share_bp", 6000}},
                                         {{"member_id", partner_.value}, {"share_bp", 4000}}})}};
    auto res = app_.Api("POST", "/api/v1/hubs/pole-a/cooperation/bids", coordinator_, bid.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    auto doc = json::parse(res.body, nullptr, false);
    const int id = doc.is_discarded() ? 0 : doc.value("id", 0);
    int version = 1;
    for (const auto& status : moves) {
      auto moved = app_.Api("POST", "/api/v1/hubs/pole-a/cooperation/bids/" + std::to_string(id) + "/status",
                            coordinator_, json{{"status", status}, {"version", version++}}.dump());
      EXPECT_EQ(moved.status, 200) << moved.body;
    }
    return id;
  }

  std::vector<mail::OutboxEntry> Outbox() {
    return app_.app().pool().InTransaction(db::TxMode::kRead,
                                           [](db::Transaction& tx) { return mail::ListOutbox(tx, 50); });
  }

  TestApp app_;
  SmtpTestServer smtp_;
  identity::MemberId lead_, partner_;
  std::string coordinator_;
};

TEST_P(BidReminderMailTest, ABidDueIn5Days_IsRemindedOnceToEachCoContractorsUsers) {
  CreateBid(5);
  CreateBid(30);  // too far
  EXPECT_EQ(app_.app().QueueBidReminders(), 1);
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 2u);
  std::set<std::string> to{outbox[0].to, outbox[1].to};
  EXPECT_EQ(to, (std::set<std::string>{"lead@a.fr", "partner@a.fr"}));
  EXPECT_EQ(app_.app().QueueBidReminders(), 0);  // once per threshold
  EXPECT_EQ(Outbox().size(), 2u);

  SystemClock clock;
  mail::MailSender sender(app_.app().pool(), clock,
                          {.url = smtp_.url(), .security = mail::SmtpSecurity::kNone, .from = "pole@exemple.fr"});
  EXPECT_EQ(sender.SendDue().sent, 2);
  auto received = smtp_.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_NE(received[0].data.find("Subject: =?UTF-8?B?"), std::string::npos);
}

TEST_P(BidReminderMailTest, ASubmittedBid_IsNotReminded) {
  CreateBid(3, {"preparing", "submitted"});
  EXPECT_EQ(app_.app().QueueBidReminders(), 0);
  EXPECT_TRUE(Outbox().empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, BidReminderMailTest, ::testing::ValuesIn(TestDatabaseKinds()));

}  // namespace
}  // namespace coopole::testing
