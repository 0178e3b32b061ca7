// Pure rules of notices: digest frequencies, when a digest is due, the text of a notice.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "coopole/core/time.h"
#include "coopole/core/time_zone.h"

namespace coopole::animation::notice_rules {

// Digests go out at this local time of the hub (daily: every day; weekly: on Mondays).
inline constexpr int kDigestMinute = 7 * 60;

// True for "immediate", "daily", "weekly", "never".
bool IsFrequency(std::string_view frequency);

// The latest digest time (hub-local wall clock) at or before `now_local`: today's 07:00
// (yesterday's before 07:00) for "daily", the latest Monday 07:00 for "weekly". nullopt for
// the other frequencies (they have no schedule).
std::optional<LocalDateTime> LatestDigestTime(std::string_view frequency, LocalDateTime now_local);

// Whether a user with unmailed notices gets a digest at `now`. `last_digest`: when their last
// digest in the hub was mailed (nullopt: never); `oldest_unmailed`: when the oldest of the
// notices waiting was posted. "immediate": always. "daily"/"weekly": only at the schedule the
// page announces (07:00 hub time, Mondays for weekly): due when a notice waiting was posted
// before the latest digest time and no digest went out since that time, so a notice posted
// at 15:00 waits for the next 07:00 (even for a user never mailed before) and a user gets at
// most one digest per period. Compared on the hub's wall clock, so the rule holds across
// daylight-saving changes. "never" and unknown frequencies: no (their notices are marked
// mailed without an e-mail).
bool DigestDue(std::string_view frequency, std::optional<Timestamp> last_digest, Timestamp oldest_unmailed,
               Timestamp now, const TimeZone& zone);

// Whether a notice's link may be shown as a link: a path inside the application ("/hubs/…"),
// not a scheme ("javascript:"), nor a protocol-relative "//host" or "/\host" that browsers
// send to another site.
bool IsAppPath(std::string_view link);

// `text` with each "{name}" replaced by params[name] in one pass over `text` (a value holding
// "{other}" is inserted as written, never filled in turn); unknown placeholders stay as written.
std::string FillPlaceholders(std::string text, const std::map<std::string, std::string>& params);

// The params as a reader of `lang` sees them: a "date" param posted as 'YYYY-MM-DD' is written
// the language's way (FormatDate: 03/12/2026 in French); the others are unchanged.
std::map<std::string, std::string> DisplayParams(std::map<std::string, std::string> params, std::string_view lang);

}  // namespace coopole::animation::notice_rules
