#include "notice_digest_mailer.h"

#include <map>

#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/mail/mail.h"
#include "mail_text.h"

namespace coopole::app {

animation::DigestSink MakeNoticeDigestMailer(std::shared_ptr<const render::Messages> messages, std::string public_url,
                                             const Clock& clock) {
  return [messages, public_url, &clock](db::Transaction& tx, const animation::Digest& digest) {
    if (digest.notices.empty()) return;
    const std::string lang = digest.user.language == "en" ? "en" : "fr";
    auto text = [&](const std::string& key) { return messages->Get(lang, key); };
    const std::string notices_url = public_url + "/hubs/" + digest.hub.slug + "/animation/notices";
    const std::map<std::string, std::string> values = {
        {"name", digest.user.name},
        {"hub", digest.hub.name},
        {"count", std::to_string(digest.notices.size())},
        {"url", notices_url},
        {"frequency", text("animation.notices.preference." + digest.frequency)},
    };
    auto fill = [&](const std::string& key) {
      return animation::FillPlaceholders(text("mail.animation.digest." + key), values);
    };
    const auto zone = hubs::ZoneOf(digest.hub);
    std::string body = fill("intro." + digest.frequency) + "\n\n";
    for (const auto& notice : digest.notices) {
      const auto local = zone->ToLocal(notice.created_at);
      const std::string key = "animation.notices.kind." + notice.kind;
      const std::string line =
          messages->Has(lang, key) ? animation::FillPlaceholders(text(key), animation::NoticeDisplayParams(notice.params, lang)) : notice.kind;
      body += "- " + line + " (" + FormatDate(local.date, lang) + " " + FormatClock(local.minute) + ")\n";
      if (animation::IsAppPath(notice.link))
        body += "  " + text("mail.animation.digest.open") + " " + public_url + notice.link + "\n";
    }
    body += "\n" + fill("all") + "\n\n" + fill("preferences") + "\n";
    mail::MailMessage message{.to = digest.user.email,
                              .to_name = digest.user.name,
                              .subject = OneLine(fill("subject")),
                              .text_body = body};
    (void)mail::Enqueue(tx, message, clock.Now());
  };
}

}  // namespace coopole::app
