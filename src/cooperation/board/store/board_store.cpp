#include "store/board_store.h"

#include <map>

#include "coopole/core/text.h"

namespace coopole::cooperation::store {
namespace {

constexpr const char* kPostColumns =
    "SELECT p.id, p.hub_id, p.member_id, m.name, p.direction, p.kind, p.title, p.description, p.sectors, "
    "p.commune_insee, p.epci_siren, p.quantity, p.unit, p.starts_on, p.ends_on, p.recurrence, p.expires_on, "
    "p.status, p.created_by, p.created_at, p.updated_at, p.version "
    "FROM cooperation_posts p JOIN members_members m ON m.id = p.member_id ";

std::string JoinSectors(const std::vector<std::string>& sectors) {
  std::string out;
  for (const auto& s : sectors) out += (out.empty() ? "" : " ") + s;
  return out;
}

Post ReadPost(const db::Rows& rows, std::size_t r) {
  Post p;
  p.id = PostId{rows.Int(r, 0)};
  p.hub = HubId{rows.Int(r, 1)};
  p.member = MemberId{rows.Int(r, 2)};
  p.member_name = rows.Text(r, 3);
  p.direction = ParseDirection(rows.Text(r, 4)).value_or(Direction::kNeed);
  p.kind = rows.Text(r, 5);
  p.title = rows.Text(r, 6);
  p.description = rows.Text(r, 7);
  for (auto& s : Split(rows.Text(r, 8), ' '))
    if (!s.empty()) p.sectors.push_back(std::move(s));
  p.commune_insee = rows.Text(r, 9);
  p.epci_siren = rows.Text(r, 10);
  p.quantity = rows.OptInt(r, 11);
  p.unit = rows.Text(r, 12);
  p.starts_on = rows.OptDate(r, 13);
  p.ends_on = rows.OptDate(r, 14);
  p.recurrence = rows.Text(r, 15);
  p.expires_on = rows.OptDate(r, 16).value_or(Date{});
  p.closed = rows.Text(r, 17) == "closed";
  p.created_by = UserId{rows.Int(r, 18)};
  p.created_at = Timestamp{rows.Int(r, 19)};
  p.updated_at = Timestamp{rows.Int(r, 20)};
  p.version = rows.Int(r, 21);
  return p;
}

std::vector<Post> ReadPosts(const db::Rows& rows) {
  std::vector<Post> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadPost(rows, i));
  return out;
}

// Built value by value: g++ 12 warns (wrongly) on long brace-initialised lists of variants.
db::Params PostValues(const Post& p) {
  db::Params v;
  v.reserve(20);
  v.emplace_back(std::string(DirectionCode(p.direction)));
  v.emplace_back(p.kind);
  v.emplace_back(p.title);
  v.emplace_back(p.description);
  v.emplace_back(JoinSectors(p.sectors));
  v.emplace_back(p.commune_insee);
  v.emplace_back(p.epci_siren);
  v.push_back(db::Nullable(p.quantity));
  v.emplace_back(p.unit);
  v.push_back(db::Nullable(p.starts_on));
  v.push_back(db::Nullable(p.ends_on));
  v.emplace_back(p.recurrence);
  v.emplace_back(FormatIsoDate(p.expires_on));
  v.emplace_back(std::string(p.closed ? "closed" : "open"));
  v.emplace_back(FoldForSearch(p.title + " " + p.description + " " + p.member_name));
  v.emplace_back(p.updated_at.unix_seconds);
  return v;
}

struct Where {
  std::string sql;
  db::Params params;
};

Where WhereOf(HubId hub, const PostFilter& f) {
  Where w{"WHERE p.hub_id = ?", {}};
  w.params.emplace_back(hub.value);
  if (f.direction) {
    w.sql += " AND p.direction = ?";
    w.params.emplace_back(std::string(DirectionCode(*f.direction)));
  }
  if (!f.kind.empty()) {
    w.sql += " AND p.kind = ?";
    w.params.emplace_back(f.kind);
  }
  if (f.member) {
    w.sql += " AND p.member_id = ?";
    w.params.emplace_back(f.member->value);
  }
  for (const auto& word : f.words) {
    w.sql += " AND p.search_text LIKE ? ESCAPE '\\'";
    w.params.emplace_back(db::ContainsPattern(word));
  }
  if (f.open_on) {
    w.sql += " AND p.status = 'open' AND p.expires_on >= ?";
    w.params.emplace_back(FormatIsoDate(*f.open_on));
  }
  return w;
}

}  // namespace

