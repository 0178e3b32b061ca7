// The JSON API of working groups and the welcome, under /api/v1/hubs/{hub}/animation: the
// same use cases as the pages.
#include "coopole/core/text.h"
#include "groups_internal.h"
#include "groups_web.h"

namespace coopole::animation::web::groups_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;

// A string-like member as text ("" when absent or null); an array or an object is refused
// naming the field (not read as "", which would, say, join the caller's own organisation).
Result<std::string> Text(const json& body, const std::string& name) {
  auto text = cw::JsonText(body, name);
  if (!text) return text.error();
  return text->value_or("");
}

Result<std::int64_t> JsonVersion(const json& body) {
  auto text = cw::JsonText(body, "version");
  if (!text) return text.error();
  return VersionOf(*text);
}

// A positive integer query parameter, else `fallback`.
int IntQuery(const Request& req, const char* name, int fallback) {
  auto text = req.Query(name);
  if (!text) return fallback;
  auto id = cw::ParseId(*text);
  return id && *id < 1000000 ? static_cast<int>(*id) : fallback;
}

Response GroupAnswer(const Request& req, const ViewContext& ctx, const Result<Group>& group, int status = 200) {
  if (!group) return ApiFail(ctx, req, group.error());
  return cw::JsonResponse(groups_internal::GroupJson(*group), status);
}

Result<GroupId> GroupParam(const Request& req) {
  auto id = IdParam(req, "group");
  if (!id) return id.error();
  return GroupId{*id};
}

Response ListApi(Request& req, const ViewContext& ctx) {
  GroupQuery query;
  query.search = req.Query("q").value_or("");
  if (auto status = req.Query("status"); status && !Trim(*status).empty()) {
    query.status = ParseGroupStatus(Trim(*status));
    if (!query.status) return ApiFail(ctx, req, Error::Invalid({{"status", "validation.choice"}}));
  }
  query.page = IntQuery(req, "page", 1);
  query.per_page = IntQuery(req, "per_page", 20);
  auto page = ctx.deps.groups.ListGroups(ctx.actor, ctx.hub, query);
  if (!page) return ApiFail(ctx, req, page.error());
  json items = json::array();
  for (const auto& g : page->items) items.push_back(groups_internal::GroupJson(g));
  return cw::JsonResponse({{"items", items}, {"total", page->total}, {"page", page->page}, {"per_page", page->per_page}});
}

Response CreateApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = GroupInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto group = ctx.deps.groups.CreateGroup(ctx.actor, ctx.hub, *input);
  if (!group) return ApiFail(ctx, req, group.error());
  auto res = cw::JsonResponse(groups_internal::GroupJson(*group), 201);
  res.SetHeader("Location", ApiGroupsHref(ctx.hub) + "/" + std::to_string(group->id.value));
  return res;
}

Response GetApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.GetGroup(ctx.actor, ctx.hub, *id));
}

Response UpdateApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = GroupInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.UpdateGroup(ctx.actor, ctx.hub, *id, *version, *input));
}

Response StatusApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto status = Text(*body, "status");
  if (!status) return ApiFail(ctx, req, status.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.ChangeStatus(ctx.actor, ctx.hub, *id, *version, *status));
}

Response JoinMemberApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto member = Text(*body, "member_id");
  if (!member) return ApiFail(ctx, req, member.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.JoinMember(ctx.actor, ctx.hub, *id, *member));
}

Response LeaveMemberApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto member = IdParam(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.LeaveMember(ctx.actor, ctx.hub, *id, MemberId{*member}));
}

Response JoinPersonApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto person = Text(*body, "person_id");
  if (!person) return ApiFail(ctx, req, person.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.JoinPerson(ctx.actor, ctx.hub, *id, *person));
}

Response LeavePersonApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto person = IdParam(req, "person");
  if (!person) return ApiFail(ctx, req, person.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.LeavePerson(ctx.actor, ctx.hub, *id, PersonId{*person}));
}

Response DecisionApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  DecisionInput in;
  for (auto [name, field] : {std::pair{"decided_on", &DecisionInput::decided_on}, std::pair{"text", &DecisionInput::text},
                             std::pair{"event_id", &DecisionInput::event_id}}) {
    auto text = Text(*body, name);
    if (!text) return ApiFail(ctx, req, text.error());
    in.*field = *text;
  }
  return GroupAnswer(req, ctx, ctx.deps.groups.AddDecision(ctx.actor, ctx.hub, *id, in), 201);
}

Response LinkApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  LinkInput in;
  for (auto [name, field] : {std::pair{"label", &LinkInput::label}, std::pair{"url", &LinkInput::url}}) {
    auto text = Text(*body, name);
    if (!text) return ApiFail(ctx, req, text.error());
    in.*field = *text;
  }
  return GroupAnswer(req, ctx, ctx.deps.groups.AddLink(ctx.actor, ctx.hub, *id, in), 201);
}

