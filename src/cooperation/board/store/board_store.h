// SQL of the board part: posts, comments, notifications, suggestion decisions and
// cooperations. Every function takes the caller's transaction, binds every value and scopes
// every query to a hub (the installation-wide reads take an optional hub). Member names
// come from a join on members_members (display only).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/cooperation/board.h"

namespace coopole::cooperation::store {

struct PostFilter {
  std::optional<Direction> direction;
  std::string kind;
  std::optional<MemberId> member;
  std::vector<std::string> words;  // folded
  std::optional<Date> open_on;     // set: only posts open on that date
};

std::optional<Post> FindPost(db::Transaction& tx, HubId hub, PostId id);
std::vector<Post> ListPosts(db::Transaction& tx, HubId hub, const PostFilter& filter, int limit, std::int64_t offset);
std::int64_t CountPosts(db::Transaction& tx, HubId hub, const PostFilter& filter);
PostId InsertPost(db::Transaction& tx, const Post& post);
// False when the stored version is not `expected_version`.
bool UpdatePost(db::Transaction& tx, const Post& post, std::int64_t expected_version);
// Posts open on `today` of one hub or of every hub, with their members' names.
std::vector<Post> OpenPosts(db::Transaction& tx, std::optional<HubId> hub, Date today);

std::vector<Comment> ListComments(db::Transaction& tx, HubId hub, PostId post);
CommentId InsertComment(db::Transaction& tx, HubId hub, const Comment& comment);

std::int64_t InsertNotification(db::Transaction& tx, const Notification& notification);
std::vector<Notification> ListNotifications(db::Transaction& tx, HubId hub, MemberId member, bool unread_only);
std::int64_t CountUnread(db::Transaction& tx, HubId hub, std::optional<MemberId> member);
std::int64_t MarkRead(db::Transaction& tx, HubId hub, MemberId member, std::optional<std::int64_t> id, Timestamp at);

// (hub, key) of every dismissed or accepted suggestion (and of every cooperation's source).
std::vector<std::pair<std::int64_t, std::string>> DecidedKeys(db::Transaction& tx, std::optional<HubId> hub);
// False when the key was already decided.
bool InsertDecision(db::Transaction& tx, HubId hub, const std::string& key, const std::string& decision,
                    const std::string& reason, UserId by, Timestamp at);

CooperationId InsertCooperation(db::Transaction& tx, const Cooperation& cooperation);
std::vector<Cooperation> ListCooperations(db::Transaction& tx, HubId hub);
std::int64_t CountCooperations(db::Transaction& tx, HubId hub);

}  // namespace coopole::cooperation::store
