#include "members_web.h"

#include "coopole/web/web.h"
#include "member_requests.h"
#include "members_routes.h"

namespace coopole::members::web {

namespace cw = coopole::web;

http::Response Fail(const Dependencies& deps, const http::Request& req, Answer answer, const Error& error) {
  return answer == Answer::kJson ? deps.shell.JsonError(req, error) : deps.shell.ErrorResponse(req, error);
}

http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler) {
  return cw::InHub(deps.hubs, deps.shell, answer,
                   [deps, handler = std::move(handler)](http::Request& req, const cw::HubRequest& in) {
                     return handler(req, ViewContext{deps, in.hub, in.actor, in.lang});
                   });
}

Error VersionError(const ViewContext& ctx, MemberId id, const Error& version_error) {
  auto member = ctx.deps.members.GetMember(ctx.actor, ctx.hub, id);
  return member ? version_error : member.error();
}

Error VersionError(const ViewContext& ctx, PersonId id, const Error& version_error) {
  auto person = ctx.deps.members.GetPerson(ctx.actor, ctx.hub, id);
  return person ? version_error : person.error();
}

Result<http::Response> RunExport(const http::Request& req, const ViewContext& ctx, ExportFormat format) {
  auto query = ParseMemberQuery(req);
  if (!query) return query.error();
  auto table = ctx.deps.members.ExportMembers(ctx.actor, ctx.hub, *query);
  if (!table) return table.error();
  return ExportDownload(*table, format, ctx.hub, ctx.deps.shell.Translate(ctx.lang, "members.export_sheet"));
}

Result<ImportReport> RunImport(const ViewContext& ctx, const CsvUpload& upload) {
  auto table = tabular::ReadCsv(upload.bytes);
  if (!table) return table.error();
  return ctx.deps.members.ImportMembers(ctx.actor, ctx.hub, *table, upload.mode);
}

void RegisterRoutes(http::Router& router, Dependencies deps) {
  deps.shell.AddNavItem({.key = "members", .label_key = "nav.members", .path = "/members", .order = 10});
  RegisterPageRoutes(router, deps);
  RegisterApiRoutes(router, deps);
  RegisterOverview(deps);
}

}  // namespace coopole::members::web
