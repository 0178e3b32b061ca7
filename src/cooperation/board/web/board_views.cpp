// Views and JSON of the board's records, and the parsing of their inputs.
#include <algorithm>
#include <cmath>

#include "board_web_internal.h"
#include "coopole/core/text.h"
#include "suggestion_rules.h"

namespace coopole::cooperation::web::board {

namespace cw = coopole::web;
using nlohmann::json;

http::Handler InHub(const Dependencies& deps, Answer answer, Handler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   [deps, handler = std::move(handler)](http::Request& req, const cw::HubRequest& in) {
                     return handler(req, Ctx{deps, in.hub, in.actor, in.lang});
                   });
}

http::Response Fail(const Ctx& ctx, const http::Request& req, Answer answer, const Error& error) {
  return answer == Answer::kJson ? ctx.deps.shell.JsonError(req, error) : ctx.deps.shell.ErrorResponse(req, error);
}

bool IsCoordinator(const Ctx& ctx) {
  return identity::Allows(ctx.actor, ctx.hub.access, identity::Permission::kManageCooperation);
}

std::optional<MemberId> OwnMember(const Ctx& ctx) {
  return ctx.hub.access.role == identity::Role::kMember ? ctx.hub.access.member : std::nullopt;
}

bool MayWrite(const Ctx& ctx) { return IsCoordinator(ctx) || OwnMember(ctx).has_value(); }

void AddLinks(render::View& view, const Ctx& ctx) {
  const std::string base = CoopBase(ctx.hub);
  view.set("coop_base", base);
  view.set("board_href", base + "/board");
  view.set("new_need_href", base + "/board/new?direction=need");
  view.set("new_offer_href", base + "/board/new?direction=offer");
  view.set("suggestions_href", base + "/suggestions");
  view.set("cooperations_href", base + "/cooperations");
  view.set("notifications_href", base + "/notifications");
  view.set("can_write", MayWrite(ctx));
  view.set("is_coordinator", IsCoordinator(ctx));
  view.set("is_member", OwnMember(ctx).has_value());
}

render::ViewList KindOptions(const Ctx& ctx, const std::string& selected) {
  render::ViewList list;
  for (const auto& kind : PostKinds()) {
    render::View o;
    o.set("value", kind);
    o.set("label", ctx.T("cooperation.kind." + kind));
    o.set("selected", kind == selected);
    list.push_back(std::move(o));
  }
  return list;
}

render::ViewList MemberOptions(const Ctx& ctx, const std::string& selected) {
  render::ViewList list;
  if (!ctx.deps.member_choices) return list;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    render::View o;
    o.set("value", std::to_string(id));
    o.set("label", name);
    o.set("selected", std::to_string(id) == selected);
    list.push_back(std::move(o));
  }
  return list;
}

