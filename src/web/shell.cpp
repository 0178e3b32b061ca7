#include <algorithm>
#include <nlohmann/json.hpp>

#include "coopole/web/web.h"

namespace coopole::web {

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 422;
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kTooManyRequests: return 429;
    case ErrorCode::kUnavailable: return 503;
  }
  return 500;
}

Shell::Shell(std::shared_ptr<const render::Templates> templates) : templates_(std::move(templates)) {}

void Shell::AddNavItem(NavItem item) {
  auto at = std::upper_bound(nav_.begin(), nav_.end(), item.order,
                             [](int order, const NavItem& other) { return order < other.order; });
  nav_.insert(at, std::move(item));
}

void Shell::AddHomeSection(int order, HomeSection section) {
  auto at = std::upper_bound(home_sections_.begin(), home_sections_.end(), order,
                             [](int o, const auto& other) { return o < other.first; });
  home_sections_.insert(at, {order, std::move(section)});
}

std::string Shell::RenderHomeSections(const http::Request& req, const hubs::HubContext& hub) const {
  std::string html;
  for (const auto& [order, section] : home_sections_) html += section(req, hub);
  return html;
}

std::string Shell::Translate(std::string_view lang, std::string_view key) const {
  return messages().Get(lang, key);
}

http::Response Shell::Page(const http::Request& req, std::string_view template_name, render::View view,
                           std::string_view title_key, const hubs::HubContext* hub, int status) const {
  return PageTitled(req, template_name, std::move(view), Translate(LanguageOf(req), title_key), hub, status);
}

http::Response Shell::PageTitled(const http::Request& req, std::string_view template_name, render::View view,
                                 std::string title, const hubs::HubContext* hub, int status) const {
  const std::string lang = LanguageOf(req);
  view.set("lang", lang);
  view.set("other_lang", lang == "fr" ? "en" : "fr");
  view.set("title", title);
  view.set("csrf", CsrfTokenOf(req));
  view.set("path", req.target);
  if (const Principal* p = PrincipalOf(req)) {
    view.set("signed_in", true);
    view.set("user_name", p->actor.name);
    view.set("is_admin", p->actor.is_admin);
  }
  if (hub) {
    view.set("hub_slug", hub->hub.slug);
    view.set("hub_name", hub->hub.name);
    view.set("role_label", Translate(lang, std::string("roles.") + identity::RoleName(hub->access.role)));
    render::ViewList nav;
    const Principal* p = PrincipalOf(req);
    for (const auto& item : nav_) {
      if (p && !identity::Allows(p->actor, hub->access, item.permission)) continue;
      render::View entry;
      std::string href = "/hubs/" + hub->hub.slug + item.path;
      entry.set("href", href);
      entry.set("label", Translate(lang, item.label_key));
      // The hub home is active only on itself; other entries also on their sub-pages.
      bool active = req.path == href || (!item.path.empty() && req.path.rfind(href + "/", 0) == 0);
      entry.set("active", active);
      nav.push_back(std::move(entry));
    }
    view.set("nav", nav);
  }
  if (auto notice = req.Query("notice")) {
    std::string key = "notice." + *notice;
    if (messages().Has(lang, key)) view.set("notice", Translate(lang, key));
  }
  auto res = http::Response::Html(templates_->Render(template_name, lang, view), status);
  res.SetHeader("Content-Language", lang);
  res.SetHeader("Vary", "Accept-Language, Cookie");
  return res;
}

http::Response Shell::Fragment(const http::Request& req, std::string_view template_name,
                               const render::View& view) const {
  return http::Response::Html(templates_->Render(template_name, LanguageOf(req), view));
}

http::Response Shell::JsonError(const http::Request& req, const Error& error) const {
  const std::string lang = LanguageOf(req);
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [field, key] : error.fields) fields[field] = Translate(lang, key);
  nlohmann::json body = {{"error", {{"code", ErrorCodeName(error.code)}, {"message", error.message}, {"fields", fields}}}};
  auto res = http::Response::Json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), StatusFor(error.code));
  if (error.code == ErrorCode::kTooManyRequests) res.SetHeader("Retry-After", "900");
  if (error.code == ErrorCode::kUnavailable) res.SetHeader("Retry-After", "1");
  return res;
}

