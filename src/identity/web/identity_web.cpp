#include "identity_web.h"

#include "coopole/core/text.h"
#include "secrets.h"

namespace coopole::identity::web {
namespace {

using coopole::web::PrincipalOf;

// Only local paths are followed after sign-in or a language switch (no open redirect).
std::string SafeNext(const std::optional<std::string>& next) {
  if (!next || next->empty() || (*next)[0] != '/' || next->rfind("//", 0) == 0 || next->find('\\') != std::string::npos) {
    return "/";
  }
  return *next;
}

http::Response LoginPage(const Dependencies& deps, const http::Request& req, const std::string& email,
                         const std::string& next, const std::string& error_key, int status) {
  render::View view;
  view.set("email", email);
  view.set("next", next);
  if (!error_key.empty()) view.set("error", deps.shell.Translate(coopole::web::LanguageOf(req), error_key));
  return deps.shell.Page(req, "identity/login", std::move(view), "auth.title", nullptr, status);
}

// The account page: who is signed in, the language, the API tokens; `new_token` is shown
// once, right after its creation.
http::Response AccountPage(const Dependencies& deps, const http::Request& req, const std::string& new_token,
                           const Error* error) {
  const auto& actor = coopole::web::RequirePrincipal(req).actor;
  const std::string lang = coopole::web::LanguageOf(req);
  render::View v;
  v.set("name", actor.name);
  v.set("email", actor.email);
  v.set("new_token", new_token);
  v.set("has_new_token", !new_token.empty());
  render::ViewList tokens;
  for (const auto& t : deps.identity.ListApiTokens(actor.user)) {
    render::View item;
    item.set("id", std::to_string(t.id));
    item.set("name", t.name);
    item.set("created", FormatIsoUtc(t.created_at).substr(0, 10));
    item.set("revoked", t.revoked);
    tokens.push_back(std::move(item));
  }
  v.set("has_tokens", !tokens.empty());
  v.set("tokens", tokens);
  if (error) deps.shell.AddFieldErrors(v, *error, lang, "account.");
  return deps.shell.Page(req, "identity/account", std::move(v), "account.title", nullptr,
                         error ? coopole::web::StatusFor(error->code) : 200);
}

}  // namespace

void RegisterRoutes(http::Router& router, Dependencies deps) {
  http::RouteOptions public_page;
  public_page.public_route = true;

  router.Add(http::Method::kGet, "/login", [deps](http::Request& req) {
    if (PrincipalOf(req)) return http::Response::Redirect(SafeNext(req.Query("next")));
    if (!req.Cookie(coopole::web::kCsrfCookie)) {
      // No session yet: the sign-in form is protected by a double-submit cookie, issued
      // here and made visible to CsrfTokenOf so that the form carries the same value.
      std::string token = RandomToken();
      req.headers.emplace_back("cookie", std::string(coopole::web::kCsrfCookie) + "=" + token);
      auto res = LoginPage(deps, req, "", SafeNext(req.Query("next")), "", 200);
      res.headers.emplace_back("Set-Cookie", std::string(coopole::web::kCsrfCookie) + "=" + token +
                                                 "; Path=/; HttpOnly; SameSite=Lax" +
                                                 (deps.options.secure_cookies ? "; Secure" : ""));
      return res;
    }
    return LoginPage(deps, req, "", SafeNext(req.Query("next")), "", 200);
  }, public_page);

  router.Add(http::Method::kPost, "/login", [deps](http::Request& req) {
    auto form = coopole::web::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    std::string email = http::FormValue(*form, "email").value_or("");
    std::string next = SafeNext(http::FormValue(*form, "next"));
    auto session = deps.identity.SignIn(email, http::FormValue(*form, "password").value_or(""), req.remote_address);
    if (!session.ok()) {
      bool throttled = session.error().code == ErrorCode::kTooManyRequests;
      return LoginPage(deps, req, email, next, throttled ? "auth.throttled" : "auth.wrong_credentials",
                       throttled ? 429 : 401);
    }
    auto res = http::Response::Redirect(next);
    res.headers.emplace_back("Set-Cookie", coopole::web::SessionCookie(session->token, deps.options));
    return res;
  }, public_page);

  router.Add(http::Method::kPost, "/logout", [deps](http::Request& req) {
    if (auto cookie = req.Cookie(coopole::web::kSessionCookie)) deps.identity.SignOut(*cookie);
    auto res = http::Response::Redirect("/login?notice=signed_out");
    res.headers.emplace_back("Set-Cookie", coopole::web::ExpiredSessionCookie(deps.options));
    return res;
  }, public_page);

  router.Add(http::Method::kGet, "/account", [deps](http::Request& req) { return AccountPage(deps, req, "", nullptr); });

  router.Add(http::Method::kPost, "/account/tokens", [deps](http::Request& req) {
    auto form = coopole::web::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    auto token = deps.identity.CreateApiToken(coopole::web::RequirePrincipal(req).actor.user,
                                              http::FormValue(*form, "name").value_or(""));
    if (!token.ok()) return AccountPage(deps, req, "", &token.error());
    // Shown once, in the response to the POST: it is stored only as a digest.
    auto res = AccountPage(deps, req, *token, nullptr);
    res.SetHeader("Cache-Control", "no-store");
    return res;
  });

  router.Add(http::Method::kPost, "/account/tokens/{token}/revoke", [deps](http::Request& req) {
    auto id = coopole::web::ParseId(req.Param("token"));
    if (!id) return deps.shell.ErrorResponse(req, Error::NotFound("token"));
    auto revoked = deps.identity.RevokeApiToken(coopole::web::RequirePrincipal(req).actor.user, *id);
    if (!revoked.ok()) return deps.shell.ErrorResponse(req, revoked.error());
    return http::Response::Redirect("/account?notice=saved");
  });

  router.Add(http::Method::kPost, "/language", [deps](http::Request& req) {
    auto form = coopole::web::ParseForm(req);
    if (!form.ok()) return deps.shell.ErrorResponse(req, form.error());
    std::string lang = http::FormValue(*form, "lang").value_or("");
    if (!render::IsSupportedLanguage(lang)) {
      return deps.shell.ErrorResponse(req, Error::Invalid({{"lang", "validation.choice"}}));
    }
    if (const auto* principal = PrincipalOf(req)) {
      auto saved = deps.identity.SetLanguage(principal->actor.user, lang);
      if (!saved.ok()) return deps.shell.ErrorResponse(req, saved.error());
    }
    auto res = http::Response::Redirect(SafeNext(http::FormValue(*form, "next")));
    res.headers.emplace_back("Set-Cookie", coopole::web::LanguageCookie(lang, deps.options));
    return res;
  }, public_page);
}

}  // namespace coopole::identity::web
