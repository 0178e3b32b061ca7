// Cooperation, board: needs and offers on the board, their comments and the notifications of
// fitting posts; cooperation suggestions with their scores and reasons; the cooperations
// members record (an accepted suggestion is one).
//
// Errors of every use case: kPermissionDenied when the role does not allow the action (observers
// write nothing; users of the member role act for their own organisation only); kNotFound for
// anything of another hub; kInvalidArgument naming each field at fault with a message key;
// kConflict with the field "version" when an edit names a version someone else replaced.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/cooperation/cooperation.h"
#include "coopole/db/migrations.h"

namespace coopole::cooperation {

// ---- posts ------------------------------------------------------------------------------------

enum class Direction { kNeed, kOffer };
const char* DirectionCode(Direction direction);  // "need", "offer"
std::optional<Direction> ParseDirection(std::string_view code);

// The kinds of post; codes are stored, labels come from "cooperation.kind.<code>".
const std::vector<std::string>& PostKinds();  // skill, equipment, premises, service, partnership, purchase, funding

// How long a post stays open when no expiry is given.
inline constexpr int kDefaultExpiryDays = 90;

struct Post {
  PostId id;
  HubId hub;
  MemberId member;
  std::string member_name;        // filled by reads
  Direction direction = Direction::kNeed;
  std::string kind;               // a PostKinds() code
  std::string title;
  std::string description;
  std::vector<std::string> sectors;  // NAF codes ("56.10A")
  std::string commune_insee;      // the territory: the member's commune unless given
  std::string epci_siren;         // the member's EPCI when the commune is the member's, else ""
  std::optional<std::int64_t> quantity;
  std::string unit;               // "m²", "jours", "" ...
  std::optional<Date> starts_on, ends_on;
  std::string recurrence;         // free text kept as written ("le mardi")
  Date expires_on;
  bool closed = false;
  bool expired = false;           // computed by reads: expires_on before today (hub time zone)
  bool Open() const { return !closed && !expired; }
  UserId created_by;
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
};

// Raw text from a form or JSON; on update an absent field keeps its value.
//   member_id: the posting organisation (members may leave it empty: their own).
//   sectors: NAF codes separated by commas, semicolons or spaces; default the member's.
//   commune_insee: 5 characters ("38185", "2A004"); default the member's commune.
//   quantity: a whole number; starts_on, ends_on, expires_on: "YYYY-MM-DD".
struct PostInput {
  std::optional<std::string> member_id, direction, kind, title, description, sectors, commune_insee, quantity, unit,
      starts_on, ends_on, recurrence, expires_on;
};

struct PostQuery {
  std::optional<Direction> direction;
  std::string kind;
  std::optional<MemberId> member;
  std::string text;               // accent- and case-insensitive over title, description, member name
  bool open_only = true;
  int page = 1;
  int per_page = 25;              // 1..200
};

struct PostPage {
  std::vector<Post> items;
  std::int64_t total = 0;
  int page = 1;
  int per_page = 25;
};

struct Comment {
  CommentId id;
  PostId post;
  UserId author;
  std::string author_name;
  std::optional<MemberId> member;  // the organisation the author wrote for, if any
  std::string body;
  Timestamp created_at;
};

// A post that fits a member's profile, shown to that member's users in the app and sent to
// them by e-mail (through the NotificationListener the application installs).
struct Notification {
  std::int64_t id = 0;
  HubId hub;
  MemberId member;
  PostId post;
  std::string post_title;         // filled by reads
  std::string post_direction;     // filled by reads
  std::string reason;             // "sector", "kind", "sector_kind"
  Timestamp created_at;
  std::optional<Timestamp> read_at;
};

// Called inside the publication's transaction for each notification created, with the post:
// the application installs one that queues an e-mail to the member's users in the outbox,
// so that the e-mail exists if and only if the post does (docs/adr/0007-mail-outbox.md).
// It must not commit; an exception it throws rolls the publication back.
using NotificationListener = std::function<void(db::Transaction&, const Notification&, const Post&)>;

// ---- suggestions ------------------------------------------------------------------------------

// Why a suggestion is made: a code and its parameters, rendered by the web layer from the
// catalogue text "cooperation.reason.<code>" with {param} substituted.
struct Reason {
  std::string code;
  std::map<std::string, std::string> params;
};

// One named part of a score: value in [0, 1], weight in points; points = value * weight.
struct ScoreComponent {
  std::string name;   // "kind", "sector", "territory", "words", "resource", "complementarity", "partnership"
  double weight = 0;
  double value = 0;
  double Points() const { return weight * value; }
};

// The sentence of a reason: the catalogue text "cooperation.reason.<code>" (from `text`) with
// each "{param}" replaced by the parameter's value.
std::string ExplainReason(const Reason& reason, const std::function<std::string(const std::string& key)>& text);

enum class SuggestionKind { kNeedOffer, kNeedMember, kGroup };
const char* SuggestionKindCode(SuggestionKind kind);  // "need_offer", "need_member", "group"

struct Suggestion {
  std::string key;                // stable: "post:12-post:34", "post:12-member:5", "group:3-8-9"
  SuggestionKind kind = SuggestionKind::kNeedOffer;
  HubId hub;                      // the hub of the first member (cross-hub matches: the need's)
  std::vector<MemberId> members;  // two or more, the need's member first
  std::vector<std::string> member_names;
  std::vector<HubId> member_hubs;
  std::optional<PostId> need, offer;
  std::string title;              // a short label: the need's title, or the group's
  int score = 0;                  // 0..100, the rounded sum of the components
  std::vector<ScoreComponent> components;
  std::vector<Reason> reasons;
};

struct SuggestionQuery {
  std::optional<MemberId> member;  // only those involving this member (members: always theirs)
  std::string kind;                // "" or a SuggestionKindCode
  int limit = 50;                  // 1..1000
};

struct SuggestionList {
  std::vector<Suggestion> items;   // best first
  std::int64_t total = 0;          // before the limit
};

// ---- cooperations -----------------------------------------------------------------------------

struct Cooperation {
  CooperationId id;
  HubId hub;
  std::string kind;               // "suggestion" (an accepted suggestion) or "other" (recorded by hand)
  std::string title;
  Date started_on;
  std::string source_key;         // the suggestion key, "" for "other"
  std::vector<MemberId> members;
  std::vector<std::string> member_names;
  UserId created_by;
  Timestamp created_at;
};

//   member_ids: two or more distinct members of the hub; started_on default today.
struct CooperationInput {
  std::optional<std::string> title, started_on;
  std::vector<std::string> member_ids;
};

// What the hub landing page shows.
struct BoardOverview {
  std::int64_t open_needs = 0, open_offers = 0, cooperations = 0, unread_notifications = 0;
  std::vector<Suggestion> top_suggestions;
};

class BoardService {
 public:
  BoardService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  // Migrations of the module "cooperation_board".
  static std::vector<db::Migration> Migrations();

