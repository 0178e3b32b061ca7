// Round trip through an independent parser: the feed WriteCalendar produces is read back by
// ical.js (tests/ical/parse_feed.mjs, run with node) and every field must come back exactly.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "coopole/calendar/icalendar.h"

namespace coopole::calendar::ical {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScript = "tests/ical/parse_feed.mjs";

// $COOPOLE_SOURCE_DIR (set by CTest), else the first directory above the test executable
// that holds the script.
std::optional<fs::path> FindScript() {
  if (const char* dir = std::getenv("COOPOLE_SOURCE_DIR"); dir && *dir) return fs::path(dir) / kScript;
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return std::nullopt;
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (fs::exists(dir / kScript)) return dir / kScript;
  }
  return std::nullopt;
}

bool NodeOnPath() {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string_view rest = path;
  while (true) {
    auto colon = rest.find(':');
    fs::path candidate = fs::path(std::string(rest.substr(0, colon))) / "node";
    if (::access(candidate.c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) return false;
    rest.remove_prefix(colon + 1);
  }
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout only; the script's messages go to the test's stderr
};

CommandResult RunCommand(const std::string& command) {
  CommandResult run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class ICalendarRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!NodeOnPath()) GTEST_SKIP() << "node is not on PATH";
    auto script = FindScript();
    ASSERT_TRUE(script && fs::exists(*script)) << "cannot find " << kScript << "; set COOPOLE_SOURCE_DIR";
    script_ = *script;
    file_ = fs::temp_directory_path() /
            ("coopole-ical-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".ics");
  }
  void TearDown() override {
    std::error_code ignored;
    if (!file_.empty()) fs::remove(file_, ignored);
  }

  // Writes `text` to the temp file and parses it with ical.js.
  CommandResult Parse(const std::string& text) {
    std::ofstream(file_, std::ios::binary) << text;
    return RunCommand("node " + ShellQuote(script_.string()) + " " + ShellQuote(file_.string()));
  }

  nlohmann::json ParseCalendar(const Calendar& calendar) {
    CommandResult run = Parse(WriteCalendar(calendar));
    EXPECT_EQ(run.exit_code, 0) << "ical.js rejected the feed";
    auto json = nlohmann::json::parse(run.output, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(json.is_array()) << run.output;
    return json.is_array() ? json : nlohmann::json::array();
  }

  fs::path script_, file_;
};

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

Event MakeEvent(std::int64_t id, std::string summary, std::string description, std::string location) {
  Event event;
  event.uid = "booking-" + std::to_string(id) + "@atelier-partage.coopole";
  event.starts_at = Timestamp{1795424400 + id * 86400};  // 2026-11-23T09:00:00Z onwards
  event.ends_at = Timestamp{event.starts_at.unix_seconds + 5400};
  event.stamp = Timestamp{1795183500};
  event.sequence = id;
  event.summary = std::move(summary);
  event.description = std::move(description);
  event.location = std::move(location);
  return event;
}

const char* StatusName(Event::Status status) {
  switch (status) {
    case Event::Status::kTentative: return "TENTATIVE";
    case Event::Status::kConfirmed: return "CONFIRMED";
    case Event::Status::kCancelled: return "CANCELLED";
  }
  return "";
}

nlohmann::json TextOrNull(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); }

