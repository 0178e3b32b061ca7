// The board's HTML pages: the cooperation landing, the board (list, filters), the post form,
// the post page with its comments, the cooperations and the notifications.
#include "board_web_internal.h"
#include "coopole/core/text.h"

namespace coopole::cooperation::web::board {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

Response PageFail(const Ctx& ctx, const Request& req, const Error& e) { return Fail(ctx, req, Answer::kPage, e); }

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

// ---- landing ----------------------------------------------------------------------------------

Response LandingPage(Request& req, const Ctx& ctx) {
  auto overview = ctx.deps.board.Overview(ctx.actor, ctx.hub);
  if (!overview) return PageFail(ctx, req, overview.error());
  render::View view;
  AddLinks(view, ctx);
  view.set("open_needs", std::to_string(overview->open_needs));
  view.set("open_offers", std::to_string(overview->open_offers));
  view.set("cooperations", std::to_string(overview->cooperations));
  view.set("unread", std::to_string(overview->unread_notifications));
  view.set("has_unread", overview->unread_notifications > 0);
  render::ViewList top;
  for (const auto& s : overview->top_suggestions) top.push_back(SuggestionView(s, ctx));
  view.set("suggestions", top);
  view.set("has_suggestions", !top.empty());
  return ctx.deps.shell.Page(req, "cooperation/board_overview", std::move(view), "cooperation.title", &ctx.hub);
}

// ---- board ------------------------------------------------------------------------------------

std::string ListHref(const Ctx& ctx, const Request& req, int page) {
  std::string params;
  for (const char* name : {"direction", "kind", "member", "q", "all"})
    if (auto v = req.Query(name); v && !v->empty())
      params += (params.empty() ? "" : "&") + std::string(name) + "=" + http::UrlEncode(*v);
  if (page > 1) params += (params.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
  return CoopBase(ctx.hub) + "/board" + (params.empty() ? "" : "?" + params);
}

Response BoardPage(Request& req, const Ctx& ctx) {
  auto query = ParsePostQuery(req);
  if (!query) return PageFail(ctx, req, query.error());
  auto page = ctx.deps.board.ListPosts(ctx.actor, ctx.hub, *query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view;
  AddLinks(view, ctx);
  render::ViewList items;
  for (const auto& p : page->items) items.push_back(PostView(p, ctx));
  view.set("posts", items);
  view.set("has_posts", !items.empty());
  view.set("total", std::to_string(page->total));
  const std::int64_t pages = std::max<std::int64_t>(1, (page->total + page->per_page - 1) / page->per_page);
  view.set("page", std::to_string(page->page));
  view.set("pages", std::to_string(pages));
  view.set("show_pagination", pages > 1);
  view.set("has_prev", page->page > 1);
  view.set("prev_href", ListHref(ctx, req, page->page - 1));
  view.set("has_next", page->page < pages);
  view.set("next_href", ListHref(ctx, req, page->page + 1));
  view.set("q", query->text);
  view.set("need_selected", query->direction == Direction::kNeed);
  view.set("offer_selected", query->direction == Direction::kOffer);
  view.set("kind_options", KindOptions(ctx, query->kind));
  view.set("member_options", MemberOptions(ctx, query->member ? std::to_string(query->member->value) : ""));
  view.set("include_closed", !query->open_only);
  if (auto done = req.Query("done"); done && (*done == "published" || *done == "saved"))
    view.set("done_notice", ctx.T("cooperation.notice." + *done));
  return ctx.deps.shell.Page(req, "cooperation/board_list", std::move(view), "cooperation.board.title", &ctx.hub);
}

struct FormMode {
  std::optional<PostId> post;
  std::int64_t version = 0;
};

Response FormPage(const Request& req, const Ctx& ctx, const PostInput& in, FormMode mode, const Error* error) {
  render::View view;
  AddLinks(view, ctx);
  view.set("is_edit", mode.post.has_value());
  view.set("action", mode.post ? PostHref(ctx.hub, *mode.post) : CoopBase(ctx.hub) + "/board");
  view.set("cancel_href", mode.post ? PostHref(ctx.hub, *mode.post) : CoopBase(ctx.hub) + "/board");
  view.set("version", std::to_string(mode.version));
  const std::string direction = in.direction.value_or("need");
  view.set("need_checked", direction != "offer");
  view.set("offer_checked", direction == "offer");
  view.set("kind_options", KindOptions(ctx, in.kind.value_or("")));
  view.set("choose_member", IsCoordinator(ctx) && !mode.post);
  view.set("member_options", MemberOptions(ctx, in.member_id.value_or("")));
  for (auto [name, value] : {std::pair{"title", &in.title}, {"description", &in.description},
                             {"sectors", &in.sectors}, {"commune_insee", &in.commune_insee},
                             {"quantity", &in.quantity}, {"unit", &in.unit}, {"starts_on", &in.starts_on},
                             {"ends_on", &in.ends_on}, {"recurrence", &in.recurrence},
                             {"expires_on", &in.expires_on}})
    view.set(name, value->value_or(""));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "cooperation/board_form", std::move(view),
                             mode.post ? "cooperation.board.edit_title" : "cooperation.board.new_title", &ctx.hub,
                             status);
}

Response NewPostPage(Request& req, const Ctx& ctx) {
  if (!MayWrite(ctx)) return PageFail(ctx, req, Error::Denied());
  PostInput in;
  in.direction = req.Query("direction").value_or("need");
  return FormPage(req, ctx, in, {}, nullptr);
}

Response CreatePostPage(Request& req, const Ctx& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const PostInput in = PostInputFromForm(*form);
  auto post = ctx.deps.board.CreatePost(ctx.actor, ctx.hub, in);
  if (!post) {
    if (IsFormError(post.error())) return FormPage(req, ctx, in, {}, &post.error());
    return PageFail(ctx, req, post.error());
  }
  return Response::Redirect(PostHref(ctx.hub, post->id) + "?done=published");
}

PostInput InputOf(const Post& p) {
  PostInput in;
  in.direction = DirectionCode(p.direction);
  in.kind = p.kind;
  in.title = p.title;
  in.description = p.description;
  std::string sectors;
  for (const auto& s : p.sectors) sectors += (sectors.empty() ? "" : " ") + s;
  in.sectors = sectors;
  in.commune_insee = p.commune_insee;
  in.quantity = p.quantity ? std::to_string(*p.quantity) : "";
  in.unit = p.unit;
  in.starts_on = p.starts_on ? FormatIsoDate(*p.starts_on) : "";
  in.ends_on = p.ends_on ? FormatIsoDate(*p.ends_on) : "";
  in.recurrence = p.recurrence;
  in.expires_on = FormatIsoDate(p.expires_on);
  return in;
}

Response EditPostPage(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto post = ctx.deps.board.GetPost(ctx.actor, ctx.hub, *id);
  if (!post) return PageFail(ctx, req, post.error());
  if (!IsCoordinator(ctx) && OwnMember(ctx) != post->member) return PageFail(ctx, req, Error::Denied());
  return FormPage(req, ctx, InputOf(*post), {*id, post->version}, nullptr);
}

Response UpdatePostPage(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const PostInput in = PostInputFromForm(*form);
  auto version = VersionFrom(http::FormValue(*form, "version"));
  if (!version) return FormPage(req, ctx, in, {*id, 0}, &version.error());
  auto post = ctx.deps.board.UpdatePost(ctx.actor, ctx.hub, *id, *version, in);
  if (post) return Response::Redirect(PostHref(ctx.hub, *id) + "?done=saved");
  if (!IsFormError(post.error())) return PageFail(ctx, req, post.error());
  FormMode mode{*id, *version};
  if (post.error().code == ErrorCode::kConflict) {
    auto current = ctx.deps.board.GetPost(ctx.actor, ctx.hub, *id);
    if (!current) return PageFail(ctx, req, current.error());
    mode.version = current->version;
  }
  return FormPage(req, ctx, in, mode, &post.error());
}

Response PostPage(Request& req, const Ctx& ctx, const Error* comment_error = nullptr, const std::string& draft = "") {
  auto id = PostIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto post = ctx.deps.board.GetPost(ctx.actor, ctx.hub, *id);
  if (!post) return PageFail(ctx, req, post.error());
  auto comments = ctx.deps.board.ListComments(ctx.actor, ctx.hub, *id);
  if (!comments) return PageFail(ctx, req, comments.error());
  render::View view;
  AddLinks(view, ctx);
  view.set("post", PostView(*post, ctx));
  view.set("edit_href", PostHref(ctx.hub, *id) + "/edit");
  view.set("close_href", PostHref(ctx.hub, *id) + "/close");
  view.set("reopen_href", PostHref(ctx.hub, *id) + "/reopen");
  view.set("comment_href", PostHref(ctx.hub, *id) + "/comments");
  render::ViewList list;
  for (const auto& c : *comments) {
    render::View cv;
    cv.set("author", c.author_name);
    cv.set("body", c.body);
    cv.set("at", FormatIsoUtc(c.created_at));
    list.push_back(std::move(cv));
  }
  view.set("comments", list);
  view.set("has_comments", !list.empty());
  view.set("draft", draft);
  int status = 200;
  if (comment_error) {
    ctx.deps.shell.AddFieldErrors(view, *comment_error, ctx.lang, "cooperation.field.");
    status = cw::StatusFor(comment_error->code);
  }
  if (auto done = req.Query("done"); done && (*done == "published" || *done == "saved" || *done == "closed" ||
                                              *done == "reopened" || *done == "commented"))
    view.set("done_notice", ctx.T("cooperation.notice." + *done));
  return ctx.deps.shell.PageTitled(req, "cooperation/board_post", std::move(view), post->title, &ctx.hub, status);
}

Response ShowPostPage(Request& req, const Ctx& ctx) { return PostPage(req, ctx); }

using PostCommand = Result<Post> (BoardService::*)(const Actor&, const HubContext&, PostId);

Handler PostCommandPage(PostCommand command, const char* done) {
  return [command, done](Request& req, const Ctx& ctx) -> Response {
    auto id = PostIdParam(req);
    if (!id) return PageFail(ctx, req, id.error());
    auto post = (ctx.deps.board.*command)(ctx.actor, ctx.hub, *id);
    if (!post) return PageFail(ctx, req, post.error());
    return Response::Redirect(PostHref(ctx.hub, *id) + "?done=" + done);
  };
}

Response CommentPage(Request& req, const Ctx& ctx) {
  auto id = PostIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const std::string body = http::FormValue(*form, "body").value_or("");
  auto comment = ctx.deps.board.AddComment(ctx.actor, ctx.hub, *id, body);
  if (!comment) {
    if (comment.error().code == ErrorCode::kInvalidArgument) return PostPage(req, ctx, &comment.error(), body);
    return PageFail(ctx, req, comment.error());
  }
  return Response::Redirect(PostHref(ctx.hub, *id) + "?done=commented#comments");
}

// ---- cooperations -----------------------------------------------------------------------------

Response CooperationsPage(const Request& req, const Ctx& ctx, const CooperationInput* in, const Error* error) {
  auto list = ctx.deps.board.ListCooperations(ctx.actor, ctx.hub);
  if (!list) return PageFail(ctx, req, list.error());
  render::View view;
  AddLinks(view, ctx);
  render::ViewList items;
  for (const auto& c : *list) items.push_back(CooperationView(c, ctx));
  view.set("cooperations", items);
  view.set("has_cooperations", !items.empty());
  render::ViewList members;
  if (ctx.deps.member_choices)
    for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
      render::View o;
      o.set("value", std::to_string(id));
      o.set("label", name);
      bool checked = in && std::find(in->member_ids.begin(), in->member_ids.end(), std::to_string(id)) != in->member_ids.end();
      if (!in && OwnMember(ctx) && OwnMember(ctx)->value == id) checked = true;
      o.set("checked", checked);
      members.push_back(std::move(o));
    }
  view.set("member_choices", members);
  view.set("form_title", in ? in->title.value_or("") : "");
  view.set("form_started_on", in ? in->started_on.value_or("") : "");
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.field.");
    status = cw::StatusFor(error->code);
  }
  if (auto done = req.Query("done"); done && (*done == "recorded" || *done == "accepted"))
    view.set("done_notice", ctx.T("cooperation.notice." + *done));
  return ctx.deps.shell.Page(req, "cooperation/board_cooperations", std::move(view), "cooperation.cooperations.title",
                             &ctx.hub, status);
}