http::Response Shell::ErrorResponse(const http::Request& req, const Error& error) const {
  if (req.WantsJson()) return JsonError(req, error);
  const std::string lang = LanguageOf(req);
  render::View view;
  const int status = StatusFor(error.code);
  view.set("status", std::to_string(status));
  view.set("error_title", Translate(lang, "errors.status_" + std::to_string(status)));
  render::ViewList fields;
  for (const auto& [field, key] : error.fields) {
    render::View f;
    f.set("field", field);
    f.set("message", Translate(lang, key));
    fields.push_back(std::move(f));
  }
  view.set("fields", fields);
  return Page(req, "errors/error", std::move(view), "errors.status_" + std::to_string(status), nullptr, status);
}

void Shell::AddFieldErrors(render::View& view, const Error& error, std::string_view lang,
                           std::string_view label_prefix) const {
  render::ViewList list;
  for (const auto& [field, key] : error.fields) {
    std::string text = Translate(lang, key);
    view.set(field + "_error", text);
    render::View item;
    item.set("field", field);
    const std::string label_key = std::string(label_prefix) + field;
    item.set("label", !label_prefix.empty() && messages().Has(lang, label_key) ? Translate(lang, label_key) : field);
    item.set("message", text);
    list.push_back(std::move(item));
  }
  view.set("field_errors", list);
  view.set("has_errors", !error.fields.empty() || error.code != ErrorCode::kInvalidArgument);
  if (error.code == ErrorCode::kConflict && error.fields.count("version")) view.set("stale", true);
}

http::Handler InHub(hubs::HubService& hubs, const Shell& shell, Answer answer, HubHandler handler) {
  return [&hubs, &shell, answer, handler = std::move(handler)](http::Request& req) -> http::Response {
    const auto& actor = RequirePrincipal(req).actor;
    auto hub = hubs.Resolve(actor, req.Param("hub"));
    if (!hub.ok()) return answer == Answer::kJson ? shell.JsonError(req, hub.error()) : shell.ErrorResponse(req, hub.error());
    try {
      return handler(req, HubRequest{*hub, actor, LanguageOf(req)});
    } catch (const db::SerializationError&) {
      // The database stayed busy (SQLite's single writer under load) or aborted a
      // transaction in a conflict (PostgreSQL): the transaction rolled back, nothing was
      // written, and the same request may simply be sent again.
      Error busy{ErrorCode::kUnavailable, "the database is busy: nothing was saved, try again", {}};
      auto res = answer == Answer::kJson ? shell.JsonError(req, busy) : shell.ErrorResponse(req, busy);
      res.SetHeader("Retry-After", "1");
      return res;
    }
  };
}

Result<http::FormFields> ParseForm(const http::Request& req) {
  auto type = req.Header("content-type");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return Error{ErrorCode::kUnsupportedMediaType, "expected application/x-www-form-urlencoded", {}};
  }
  return http::ParseUrlEncoded(req.body);
}

Result<nlohmann::json> ParseJsonObject(const http::Request& req) {
  auto type = req.Header("content-type");
  if (type.rfind("application/json", 0) != 0) {
    return Error{ErrorCode::kUnsupportedMediaType, "expected Content-Type: application/json", {}};
  }
  auto doc = nlohmann::json::parse(req.body, nullptr, false);
  if (doc.is_discarded()) return Error::BadRequest("the body is not valid JSON", {{"body", "validation.json"}});
  if (!doc.is_object()) return Error::BadRequest("the body must be a JSON object", {{"body", "validation.json"}});
  return doc;
}

Result<std::optional<std::string>> JsonText(const nlohmann::json& object, const std::string& field) {
  auto it = object.find(field);
  if (it == object.end()) return std::optional<std::string>{};
  if (it->is_string()) return std::optional<std::string>{it->get<std::string>()};
  if (it->is_null()) return std::optional<std::string>{std::string()};
  if (it->is_boolean()) return std::optional<std::string>{it->get<bool>() ? "true" : "false"};
  if (it->is_number_integer()) return std::optional<std::string>{std::to_string(it->get<std::int64_t>())};
  if (it->is_number()) return std::optional<std::string>{it->dump()};
  return Error::BadRequest("field " + field + " must be a string, number or boolean", {{field, "validation.type"}});
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

http::Response JsonResponse(const nlohmann::json& body, int status) {
  return http::Response::Json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

}  // namespace coopole::web