TEST_F(ICalendarRoundTrip, EveryFieldComesBackExactly) {
  // 300 characters whose widths (1 to 4 octets) put every kind of character on fold boundaries.
  std::string long_summary = Repeat("é😀a€", 75);
  Calendar calendar{.name = "Atelier partagé; réservations, 2026", .time_zone = "Europe/Paris", .events = {}};
  calendar.events = {
      MakeEvent(1, "Scie, rabot; ponceuse \\ établi", "Ligne 1\nLigne 2\n\nLigne 4 : fin", "Hangar 2; quai Nord, Lyon"),
      MakeEvent(2, "<script>alert('x')</script>", "\"guillemets\" & <b>gras</b> \\n pas un saut", "<img src=x onerror=alert(1)>"),
      MakeEvent(3, "Réunion à l'Économie Sociale — fête 🎉🚲", Repeat("Accentués: éèêëàâäîïôöùûüç ÉÈÊ Œœ Ææ ", 8), "Salle « Jaurès »"),
      MakeEvent(4, long_summary, "", ""),
      MakeEvent(5, Repeat("x", 300), Repeat(",;\\\n", 40), Repeat(";", 80)),
  };
  calendar.events[0].status = Event::Status::kTentative;
  calendar.events[2].status = Event::Status::kCancelled;
  ASSERT_EQ(long_summary.size(), 75u * (2 + 4 + 1 + 3));

  nlohmann::json events = ParseCalendar(calendar);
  ASSERT_EQ(events.size(), calendar.events.size()) << events.dump(2);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& sent = calendar.events[i];
    const nlohmann::json& got = events[i];
    SCOPED_TRACE(sent.uid);
    EXPECT_EQ(got["uid"], sent.uid);
    EXPECT_EQ(got["summary"], sent.summary);
    EXPECT_EQ(got["description"], TextOrNull(sent.description));
    EXPECT_EQ(got["location"], TextOrNull(sent.location));
    EXPECT_EQ(got["status"], StatusName(sent.status));
    EXPECT_EQ(got["start"], FormatIsoUtc(sent.starts_at));
    EXPECT_EQ(got["end"], FormatIsoUtc(sent.ends_at));
    EXPECT_EQ(got["sequence"], sent.sequence);
  }
}

TEST_F(ICalendarRoundTrip, UnsafeInputComesBackCleaned) {
  Calendar calendar;
  calendar.events = {MakeEvent(7, std::string("a\r\nb\rc\x01\x1B[31m\x7F" "d\xFF" "e\xC3", 17),
                               std::string("tab\there\0nul", 12), "ok")};
  nlohmann::json events = ParseCalendar(calendar);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["summary"], "a\nbc[31md\uFFFDe\uFFFD");
  EXPECT_EQ(events[0]["description"], "tab\therenul");
}

TEST_F(ICalendarRoundTrip, EmptyCalendarParses) {
  nlohmann::json events = ParseCalendar(Calendar{});
  EXPECT_EQ(events, nlohmann::json::array());
}

TEST_F(ICalendarRoundTrip, TheParserRejectsBrokenFeeds) {
  // The script must fail loudly, or the tests above would prove nothing.
  EXPECT_NE(Parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n").exit_code, 0);
  EXPECT_NE(Parse("not a calendar\r\n").exit_code, 0);
  // A fold inside "é" (C3 | A9) is invalid UTF-8 once unfolded: the script refuses it.
  std::string split = WriteCalendar(Calendar{});
  split.insert(split.find("END:VCALENDAR"), "X-TEST:\xC3\r\n \xA9\r\n");
  EXPECT_NE(Parse(split).exit_code, 0);
}

TEST_F(ICalendarRoundTrip, AnInvitationWithOrganizerAndAttendeesIsReadBack) {
  // The parameter quoting must keep a client's parser on its feet whatever the names hold.
  Calendar calendar{.method = Method::kRequest, .product = "animation"};
  Event event = MakeEvent(7, "Petit-déjeuner d'accueil", "Bienvenue", "Salle; 2e étage");
  event.uid = "event-7@pole-sud.coopole";
  event.organizer = Party{"pole@exemple.fr", "Pôle \"Sud\"; Grenoble, Isère ^"};
  event.attendees.push_back(Attendee{{"marie@durand.fr", "Dupont; Marie:\nchef"}, Attendee::Answer::kNeedsAction});
  event.attendees.push_back(Attendee{{"paul@durand.fr", ""}, Attendee::Answer::kAccepted});
  calendar.events.push_back(event);
  nlohmann::json events = ParseCalendar(calendar);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["uid"], "event-7@pole-sud.coopole");
  EXPECT_EQ(events[0]["summary"], "Petit-déjeuner d'accueil");
  EXPECT_EQ(events[0]["location"], "Salle; 2e étage");
  EXPECT_EQ(events[0]["sequence"], 7);
}

}  // namespace
}  // namespace coopole::calendar::ical