Response RemoveLinkApi(Request& req, const ViewContext& ctx) {
  auto id = GroupParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto link = IdParam(req, "link");
  if (!link) return ApiFail(ctx, req, link.error());
  return GroupAnswer(req, ctx, ctx.deps.groups.RemoveLink(ctx.actor, ctx.hub, *id, *link));
}

// ---- the welcome ----------------------------------------------------------------------------

Response WelcomeListApi(Request& req, const ViewContext& ctx) {
  const bool closed = req.Query("closed") == std::optional<std::string>("1");
  auto list = ctx.deps.groups.ListNewcomers(ctx.actor, ctx.hub, closed);
  if (!list) return ApiFail(ctx, req, list.error());
  json items = json::array();
  for (const auto& w : *list) items.push_back(groups_internal::WelcomeJson(w));
  return cw::JsonResponse({{"items", items}});
}

Response WelcomeAnswer(const Request& req, const ViewContext& ctx, const Result<Welcome>& welcome) {
  if (!welcome) return ApiFail(ctx, req, welcome.error());
  return cw::JsonResponse(groups_internal::WelcomeJson(*welcome));
}

Response WelcomeGetApi(Request& req, const ViewContext& ctx) {
  auto member = IdParam(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  return WelcomeAnswer(req, ctx, ctx.deps.groups.GetWelcome(ctx.actor, ctx.hub, MemberId{*member}));
}

Response WelcomeUpdateApi(Request& req, const ViewContext& ctx) {
  auto member = IdParam(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  // A member of another hub (or none) answers 404 before a malformed body answers 422.
  if (auto known = ctx.deps.groups.GetWelcome(ctx.actor, ctx.hub, MemberId{*member}); !known)
    return ApiFail(ctx, req, known.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  WelcomeInput in;
  for (auto [name, field] : {std::pair{"charter", &WelcomeInput::charter},
                             std::pair{"introduced_on", &WelcomeInput::introduced_on},
                             std::pair{"buddy_member_id", &WelcomeInput::buddy_member_id}}) {
    auto text = cw::JsonText(*body, name);
    if (!text) return ApiFail(ctx, req, text.error());
    in.*field = *text;
  }
  return WelcomeAnswer(req, ctx, ctx.deps.groups.UpdateWelcome(ctx.actor, ctx.hub, MemberId{*member}, *version, in));
}

Response WelcomeCloseApi(Request& req, const ViewContext& ctx) {
  auto member = IdParam(req, "member");
  if (!member) return ApiFail(ctx, req, member.error());
  // A member of another hub (or none) answers 404 before a malformed body answers 422.
  if (auto known = ctx.deps.groups.GetWelcome(ctx.actor, ctx.hub, MemberId{*member}); !known)
    return ApiFail(ctx, req, known.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  return WelcomeAnswer(req, ctx, ctx.deps.groups.CloseWelcome(ctx.actor, ctx.hub, MemberId{*member}, *version));
}

}  // namespace

void RegisterGroupApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  using http::Method;
  const std::string groups = "/api/v1/hubs/{hub}/animation/groups";
  const std::string group = groups + "/{group}";
  router.Add(Method::kGet, groups, api(ListApi));
  router.Add(Method::kPost, groups, api(CreateApi));
  router.Add(Method::kGet, group, api(GetApi));
  router.Add(Method::kPatch, group, api(UpdateApi));
  router.Add(Method::kPost, group + "/status", api(StatusApi));
  router.Add(Method::kPost, group + "/members", api(JoinMemberApi));
  router.Add(Method::kDelete, group + "/members/{member}", api(LeaveMemberApi));
  router.Add(Method::kPost, group + "/people", api(JoinPersonApi));
  router.Add(Method::kDelete, group + "/people/{person}", api(LeavePersonApi));
  router.Add(Method::kPost, group + "/decisions", api(DecisionApi));
  router.Add(Method::kPost, group + "/links", api(LinkApi));
  router.Add(Method::kDelete, group + "/links/{link}", api(RemoveLinkApi));
  const std::string welcome = "/api/v1/hubs/{hub}/animation/welcome";
  router.Add(Method::kGet, welcome, api(WelcomeListApi));
  router.Add(Method::kGet, welcome + "/{member}", api(WelcomeGetApi));
  router.Add(Method::kPatch, welcome + "/{member}", api(WelcomeUpdateApi));
  router.Add(Method::kPost, welcome + "/{member}/close", api(WelcomeCloseApi));
}

}  // namespace coopole::animation::web::groups_web
