// The board's JSON API: /api/v1/hubs/{hub}/cooperation/{posts,suggestions,cooperations,
// notifications} and, for administrators, /api/v1/cooperation/suggestions (every hub).
#include "board_web_internal.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web::board {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

Response ApiFail(const Ctx& ctx, const Request& req, const Error& e) { return Fail(ctx, req, Answer::kJson, e); }

json PageJson(const PostPage& page) {
  json items = json::array();
  for (const auto& p : page.items) items.push_back(PostJson(p));
  return {{"items", items}, {"total", page.total}, {"page", page.page}, {"per_page", page.per_page}};
}

Response ListPostsApi(Request& req, const Ctx& ctx) {
  auto query = ParsePostQuery(req);
  if (!query) return ApiFail(ctx, req, query.error());
  auto page = ctx.deps.board.ListPosts(ctx.actor, ctx.hub, *query);
  if (!page) return ApiFail(ctx, req, page.error());
  return cw::JsonResponse(PageJson(*page));
}

Response CreatePostApi(Request& req, const Ctx& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = PostInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto post = ctx.deps.board.CreatePost(ctx.actor, ctx.hub, *input);
  if (!post) return ApiFail(ctx, req, post.error());
  auto res = cw::JsonResponse(PostJson(*post), 201);
  res.SetHeader("Location", ApiBase(ctx.hub) + "/posts/" + std::to_string(post->id.value));
  return res;
}

Response GetPostApi(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto post = ctx.deps.board.GetPost(ctx.actor, ctx.hub, *id);
  if (!post) return ApiFail(ctx, req, post.error());
  return cw::JsonResponse(PostJson(*post));
}

Response UpdatePostApi(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version_text = cw::JsonText(*body, "version");
  if (!version_text) return ApiFail(ctx, req, version_text.error());
  auto version = VersionFrom(*version_text);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = PostInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto post = ctx.deps.board.UpdatePost(ctx.actor, ctx.hub, *id, *version, *input);
  if (!post) return ApiFail(ctx, req, post.error());
  return cw::JsonResponse(PostJson(*post));
}

using PostCommand = Result<Post> (BoardService::*)(const Actor&, const HubContext&, PostId);

Handler PostCommandApi(PostCommand command) {
  return [command](Request& req, const Ctx& ctx) -> Response {
    auto id = PostIdParam(req);
    if (!id) return ApiFail(ctx, req, id.error());
    auto post = (ctx.deps.board.*command)(ctx.actor, ctx.hub, *id);
    if (!post) return ApiFail(ctx, req, post.error());
    return cw::JsonResponse(PostJson(*post));
  };
}

Response ListCommentsApi(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto comments = ctx.deps.board.ListComments(ctx.actor, ctx.hub, *id);
  if (!comments) return ApiFail(ctx, req, comments.error());
  json items = json::array();
  for (const auto& c : *comments) items.push_back(CommentJson(c));
  return cw::JsonResponse({{"items", items}});
}

Response AddCommentApi(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto text = cw::JsonText(*body, "body");
  if (!text) return ApiFail(ctx, req, text.error());
  auto comment = ctx.deps.board.AddComment(ctx.actor, ctx.hub, *id, text->value_or(""));
  if (!comment) return ApiFail(ctx, req, comment.error());
  return cw::JsonResponse(CommentJson(*comment), 201);
}

Result<SuggestionQuery> ParseSuggestionQuery(const Request& req) {
  SuggestionQuery q;
  auto member = MemberQuery(req);
  if (!member) return member.error();
  q.member = *member;
  q.kind = req.Query("kind").value_or("");
  if (!q.kind.empty() && q.kind != "need_offer" && q.kind != "need_member" && q.kind != "group")
    return Error::Invalid({{"kind", "validation.kind"}});
  if (auto limit = req.Query("limit")) {
    auto n = cw::ParseId(*limit);
    if (!n || *n > 1000) return Error::Invalid({{"limit", "validation.integer"}});
    q.limit = static_cast<int>(*n);
  }
  return q;
}

json ListJson(const SuggestionList& list, const coopole::web::Shell& shell, const std::string& lang) {
  json items = json::array();
  for (const auto& s : list.items) items.push_back(SuggestionJson(s, shell, lang));
  return {{"items", items}, {"total", list.total}};
}

Response SuggestionsApi(Request& req, const Ctx& ctx) {
  auto query = ParseSuggestionQuery(req);
  if (!query) return ApiFail(ctx, req, query.error());
  auto list = ctx.deps.board.Suggestions(ctx.actor, ctx.hub, *query);
  if (!list) return ApiFail(ctx, req, list.error());
  return cw::JsonResponse(ListJson(*list, ctx.deps.shell, ctx.lang));
}

// The key of a decision body; a missing key is a 422 naming it.
Result<std::string> KeyOf(const json& body) {
  auto key = cw::JsonText(body, "key");
  if (!key) return key.error();
  if (!*key || Trim(**key).empty()) return Error::Invalid({{"key", "validation.required"}});
  return std::string(Trim(**key));
}

Response AcceptApi(Request& req, const Ctx& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto key = KeyOf(*body);
  if (!key) return ApiFail(ctx, req, key.error());
  auto cooperation = ctx.deps.board.AcceptSuggestion(ctx.actor, ctx.hub, *key);
  if (!cooperation) return ApiFail(ctx, req, cooperation.error());
  return cw::JsonResponse(CooperationJson(*cooperation), 201);
}