Response ListCooperationsPage(Request& req, const Ctx& ctx) { return CooperationsPage(req, ctx, nullptr, nullptr); }

Response RecordCooperationPage(Request& req, const Ctx& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  CooperationInput in;
  in.title = http::FormValue(*form, "title");
  in.started_on = http::FormValue(*form, "started_on");
  in.member_ids = http::FormValues(*form, "member_ids");
  auto c = ctx.deps.board.RecordCooperation(ctx.actor, ctx.hub, in);
  if (!c) {
    if (c.error().code == ErrorCode::kInvalidArgument) return CooperationsPage(req, ctx, &in, &c.error());
    return PageFail(ctx, req, c.error());
  }
  return Response::Redirect(CoopBase(ctx.hub) + "/cooperations?done=recorded");
}

// ---- notifications ----------------------------------------------------------------------------

Response NotificationsPage(Request& req, const Ctx& ctx) {
  auto member = MemberQuery(req);
  if (!member) return PageFail(ctx, req, member.error());
  render::View view;
  AddLinks(view, ctx);
  std::optional<MemberId> who = OwnMember(ctx) ? OwnMember(ctx) : *member;
  view.set("member_options", MemberOptions(ctx, who ? std::to_string(who->value) : ""));
  view.set("choose_member", IsCoordinator(ctx));
  view.set("member_id", who ? std::to_string(who->value) : "");
  render::ViewList items;
  if (who) {
    auto list = ctx.deps.board.ListNotifications(ctx.actor, ctx.hub, who, false);
    if (!list) return PageFail(ctx, req, list.error());
    for (const auto& n : *list) {
      render::View v;
      v.set("title", n.post_title);
      v.set("href", PostHref(ctx.hub, n.post));
      v.set("direction_label", ctx.T("cooperation.direction." + n.post_direction));
      v.set("reason", ctx.T("cooperation.notification_reason." + n.reason));
      v.set("unread", !n.read_at.has_value());
      v.set("at", FormatIsoUtc(n.created_at));
      items.push_back(std::move(v));
    }
  }
  view.set("notifications", items);
  view.set("has_notifications", !items.empty());
  view.set("read_href", CoopBase(ctx.hub) + "/notifications/read");
  return ctx.deps.shell.Page(req, "cooperation/board_notifications", std::move(view),
                             "cooperation.notifications.title", &ctx.hub);
}

