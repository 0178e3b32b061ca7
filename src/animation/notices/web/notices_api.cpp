// The JSON API of notices, under /api/v1/hubs/{hub}/animation/notices: the same use cases as
// the page. Each user reads and changes only their own notices and preference.
#include "coopole/core/text.h"
#include "notices_web.h"

namespace coopole::animation::web::notices_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;

Response Fail(const ViewContext& ctx, const Request& req, const Error& error) {
  return ctx.deps.shell.JsonError(req, error);
}

Response ListApi(Request& req, const ViewContext& ctx) {
  auto page = ctx.deps.notices.ListNotices(ctx.actor, ctx.hub, QueryOf(req));
  if (!page) return Fail(ctx, req, page.error());
  json items = json::array();
  for (const auto& notice : page->items) items.push_back(NoticeJson(ctx, notice));
  return cw::JsonResponse({{"items", items},
                           {"total", page->total},
                           {"unread", page->unread},
                           {"page", page->page},
                           {"per_page", page->per_page}});
}

Response ReadApi(Request& req, const ViewContext& ctx) {
  auto id = cw::ParseId(req.Param("notice"));
  if (!id) return Fail(ctx, req, Error::NotFound("notice"));
  auto notice = ctx.deps.notices.MarkRead(ctx.actor, ctx.hub, NoticeId{*id});
  if (!notice) return Fail(ctx, req, notice.error());
  return cw::JsonResponse(NoticeJson(ctx, *notice));
}

Response ReadAllApi(Request& req, const ViewContext& ctx) {
  auto marked = ctx.deps.notices.MarkAllRead(ctx.actor, ctx.hub);
  if (!marked) return Fail(ctx, req, marked.error());
  return cw::JsonResponse({{"marked", *marked}});
}

Response GetPreferenceApi(Request& req, const ViewContext& ctx) {
  auto preference = ctx.deps.notices.GetPreference(ctx.actor, ctx.hub);
  if (!preference) return Fail(ctx, req, preference.error());
  return cw::JsonResponse(PreferenceJson(*preference));
}

Response PutPreferenceApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return Fail(ctx, req, body.error());
  auto frequency = cw::JsonText(*body, "frequency");
  if (!frequency) return Fail(ctx, req, frequency.error());
  auto saved = ctx.deps.notices.SetPreference(ctx.actor, ctx.hub, frequency->value_or(""));
  if (!saved) return Fail(ctx, req, saved.error());
  return cw::JsonResponse(PreferenceJson(*saved));
}

}  // namespace

void RegisterNoticeApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  using http::Method;
  const std::string notices = "/api/v1/hubs/{hub}/animation/notices";
  router.Add(Method::kGet, notices, api(ListApi));
  router.Add(Method::kPost, notices + "/read-all", api(ReadAllApi));
  router.Add(Method::kGet, notices + "/preferences", api(GetPreferenceApi));
  router.Add(Method::kPut, notices + "/preferences", api(PutPreferenceApi));
  router.Add(Method::kPost, notices + "/{notice}/read", api(ReadApi));
}

}  // namespace coopole::animation::web::notices_web
