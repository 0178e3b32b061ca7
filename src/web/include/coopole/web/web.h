// The web shell shared by every module's web layer: who is signed in, which language,
// the page layout and navigation, form and JSON parsing, and the one mapping from error
// codes to HTTP statuses.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/result.h"
#include "coopole/hubs/hubs.h"
#include "coopole/http/http.h"
#include "coopole/identity/identity.h"
#include "coopole/render/render.h"

namespace coopole::web {

// The HTTP status of an error code (the only place this mapping lives).
int StatusFor(ErrorCode code);

// The signed-in user of a request, set by the authentication middleware.
struct Principal {
  identity::Actor actor;
  std::string csrf_token;   // "" for API tokens (no CSRF with Bearer)
  bool via_api_token = false;
};

struct WebOptions {
  bool secure_cookies = false;  // behind TLS: cookies get the Secure attribute
  std::int64_t session_max_age = 14 * 24 * 3600;
};

const char kSessionCookie[] = "coopole_session";
const char kCsrfCookie[] = "coopole_csrf";  // double-submit token for forms before sign-in
const char kLangCookie[] = "coopole_lang";

// The principal of the request, or nullptr when anonymous.
const Principal* PrincipalOf(const http::Request& req);
// The principal; throws std::logic_error on a public route (programming error).
const Principal& RequirePrincipal(const http::Request& req);
// "fr" or "en": the user's preference, else the language cookie, else Accept-Language.
std::string LanguageOf(const http::Request& req);
// The CSRF token a form of this request must carry (session token, else double-submit cookie).
std::string CsrfTokenOf(const http::Request& req);

// Middleware: resolves the session cookie or the Bearer token into a Principal, refuses
// anonymous access to non-public routes (401 JSON for the API, redirect to /login for
// pages), checks the CSRF token of every state-changing request made with a cookie, and
// stamps the request id onto the actor for the audit log.
http::Middleware MakeAuthMiddleware(identity::IdentityService& identity, WebOptions options);

// Set-Cookie values.
std::string SessionCookie(const std::string& token, const WebOptions& options);
std::string ExpiredSessionCookie(const WebOptions& options);
std::string LanguageCookie(const std::string& lang, const WebOptions& options);

// A navigation entry a module registers: shown inside a hub when the role allows it.
struct NavItem {
  std::string key;          // "members"
  std::string label_key;    // message key "nav.members"
  std::string path;         // relative to the hub: "/members"
  identity::Permission permission = identity::Permission::kViewHub;
  int order = 100;          // position in the menu, smallest first (home 0, directory 10, ...)
};

// A block a module contributes to the hub home page (its summary), rendered by the module
// with its own templates; "" when it has nothing to show to this user.
using HomeSection = std::function<std::string(const http::Request&, const hubs::HubContext&)>;

// Renders pages inside the common layout and answers errors in HTML or JSON.
class Shell {
 public:
  explicit Shell(std::shared_ptr<const render::Templates> templates);

  // Adds an entry to the hub menu, kept sorted by `order`.
  void AddNavItem(NavItem item);
  // Adds a block to the hub home page, kept sorted by `order`.
  void AddHomeSection(int order, HomeSection section);
  // The HTML of every home block for this hub, in order.
  std::string RenderHomeSections(const http::Request& req, const hubs::HubContext& hub) const;
  const render::Messages& messages() const { return templates_->messages(); }
  const render::Templates& templates() const { return *templates_; }

  // Renders `template_name` with `view`, inside the layout: title, language switch, the
  // signed-in user, the hub navigation when `hub` is given, the CSRF token, and a notice
  // from ?notice=KEY when KEY is a known "notice.*" message.
  http::Response Page(const http::Request& req, std::string_view template_name, render::View view,
                      std::string_view title_key, const hubs::HubContext* hub = nullptr, int status = 200) const;
  // Same as Page with a title given as text (a member's name) rather than a message key.
  http::Response PageTitled(const http::Request& req, std::string_view template_name, render::View view,
                            std::string title, const hubs::HubContext* hub = nullptr, int status = 200) const;
  // Renders a template without the layout (htmx fragments).
  http::Response Fragment(const http::Request& req, std::string_view template_name, const render::View& view) const;
  // An error as a JSON body {"error":{"code","message","fields"}} with field messages in
  // the request language, or as an HTML error page.
  http::Response ErrorResponse(const http::Request& req, const Error& error) const;
  http::Response JsonError(const http::Request& req, const Error& error) const;
  // Translates the field errors of `error` for a form view: "<field>_error" next to each
  // field, and "field_errors" (field, its label, message) for the summary. The label is the
  // message `label_prefix` + field ("members.field.siret") when it exists, else the name.
  void AddFieldErrors(render::View& view, const Error& error, std::string_view lang,
                      std::string_view label_prefix = "") const;
  // The catalogue text of `key` in `lang`.
  std::string Translate(std::string_view lang, std::string_view key) const;

 private:
  std::shared_ptr<const render::Templates> templates_;
  std::vector<NavItem> nav_;
  std::vector<std::pair<int, HomeSection>> home_sections_;
};

// How a route answers errors: an HTML page or a JSON body.
enum class Answer { kPage, kJson };

// The request's hub, resolved for the signed-in actor, and who acts in it.
struct HubRequest {
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};
using HubHandler = std::function<http::Response(http::Request&, const HubRequest&)>;

// Wraps a handler of a route with a {hub} parameter: resolves the hub for the signed-in
// actor first (an unknown hub and a hub the actor holds no role in are both a 404, in the
// route's answer style), so that nothing of another hub is ever parsed, read or written.
http::Handler InHub(hubs::HubService& hubs, const Shell& shell, Answer answer, HubHandler handler);

// The body of a POST/PUT/PATCH as form fields: application/x-www-form-urlencoded.
// Errors: kUnsupportedMediaType for another content type.
Result<http::FormFields> ParseForm(const http::Request& req);
// The body as a JSON object. Errors: kUnsupportedMediaType (not application/json),
// kBadRequest (unparsable, or not an object).
Result<nlohmann::json> ParseJsonObject(const http::Request& req);
// Reads a string-like member of a JSON object (strings as they are, numbers and booleans as
// text, null as ""); nullopt when absent. Errors: kBadRequest naming the field for arrays/objects.
Result<std::optional<std::string>> JsonText(const nlohmann::json& object, const std::string& field);
// A positive integer path or query parameter; nullopt when malformed.
std::optional<std::int64_t> ParseId(std::string_view text);

// JSON serialisation helpers for responses.
http::Response JsonResponse(const nlohmann::json& body, int status = 200);

}  // namespace coopole::web
