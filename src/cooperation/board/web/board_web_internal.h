// What the board's web files share: the request context, error answers, view builders,
// JSON shapes and input parsing. Files:
//   board_routes.cpp       registers everything below and the home block
//   board_pages.cpp        landing, board, post form and page, cooperations, notifications
//   suggestion_pages.cpp   the suggestions page, accept and dismiss
//   board_api.cpp          the JSON API under /api/v1/hubs/{hub}/cooperation and /api/v1/cooperation
//   board_views.cpp        views and JSON of posts, suggestions, cooperations
//   board_home.cpp         the block on the hub home page
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "coopole/cooperation/board.h"
#include "coopole/http/http.h"
#include "coopole/render/render.h"
#include "coopole/web/web.h"
#include "cooperation_web.h"

namespace coopole::cooperation::web::board {

using Answer = coopole::web::Answer;

struct Ctx {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
  std::string T(std::string_view key) const { return deps.shell.Translate(lang, key); }
};

using Handler = std::function<http::Response(http::Request&, const Ctx&)>;

// Resolves {hub} for the signed-in actor (another hub: 404 in `answer` style), then runs `handler`.
http::Handler InHub(const Dependencies& deps, Answer answer, Handler handler);
http::Response Fail(const Ctx& ctx, const http::Request& req, Answer answer, const Error& error);

// "/hubs/<slug>/cooperation", "/api/v1/hubs/<slug>/cooperation".
inline std::string CoopBase(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/cooperation"; }
inline std::string ApiBase(const hubs::HubContext& hub) { return "/api/v1/hubs/" + hub.hub.slug + "/cooperation"; }
inline std::string PostHref(const hubs::HubContext& hub, PostId id) {
  return CoopBase(hub) + "/board/" + std::to_string(id.value);
}

bool IsCoordinator(const Ctx& ctx);
std::optional<MemberId> OwnMember(const Ctx& ctx);
bool MayWrite(const Ctx& ctx);

// Common view values: coop_base (for the cooperation nav), hub links.
void AddLinks(render::View& view, const Ctx& ctx);
// Options of a select: value, label, selected.
render::ViewList KindOptions(const Ctx& ctx, const std::string& selected);
render::ViewList MemberOptions(const Ctx& ctx, const std::string& selected);

render::View PostView(const Post& post, const Ctx& ctx);
render::View SuggestionView(const Suggestion& s, const Ctx& ctx);
render::View CooperationView(const Cooperation& c, const Ctx& ctx);
std::string ReasonText(const Reason& reason, const Ctx& ctx);

nlohmann::json PostJson(const Post& post);
nlohmann::json CommentJson(const Comment& comment);
// With each reason's sentence in `lang`.
nlohmann::json SuggestionJson(const Suggestion& s, const coopole::web::Shell& shell, const std::string& lang);
nlohmann::json CooperationJson(const Cooperation& c);
nlohmann::json NotificationJson(const Notification& n);

// Inputs from forms and JSON bodies.
PostInput PostInputFromForm(const http::FormFields& form);
Result<PostInput> PostInputFromJson(const nlohmann::json& body);
Result<PostQuery> ParsePostQuery(const http::Request& req);
Result<std::int64_t> VersionFrom(const std::optional<std::string>& text);
Result<PostId> PostIdParam(const http::Request& req);
// ?member= as a member id (nullopt when absent). Errors: 422 {member: validation.member}.
Result<std::optional<MemberId>> MemberQuery(const http::Request& req);

void RegisterBoardPages(http::Router& router, const Dependencies& deps);
void RegisterSuggestionPages(http::Router& router, const Dependencies& deps);
void RegisterBoardApi(http::Router& router, const Dependencies& deps);
void RegisterBoardHome(const Dependencies& deps);

}  // namespace coopole::cooperation::web::board
