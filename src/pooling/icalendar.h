// An RFC 5545 iCalendar writer for the booking feeds that members subscribe to from their
// calendar applications. Output only: coopole never reads iCalendar.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time.h"

namespace coopole::pooling::ical {

struct Event {
  std::string uid;            // globally unique and stable, e.g. "booking-42@<hub-slug>.coopole"
  Timestamp starts_at;        // UTC instants; ends_at must be later than starts_at (RFC 5545 3.6.1)
  Timestamp ends_at;
  Timestamp stamp;            // DTSTAMP: when this version was last changed
  std::int64_t sequence = 0;  // SEQUENCE: bumps when the event changes, so clients replace their copy
  std::string summary, description, location;
  enum class Status { kTentative, kConfirmed, kCancelled } status = Status::kConfirmed;
};

struct Calendar {
  std::string name;       // X-WR-CALNAME, left out when empty
  std::string time_zone;  // X-WR-TIMEZONE display hint, e.g. "Europe/Paris"; left out when empty
  std::vector<Event> events;
};

// The whole VCALENDAR object (METHOD:PUBLISH, refresh hint PT15M), one VEVENT per event in
// order, every line folded and ended by CRLF. Any bytes are accepted in the text fields:
// they go through EscapeText, so the output is always well-formed UTF-8 iCalendar.
std::string WriteCalendar(const Calendar& calendar);

// A TEXT value (RFC 5545 3.3.11) for any input bytes: backslash, semicolon and comma are
// backslash-escaped, a newline becomes "\n", CR and the other control characters except
// tab are dropped (CONTROL is not allowed in content lines), and each byte of invalid UTF-8
// becomes U+FFFD.
std::string EscapeText(std::string_view text);

// One content line (without its CRLF) folded so that no line exceeds 75 octets: each
// continuation is preceded by CRLF and one space, which counts in its line's 75. A fold never
// falls inside a UTF-8 sequence (RFC 5545 3.1 asks for it; clients that unfold byte-wise would
// otherwise see mojibake).
std::string FoldLine(std::string_view line);

// The UTC DATE-TIME form (RFC 5545 3.3.5 FORM #2), e.g. "20261123T090000Z".
// For instants in years 0000..9999, the only ones the form can express.
std::string FormatUtc(Timestamp t);

}  // namespace coopole::pooling::ical