std::optional<Post> FindPost(db::Transaction& tx, HubId hub, PostId id) {
  auto rows = tx.Query(std::string(kPostColumns) + "WHERE p.hub_id = ? AND p.id = ?", {hub.value, id.value});
  if (rows.empty()) return std::nullopt;
  return ReadPost(rows, 0);
}

std::vector<Post> ListPosts(db::Transaction& tx, HubId hub, const PostFilter& filter, int limit, std::int64_t offset) {
  auto w = WhereOf(hub, filter);
  w.params.emplace_back(static_cast<std::int64_t>(limit));
  w.params.emplace_back(offset);
  return ReadPosts(tx.Query(std::string(kPostColumns) + w.sql + " ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
                            w.params));
}

std::int64_t CountPosts(db::Transaction& tx, HubId hub, const PostFilter& filter) {
  auto w = WhereOf(hub, filter);
  return tx.Query("SELECT COUNT(*) FROM cooperation_posts p " + w.sql, w.params).Int(0, 0);
}

PostId InsertPost(db::Transaction& tx, const Post& post) {
  auto params = PostValues(post);
  params.emplace_back(post.hub.value);
  params.emplace_back(post.member.value);
  params.emplace_back(post.created_by.value);
  params.emplace_back(post.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO cooperation_posts (direction, kind, title, description, sectors, commune_insee, epci_siren, "
      "quantity, unit, starts_on, ends_on, recurrence, expires_on, status, search_text, updated_at, hub_id, "
      "member_id, created_by, created_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      params);
  return PostId{rows.Int(0, 0)};
}

bool UpdatePost(db::Transaction& tx, const Post& post, std::int64_t expected_version) {
  auto params = PostValues(post);
  params.emplace_back(post.member.value);
  params.emplace_back(post.hub.value);
  params.emplace_back(post.id.value);
  params.emplace_back(expected_version);
  return tx.Execute(
             "UPDATE cooperation_posts SET direction = ?, kind = ?, title = ?, description = ?, sectors = ?, "
             "commune_insee = ?, epci_siren = ?, quantity = ?, unit = ?, starts_on = ?, ends_on = ?, recurrence = ?, "
             "expires_on = ?, status = ?, search_text = ?, updated_at = ?, member_id = ?, version = version + 1 "
             "WHERE hub_id = ? AND id = ? AND version = ?",
             params) == 1;
}

std::vector<Post> OpenPosts(db::Transaction& tx, std::optional<HubId> hub, Date today) {
  db::Params params;
  params.emplace_back(FormatIsoDate(today));
  std::string sql = std::string(kPostColumns) + "WHERE p.status = 'open' AND p.expires_on >= ?";
  if (hub) {
    sql += " AND p.hub_id = ?";
    params.emplace_back(hub->value);
  }
  return ReadPosts(tx.Query(sql + " ORDER BY p.id", params));
}

std::vector<Comment> ListComments(db::Transaction& tx, HubId hub, PostId post) {
  auto rows = tx.Query(
      "SELECT id, post_id, author_user_id, author_name, member_id, body, created_at FROM cooperation_comments "
      "WHERE hub_id = ? AND post_id = ? ORDER BY id",
      {hub.value, post.value});
  std::vector<Comment> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Comment c;
    c.id = CommentId{rows.Int(i, 0)};
    c.post = PostId{rows.Int(i, 1)};
    c.author = UserId{rows.Int(i, 2)};
    c.author_name = rows.Text(i, 3);
    if (auto m = rows.OptInt(i, 4)) c.member = MemberId{*m};
    c.body = rows.Text(i, 5);
    c.created_at = Timestamp{rows.Int(i, 6)};
    out.push_back(std::move(c));
  }
  return out;
}

CommentId InsertComment(db::Transaction& tx, HubId hub, const Comment& c) {
  db::Params p;
  p.emplace_back(hub.value);
  p.emplace_back(c.post.value);
  p.emplace_back(c.author.value);
  p.emplace_back(c.author_name);
  p.push_back(db::Nullable(c.member));
  p.emplace_back(c.body);
  p.emplace_back(c.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO cooperation_comments (hub_id, post_id, author_user_id, author_name, member_id, body, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
  return CommentId{rows.Int(0, 0)};
}

std::int64_t InsertNotification(db::Transaction& tx, const Notification& n) {
  db::Params p;
  p.emplace_back(n.hub.value);
  p.emplace_back(n.member.value);
  p.emplace_back(n.post.value);
  p.emplace_back(n.reason);
  p.emplace_back(n.created_at.unix_seconds);
  return tx
      .Query("INSERT INTO cooperation_notifications (hub_id, member_id, post_id, reason, created_at) "
             "VALUES (?, ?, ?, ?, ?) RETURNING id",
             p)
      .Int(0, 0);
}

std::vector<Notification> ListNotifications(db::Transaction& tx, HubId hub, MemberId member, bool unread_only) {
  auto rows = tx.Query(
      std::string("SELECT n.id, n.hub_id, n.member_id, n.post_id, p.title, p.direction, n.reason, n.created_at, "
                  "n.read_at FROM cooperation_notifications n JOIN cooperation_posts p ON p.id = n.post_id "
                  "WHERE n.hub_id = ? AND n.member_id = ?") +
          (unread_only ? " AND n.read_at IS NULL" : "") + " ORDER BY n.id DESC LIMIT 200",
      {hub.value, member.value});
  std::vector<Notification> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Notification n;
    n.id = rows.Int(i, 0);
    n.hub = HubId{rows.Int(i, 1)};
    n.member = MemberId{rows.Int(i, 2)};
    n.post = PostId{rows.Int(i, 3)};
    n.post_title = rows.Text(i, 4);
    n.post_direction = rows.Text(i, 5);
    n.reason = rows.Text(i, 6);
    n.created_at = Timestamp{rows.Int(i, 7)};
    if (auto at = rows.OptInt(i, 8)) n.read_at = Timestamp{*at};
    out.push_back(std::move(n));
  }
  return out;
}

std::int64_t CountUnread(db::Transaction& tx, HubId hub, std::optional<MemberId> member) {
  if (member)
    return tx
        .Query("SELECT COUNT(*) FROM cooperation_notifications WHERE hub_id = ? AND member_id = ? AND read_at IS NULL",
               {hub.value, member->value})
        .Int(0, 0);
  return tx.Query("SELECT COUNT(*) FROM cooperation_notifications WHERE hub_id = ? AND read_at IS NULL", {hub.value})
      .Int(0, 0);
}

std::int64_t MarkRead(db::Transaction& tx, HubId hub, MemberId member, std::optional<std::int64_t> id, Timestamp at) {
  db::Params p;
  p.emplace_back(at.unix_seconds);
  p.emplace_back(hub.value);
  p.emplace_back(member.value);
  std::string sql =
      "UPDATE cooperation_notifications SET read_at = ? WHERE hub_id = ? AND member_id = ? AND read_at IS NULL";
  if (id) {
    sql += " AND id = ?";
    p.emplace_back(*id);
  }
  return tx.Execute(sql, p);
}

std::vector<std::pair<std::int64_t, std::string>> DecidedKeys(db::Transaction& tx, std::optional<HubId> hub) {
  std::string sql =
      "SELECT hub_id, suggestion_key FROM cooperation_suggestion_decisions" +
      std::string(hub ? " WHERE hub_id = ?" : "") +
      " UNION SELECT hub_id, source_key FROM cooperation_cooperations WHERE source_key <> ''" +
      std::string(hub ? " AND hub_id = ?" : "");
  db::Params p;
  if (hub) {
    p.emplace_back(hub->value);
    p.emplace_back(hub->value);
  }
  auto rows = tx.Query(sql, p);
  std::vector<std::pair<std::int64_t, std::string>> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.emplace_back(rows.Int(i, 0), rows.Text(i, 1));
  return out;
}

bool InsertDecision(db::Transaction& tx, HubId hub, const std::string& key, const std::string& decision,
                    const std::string& reason, UserId by, Timestamp at) {
  db::Params p;
  p.emplace_back(hub.value);
  p.emplace_back(key);
  p.emplace_back(decision);
  p.emplace_back(reason);
  p.emplace_back(by.value);
  p.emplace_back(at.unix_seconds);
  return tx.Execute(
             "INSERT INTO cooperation_suggestion_decisions (hub_id, suggestion_key, decision, reason, decided_by, "
             "decided_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hub_id, suggestion_key) DO NOTHING",
             p) == 1;
}

CooperationId InsertCooperation(db::Transaction& tx, const Cooperation& c) {
  db::Params p;
  p.emplace_back(c.hub.value);
  p.emplace_back(c.kind);
  p.emplace_back(c.title);
  p.emplace_back(FormatIsoDate(c.started_on));
  p.emplace_back(c.source_key);
  p.emplace_back(c.created_by.value);
  p.emplace_back(c.created_at.unix_seconds);
  CooperationId id{tx.Query("INSERT INTO cooperation_cooperations (hub_id, kind, title, started_on, source_key, "
                            "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            p)
                       .Int(0, 0)};
  for (const auto& member : c.members)
    tx.Execute("INSERT INTO cooperation_cooperation_members (cooperation_id, member_id) VALUES (?, ?)",
               {id.value, member.value});
  return id;
}

std::vector<Cooperation> ListCooperations(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(
      "SELECT id, hub_id, kind, title, started_on, source_key, created_by, created_at FROM cooperation_cooperations "
      "WHERE hub_id = ? ORDER BY started_on DESC, id DESC",
      {hub.value});
  std::vector<Cooperation> out;
  std::map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Cooperation c;
    c.id = CooperationId{rows.Int(i, 0)};
    c.hub = HubId{rows.Int(i, 1)};
    c.kind = rows.Text(i, 2);
    c.title = rows.Text(i, 3);
    c.started_on = rows.OptDate(i, 4).value_or(Date{});
    c.source_key = rows.Text(i, 5);
    c.created_by = UserId{rows.Int(i, 6)};
    c.created_at = Timestamp{rows.Int(i, 7)};
    at[c.id.value] = out.size();
    out.push_back(std::move(c));
  }
  auto members = tx.Query(
      "SELECT cm.cooperation_id, cm.member_id, m.name FROM cooperation_cooperation_members cm "
      "JOIN cooperation_cooperations c ON c.id = cm.cooperation_id JOIN members_members m ON m.id = cm.member_id "
      "WHERE c.hub_id = ? ORDER BY m.name, m.id",
      {hub.value});
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto it = at.find(members.Int(i, 0));
    if (it == at.end()) continue;
    out[it->second].members.push_back(MemberId{members.Int(i, 1)});
    out[it->second].member_names.push_back(members.Text(i, 2));
  }
  return out;
}

std::int64_t CountCooperations(db::Transaction& tx, HubId hub) {
  return tx.Query("SELECT COUNT(*) FROM cooperation_cooperations WHERE hub_id = ?", {hub.value}).Int(0, 0);
}

}  // namespace coopole::cooperation::store
