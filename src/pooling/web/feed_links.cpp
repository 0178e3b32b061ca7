#include "feed_links.h"

namespace coopole::pooling::web::scheduling {
namespace {

// A Host header as it may appear in a URL: letters, digits, '.', '-', ':', '[', ']'.
bool PlausibleHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string FeedUrl(const http::Request& req, const std::string& token) {
  std::string host(req.Header("host"));
  if (!PlausibleHost(host)) host = "localhost";
  const std::string scheme = req.Header("x-forwarded-proto") == "https" ? "https" : "http";
  return scheme + "://" + host + "/feeds/pooling/" + token + ".ics";
}

std::string FeedRenewHref(const hubs::HubContext& hub, const FeedSubject& subject) {
  if (subject.resource) return PoolingHref(hub) + "/resources/" + std::to_string(subject.resource->value) + "/feed";
  if (subject.member) return PoolingHref(hub) + "/members/" + std::to_string(subject.member->value) + "/feed";
  return PoolingHref(hub);
}

render::View FeedBoxView(const http::Request& req, const ViewContext& ctx, const FeedSubject& subject,
                         bool can_renew) {
  render::View v;
  auto token = ctx.deps.pooling.FeedToken(ctx.actor, ctx.hub, subject);
  v.set("has_feed", token.ok());
  if (!token.ok()) return v;
  v.set("feed_url", FeedUrl(req, *token));
  v.set("feed_renew_href", FeedRenewHref(ctx.hub, subject));
  v.set("can_renew", can_renew);
  return v;
}

}  // namespace coopole::pooling::web::scheduling
