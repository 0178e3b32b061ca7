#include <stdexcept>

#include "coopole/http/multipart.h"
#include "coopole/web/web.h"

namespace coopole::web {
namespace {

bool IsStateChanging(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

http::Response Unauthenticated(const http::Request& req) {
  if (req.WantsJson()) {
    auto res = http::Response::Json(
        R"({"error":{"code":"unauthenticated","message":"sign in or send a Bearer token","fields":{}}})", 401);
    res.SetHeader("WWW-Authenticate", "Bearer");
    return res;
  }
  if (req.IsHtmx()) {
    auto res = http::Response::Text("", 401);
    res.SetHeader("HX-Redirect", "/login");
    return res;
  }
  std::string next = req.target;
  return http::Response::Redirect("/login?next=" + http::UrlEncode(next));
}

http::Response CsrfRejected(const http::Request& req) {
  if (req.WantsJson()) {
    return http::Response::Json(
        R"({"error":{"code":"permission_denied","message":"missing or wrong CSRF token","fields":{"csrf":"missing or wrong"}}})",
        403);
  }
  return http::Response::Text("Formulaire expiré : rechargez la page. / Form expired: reload the page.\n", 403);
}

// The token a state-changing request carries: the X-CSRF-Token header (htmx, fetch) or
// the `csrf` field of a urlencoded or multipart (file upload) form.
std::string PresentedCsrf(const http::Request& req) {
  if (auto h = req.Header("x-csrf-token"); !h.empty()) return std::string(h);
  auto type = req.Header("content-type");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    return http::FormValue(http::ParseUrlEncoded(req.body), "csrf").value_or("");
  }
  if (auto boundary = http::MultipartBoundary(type)) {
    auto parts = http::ParseMultipart(req.body, *boundary);
    if (parts.ok()) {
      if (const auto* part = http::FindPart(*parts, "csrf")) return part->body;
    }
  }
  return "";
}

bool SameToken(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

const Principal* PrincipalOf(const http::Request& req) {
  auto it = req.context.find("principal");
  if (it == req.context.end()) return nullptr;
  return std::any_cast<Principal>(&it->second);
}

const Principal& RequirePrincipal(const http::Request& req) {
  const Principal* p = PrincipalOf(req);
  if (!p) throw std::logic_error("route needs a signed-in user");
  return *p;
}

std::string CsrfTokenOf(const http::Request& req) {
  if (const Principal* p = PrincipalOf(req); p && !p->via_api_token) return p->csrf_token;
  return req.Cookie(kCsrfCookie).value_or("");
}

http::Middleware MakeAuthMiddleware(identity::IdentityService& identity, WebOptions options) {
  return [&identity, options](http::Request& req, const http::Next& next) -> http::Response {
    bool from_cookie = false;
    if (auto auth = req.Header("authorization"); auth.rfind("Bearer ", 0) == 0) {
      auto actor = identity.FindApiToken(std::string(auth.substr(7)));
      if (!actor) {
        auto res = http::Response::Json(
            R"({"error":{"code":"unauthenticated","message":"unknown or revoked token","fields":{}}})", 401);
        res.SetHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return res;
      }
      actor->request_id = req.request_id;
      req.context["principal"] = Principal{std::move(*actor), "", true};
    } else if (auto cookie = req.Cookie(kSessionCookie)) {
      if (auto session = identity.FindSession(*cookie)) {
        session->actor.request_id = req.request_id;
        req.context["principal"] = Principal{std::move(session->actor), session->csrf_token, false};
        from_cookie = true;
      }
    }
    const bool is_public = req.route && req.route->options.public_route;
    if (!PrincipalOf(req) && !is_public) return Unauthenticated(req);
    if (IsStateChanging(req.method)) {
      // Cookies ride along with cross-site requests; Bearer tokens do not, so only
      // cookie-authenticated and anonymous form posts need the token.
      std::string expected = from_cookie ? RequirePrincipal(req).csrf_token : req.Cookie(kCsrfCookie).value_or("");
      if (PrincipalOf(req) == nullptr || from_cookie) {
        if (!SameToken(PresentedCsrf(req), expected)) return CsrfRejected(req);
      }
    }
    return next(req);
  };
}

std::string SessionCookie(const std::string& token, const WebOptions& options) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(options.session_max_age) + (options.secure_cookies ? "; Secure" : "");
}

std::string ExpiredSessionCookie(const WebOptions& options) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (options.secure_cookies ? "; Secure" : "");
}

std::string LanguageCookie(const std::string& lang, const WebOptions& options) {
  return std::string(kLangCookie) + "=" + lang + "; Path=/; SameSite=Lax; Max-Age=31536000" +
         (options.secure_cookies ? "; Secure" : "");
}

std::string LanguageOf(const http::Request& req) {
  if (const Principal* p = PrincipalOf(req); p && render::IsSupportedLanguage(p->actor.language)) {
    return p->actor.language;
  }
  if (auto cookie = req.Cookie(kLangCookie); cookie && render::IsSupportedLanguage(*cookie)) return *cookie;
  return render::NegotiateLanguage(req.Header("accept-language"));
}

}  // namespace coopole::web
