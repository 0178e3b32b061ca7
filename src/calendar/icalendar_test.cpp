#include "coopole/calendar/icalendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "coopole/core/text.h"

namespace coopole::calendar::ical {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The physical lines of folded text, split on CRLF (the last one is what follows the final CRLF).
std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto pos = text.find("\r\n"); pos != std::string::npos; pos = text.find("\r\n", start)) {
    lines.push_back(text.substr(start, pos - start));
    start = pos + 2;
  }
  lines.push_back(text.substr(start));
  return lines;
}

// RFC 5545 unfolding: drop every CRLF followed by one space or tab.
std::string Unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0 || text.compare(i, 3, "\r\n\t") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// Checks the rules every folded text must satisfy: lines of at most 75 octets, each valid
// UTF-8 on its own; for one folded content line, continuations start with one space.
void ExpectWellFolded(const std::string& folded, bool one_content_line = true) {
  auto lines = PhysicalLines(folded);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i << ": " << lines[i];
    EXPECT_TRUE(IsValidUtf8(lines[i])) << "line " << i << " splits a character: " << lines[i];
    if (one_content_line && i > 0) {
      EXPECT_EQ(lines[i].substr(0, 1), " ") << "line " << i;
    }
  }
}

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

Event SampleEvent() {
  Event event;
  event.uid = "booking-42@atelier-partage.coopole";
  event.starts_at = Timestamp{1795424400};  // 2026-11-23T09:00:00Z
  event.ends_at = Timestamp{1795429800};    // 2026-11-23T10:30:00Z
  event.stamp = Timestamp{1795183500};      // 2026-11-20T14:05:00Z
  event.sequence = 3;
  event.summary = "Scie à panneaux";
  return event;
}

