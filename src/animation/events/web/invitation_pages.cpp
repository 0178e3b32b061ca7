// The public reply page of an invitation, /invitations/{token}: no sign-in, the token is the
// credential. The form is protected like the sign-in form: a double-submit CSRF cookie
// issued by the GET when the visitor has neither a session nor that cookie.
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "event_web.h"
#include "events_internal.h"

namespace coopole::animation::web::events_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;

Response ReplyView(const Dependencies& deps, const Request& req, const PublicInvitation& p, const std::string& notice,
                   const std::string& refusal, int status) {
  const std::string lang = cw::LanguageOf(req);
  render::View view;
  view.set("event", EventView(p.event, p.hub, deps.shell, lang));
  view.set("hub_name", p.hub.name);
  view.set("person_name", p.invitation.person_name);
  view.set("member_name", p.invitation.member_name);
  view.set("reply", p.invitation.reply);
  view.set("reply_label", deps.shell.Translate(lang, "animation.invitations.reply." + p.invitation.reply));
  view.set("has_replied", p.invitation.reply != "pending");
  view.set("waitlisted", p.invitation.waitlist_position.has_value());
  view.set("waitlist_position", p.invitation.waitlist_position ? std::to_string(*p.invitation.waitlist_position) : "");
  view.set("open", p.open && refusal.empty());
  view.set("action", "/invitations/" + p.invitation.token);
  for (const char* r : {"yes", "no", "maybe"}) view.set(std::string("is_") + r, p.invitation.reply == r);
  if (!notice.empty()) view.set("done_notice", deps.shell.Translate(lang, notice));
  std::string closed = refusal;
  if (closed.empty() && !p.open)
    closed = p.event.status == "cancelled" ? "animation.invitations.error.cancelled" : "animation.invitations.error.over";
  if (!closed.empty()) view.set("closed_notice", deps.shell.Translate(lang, closed));
  return deps.shell.PageTitled(req, "animation/invitation_reply", std::move(view), p.event.title, nullptr, status);
}

}  // namespace

void RegisterInvitationPages(http::Router& router, const Dependencies& deps) {
  http::RouteOptions public_page;
  public_page.public_route = true;
  router.Add(http::Method::kGet, "/invitations/{token}", [deps](Request& req) {
    auto found = deps.events.InvitationByToken(req.Param("token"));
    if (!found) return deps.shell.ErrorResponse(req, found.error());
    std::string cookie;
    if (!cw::PrincipalOf(req) && !req.Cookie(cw::kCsrfCookie)) {
      cookie = events_internal::NewToken();
      req.headers.emplace_back("cookie", std::string(cw::kCsrfCookie) + "=" + cookie);
    }
    const std::string done = req.Query("done").value_or("") == "replied" ? "animation.invitations.done.replied" : "";
    auto res = ReplyView(deps, req, *found, done, "", 200);
    if (!cookie.empty())
      res.headers.emplace_back("Set-Cookie", std::string(cw::kCsrfCookie) + "=" + cookie + "; Path=/; HttpOnly; SameSite=Lax");
    res.SetHeader("Cache-Control", "no-store");
    res.SetHeader("Referrer-Policy", "no-referrer");  // the token is in the address
    return res;
  }, public_page);
  router.Add(http::Method::kPost, "/invitations/{token}", [deps](Request& req) {
    auto form = cw::ParseForm(req);
    if (!form) return deps.shell.ErrorResponse(req, form.error());
    const std::string token = req.Param("token");
    auto done = deps.events.ReplyByToken(token, http::FormValue(*form, "reply").value_or(""));
    if (done) return Response::Redirect("/invitations/" + token + "?done=replied");
    // Refused politely: the page again, saying why, nothing written.
    if (done.error().code == ErrorCode::kNotFound) return deps.shell.ErrorResponse(req, done.error());
    auto found = deps.events.InvitationByToken(token);
    if (!found) return deps.shell.ErrorResponse(req, found.error());
    std::string refusal = done.error().fields.count("event_over") ? done.error().fields.at("event_over")
                                                                  : "animation.invitations.error.reply";
    return ReplyView(deps, req, *found, "", refusal, cw::StatusFor(done.error().code));
  }, public_page);
}

}  // namespace coopole::animation::web::events_web
