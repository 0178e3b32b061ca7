#include "event_mailer.h"

#include <map>

#include "coopole/animation/notices.h"
#include "coopole/calendar/icalendar.h"
#include "coopole/core/time_zone.h"
#include "coopole/hubs/hubs.h"
#include "coopole/mail/mail.h"
#include "mail_text.h"

namespace coopole::app {
namespace {

namespace ical = calendar::ical;
using animation::EventMessage;
using animation::EventRecipient;

// People have no language setting: invitations are written in French.
constexpr const char* kLang = "fr";

const char* ReasonCode(EventMessage::Reason reason) {
  switch (reason) {
    case EventMessage::Reason::kInvitation: return "invitation";
    case EventMessage::Reason::kUpdate: return "update";
    case EventMessage::Reason::kCancellation: return "cancellation";
    case EventMessage::Reason::kPromoted: return "promoted";
  }
  return "invitation";
}

ical::Attendee::Answer AnswerOf(const EventRecipient& recipient) {
  if (recipient.reply == "yes" && !recipient.waitlisted) return ical::Attendee::Answer::kAccepted;
  if (recipient.reply == "no") return ical::Attendee::Answer::kDeclined;
  if (recipient.reply == "maybe") return ical::Attendee::Answer::kTentative;
  return ical::Attendee::Answer::kNeedsAction;
}

// The event's dates and times as read in the hub (a hub that no longer exists: Paris).
struct LocalSpan {
  LocalDateTime start, end;
};
LocalSpan SpanIn(db::Transaction& tx, const EventMessage& message) {
  auto hub = hubs::HubService::FindById(tx, message.hub);
  auto zone = hub ? hubs::ZoneOf(*hub) : hubs::ZoneOf(hubs::Hub{});
  return {zone->ToLocal(message.starts_at), zone->ToLocal(message.ends_at)};
}

}  // namespace

std::string EventInvitationIcs(const EventMessage& message, const EventRecipient& recipient,
                               const std::string& organizer_email, Timestamp now) {
  const bool cancel = message.reason == EventMessage::Reason::kCancellation;
  ical::Calendar calendar{.method = cancel ? ical::Method::kCancel : ical::Method::kRequest, .product = "animation"};
  ical::Event event;
  event.uid = "event-" + std::to_string(message.event.value) + "@" + message.hub_slug + ".coopole";
  event.starts_at = message.starts_at;
  event.ends_at = message.ends_at;
  event.stamp = now;
  event.sequence = message.sequence;
  event.summary = message.title;
  event.description = message.description;
  event.location = message.place;
  event.status = cancel ? ical::Event::Status::kCancelled : ical::Event::Status::kConfirmed;
  if (!organizer_email.empty()) event.organizer = ical::Party{organizer_email, message.hub_name};
  event.attendees.push_back(ical::Attendee{{recipient.email, recipient.name}, AnswerOf(recipient)});
  calendar.events.push_back(std::move(event));
  return ical::WriteCalendar(calendar);
}

animation::EventMailer MakeEventMailer(std::shared_ptr<const render::Messages> messages, std::string public_url,
                                       const Clock& clock, std::string organizer_email) {
  return [messages, public_url, &clock, organizer_email](db::Transaction& tx, const EventMessage& message) {
    auto text = [&](const std::string& key) { return messages->Get(kLang, "mail.animation.event." + key); };
    const std::string reason = ReasonCode(message.reason);
    const bool cancel = message.reason == EventMessage::Reason::kCancellation;
    const LocalSpan span = SpanIn(tx, message);
    const std::map<std::string, std::string> times = {
        {"date", FormatDate(span.start.date, kLang)},
        {"start", FormatClock(span.start.minute)},
        {"end_date", FormatDate(span.end.date, kLang)},
        {"end", FormatClock(span.end.minute)},
    };
    const std::string when =
        animation::FillPlaceholders(text(span.start.date == span.end.date ? "same_day" : "several_days"), times);
    const Timestamp now = clock.Now();
    for (const auto& recipient : message.recipients) {
      if (recipient.email.empty()) continue;
      const std::map<std::string, std::string> values = {
          {"name", recipient.name},
          {"hub", message.hub_name},
          {"title", message.title},
          {"date", times.at("date")},
          {"when", when},
          {"place", message.place},
          {"url", public_url + "/invitations/" + recipient.token},
      };
      // One pass: a title or place holding "{url}" reads as typed (it never becomes a link).
      auto fill = [&](const std::string& key) { return animation::FillPlaceholders(text(key), values); };
      std::string body = fill("greeting") + "\n\n" + fill("intro." + reason) + "\n\n";
      if (!message.description.empty() && !cancel) body += message.description + "\n\n";
      body += fill("when") + "\n";
      if (!message.place.empty()) body += fill("place") + "\n";
      body += "\n";
      if (!cancel) {
        if (recipient.waitlisted) body += fill("waitlisted") + "\n\n";
        body += fill(recipient.reply == "pending" ? "reply" : "change_reply") + "\n\n";
      }
      body += fill(cancel ? "calendar_cancel" : "calendar") + "\n\n" + fill("signature") + "\n";
      mail::MailMessage mail{
          .to = recipient.email,
          .to_name = recipient.name,
          .subject = OneLine(fill("subject." + reason)),
          .text_body = body,
          .attachments = {mail::Attachment{
              .filename = "invitation.ics",
              .content_type = std::string("text/calendar; method=") + (cancel ? "CANCEL" : "REQUEST") +
                              "; charset=UTF-8",
              .content = EventInvitationIcs(message, recipient, organizer_email, now)}}};
      (void)mail::Enqueue(tx, mail, now);  // an address the outbox refuses: no e-mail, nothing else fails
    }
  };
}

}  // namespace coopole::app
