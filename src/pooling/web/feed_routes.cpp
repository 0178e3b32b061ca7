// iCalendar feeds: the public feed behind a secret token (/feeds/pooling/<token>.ics), its
// address for a resource or a member (API), and renewing the token (page and API).
#include <nlohmann/json.hpp>

#include "catalogue_requests.h"
#include "catalogue_views.h"
#include "feed_links.h"
#include "pooling_routes.h"

namespace coopole::pooling::web {
namespace {

using namespace scheduling;

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kSuffix = ".ics";

// GET /feeds/pooling/{file}: the calendar of the token `file` without ".ics". No session:
// the token is the credential; an unknown token is a 404 that says nothing more.
http::Handler PublicFeed(PoolingService& pooling) {
  return [&pooling](Request& req) -> Response {
    const std::string& file = req.Param("file");
    Response not_found = Response::Text("Not found\n", 404);
    not_found.SetHeader("Cache-Control", "no-store");
    if (file.size() <= kSuffix.size() || file.compare(file.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      return not_found;
    }
    const std::string token = file.substr(0, file.size() - kSuffix.size());
    if (token.size() > 200) return not_found;
    auto calendar = pooling.FeedCalendar(token);
    if (!calendar) return not_found;
    Response res;
    res.status = 200;
    res.content_type = "text/calendar; charset=utf-8";
    res.body = std::move(*calendar);
    res.SetHeader("Cache-Control", "no-store");
    res.SetHeader("Content-Disposition", "inline; filename=\"coopole.ics\"");
    res.SetHeader("X-Robots-Tag", "noindex");
    return res;
  };
}

// The subject of a feed route: {resource} or {member} of the path.
Result<FeedSubject> SubjectOf(const Request& req) {
  FeedSubject subject;
  if (req.path_params.count("resource")) {
    auto id = ResourceIdParam(req);
    if (!id) return id.error();
    subject.resource = *id;
  } else {
    auto id = MemberIdParam(req);
    if (!id) return id.error();
    subject.member = *id;
  }
  return subject;
}

// GET: the address (created on first use); POST: a new address, the old one stops working.
HubHandler FeedApi(bool renew) {
  return [renew](Request& req, const ViewContext& ctx) -> Response {
    auto subject = SubjectOf(req);
    if (!subject) return Fail(ctx, req, Answer::kJson, subject.error());
    auto token = renew ? ctx.deps.pooling.RenewFeedToken(ctx.actor, ctx.hub, *subject)
                       : ctx.deps.pooling.FeedToken(ctx.actor, ctx.hub, *subject);
    if (!token) return Fail(ctx, req, Answer::kJson, token.error());
    auto res = cw::JsonResponse({{"url", FeedUrl(req, *token)}});
    res.SetHeader("Cache-Control", "no-store");
    return res;
  };
}

// POST from a page: renews, then back to the page that shows the address.
Response RenewFeedPage(Request& req, const ViewContext& ctx) {
  auto subject = SubjectOf(req);
  if (!subject) return Fail(ctx, req, Answer::kPage, subject.error());
  auto token = ctx.deps.pooling.RenewFeedToken(ctx.actor, ctx.hub, *subject);
  if (!token) return Fail(ctx, req, Answer::kPage, token.error());
  const std::string back = subject->resource
                               ? ResourceHref(ctx.hub, *subject->resource) + "?done=feed_renewed#feed"
                               : PoolingHref(ctx.hub) + "/calendar?member=" + std::to_string(subject->member->value) +
                                     "&done=feed_renewed#feed";
  return Response::Redirect(back);
}

}  // namespace

void RegisterFeedRoutes(http::Router& router, const Dependencies& deps) {
  http::RouteOptions public_route;
  public_route.public_route = true;
  public_route.body_limit = 0;
  router.Add(Method::kGet, "/feeds/pooling/{file}", PublicFeed(deps.pooling), public_route);

  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  router.Add(Method::kPost, "/hubs/{hub}/pooling/resources/{resource}/feed", page(RenewFeedPage));
  router.Add(Method::kPost, "/hubs/{hub}/pooling/members/{member}/feed", page(RenewFeedPage));
  const std::string apis = "/api/v1/hubs/{hub}/pooling";
  for (const std::string subject : {"/resources/{resource}/feed", "/members/{member}/feed"}) {
    router.Add(Method::kGet, apis + subject, api(FeedApi(false)));
    router.Add(Method::kPost, apis + subject, api(FeedApi(true)));
  }
}

}  // namespace coopole::pooling::web