  // Installs the listener told of each notification (see NotificationListener).
  void SetNotificationListener(NotificationListener listener) { listener_ = std::move(listener); }

  // Posts. Publishing notifies the members whose profile fits the post (FitsProfile).
  Result<PostPage> ListPosts(const Actor& actor, const HubContext& hub, const PostQuery& query);
  Result<Post> GetPost(const Actor& actor, const HubContext& hub, PostId id);
  Result<Post> CreatePost(const Actor& actor, const HubContext& hub, const PostInput& input);
  Result<Post> UpdatePost(const Actor& actor, const HubContext& hub, PostId id, std::int64_t expected_version,
                          const PostInput& input);
  // Closing and reopening change no version-checked field: they always apply. Reopening an
  // expired post moves its expiry to today + kDefaultExpiryDays.
  Result<Post> ClosePost(const Actor& actor, const HubContext& hub, PostId id);
  Result<Post> ReopenPost(const Actor& actor, const HubContext& hub, PostId id);

  // Comments: anyone who may write in the hub comments; observers read. body: 1..4000 chars.
  Result<std::vector<Comment>> ListComments(const Actor& actor, const HubContext& hub, PostId post);
  Result<Comment> AddComment(const Actor& actor, const HubContext& hub, PostId post, const std::string& body);

  // Notifications of a member (members: their own; coordinators: any, `member` required).
  Result<std::vector<Notification>> ListNotifications(const Actor& actor, const HubContext& hub,
                                                      std::optional<MemberId> member, bool unread_only);
  // Marks one (id) or all (nullopt) of the member's notifications read.
  Status MarkNotificationsRead(const Actor& actor, const HubContext& hub, std::optional<MemberId> member,
                               std::optional<std::int64_t> id);

  // Suggestions of the hub (members: those involving their organisation).
  Result<SuggestionList> Suggestions(const Actor& actor, const HubContext& hub, const SuggestionQuery& query);
  // Every hub at once, with cross-hub need/offer matches on nearby territory. Admins only.
  Result<SuggestionList> InstallationSuggestions(const Actor& actor, const SuggestionQuery& query);
  // Accepting records a cooperation (kind "suggestion") with the suggestion's members; a
  // dismissed or accepted suggestion is never suggested again. Only coordinators and the
  // users of a member involved decide. Errors: kNotFound when the key is not a current
  // suggestion of the hub.
  Result<Cooperation> AcceptSuggestion(const Actor& actor, const HubContext& hub, const std::string& key);
  Status DismissSuggestion(const Actor& actor, const HubContext& hub, const std::string& key,
                           const std::string& reason);

  // Cooperations. Members record those they take part in; coordinators any.
  Result<std::vector<Cooperation>> ListCooperations(const Actor& actor, const HubContext& hub);
  Result<Cooperation> RecordCooperation(const Actor& actor, const HubContext& hub, const CooperationInput& input);

  Result<BoardOverview> Overview(const Actor& actor, const HubContext& hub);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
  NotificationListener listener_;
};

}  // namespace coopole::cooperation
