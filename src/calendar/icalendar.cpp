#include "coopole/calendar/icalendar.h"

#include <algorithm>

#include "coopole/core/text.h"

namespace coopole::calendar::ical {
namespace {

constexpr std::size_t kMaxLineOctets = 75;  // RFC 5545 3.1, excluding the CRLF

// Length of the UTF-8 sequence a lead byte announces; 1 for ASCII and for bytes that cannot
// start a sequence (the caller then treats them as invalid).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 1;
}

const char* StatusName(Event::Status status) {
  switch (status) {
    case Event::Status::kTentative: return "TENTATIVE";
    case Event::Status::kConfirmed: return "CONFIRMED";
    case Event::Status::kCancelled: return "CANCELLED";
  }
  return "CONFIRMED";
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kPublish: return "PUBLISH";
    case Method::kRequest: return "REQUEST";
    case Method::kCancel: return "CANCEL";
  }
  return "PUBLISH";
}

const char* AnswerName(Attendee::Answer answer) {
  switch (answer) {
    case Attendee::Answer::kNeedsAction: return "NEEDS-ACTION";
    case Attendee::Answer::kAccepted: return "ACCEPTED";
    case Attendee::Answer::kDeclined: return "DECLINED";
    case Attendee::Answer::kTentative: return "TENTATIVE";
  }
  return "NEEDS-ACTION";
}

// Copies text with each byte of invalid UTF-8 replaced by U+FFFD and each ASCII byte passed
// to on_ascii (which appends what it wants for it).
template <typename OnAscii>
std::string MapUtf8(std::string_view text, OnAscii on_ascii) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      std::size_t len = SequenceLength(byte);
      if (len > 1 && IsValidUtf8(text.substr(i, len))) {  // substr clamps at the end: then invalid
        out += text.substr(i, len);
        i += len;
      } else {
        AppendUtf8(out, 0xFFFD);
        ++i;
      }
      continue;
    }
    ++i;
    on_ascii(out, byte);
  }
  return out;
}

// "mailto:" and the address without whitespace or control characters (a URI has none).
std::string CalAddress(std::string_view email) {
  return "mailto:" + MapUtf8(email, [](std::string& out, unsigned char byte) {
           if (byte > 0x20 && byte != 0x7F) out += static_cast<char>(byte);
         });
}

// "NAME;CN=\"...\"" or just NAME when the party has no name.
std::string WithCommonName(std::string name, const Party& party) {
  if (!party.name.empty()) name += ";CN=" + QuoteParam(party.name);
  return name;
}

// Appends one folded content line and its CRLF.
void AppendLine(std::string& out, std::string_view name, std::string_view value) {
  std::string line{name};
  line += ':';
  line += value;
  out += FoldLine(line);
  out += "\r\n";
}

}  // namespace

std::string EscapeText(std::string_view text) {
  return MapUtf8(text, [](std::string& out, unsigned char byte) {
    switch (byte) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += '\t'; break;
      default:
        if (byte >= 0x20 && byte != 0x7F) out += static_cast<char>(byte);  // CR and CONTROL dropped
    }
  });
}

std::string QuoteParam(std::string_view text) {
  return "\"" + MapUtf8(text, [](std::string& out, unsigned char byte) {
           switch (byte) {
             case '"': out += "^'"; break;
             case '^': out += "^^"; break;
             case '\n': out += "^n"; break;
             case '\t': out += '\t'; break;
             default:
               if (byte >= 0x20 && byte != 0x7F) out += static_cast<char>(byte);  // CR and CONTROL dropped
           }
         }) + "\"";
}

std::string FoldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 24);
  std::size_t room = kMaxLineOctets;  // octets left on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // A character is its lead byte and the continuation bytes (10xxxxxx) after it, so a fold
    // lands between characters even if the line was not valid UTF-8.
    std::size_t len = 1;
    while (len < 4 && i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80) ++len;
    if (len > room) {
      out += "\r\n ";
      room = kMaxLineOctets - 1;  // the leading space is part of the continuation line
    }
    out += line.substr(i, len);
    room -= len;
    i += len;
  }
  return out;
}

std::string FormatUtc(Timestamp t) {
  // "2026-11-23T09:00:00Z" without its separators.
  std::string iso = FormatIsoUtc(t);
  std::erase_if(iso, [](char c) { return c == '-' || c == ':'; });
  return iso;
}

std::string WriteCalendar(const Calendar& calendar) {
  std::string out;
  AppendLine(out, "BEGIN", "VCALENDAR");
  AppendLine(out, "VERSION", "2.0");
  // PRODID is a TEXT value; "//" separates its parts, so they must not hold a slash.
  std::string product = EscapeText(calendar.product.empty() ? "coopole" : calendar.product);
  std::erase(product, '/');
  AppendLine(out, "PRODID", "-//coopole//" + product + "//FR");
  AppendLine(out, "CALSCALE", "GREGORIAN");
  AppendLine(out, "METHOD", MethodName(calendar.method));
  if (!calendar.name.empty()) AppendLine(out, "X-WR-CALNAME", EscapeText(calendar.name));
  if (!calendar.time_zone.empty()) AppendLine(out, "X-WR-TIMEZONE", EscapeText(calendar.time_zone));
  if (calendar.method == Method::kPublish) {
    // How often subscribers should poll: the de-facto property and RFC 7986's.
    AppendLine(out, "X-PUBLISHED-TTL", "PT15M");
    AppendLine(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT15M");
  }
  for (const Event& event : calendar.events) {
    AppendLine(out, "BEGIN", "VEVENT");
    AppendLine(out, "UID", EscapeText(event.uid));
    AppendLine(out, "DTSTAMP", FormatUtc(event.stamp));
    AppendLine(out, "DTSTART", FormatUtc(event.starts_at));
    AppendLine(out, "DTEND", FormatUtc(event.ends_at));
    AppendLine(out, "SUMMARY", EscapeText(event.summary));
    if (!event.description.empty()) AppendLine(out, "DESCRIPTION", EscapeText(event.description));
    if (!event.location.empty()) AppendLine(out, "LOCATION", EscapeText(event.location));
    AppendLine(out, "STATUS", StatusName(event.status));
    AppendLine(out, "SEQUENCE", std::to_string(std::max<std::int64_t>(event.sequence, 0)));  // non-negative
    if (event.organizer) AppendLine(out, WithCommonName("ORGANIZER", *event.organizer), CalAddress(event.organizer->email));
    for (const Attendee& attendee : event.attendees) {
      std::string name = WithCommonName("ATTENDEE", attendee.party);
      name += ";ROLE=REQ-PARTICIPANT;PARTSTAT=";
      name += AnswerName(attendee.answer);
      AppendLine(out, name, CalAddress(attendee.party.email));
    }
    AppendLine(out, "END", "VEVENT");
  }
  // RFC 5545 requires at least one component, but an empty VCALENDAR is what every major
  // server publishes for an empty feed and what clients accept.
  AppendLine(out, "END", "VCALENDAR");
  return out;
}

}  // namespace coopole::calendar::ical
