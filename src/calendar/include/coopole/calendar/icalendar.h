// An RFC 5545 iCalendar writer, shared by pooling's booking feeds (METHOD:PUBLISH, subscribed
// to from calendar applications) and animation's invitation e-mails (iTIP METHOD:REQUEST and
// CANCEL, RFC 5546, attached as text/calendar). Output only: coopole never reads iCalendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time.h"

namespace coopole::calendar::ical {

// A calendar user (RFC 5545 3.3.3 CAL-ADDRESS as a mailto: URI) with an optional common
// name. The address goes out as "mailto:<email>" with whitespace and control characters
// removed; the name goes out as a quoted CN parameter (see QuoteParam).
struct Party {
  std::string email;
  std::string name;  // CN, left out when empty
};

struct Attendee {
  Party party;
  // PARTSTAT: what the attendee answered; NEEDS-ACTION until they reply.
  enum class Answer { kNeedsAction, kAccepted, kDeclined, kTentative } answer = Answer::kNeedsAction;
};

struct Event {
  std::string uid;            // globally unique and stable, e.g. "booking-42@<hub-slug>.coopole"
  Timestamp starts_at;        // UTC instants; ends_at must be later than starts_at (RFC 5545 3.6.1)
  Timestamp ends_at;
  Timestamp stamp;            // DTSTAMP: when this version was last changed
  std::int64_t sequence = 0;  // SEQUENCE: bumps when the event changes, so clients replace their copy
  std::string summary, description, location;
  enum class Status { kTentative, kConfirmed, kCancelled } status = Status::kConfirmed;
  std::optional<Party> organizer;  // ORGANIZER, required by RFC 5546 for REQUEST and CANCEL
  std::vector<Attendee> attendees;  // one ATTENDEE line each (ROLE=REQ-PARTICIPANT)
};

// METHOD (RFC 5546): PUBLISH for feeds, REQUEST for an invitation or its update, CANCEL when
// the event is cancelled (its events should then carry Status::kCancelled).
enum class Method { kPublish, kRequest, kCancel };

struct Calendar {
  Method method = Method::kPublish;
  std::string product = "coopole";  // PRODID "-//coopole//<product>//FR", e.g. "pooling"
  std::string name;       // X-WR-CALNAME, left out when empty
  std::string time_zone;  // X-WR-TIMEZONE display hint, e.g. "Europe/Paris"; left out when empty
  std::vector<Event> events;
};

// The whole VCALENDAR object (its METHOD; the refresh hint PT15M for PUBLISH only, since a
// mailed REQUEST or CANCEL is not polled), one VEVENT per event in order, every line folded
// and ended by CRLF. Any bytes are accepted in the text fields: they go through EscapeText
// (QuoteParam for names), so the output is always well-formed UTF-8 iCalendar.
std::string WriteCalendar(const Calendar& calendar);

// A TEXT value (RFC 5545 3.3.11) for any input bytes: backslash, semicolon and comma are
// backslash-escaped, a newline becomes "\n", CR and the other control characters except
// tab are dropped (CONTROL is not allowed in content lines), and each byte of invalid UTF-8
// becomes U+FFFD.
std::string EscapeText(std::string_view text);

// A parameter value (RFC 5545 3.2) for any input bytes, always as a quoted-string: a double
// quote, a newline and a caret are encoded the RFC 6868 way (^', ^n, ^^), the other control
// characters are dropped, and each byte of invalid UTF-8 becomes U+FFFD. E.g. the CN of
// ORGANIZER and ATTENDEE: CN="Dupont\; Marie" is not needed, CN="Dupont; Marie" is safe.
std::string QuoteParam(std::string_view text);

// One content line (without its CRLF) folded so that no line exceeds 75 octets: each
// continuation is preceded by CRLF and one space, which counts in its line's 75. A fold never
// falls inside a UTF-8 sequence (RFC 5545 3.1 asks for it; clients that unfold byte-wise would
// otherwise see mojibake).
std::string FoldLine(std::string_view line);

// The UTC DATE-TIME form (RFC 5545 3.3.5 FORM #2), e.g. "20261123T090000Z".
// For instants in years 0000..9999, the only ones the form can express.
std::string FormatUtc(Timestamp t);

}  // namespace coopole::calendar::ical
