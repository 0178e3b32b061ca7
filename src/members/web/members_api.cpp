// The JSON API of the member directory (/api/v1/hubs/{hub}/members..., /people/...). The
// handlers call the same use cases as the pages; errors are {"error":{code,message,fields}}.
#include <nlohmann/json.hpp>

#include "coopole/web/web.h"
#include "member_requests.h"
#include "members_routes.h"

namespace coopole::members::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

Response ApiFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx.deps, req, Answer::kJson, error);
}

Response Created(const json& body, const std::string& location) {
  auto res = cw::JsonResponse(body, 201);
  res.SetHeader("Location", location);
  return res;
}

Response ListMembersApi(Request& req, const ViewContext& ctx) {
  auto query = ParseMemberQuery(req);
  if (!query) return ApiFail(ctx, req, query.error());
  auto page = ctx.deps.members.ListMembers(ctx.actor, ctx.hub, *query);
  if (!page) return ApiFail(ctx, req, page.error());
  json items = json::array();
  for (const auto& member : page->items) items.push_back(MemberJson(member));
  return cw::JsonResponse(
      {{"items", items}, {"total", page->total}, {"page", page->page}, {"per_page", page->per_page}});
}

Response CreateMemberApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = MemberInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto member = ctx.deps.members.CreateMember(ctx.actor, ctx.hub, *input);
  if (!member) return ApiFail(ctx, req, member.error());
  return Created(MemberJson(*member), ApiMemberHref(ctx.hub, member->id));
}

Response GetMemberApi(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto member = ctx.deps.members.GetMember(ctx.actor, ctx.hub, *id);
  if (!member) return ApiFail(ctx, req, member.error());
  return cw::JsonResponse(MemberJson(*member));
}

Response UpdateMemberApi(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, VersionError(ctx, *id, version.error()));
  auto input = MemberInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto member = ctx.deps.members.UpdateMember(ctx.actor, ctx.hub, *id, *version, *input);
  if (!member) return ApiFail(ctx, req, member.error());
  return cw::JsonResponse(MemberJson(*member));
}

HubHandler MemberCommandApi(MemberCommand command) {
  return [command](Request& req, const ViewContext& ctx) -> Response {
    auto id = MemberIdParam(req);
    if (!id) return ApiFail(ctx, req, id.error());
    auto member = (ctx.deps.members.*command)(ctx.actor, ctx.hub, *id);
    if (!member) return ApiFail(ctx, req, member.error());
    return cw::JsonResponse(MemberJson(*member));
  };
}

Response ListPeopleApi(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto people = ctx.deps.members.ListPeople(ctx.actor, ctx.hub, *id);
  if (!people) return ApiFail(ctx, req, people.error());
  json items = json::array();
  for (const auto& person : *people) items.push_back(PersonJson(person));
  return cw::JsonResponse({{"items", items}});
}

Response AddPersonApi(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = PersonInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto person = ctx.deps.members.AddPerson(ctx.actor, ctx.hub, *id, *input);
  if (!person) return ApiFail(ctx, req, person.error());
  return Created(PersonJson(*person), ApiPersonHref(ctx.hub, person->id));
}

Response GetPersonApi(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto person = ctx.deps.members.GetPerson(ctx.actor, ctx.hub, *id);
  if (!person) return ApiFail(ctx, req, person.error());
  return cw::JsonResponse(PersonJson(*person));
}

Response UpdatePersonApi(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, VersionError(ctx, *id, version.error()));
  auto input = PersonInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto person = ctx.deps.members.UpdatePerson(ctx.actor, ctx.hub, *id, *version, *input);
  if (!person) return ApiFail(ctx, req, person.error());
  return cw::JsonResponse(PersonJson(*person));
}

Response ArchivePersonApi(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto person = ctx.deps.members.ArchivePerson(ctx.actor, ctx.hub, *id);
  if (!person) return ApiFail(ctx, req, person.error());
  return cw::JsonResponse(PersonJson(*person));
}

// 200 with the report when every row is valid (applied unless dry_run), 422 with the same
// report when some row is not (nothing written).
Response ImportApi(Request& req, const ViewContext& ctx) {
  auto upload = ReadCsvUpload(req);
  if (!upload) return ApiFail(ctx, req, upload.error());
  auto report = RunImport(ctx, *upload);
  if (!report) return ApiFail(ctx, req, report.error());
  return cw::JsonResponse(ImportReportJson(*report, ctx.deps.shell, ctx.lang), report->issues.empty() ? 200 : 422);
}

Response ExportApi(Request& req, const ViewContext& ctx) {
  auto format = ParseExportFormat(req.Query("format"));
  if (!format) return ApiFail(ctx, req, format.error());
  auto download = RunExport(req, ctx, *format);
  if (!download) return ApiFail(ctx, req, download.error());
  return std::move(*download);
}

}  // namespace

void RegisterApiRoutes(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };
  http::RouteOptions options;
  http::RouteOptions import_options = options;
  import_options.body_limit = 20 << 20;

  const std::string members = "/api/v1/hubs/{hub}/members";
  const std::string member = members + "/{member}";
  const std::string person = "/api/v1/hubs/{hub}/people/{person}";
  router.Add(Method::kGet, members, api(ListMembersApi), options);
  router.Add(Method::kPost, members, api(CreateMemberApi), options);
  router.Add(Method::kPost, members + "/import", api(ImportApi), import_options);
  router.Add(Method::kGet, members + "/export", api(ExportApi), options);
  router.Add(Method::kGet, member, api(GetMemberApi), options);
  router.Add(Method::kPatch, member, api(UpdateMemberApi), options);
  router.Add(Method::kPost, member + "/archive", api(MemberCommandApi(&MemberService::ArchiveMember)), options);
  router.Add(Method::kPost, member + "/restore", api(MemberCommandApi(&MemberService::RestoreMember)), options);
  router.Add(Method::kGet, member + "/people", api(ListPeopleApi), options);
  router.Add(Method::kPost, member + "/people", api(AddPersonApi), options);
  router.Add(Method::kGet, person, api(GetPersonApi), options);
  router.Add(Method::kPatch, person, api(UpdatePersonApi), options);
  router.Add(Method::kPost, person + "/archive", api(ArchivePersonApi), options);
}

}  // namespace coopole::members::web
