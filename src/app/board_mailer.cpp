#include "board_mailer.h"

#include <map>

#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/mail/mail.h"
#include "mail_text.h"

namespace coopole::app {

cooperation::NotificationListener MakeBoardMailer(std::shared_ptr<const render::Messages> messages,
                                                  std::string public_url, const Clock& clock) {
  return [messages, public_url, &clock](db::Transaction& tx, const cooperation::Notification& notification,
                                        const cooperation::Post& post) {
    auto users = identity::IdentityService::MemberUsers(tx, notification.hub, notification.member);
    if (users.empty()) return;
    auto hub = hubs::HubService::FindById(tx, notification.hub);
    if (!hub) return;
    const std::string member_name =
        members::MemberService::MemberNameInHub(tx, notification.hub, notification.member).value_or("");
    const std::string base = public_url + "/hubs/" + hub->slug + "/cooperation";
    for (const auto& user : users) {
      const std::string lang = user.language == "en" ? "en" : "fr";
      auto text = [&](const std::string& key) { return messages->Get(lang, key); };
      const std::string direction = text("cooperation.direction." + notification.post_direction);
      const std::map<std::string, std::string> values = {
          {"name", user.name},
          {"hub", hub->name},
          {"poster", post.member_name},
          {"member", member_name},
          {"reason", text("cooperation.notification_reason." + notification.reason)},
          {"direction", direction},
          {"title", post.title},
          {"url", base + "/board/" + std::to_string(post.id.value)},
          {"notifications_url", base + "/notifications"},
      };
      mail::MailMessage message{.to = user.email,
                                .to_name = user.name,
                                .subject = OneLine(FillText(text("mail.board.subject"), values)),
                                .text_body = FillText(text("mail.board.body"), values)};
      (void)mail::Enqueue(tx, message, clock.Now());  // an address the outbox refuses: no e-mail, nothing else fails
    }
  };
}

}  // namespace coopole::app