namespace {

std::string JoinSectors(const std::vector<std::string>& sectors) {
  std::string out;
  for (const auto& s : sectors) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

render::View PostView(const Post& p, const Ctx& ctx) {
  render::View v;
  v.set("id", std::to_string(p.id.value));
  v.set("href", PostHref(ctx.hub, p.id));
  v.set("title", p.title);
  v.set("description", p.description);
  v.set("has_description", !p.description.empty());
  v.set("member_name", p.member_name);
  v.set("member_id", std::to_string(p.member.value));
  v.set("is_need", p.direction == Direction::kNeed);
  v.set("direction_label", ctx.T(std::string("cooperation.direction.") + DirectionCode(p.direction)));
  v.set("kind_label", ctx.T("cooperation.kind." + p.kind));
  v.set("sectors", JoinSectors(p.sectors));
  v.set("has_sectors", !p.sectors.empty());
  v.set("commune", p.commune_insee);
  v.set("quantity", p.quantity ? std::to_string(*p.quantity) + (p.unit.empty() ? "" : " " + p.unit) : "");
  v.set("has_quantity", p.quantity.has_value());
  std::string when;
  if (p.starts_on) when += FormatDate(*p.starts_on, ctx.lang);
  if (p.ends_on) when += (when.empty() ? "" : " → ") + FormatDate(*p.ends_on, ctx.lang);
  if (!p.recurrence.empty()) when += (when.empty() ? "" : " · ") + p.recurrence;
  v.set("when", when);
  v.set("has_when", !when.empty());
  v.set("expires_on", FormatDate(p.expires_on, ctx.lang));
  v.set("open", p.Open());
  v.set("closed", p.closed);
  v.set("expired", p.expired && !p.closed);
  const bool manage = IsCoordinator(ctx) || OwnMember(ctx) == p.member;
  v.set("can_manage", manage);
  v.set("version", std::to_string(p.version));
  return v;
}

std::string ReasonText(const Reason& reason, const Ctx& ctx) {
  return rules::RenderReason(reason, [&](const std::string& key) { return ctx.T(key); });
}

render::View SuggestionView(const Suggestion& s, const Ctx& ctx) {
  render::View v;
  v.set("key", s.key);
  v.set("title", s.title);
  v.set("score", std::to_string(s.score));
  v.set("kind_label", ctx.T(std::string("cooperation.suggestion_kind.") + SuggestionKindCode(s.kind)));
  render::ViewList reasons;
  for (const auto& r : s.reasons) {
    render::View rv;
    rv.set("text", ReasonText(r, ctx));
    reasons.push_back(std::move(rv));
  }
  v.set("reasons", reasons);
  render::ViewList components;
  for (const auto& c : s.components) {
    if (c.Points() <= 0) continue;
    render::View cv;
    cv.set("label", ctx.T("cooperation.component." + c.name));
    cv.set("points", std::to_string(static_cast<int>(std::lround(c.Points()))));
    cv.set("weight", std::to_string(static_cast<int>(std::lround(c.weight))));
    components.push_back(std::move(cv));
  }
  v.set("components", components);
  std::string names;
  for (const auto& n : s.member_names) names += (names.empty() ? "" : " · ") + n;
  v.set("members", names);
  if (s.need) v.set("need_href", PostHref(ctx.hub, *s.need));
  v.set("has_need", s.need.has_value());
  if (s.offer) v.set("offer_href", PostHref(ctx.hub, *s.offer));
  v.set("has_offer", s.offer.has_value());
  bool decide = IsCoordinator(ctx);
  if (auto own = OwnMember(ctx)) decide = std::find(s.members.begin(), s.members.end(), *own) != s.members.end();
  v.set("can_decide", decide);
  return v;
}

render::View CooperationView(const Cooperation& c, const Ctx& ctx) {
  render::View v;
  v.set("title", c.title);
  v.set("started_on", FormatDate(c.started_on, ctx.lang));
  v.set("kind_label", ctx.T("cooperation.cooperation_kind." + c.kind));
  std::string names;
  for (const auto& n : c.member_names) names += (names.empty() ? "" : " · ") + n;
  v.set("members", names);
  return v;
}

json PostJson(const Post& p) {
  json sectors = json::array();
  for (const auto& s : p.sectors) sectors.push_back(s);
  return {{"id", p.id.value},
          {"member", {{"id", p.member.value}, {"name", p.member_name}}},
          {"direction", DirectionCode(p.direction)},
          {"kind", p.kind},
          {"title", p.title},
          {"description", p.description},
          {"sectors", sectors},
          {"commune_insee", p.commune_insee},
          {"epci_siren", p.epci_siren},
          {"quantity", p.quantity ? json(*p.quantity) : json(nullptr)},
          {"unit", p.unit},
          {"starts_on", p.starts_on ? json(FormatIsoDate(*p.starts_on)) : json(nullptr)},
          {"ends_on", p.ends_on ? json(FormatIsoDate(*p.ends_on)) : json(nullptr)},
          {"recurrence", p.recurrence},
          {"expires_on", FormatIsoDate(p.expires_on)},
          {"status", p.closed ? "closed" : (p.expired ? "expired" : "open")},
          {"open", p.Open()},
          {"created_at", FormatIsoUtc(p.created_at)},
          {"updated_at", FormatIsoUtc(p.updated_at)},
          {"version", p.version}};
}

json CommentJson(const Comment& c) {
  return {{"id", c.id.value},
          {"post_id", c.post.value},
          {"author", c.author_name},
          {"member_id", c.member ? json(c.member->value) : json(nullptr)},
          {"body", c.body},
          {"created_at", FormatIsoUtc(c.created_at)}};
}

json SuggestionJson(const Suggestion& s, const coopole::web::Shell& shell, const std::string& lang) {
  json members = json::array();
  for (std::size_t i = 0; i < s.members.size(); ++i)
    members.push_back({{"id", s.members[i].value},
                       {"name", i < s.member_names.size() ? s.member_names[i] : ""},
                       {"hub_id", i < s.member_hubs.size() ? s.member_hubs[i].value : 0}});
  json components = json::array();
  for (const auto& c : s.components)
    components.push_back({{"name", c.name}, {"weight", c.weight}, {"value", c.value}, {"points", c.Points()}});
  json reasons = json::array();
  for (const auto& r : s.reasons)
    reasons.push_back({{"code", r.code},
                       {"params", r.params},
                       {"text", rules::RenderReason(r, [&](const std::string& key) { return shell.Translate(lang, key); })}});
  return {{"key", s.key},
          {"kind", SuggestionKindCode(s.kind)},
          {"hub_id", s.hub.value},
          {"title", s.title},
          {"score", s.score},
          {"members", members},
          {"need_post_id", s.need ? json(s.need->value) : json(nullptr)},
          {"offer_post_id", s.offer ? json(s.offer->value) : json(nullptr)},
          {"components", components},
          {"reasons", reasons}};
}

json CooperationJson(const Cooperation& c) {
  json members = json::array();
  for (std::size_t i = 0; i < c.members.size(); ++i)
    members.push_back({{"id", c.members[i].value}, {"name", i < c.member_names.size() ? c.member_names[i] : ""}});
  return {{"id", c.id.value},
          {"kind", c.kind},
          {"title", c.title},
          {"started_on", FormatIsoDate(c.started_on)},
          {"source_key", c.source_key},
          {"members", members},
          {"created_at", FormatIsoUtc(c.created_at)}};
}

json NotificationJson(const Notification& n) {
  return {{"id", n.id},
          {"member_id", n.member.value},
          {"post_id", n.post.value},
          {"post_title", n.post_title},
          {"post_direction", n.post_direction},
          {"reason", n.reason},
          {"created_at", FormatIsoUtc(n.created_at)},
          {"read", n.read_at.has_value()}};
}

namespace {

// The post fields by name, for forms and JSON alike.
struct PostField {
  const char* name;
  std::optional<std::string> PostInput::*value;
};
constexpr PostField kPostFields[] = {
    {"member_id", &PostInput::member_id},     {"direction", &PostInput::direction},
    {"kind", &PostInput::kind},               {"title", &PostInput::title},
    {"description", &PostInput::description}, {"sectors", &PostInput::sectors},
    {"commune_insee", &PostInput::commune_insee}, {"quantity", &PostInput::quantity},
    {"unit", &PostInput::unit},               {"starts_on", &PostInput::starts_on},
    {"ends_on", &PostInput::ends_on},         {"recurrence", &PostInput::recurrence},
    {"expires_on", &PostInput::expires_on}};

}  // namespace

PostInput PostInputFromForm(const http::FormFields& form) {
  PostInput in;
  for (const auto& f : kPostFields) in.*f.value = http::FormValue(form, f.name);
  return in;
}

Result<PostInput> PostInputFromJson(const json& body) {
  PostInput in;
  for (const auto& f : kPostFields) {
    if (std::string(f.name) == "sectors" && body.contains("sectors") && body["sectors"].is_array()) {
      std::string joined;
      for (const auto& s : body["sectors"]) {
        if (!s.is_string()) return Error::BadRequest("sectors must be strings", {{"sectors", "validation.naf"}});
        joined += (joined.empty() ? "" : " ") + s.get<std::string>();
      }
      in.sectors = joined;
      continue;
    }
    auto value = cw::JsonText(body, f.name);
    if (!value) return value.error();
    in.*f.value = *value;
  }
  return in;
}

Result<PostQuery> ParsePostQuery(const http::Request& req) {
  PostQuery q;
  if (auto d = req.Query("direction"); d && !d->empty()) {
    q.direction = ParseDirection(*d);
    if (!q.direction) return Error::Invalid({{"direction", "validation.direction"}});
  }
  if (auto k = req.Query("kind"); k && !k->empty()) {
    if (std::find(PostKinds().begin(), PostKinds().end(), *k) == PostKinds().end())
      return Error::Invalid({{"kind", "validation.kind"}});
    q.kind = *k;
  }
  auto member = MemberQuery(req);
  if (!member) return member.error();
  q.member = *member;
  q.text = req.Query("q").value_or("");
  if (auto all = req.Query("all")) q.open_only = !(*all == "1" || *all == "true");
  if (auto page = req.Query("page")) {
    auto n = cw::ParseId(*page);
    if (!n || *n > 100000) return Error::Invalid({{"page", "validation.integer"}});
    q.page = static_cast<int>(*n);
  }
  if (auto per = req.Query("per_page")) {
    auto n = cw::ParseId(*per);
    if (!n || *n > 200) return Error::Invalid({{"per_page", "validation.integer"}});
    q.per_page = static_cast<int>(*n);
  }
  return q;
}

Result<std::optional<MemberId>> MemberQuery(const http::Request& req) {
  auto text = req.Query("member");
  if (!text || text->empty()) return std::optional<MemberId>{};
  auto id = cw::ParseId(*text);
  if (!id) return Error::Invalid({{"member", "validation.member"}});
  return std::optional<MemberId>{MemberId{*id}};
}

Result<std::int64_t> VersionFrom(const std::optional<std::string>& text) {
  if (!text || Trim(*text).empty()) return Error::Invalid({{"version", "validation.required"}});
  auto version = cw::ParseId(Trim(*text));
  if (!version) return Error::Invalid({{"version", "validation.integer"}});
  return *version;
}

Result<PostId> PostIdParam(const http::Request& req) {
  auto id = cw::ParseId(req.Param("post"));
  if (!id) return Error::NotFound("post");
  return PostId{*id};
}

}  // namespace coopole::cooperation::web::board
