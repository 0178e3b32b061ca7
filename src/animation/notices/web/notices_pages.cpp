// The notices page (/hubs/{hub}/animation/notices): the user's notices, unread first, with
// "mark read" buttons and pagination, and the digest preference form. Forms post back and
// redirect (303) to the page with a ?done= notice.
#include "coopole/core/text.h"
#include "notices_rules.h"
#include "notices_web.h"

namespace coopole::animation::web::notices_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

std::string T(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }

std::string DoneNotice(const Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done) return "";
  for (const char* known : {"read", "all_read", "preference"})
    if (*done == known) return T(ctx, std::string("animation.notices.done.") + known);
  return "";
}

std::string PageHref(const ViewContext& ctx, int page) {
  return NoticesHref(ctx.hub) + (page > 1 ? "?page=" + std::to_string(page) : "");
}

// The page; `preference_error` re-shows the form with its error (422).
Response Render(Request& req, const ViewContext& ctx, const std::optional<Error>& preference_error = std::nullopt,
                const std::string& chosen = "") {
  auto page = ctx.deps.notices.ListNotices(ctx.actor, ctx.hub, QueryOf(req));
  if (!page) return ctx.deps.shell.ErrorResponse(req, page.error());
  auto preference = ctx.deps.notices.GetPreference(ctx.actor, ctx.hub);
  if (!preference) return ctx.deps.shell.ErrorResponse(req, preference.error());

  render::View view;
  view.set("anim_base", "/hubs/" + ctx.hub.hub.slug + "/animation");
  view.set("notices_href", NoticesHref(ctx.hub));
  view.set("read_all_href", NoticesHref(ctx.hub) + "/read-all");
  view.set("preference_href", NoticesHref(ctx.hub) + "/preferences");
  if (auto notice = DoneNotice(req, ctx); !notice.empty()) view.set("done_notice", notice);
  render::ViewList items;
  for (const auto& notice : page->items) {
    render::View item;
    item.set("text", NoticeText(ctx.deps.shell.messages(), ctx.lang, notice));
    item.set("when", LocalTime(ctx, notice.created_at));
    item.set("when_iso", FormatIsoUtc(notice.created_at));
    item.set("has_link", notice_rules::IsAppPath(notice.link));  // paths inside the app only
    item.set("link", notice.link);
    item.set("unread", !notice.read_at);
    item.set("read_href", NoticesHref(ctx.hub) + "/" + std::to_string(notice.id.value) + "/read");
    items.push_back(std::move(item));
  }
  view.set("notices", items);
  view.set("has_notices", !items.empty());
  view.set("unread", std::to_string(page->unread));
  view.set("has_unread", page->unread > 0);
  const std::int64_t pages = std::max<std::int64_t>(1, (page->total + page->per_page - 1) / page->per_page);
  view.set("page", std::to_string(page->page));
  view.set("pages", std::to_string(pages));
  view.set("has_pages", pages > 1);
  view.set("has_previous", page->page > 1);
  view.set("previous_href", PageHref(ctx, page->page - 1));
  view.set("has_next", page->page < pages);
  view.set("next_href", PageHref(ctx, page->page + 1));

  const std::string selected = chosen.empty() ? preference->frequency : chosen;
  render::ViewList options;
  for (const char* code : kDigestFrequencies) {
    render::View option;
    option.set("value", code);
    option.set("label", T(ctx, std::string("animation.notices.preference.") + code));
    option.set("checked", selected == code);
    options.push_back(std::move(option));
  }
  view.set("frequencies", options);
  int status = 200;
  if (preference_error) {
    ctx.deps.shell.AddFieldErrors(view, *preference_error, ctx.lang, "animation.notices.field.");
    status = cw::StatusFor(preference_error->code);
  }
  return ctx.deps.shell.Page(req, "animation/notice_list", std::move(view), "animation.notices.title", &ctx.hub,
                             status);
}

Response ListPage(Request& req, const ViewContext& ctx) { return Render(req, ctx); }

Response ReadAction(Request& req, const ViewContext& ctx) {
  auto id = cw::ParseId(req.Param("notice"));
  if (!id) return ctx.deps.shell.ErrorResponse(req, Error::NotFound("notice"));
  auto notice = ctx.deps.notices.MarkRead(ctx.actor, ctx.hub, NoticeId{*id});
  if (!notice) return ctx.deps.shell.ErrorResponse(req, notice.error());
  return Response::Redirect(NoticesHref(ctx.hub) + "?done=read");
}

Response ReadAllAction(Request& req, const ViewContext& ctx) {
  auto marked = ctx.deps.notices.MarkAllRead(ctx.actor, ctx.hub);
  if (!marked) return ctx.deps.shell.ErrorResponse(req, marked.error());
  return Response::Redirect(NoticesHref(ctx.hub) + "?done=all_read");
}

Response PreferenceAction(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return ctx.deps.shell.ErrorResponse(req, form.error());
  const std::string frequency = http::FormValue(*form, "frequency").value_or("");
  auto saved = ctx.deps.notices.SetPreference(ctx.actor, ctx.hub, frequency);
  if (!saved) {
    if (saved.error().code == ErrorCode::kInvalidArgument) return Render(req, ctx, saved.error(), frequency);
    return ctx.deps.shell.ErrorResponse(req, saved.error());
  }
  return Response::Redirect(NoticesHref(ctx.hub) + "?done=preference");
}

}  // namespace

void RegisterNoticePages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  using http::Method;
  const std::string notices = "/hubs/{hub}/animation/notices";
  router.Add(Method::kGet, notices, page(ListPage));
  router.Add(Method::kPost, notices + "/read-all", page(ReadAllAction));
  router.Add(Method::kPost, notices + "/preferences", page(PreferenceAction));
  router.Add(Method::kPost, notices + "/{notice}/read", page(ReadAction));
}

}  // namespace coopole::animation::web::notices_web
