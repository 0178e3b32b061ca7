// Use cases of the board: publish, edit, close and reopen posts; comments; the notifications
// of posts that fit a member's profile.
#include <algorithm>

#include "board_internal.h"
#include "board_rules.h"
#include "store/board_store.h"

namespace coopole::cooperation {
namespace board_internal {

rules::MatchMember ToMatch(const members::Member& m) {
  rules::MatchMember x;
  x.id = m.id;
  x.hub = m.hub;
  x.name = m.name;
  x.legal_form = m.legal_form;
  x.is_ess = m.is_ess;
  x.insertion_type = m.insertion_type;
  x.sectors = m.sectors;
  x.commune = m.commune_insee;
  x.commune_name = m.commune_name;
  x.epci = m.epci_siren;
  x.epci_name = m.epci_name;
  x.words = rules::SignificantWords(m.description);
  return x;
}

rules::MatchPost ToMatch(const Post& p, const std::string& commune_name) {
  rules::MatchPost x;
  x.id = p.id;
  x.hub = p.hub;
  x.member = p.member;
  x.direction = p.direction;
  x.kind = p.kind;
  x.title = p.title;
  x.sectors = p.sectors;
  x.commune = p.commune_insee;
  x.commune_name = commune_name;
  x.epci = p.epci_siren;
  x.words = rules::SignificantWords(p.title + " " + p.description);
  return x;
}

rules::MatchResource ToMatch(const OfferedResource& r) {
  return {r.hub, r.member, r.kind, r.name, r.location,
          rules::SignificantWords(r.name + " " + r.category + " " + r.description)};
}

std::string PostJson(const Post& p) {
  nlohmann::json sectors = nlohmann::json::array();
  for (const auto& s : p.sectors) sectors.push_back(s);
  nlohmann::json j = {{"id", p.id.value},
                      {"member_id", p.member.value},
                      {"direction", DirectionCode(p.direction)},
                      {"kind", p.kind},
                      {"title", p.title},
                      {"description", p.description},
                      {"sectors", sectors},
                      {"commune_insee", p.commune_insee},
                      {"quantity", p.quantity ? nlohmann::json(*p.quantity) : nlohmann::json(nullptr)},
                      {"unit", p.unit},
                      {"recurrence", p.recurrence},
                      {"expires_on", FormatIsoDate(p.expires_on)},
                      {"closed", p.closed},
                      {"version", p.version}};
  return AuditJson(j);
}

}  // namespace board_internal

namespace {

using namespace board_internal;

// The active member of the hub with this id, or nullptr.
const members::Member* Find(const std::vector<members::Member>& members, MemberId id) {
  for (const auto& m : members)
    if (m.id == id) return &m;
  return nullptr;
}

// Points the post's territory at the member's when it is left empty or is the member's
// commune (the EPCI is then the member's too).
void FillTerritory(const members::Member& member, bool creating, const PostInput& input, Post& post) {
  if (creating && (!input.commune_insee || Trim(*input.commune_insee).empty())) post.commune_insee = member.commune_insee;
  if (post.commune_insee == member.commune_insee) post.epci_siren = member.epci_siren;
  if (creating && !input.sectors) post.sectors = member.sectors;
}

std::vector<Notification> Notify(db::Transaction& tx, const Directory& directory, const Post& post,
                                 const std::vector<members::Member>& members, Date today, Timestamp now) {
  std::vector<rules::MatchPost> posts;
  for (const auto& p : store::OpenPosts(tx, post.hub, today)) posts.push_back(ToMatch(p, ""));
  std::vector<rules::MatchResource> resources;
  if (directory.offered_resources)
    for (const auto& r : directory.offered_resources(tx, post.hub)) resources.push_back(ToMatch(r));
  const auto target = ToMatch(post, "");
  std::vector<Notification> out;
  for (const auto& m : members) {
    auto reason = rules::FitsProfile(target, ToMatch(m), posts, resources);
    if (reason.empty()) continue;
    Notification n;
    n.hub = post.hub;
    n.member = m.id;
    n.post = post.id;
    n.post_title = post.title;
    n.post_direction = DirectionCode(post.direction);
    n.reason = reason;
    n.created_at = now;
    n.id = store::InsertNotification(tx, n);
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

BoardService::BoardService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

Result<PostPage> BoardService::ListPosts(const Actor& actor, const HubContext& hub, const PostQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  store::PostFilter filter{.direction = query.direction, .kind = query.kind, .member = query.member};
  for (auto& word : Split(FoldForSearch(query.text), ' '))
    if (!word.empty()) filter.words.push_back(std::move(word));
  if (query.open_only) filter.open_on = today;
  PostPage page;
  page.per_page = std::clamp(query.per_page, 1, 200);
  page.page = std::max(query.page, 1);
  auto tx = pool_.Begin(db::TxMode::kRead);
  page.total = store::CountPosts(tx, hub.hub.id, filter);
  const std::int64_t offset = static_cast<std::int64_t>(page.page - 1) * page.per_page;
  if (offset < page.total) page.items = store::ListPosts(tx, hub.hub.id, filter, page.per_page, offset);
  for (auto& p : page.items) p.expired = rules::ExpiredOn(p, today);
  return page;
}

Result<Post> BoardService::GetPost(const Actor& actor, const HubContext& hub, PostId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto post = store::FindPost(tx, hub.hub.id, id);
  if (!post) return Error::NotFound("post");
  post->expired = rules::ExpiredOn(*post, TodayIn(clock_, hub));
  return *post;
}

Result<Post> BoardService::CreatePost(const Actor& actor, const HubContext& hub, const PostInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  Post post;
  post.hub = hub.hub.id;
  auto errors = rules::ApplyPostInput(input, today, true, post);
  std::optional<MemberId> member = OwnMember(hub);
  if (input.member_id && !Trim(*input.member_id).empty()) {
    member = ParseMemberId(*input.member_id);
    if (!member) errors["member_id"] = "validation.member";
  }
  if (!member && !errors.count("member_id")) errors["member_id"] = "validation.required";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto members = directory_.active_members(tx, hub.hub.id);
  const members::Member* owner = member ? Find(members, *member) : nullptr;
  if (member && !owner) errors["member_id"] = "validation.member";
  if (owner && !ActsFor(actor, hub, owner->id)) return Error::Denied();
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  post.member = owner->id;
  post.member_name = owner->name;
  FillTerritory(*owner, true, input, post);
  post.created_by = actor.user;
  post.created_at = post.updated_at = clock_.Now();
  post.id = store::InsertPost(tx, post);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "cooperation_post", post.id.value, "", PostJson(post)});
  auto notifications = Notify(tx, directory_, post, members, today, post.created_at);
  if (listener_)
    for (const auto& n : notifications) listener_(tx, n, post);
  tx.Commit();
  return post;
}

Result<Post> BoardService::UpdatePost(const Actor& actor, const HubContext& hub, PostId id,
                                      std::int64_t expected_version, const PostInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindPost(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("post");
  if (!ActsFor(actor, hub, current->member)) return Error::Denied();
  if (current->version != expected_version) return Stale("post");
  Post post = *current;
  PostInput changes = input;
  changes.direction.reset();  // a need stays a need: publish an offer instead
  auto errors = rules::ApplyPostInput(changes, today, false, post);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  auto members = directory_.active_members(tx, hub.hub.id);
  if (const auto* owner = Find(members, post.member)) FillTerritory(*owner, false, changes, post);
  post.updated_at = clock_.Now();
  if (!store::UpdatePost(tx, post, expected_version)) return Stale("post");
  post.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "cooperation_post", id.value, PostJson(*current),
                                    PostJson(post)});
  tx.Commit();
  post.expired = rules::ExpiredOn(post, today);
  return post;
}

namespace {

Result<Post> SetClosed(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, const Actor& actor,
                       const HubContext& hub, PostId id, bool close) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = TodayIn(clock, hub);
  auto tx = pool.Begin(db::TxMode::kWrite);
  auto current = store::FindPost(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("post");
  if (!ActsFor(actor, hub, current->member)) return Error::Denied();
  Post post = *current;
  post.closed = close;
  if (!close && rules::ExpiredOn(post, today)) post.expires_on = AddDays(today, kDefaultExpiryDays);
  if (post.closed == current->closed && post.expires_on == current->expires_on) {
    post.expired = rules::ExpiredOn(post, today);
    return post;
  }
  post.updated_at = clock.Now();
  if (!store::UpdatePost(tx, post, current->version)) return Stale("post");
  post.version = current->version + 1;
  identity.RecordAudit(tx, actor, {hub.hub.id, close ? "close" : "reopen", "cooperation_post", id.value,
                                   PostJson(*current), PostJson(post)});
  tx.Commit();
  post.expired = rules::ExpiredOn(post, today);
  return post;
}

}  // namespace

Result<Post> BoardService::ClosePost(const Actor& actor, const HubContext& hub, PostId id) {
  return SetClosed(pool_, clock_, identity_, actor, hub, id, true);
}

Result<Post> BoardService::ReopenPost(const Actor& actor, const HubContext& hub, PostId id) {
  return SetClosed(pool_, clock_, identity_, actor, hub, id, false);
}

Result<std::vector<Comment>> BoardService::ListComments(const Actor& actor, const HubContext& hub, PostId post) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  if (!store::FindPost(tx, hub.hub.id, post)) return Error::NotFound("post");
  return store::ListComments(tx, hub.hub.id, post);
}