Response DismissApi(Request& req, const Ctx& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto key = KeyOf(*body);
  if (!key) return ApiFail(ctx, req, key.error());
  auto reason = cw::JsonText(*body, "reason");
  if (!reason) return ApiFail(ctx, req, reason.error());
  auto done = ctx.deps.board.DismissSuggestion(ctx.actor, ctx.hub, *key, reason->value_or(""));
  if (!done) return ApiFail(ctx, req, done.error());
  return cw::JsonResponse({{"key", *key}, {"dismissed", true}});
}

Response CooperationsApi(Request& req, const Ctx& ctx) {
  auto list = ctx.deps.board.ListCooperations(ctx.actor, ctx.hub);
  if (!list) return ApiFail(ctx, req, list.error());
  json items = json::array();
  for (const auto& c : *list) items.push_back(CooperationJson(c));
  return cw::JsonResponse({{"items", items}});
}

Response RecordCooperationApi(Request& req, const Ctx& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  CooperationInput in;
  auto title = cw::JsonText(*body, "title");
  if (!title) return ApiFail(ctx, req, title.error());
  in.title = *title;
  auto started = cw::JsonText(*body, "started_on");
  if (!started) return ApiFail(ctx, req, started.error());
  in.started_on = *started;
  if (body->contains("member_ids")) {
    const auto& ids = (*body)["member_ids"];
    if (!ids.is_array()) return ApiFail(ctx, req, Error::Invalid({{"member_ids", "validation.member"}}));
    for (const auto& id : ids) in.member_ids.push_back(id.is_number_integer() ? std::to_string(id.get<std::int64_t>())
                                                       : id.is_string()       ? id.get<std::string>()
                                                                              : std::string("x"));
  }
  auto c = ctx.deps.board.RecordCooperation(ctx.actor, ctx.hub, in);
  if (!c) return ApiFail(ctx, req, c.error());
  return cw::JsonResponse(CooperationJson(*c), 201);
}

Response NotificationsApi(Request& req, const Ctx& ctx) {
  auto member = MemberQuery(req);
  if (!member) return ApiFail(ctx, req, member.error());
  const auto unread = req.Query("unread");
  auto list = ctx.deps.board.ListNotifications(ctx.actor, ctx.hub, *member, unread && (*unread == "1" || *unread == "true"));
  if (!list) return ApiFail(ctx, req, list.error());
  json items = json::array();
  for (const auto& n : *list) items.push_back(NotificationJson(n));
  return cw::JsonResponse({{"items", items}});
}

Response ReadNotificationsApi(Request& req, const Ctx& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  std::optional<std::int64_t> id;
  if (body->contains("id") && !(*body)["id"].is_null()) {
    if (!(*body)["id"].is_number_integer()) return ApiFail(ctx, req, Error::Invalid({{"id", "validation.integer"}}));
    id = (*body)["id"].get<std::int64_t>();
  }
  std::optional<MemberId> member;
  if (body->contains("member_id") && !(*body)["member_id"].is_null()) {
    if (!(*body)["member_id"].is_number_integer())
      return ApiFail(ctx, req, Error::Invalid({{"member_id", "validation.member"}}));
    member = MemberId{(*body)["member_id"].get<std::int64_t>()};
  }
  auto done = ctx.deps.board.MarkNotificationsRead(ctx.actor, ctx.hub, member, id);
  if (!done) return ApiFail(ctx, req, done.error());
  return cw::JsonResponse({{"read", true}});
}

}  // namespace

void RegisterBoardApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](Handler h) { return InHub(deps, Answer::kJson, std::move(h)); };
  const std::string base = "/api/v1/hubs/{hub}/cooperation";
  router.Add(Method::kGet, base + "/posts", api(ListPostsApi));
  router.Add(Method::kPost, base + "/posts", api(CreatePostApi));
  router.Add(Method::kGet, base + "/posts/{post}", api(GetPostApi));
  router.Add(Method::kPatch, base + "/posts/{post}", api(UpdatePostApi));
  router.Add(Method::kPost, base + "/posts/{post}/close", api(PostCommandApi(&BoardService::ClosePost)));
  router.Add(Method::kPost, base + "/posts/{post}/reopen", api(PostCommandApi(&BoardService::ReopenPost)));
  router.Add(Method::kGet, base + "/posts/{post}/comments", api(ListCommentsApi));
  router.Add(Method::kPost, base + "/posts/{post}/comments", api(AddCommentApi));
  router.Add(Method::kGet, base + "/suggestions", api(SuggestionsApi));
  router.Add(Method::kPost, base + "/suggestions/accept", api(AcceptApi));
  router.Add(Method::kPost, base + "/suggestions/dismiss", api(DismissApi));
  router.Add(Method::kGet, base + "/cooperations", api(CooperationsApi));
  router.Add(Method::kPost, base + "/cooperations", api(RecordCooperationApi));
  router.Add(Method::kGet, base + "/notifications", api(NotificationsApi));
  router.Add(Method::kPost, base + "/notifications/read", api(ReadNotificationsApi));
  // The whole installation: administrators only (no hub to resolve).
  router.Add(Method::kGet, "/api/v1/cooperation/suggestions", [&deps = deps.shell, &board = deps.board](Request& req) {
    const auto& actor = cw::RequirePrincipal(req).actor;
    auto query = ParseSuggestionQuery(req);
    if (!query) return deps.JsonError(req, query.error());
    auto list = board.InstallationSuggestions(actor, *query);
    if (!list) return deps.JsonError(req, list.error());
    return cw::JsonResponse(ListJson(*list, deps, cw::LanguageOf(req)));
  });
}

}  // namespace coopole::cooperation::web::board