TEST(ICalendarEscapeText, EscapesEachSpecialCharacter) {
  EXPECT_EQ(EscapeText("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeText("a;b"), "a\\;b");
  EXPECT_EQ(EscapeText("a,b"), "a\\,b");
  EXPECT_EQ(EscapeText("a\nb"), "a\\nb");
  EXPECT_EQ(EscapeText("\\;,\n"), "\\\\\\;\\,\\n");
  EXPECT_EQ(EscapeText("already \\n escaped"), "already \\\\n escaped");  // no double meaning
}

TEST(ICalendarEscapeText, KeepsOrdinaryTextAsIs) {
  EXPECT_EQ(EscapeText(""), "");
  EXPECT_EQ(EscapeText("Salle: 12 \"Jaurès\" <b> & 'x'"), "Salle: 12 \"Jaurès\" <b> & 'x'");  // colon is not escaped in TEXT
  EXPECT_EQ(EscapeText("col1\tcol2"), "col1\tcol2");
  EXPECT_EQ(EscapeText("€ 😀 日本"), "€ 😀 日本");
}

TEST(ICalendarEscapeText, DropsCarriageReturnAndControlCharacters) {
  EXPECT_EQ(EscapeText("line 1\r\nline 2"), "line 1\\nline 2");
  EXPECT_EQ(EscapeText("a\rb"), "ab");
  EXPECT_EQ(EscapeText(std::string("a\0b\x01\x08\x0B\x0C\x1B\x1F\x7F" "c", 11)), "abc");
  // A newline cannot inject a property: it stays inside the value.
  EXPECT_EQ(EscapeText("x\r\nEND:VEVENT"), "x\\nEND:VEVENT");
}

TEST(ICalendarEscapeText, ReplacesInvalidUtf8ByteByByte) {
  EXPECT_EQ(EscapeText("a\xFF" "b"), "a" + kReplacement + "b");
  EXPECT_EQ(EscapeText("caf\xC3"), "caf" + kReplacement);               // truncated at the end
  EXPECT_EQ(EscapeText("\xC3(x"), kReplacement + "(x");                 // bad continuation
  EXPECT_EQ(EscapeText("\xC0\xAF"), kReplacement + kReplacement);       // overlong
  EXPECT_EQ(EscapeText("\xED\xA0\x80"), Repeat(kReplacement, 3));       // surrogate
  EXPECT_EQ(EscapeText("\xF4\x90\x80\x80"), Repeat(kReplacement, 4));   // beyond U+10FFFF
  EXPECT_EQ(EscapeText("\x80;"), kReplacement + "\\;");                 // stray continuation byte
  EXPECT_TRUE(IsValidUtf8(EscapeText("\xE2\x82 \xF0\x9F\x98 \xFE\xFF")));
}

TEST(ICalendarFoldLine, LeavesLinesOfAtMost75OctetsAlone) {
  EXPECT_EQ(FoldLine(""), "");
  std::string line(75, 'a');
  EXPECT_EQ(FoldLine(line), line);
}

TEST(ICalendarFoldLine, FoldsExactlyAt75Octets) {
  std::string line = std::string(75, 'a') + "b";
  EXPECT_EQ(FoldLine(line), std::string(75, 'a') + "\r\n b");
  // Continuation lines hold 74 octets after their leading space.
  line = std::string(75, 'a') + std::string(74, 'b') + "c";
  EXPECT_EQ(FoldLine(line), std::string(75, 'a') + "\r\n " + std::string(74, 'b') + "\r\n c");
  line = std::string(75 + 74, 'x');
  EXPECT_EQ(PhysicalLines(FoldLine(line)).size(), 2u);
  for (int n : {74, 75, 76, 148, 149, 150, 1000}) {
    std::string text(static_cast<std::size_t>(n), 'z');
    std::string folded = FoldLine(text);
    ExpectWellFolded(folded);
    EXPECT_EQ(Unfold(folded), text) << n;
    EXPECT_EQ(PhysicalLines(folded)[0].size(), std::min(n, 75)) << n;  // lines are filled, not cut short
  }
}

TEST(ICalendarFoldLine, NeverSplitsAMultiByteCharacter) {
  // "é" (2 octets) would straddle octets 75-76: it moves whole to the next line.
  std::string line = std::string(74, 'a') + "é";
  EXPECT_EQ(FoldLine(line), std::string(74, 'a') + "\r\n é");
  // An emoji (4 octets) starting at octet 73.
  line = std::string(72, 'a') + "😀" + "z";
  EXPECT_EQ(FoldLine(line), std::string(72, 'a') + "\r\n 😀z");
  // A character that ends exactly at octet 75 stays.
  line = std::string(71, 'a') + "😀" + "z";
  EXPECT_EQ(FoldLine(line), std::string(71, 'a') + "😀\r\n z");

  std::string summary = "SUMMARY:" + Repeat("Réservée à l'Économie été ", 12) + "🎉🚲 fête";
  for (std::size_t shift = 0; shift < 4; ++shift) {  // every alignment of the characters
    std::string text = std::string(shift, '-') + summary;
    std::string folded = FoldLine(text);
    ExpectWellFolded(folded);
    EXPECT_EQ(Unfold(folded), text);
  }
}

TEST(ICalendarFormatUtc, WritesTheUtcForm) {
  EXPECT_EQ(FormatUtc(Timestamp{0}), "19700101T000000Z");
  EXPECT_EQ(FormatUtc(Timestamp{1795424400}), "20261123T090000Z");
  EXPECT_EQ(FormatUtc(Timestamp{1835481599}), "20280229T235959Z");  // leap day
}

TEST(ICalendarFormatUtc, IsUnaffectedByDaylightSavingChanges) {
  // Europe/Paris: both instants are 02:30 local on 2026-10-25 (CEST, then CET); UTC tells them apart.
  EXPECT_EQ(FormatUtc(Timestamp{1792888200}), "20261025T003000Z");
  EXPECT_EQ(FormatUtc(Timestamp{1792891800}), "20261025T013000Z");
  // Spring forward 2026-03-29 01:00 UTC: consecutive seconds stay consecutive.
  EXPECT_EQ(FormatUtc(Timestamp{1774745999}), "20260329T005959Z");
  EXPECT_EQ(FormatUtc(Timestamp{1774746000}), "20260329T010000Z");
}

TEST(ICalendarWrite, EmptyCalendarIsStillAWholeCalendar) {
  EXPECT_EQ(WriteCalendar(Calendar{}),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//coopole//coopole//FR\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-PUBLISHED-TTL:PT15M\r\n"
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n"
            "END:VCALENDAR\r\n");
}

TEST(ICalendarWrite, WritesEveryPropertyOfAnEvent) {
  Calendar calendar{.product = "pooling", .name = "Atelier partagé, réservations", .time_zone = "Europe/Paris", .events = {}};
  Event event = SampleEvent();
  event.description = "Réservé par: Bois & Cie";
  event.location = "Hangar 2; quai Nord";
  calendar.events.push_back(event);
  EXPECT_EQ(WriteCalendar(calendar),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//coopole//pooling//FR\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-WR-CALNAME:Atelier partagé\\, réservations\r\n"
            "X-WR-TIMEZONE:Europe/Paris\r\n"
            "X-PUBLISHED-TTL:PT15M\r\n"
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:booking-42@atelier-partage.coopole\r\n"
            "DTSTAMP:20261120T140500Z\r\n"
            "DTSTART:20261123T090000Z\r\n"
            "DTEND:20261123T103000Z\r\n"
            "SUMMARY:Scie à panneaux\r\n"
            "DESCRIPTION:Réservé par: Bois & Cie\r\n"
            "LOCATION:Hangar 2\\; quai Nord\r\n"
            "STATUS:CONFIRMED\r\n"
            "SEQUENCE:3\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

TEST(ICalendarWrite, LeavesOutEmptyDescriptionAndLocation) {
  Calendar calendar;
  calendar.events.push_back(SampleEvent());
  std::string text = WriteCalendar(calendar);
  EXPECT_NE(text.find("\r\nSUMMARY:Scie à panneaux\r\nSTATUS:CONFIRMED\r\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("DESCRIPTION"), std::string::npos);
  EXPECT_EQ(text.find("LOCATION"), std::string::npos);
  EXPECT_EQ(text.find("X-WR-"), std::string::npos);
}

TEST(ICalendarWrite, WritesEachStatus) {
  Calendar calendar;
  for (auto status : {Event::Status::kTentative, Event::Status::kConfirmed, Event::Status::kCancelled}) {
    Event event = SampleEvent();
    event.status = status;
    calendar.events.push_back(event);
  }
  std::string text = WriteCalendar(calendar);
  auto tentative = text.find("\r\nSTATUS:TENTATIVE\r\n");
  auto confirmed = text.find("\r\nSTATUS:CONFIRMED\r\n");
  auto cancelled = text.find("\r\nSTATUS:CANCELLED\r\n");
  ASSERT_NE(tentative, std::string::npos);
  ASSERT_NE(confirmed, std::string::npos);
  ASSERT_NE(cancelled, std::string::npos);
  EXPECT_LT(tentative, confirmed);  // events keep their order
  EXPECT_LT(confirmed, cancelled);
  Event default_event;
  EXPECT_EQ(default_event.status, Event::Status::kConfirmed);
}

TEST(ICalendarWrite, UsesCrlfEverywhereAndFoldsEveryLine) {
  Calendar calendar{.name = Repeat("Calendrier très partagé ", 6), .time_zone = "Europe/Paris", .events = {}};
  Event event = SampleEvent();
  event.summary = Repeat("Réservation « été » 🚲, ", 10);
  event.description = "Ligne 1\nLigne 2\r\nLigne 3\rfin\n\n" + Repeat("é", 100);
  event.location = std::string("Quai\xFF\x01 Nord");
  calendar.events.push_back(event);
  calendar.events.push_back(SampleEvent());
  std::string text = WriteCalendar(calendar);

  ASSERT_GE(text.size(), 2u);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      EXPECT_TRUE(i > 0 && text[i - 1] == '\r') << "bare LF at " << i;
    }
    if (text[i] == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_TRUE(IsValidUtf8(text));
  ExpectWellFolded(text.substr(0, text.size() - 2), /*one_content_line=*/false);
  std::string unfolded = Unfold(text);
  EXPECT_NE(unfolded.find("\r\nDESCRIPTION:Ligne 1\\nLigne 2\\nLigne 3fin\\n\\n" + Repeat("é", 100) + "\r\n"),
            std::string::npos);
  EXPECT_NE(unfolded.find("\r\nLOCATION:Quai" + kReplacement + " Nord\r\n"), std::string::npos);
  EXPECT_EQ(PhysicalLines(unfolded).size(), 31u);  // 9 + 11 + 9 + 1 logical lines, then "" after the last CRLF
}

TEST(ICalendarWrite, ClampsANegativeSequence) {
  Calendar calendar;
  calendar.events.push_back(SampleEvent());
  calendar.events[0].sequence = -1;
  EXPECT_NE(WriteCalendar(calendar).find("\r\nSEQUENCE:0\r\n"), std::string::npos);
}

TEST(ICalendarWrite, WritesTheMethodAndLeavesTheRefreshHintToFeeds) {
  Calendar request{.method = Method::kRequest, .product = "animation", .name = "", .time_zone = "", .events = {}};
  std::string text = WriteCalendar(request);
  EXPECT_NE(text.find("\r\nPRODID:-//coopole//animation//FR\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\nMETHOD:REQUEST\r\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("METHOD:PUBLISH"), std::string::npos);
  EXPECT_EQ(text.find("X-PUBLISHED-TTL"), std::string::npos);
  EXPECT_EQ(text.find("REFRESH-INTERVAL"), std::string::npos);

  Calendar cancel{.method = Method::kCancel};
  EXPECT_NE(WriteCalendar(cancel).find("\r\nMETHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(WriteCalendar(Calendar{}).find("\r\nMETHOD:PUBLISH\r\nX-PUBLISHED-TTL:PT15M\r\n"), std::string::npos);
  EXPECT_EQ(Calendar{}.method, Method::kPublish);
}

TEST(ICalendarWrite, KeepsSlashesOutOfTheProductId) {
  Calendar calendar{.product = "a//b"};
  EXPECT_NE(WriteCalendar(calendar).find("\r\nPRODID:-//coopole//ab//FR\r\n"), std::string::npos);
}

TEST(ICalendarWrite, WritesOrganizerAndAttendeesAfterTheSequence) {
  Calendar calendar{.method = Method::kRequest};
  Event event = SampleEvent();
  event.organizer = Party{.email = "pole@example.org", .name = "Pôle Grenoble"};
  event.attendees.push_back(Attendee{.party = {.email = "marie@example.org", .name = "Marie Dupont"}});
  event.attendees.push_back(Attendee{.party = {.email = "paul@example.org", .name = ""},
                                     .answer = Attendee::Answer::kAccepted});
  calendar.events.push_back(event);
  std::string text = Unfold(WriteCalendar(calendar));
  EXPECT_NE(text.find("\r\nSEQUENCE:3\r\n"
                      "ORGANIZER;CN=\"Pôle Grenoble\":mailto:pole@example.org\r\n"
                      "ATTENDEE;CN=\"Marie Dupont\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:marie@example.org\r\n"
                      "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:paul@example.org\r\n"
                      "END:VEVENT\r\n"),
            std::string::npos)
      << text;
}

TEST(ICalendarWrite, LeavesOutOrganizerAndAttendeesWhenThereAreNone) {
  Calendar calendar;
  calendar.events.push_back(SampleEvent());
  std::string text = WriteCalendar(calendar);
  EXPECT_EQ(text.find("ORGANIZER"), std::string::npos);
  EXPECT_EQ(text.find("ATTENDEE"), std::string::npos);
}

TEST(ICalendarWrite, EscapesTheCommonNameAsAParameterAndCleansTheAddress) {
  Calendar calendar{.method = Method::kRequest};
  Event event = SampleEvent();
  event.attendees.push_back(
      Attendee{.party = {.email = " ana\r\n@exa mple.org", .name = "Dupont; \"Ana\", ^chef^:\nlabo\x01\xFF"}});
  calendar.events.push_back(event);
  std::string unfolded = Unfold(WriteCalendar(calendar));
  EXPECT_NE(unfolded.find("\r\nATTENDEE;CN=\"Dupont; ^'Ana^', ^^chef^^:^nlabo" + kReplacement +
                          "\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:ana@example.org\r\n"),
            std::string::npos)
      << unfolded;
}

TEST(ICalendarQuoteParam, QuotesAndEncodesTheRfc6868Way) {
  EXPECT_EQ(QuoteParam(""), "\"\"");
  EXPECT_EQ(QuoteParam("Bois & Cie, Lyon; Nord"), "\"Bois & Cie, Lyon; Nord\"");
  EXPECT_EQ(QuoteParam("dit \"le chef\""), "\"dit ^'le chef^'\"");
  EXPECT_EQ(QuoteParam("a^b\nc\rd\te"), "\"a^^b^ncd\te\"");
  EXPECT_EQ(QuoteParam("é\xC3"), "\"é" + kReplacement + "\"");
}

TEST(ICalendarWrite, WritesEachAnswer) {
  Calendar calendar{.method = Method::kRequest};
  Event event = SampleEvent();
  for (auto answer : {Attendee::Answer::kNeedsAction, Attendee::Answer::kAccepted, Attendee::Answer::kDeclined,
                      Attendee::Answer::kTentative}) {
    event.attendees.push_back(Attendee{.party = {.email = "a@b.fr", .name = ""}, .answer = answer});
  }
  calendar.events.push_back(event);
  std::string text = WriteCalendar(calendar);
  for (const char* answer : {"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE"}) {
    EXPECT_NE(text.find(std::string("PARTSTAT=") + answer + ":mailto:a@b.fr\r\n"), std::string::npos) << answer;
  }
}

}  // namespace
}  // namespace coopole::calendar::ical