Response ReadNotificationsPage(Request& req, const Ctx& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  std::optional<MemberId> member;
  if (auto text = http::FormValue(*form, "member_id"); text && !text->empty()) {
    auto id = cw::ParseId(*text);
    if (!id) return PageFail(ctx, req, Error::Invalid({{"member_id", "validation.member"}}));
    member = MemberId{*id};
  }
  auto done = ctx.deps.board.MarkNotificationsRead(ctx.actor, ctx.hub, member, std::nullopt);
  if (!done) return PageFail(ctx, req, done.error());
  return Response::Redirect(CoopBase(ctx.hub) + "/notifications" +
                            (member && !OwnMember(ctx) ? "?member=" + std::to_string(member->value) : ""));
}

}  // namespace

void RegisterBoardPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](Handler h) { return InHub(deps, Answer::kPage, std::move(h)); };
  const std::string base = "/hubs/{hub}/cooperation";
  router.Add(Method::kGet, base, page(LandingPage));
  router.Add(Method::kGet, base + "/board", page(BoardPage));
  router.Add(Method::kPost, base + "/board", page(CreatePostPage));
  router.Add(Method::kGet, base + "/board/new", page(NewPostPage));
  router.Add(Method::kGet, base + "/board/{post}", page(ShowPostPage));
  router.Add(Method::kPost, base + "/board/{post}", page(UpdatePostPage));
  router.Add(Method::kGet, base + "/board/{post}/edit", page(EditPostPage));
  router.Add(Method::kPost, base + "/board/{post}/close", page(PostCommandPage(&BoardService::ClosePost, "closed")));
  router.Add(Method::kPost, base + "/board/{post}/reopen",
             page(PostCommandPage(&BoardService::ReopenPost, "reopened")));
  router.Add(Method::kPost, base + "/board/{post}/comments", page(CommentPage));
  router.Add(Method::kGet, base + "/cooperations", page(ListCooperationsPage));
  router.Add(Method::kPost, base + "/cooperations", page(RecordCooperationPage));
  router.Add(Method::kGet, base + "/notifications", page(NotificationsPage));
  router.Add(Method::kPost, base + "/notifications/read", page(ReadNotificationsPage));
}

}  // namespace coopole::cooperation::web::board