Result<Comment> BoardService::AddComment(const Actor& actor, const HubContext& hub, PostId post,
                                         const std::string& body) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  Comment comment;
  comment.body = std::string(Trim(body));
  if (comment.body.empty()) return FieldError("body", "validation.required");
  if (comment.body.size() > rules::kMaxText) return FieldError("body", "validation.too_long");
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (!store::FindPost(tx, hub.hub.id, post)) return Error::NotFound("post");
  comment.post = post;
  comment.author = actor.user;
  comment.author_name = actor.name;
  comment.member = OwnMember(hub);
  comment.created_at = clock_.Now();
  comment.id = store::InsertComment(tx, hub.hub.id, comment);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "cooperation_comment", comment.id.value, "",
                                    AuditJson({{"post_id", post.value}, {"body", comment.body}})});
  tx.Commit();
  return comment;
}

namespace {

// The member whose notifications are read: members their own; coordinators the one named.
Result<MemberId> NotifiedMember(const Actor& actor, const HubContext& hub, std::optional<MemberId> member) {
  if (auto own = OwnMember(hub)) {
    if (member && *member != *own) return Error::Denied();
    return *own;
  }
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  if (!member) return FieldError("member_id", "validation.required");
  return *member;
}

}  // namespace

Result<std::vector<Notification>> BoardService::ListNotifications(const Actor& actor, const HubContext& hub,
                                                                  std::optional<MemberId> member, bool unread_only) {
  auto who = NotifiedMember(actor, hub, member);
  if (!who) return who.error();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListNotifications(tx, hub.hub.id, *who, unread_only);
}

Status BoardService::MarkNotificationsRead(const Actor& actor, const HubContext& hub, std::optional<MemberId> member,
                                           std::optional<std::int64_t> id) {
  auto who = NotifiedMember(actor, hub, member);
  if (!who) return who.error();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  store::MarkRead(tx, hub.hub.id, *who, id, clock_.Now());
  tx.Commit();
  return OkStatus();
}

}  // namespace coopole::cooperation
