// Animation, notices: in-app notices to users, per-user digest preferences (immediately, daily,
// weekly, never) and the digest e-mails.
//
// A notice is addressed to one user account in one hub. Other parts post them inside their own
// transaction (NoticeService::Post), so a notice exists exactly when the change it tells of
// commits. The text is not stored: `kind` names a catalogue text animation.notices.kind.<kind>
// whose {placeholders} are filled from `params` when shown (so it reads in each user's language).
// Kinds and their params (the catalogues hold these texts):
//   "event_planned" {title, date}, "minutes_published" {title}, "time_validated" {date, hours},
//   "time_refused" {date, reason}, "time_to_validate" {person, hours}, "newcomer" {member}.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

using NoticeId = Id<struct NoticeTag>;

// What a part posts. `link` is a path inside the app ("/hubs/<slug>/animation/events/4"),
// "" for none; `params` are plain strings (escaped when shown).
struct NoticeDraft {
  std::string kind;
  std::map<std::string, std::string> params;
  std::string link;
};

struct Notice {
  NoticeId id;
  HubId hub;
  UserId user;
  std::string kind;
  std::map<std::string, std::string> params;
  std::string link;
  Timestamp created_at;
  std::optional<Timestamp> read_at, mailed_at;
};

struct NoticeQuery {
  int page = 1, per_page = 20;  // per_page 1..100
};
// Unread first, then newest first.
struct NoticePage {
  std::vector<Notice> items;
  std::int64_t total = 0, unread = 0;
  int page = 1, per_page = 20;
};

// Digest frequencies as stored (animation_digest_preferences.frequency). No row: "daily".
inline constexpr const char* kDigestFrequencies[] = {"immediate", "daily", "weekly", "never"};
inline constexpr const char* kDefaultDigestFrequency = "daily";

struct DigestPreference {
  std::string frequency = kDefaultDigestFrequency;
  std::optional<Timestamp> updated_at;  // nullopt: never set (the default applies)
};

// One digest: the unmailed, unread notices of one user in one hub, oldest first.
struct Digest {
  hubs::Hub hub;
  identity::User user;
  std::string frequency;
  std::vector<Notice> notices;
};
// Called inside the transaction that marks the digest's notices mailed (mail::Enqueue there),
// so a digest is queued exactly once: never twice, never lost.
using DigestSink = std::function<void(db::Transaction&, const Digest&)>;

struct DigestReport {
  int digests = 0;  // digests given to the sink
  int notices = 0;  // notices in them
  int silenced = 0; // notices marked mailed without e-mail ("never", already read, user no longer in the hub)
  int failed = 0;   // users whose transaction failed (the sink or the database threw): retried next run
  std::string last_error;
};

// `text` with each "{name}" replaced by values[name] in one pass (a value holding "{other}" is
// inserted as written, never filled in turn); unknown placeholders stay. For the notice texts
// and the e-mails built from catalogue texts and what users typed.
std::string FillPlaceholders(std::string text, const std::map<std::string, std::string>& values);
// A notice's params as a reader of `lang` sees them (a "date" posted as 'YYYY-MM-DD' is written
// the language's way). Post dates in ISO form; the pages and digests call this.
std::map<std::string, std::string> NoticeDisplayParams(const std::map<std::string, std::string>& params,
                                                       std::string_view lang);
// Whether a notice's link is a path inside the application, so may be shown as a link (not
// "javascript:", "https://…", nor "//host" or "/\host" that browsers send to another site).
bool IsAppPath(std::string_view link);

// Who may do what: every role of the hub reads its own notices, marks them read and sets its
// own digest preference; nobody reads another user's notices (kNotFound, as for another
// hub's). Errors: kNotFound; kInvalidArgument naming the field with a catalogue key.
class NoticeService {
 public:
  NoticeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();

  // For the other parts: one notice per user (duplicates in `users` are posted once), in the
  // caller's transaction. An empty kind or no users posts nothing.
  static void Post(db::Transaction& tx, HubId hub, const std::vector<UserId>& users, const NoticeDraft& draft,
                   Timestamp now);
  // The users holding the coordinator role in the hub (IdentityService::Coordinators); a
  // member's users are IdentityService::MemberUsers.
  static std::vector<UserId> Coordinators(db::Transaction& tx, HubId hub);

  // The actor's notices in the hub, unread first then newest first.
  Result<NoticePage> ListNotices(const Actor& actor, const HubContext& hub, const NoticeQuery& query);
  // Marks one of the actor's notices read (idempotent: the first reading time stays).
  // Errors: kNotFound (unknown, another user's or another hub's).
  Result<Notice> MarkRead(const Actor& actor, const HubContext& hub, NoticeId id);
  // Marks all the actor's unread notices of the hub read; returns how many were unread.
  Result<std::int64_t> MarkAllRead(const Actor& actor, const HubContext& hub);

  Result<DigestPreference> GetPreference(const Actor& actor, const HubContext& hub);
  // Errors: 422 "frequency" (animation.notices.error.frequency) for anything but the four codes.
  // Audited.
  Result<DigestPreference> SetPreference(const Actor& actor, const HubContext& hub, const std::string& frequency);

  // The digest job (run every few minutes): for each (user, hub) with unmailed notices whose
  // frequency makes a digest due at `now` (notices_rules.h: DigestDue; "last digest" = the
  // latest mailed_at of the user's notices in the hub; daily and weekly digests go out only
  // from 07:00 hub time, for the notices posted before it), one transaction that
  // gives the digest to `sink` and marks its notices mailed. Notices the user already read in
  // the application are marked mailed but left out of the digest (no digest when all are read).
  // "never" marks them mailed without calling the sink; so does a user disabled or no longer
  // in the hub. A user whose transaction throws is counted in `failed` (nothing of it is
  // written, so it is retried next run) and the others go on.
  DigestReport CollectDigests(Timestamp now, const DigestSink& sink);

 private:
  // The digest of one user in one hub, in its own transaction.
  void CollectOne(UserId user, HubId hub, std::string frequency, std::optional<Timestamp> last_mailed, Timestamp now,
                  const DigestSink& sink, DigestReport& report);

  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
