// The notice routes: the page under /hubs/{hub}/animation/notices, the API under
// /api/v1/hubs/{hub}/animation/notices; and the helpers the route files share.
#include "notices_web.h"

#include <algorithm>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "notices_rules.h"

namespace coopole::animation::web {

namespace notices_web {

namespace cw = coopole::web;

http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   // A copy of `deps` (references and one function) lives in the route: the
                   // Dependencies given to RegisterRoutes do not outlive it.
                   [deps, handler = std::move(handler)](http::Request& req, const cw::HubRequest& in) {
                     return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                   });
}

std::string NoticesHref(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/animation/notices"; }
std::string ApiNoticesHref(const hubs::HubContext& hub) {
  return "/api/v1/hubs/" + hub.hub.slug + "/animation/notices";
}

std::string NoticeText(const render::Messages& messages, const std::string& lang, const Notice& notice) {
  const std::string key = "animation.notices.kind." + notice.kind;
  if (!messages.Has(lang, key) && !messages.Has("fr", key)) return notice.kind;
  return notice_rules::FillPlaceholders(messages.Get(lang, key), notice_rules::DisplayParams(notice.params, lang));
}

std::string LocalTime(const ViewContext& ctx, Timestamp at) {
  auto local = hubs::ZoneOf(ctx.hub.hub)->ToLocal(at);
  return FormatDate(local.date, ctx.lang) + " " + FormatClock(local.minute);
}

nlohmann::json NoticeJson(const ViewContext& ctx, const Notice& notice) {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [key, value] : notice.params) params[key] = value;
  return {{"id", notice.id.value},
          {"kind", notice.kind},
          {"params", params},
          {"text", NoticeText(ctx.deps.shell.messages(), ctx.lang, notice)},
          {"link", notice_rules::IsAppPath(notice.link) ? notice.link : std::string()},  // as on the page
          {"created_at", FormatIsoUtc(notice.created_at)},
          {"read", notice.read_at.has_value()},
          {"read_at", notice.read_at ? nlohmann::json(FormatIsoUtc(*notice.read_at)) : nlohmann::json()},
          {"mailed", notice.mailed_at.has_value()}};
}

nlohmann::json PreferenceJson(const DigestPreference& preference) {
  return {{"frequency", preference.frequency},
          {"updated_at", preference.updated_at ? nlohmann::json(FormatIsoUtc(*preference.updated_at)) : nlohmann::json()}};
}

NoticeQuery QueryOf(const http::Request& req) {
  NoticeQuery query;
  // Clamped before narrowing: the service clamps again to its own bounds.
  if (auto page = cw::ParseId(Trim(req.Query("page").value_or(""))))
    query.page = static_cast<int>(std::min<std::int64_t>(*page, 1000000));
  if (auto per_page = cw::ParseId(Trim(req.Query("per_page").value_or(""))))
    query.per_page = static_cast<int>(std::min<std::int64_t>(*per_page, 100));
  return query;
}

}  // namespace notices_web

void RegisterNoticeRoutes(http::Router& router, const Dependencies& deps) {
  notices_web::RegisterNoticePages(router, deps);
  notices_web::RegisterNoticeApi(router, deps);
}

}  // namespace coopole::animation::web
