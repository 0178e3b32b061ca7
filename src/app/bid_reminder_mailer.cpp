#include "bid_reminder_mailer.h"

#include <map>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "mail_text.h"

namespace coopole::app {
namespace {

// "03/12/2026 à 12:00" / "2026-12-03 at 12:00" from the hub-local deadline.
std::string DeadlineText(const LocalDateTime& deadline, const std::string& lang, const std::string& at) {
  char clock[24];
  std::snprintf(clock, sizeof clock, "%02d:%02d", deadline.minute / 60, deadline.minute % 60);
  return FormatDate(deadline.date, lang) + " " + at + " " + clock;
}

}  // namespace

cooperation::ReminderSink MakeBidReminderMailer(std::shared_ptr<const render::Messages> messages,
                                                std::string public_url, const Clock& clock) {
  return [messages, public_url, &clock](db::Transaction& tx, const cooperation::DeadlineReminder& reminder) {
    const auto& bid = reminder.bid;
    auto hub = hubs::HubService::FindById(tx, bid.hub);
    if (!hub || !bid.deadline) return;
    const std::string url = public_url + "/hubs/" + hub->slug + "/cooperation/bids/" + std::to_string(bid.id.value);
    for (const auto& co_contractor : bid.members) {
      for (const auto& user : identity::IdentityService::MemberUsers(tx, bid.hub, co_contractor.member)) {
        const std::string lang = user.language == "en" ? "en" : "fr";
        auto text = [&](const std::string& key) { return messages->Get(lang, key); };
        const std::map<std::string, std::string> values = {
            {"name", user.name},
            {"hub", hub->name},
            {"member", co_contractor.name},
            {"title", bid.title},
            {"buyer", bid.buyer},
            {"kind", text(std::string("cooperation.bids.kind.") + cooperation::BidKindCode(bid.kind))},
            {"days", std::to_string(reminder.days_left)},
            {"deadline", DeadlineText(*bid.deadline, lang, text("mail.bid_reminder.at"))},
            {"url", url},
        };
        mail::MailMessage message{.to = user.email,
                                  .to_name = user.name,
                                  .subject = OneLine(FillText(text("mail.bid_reminder.subject"), values)),
                                  .text_body = FillText(text("mail.bid_reminder.body"), values)};
        (void)mail::Enqueue(tx, message, clock.Now());  // an address the outbox refuses: no e-mail, nothing else fails
      }
    }
  };
}

}  // namespace coopole::app
