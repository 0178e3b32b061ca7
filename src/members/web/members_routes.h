// Route registration of the member directory, split by audience: HTML pages
// (members_pages.cpp) and the JSON API (members_api.cpp), plus the pieces both share.
#pragma once

#include <functional>

#include "coopole/http/http.h"
#include "coopole/members/members.h"
#include "coopole/web/web.h"
#include "member_files.h"
#include "member_views.h"
#include "members_web.h"

namespace coopole::members::web {

// How a handler answers errors: the HTML error page (or JSON when the client asks for it),
// or always the JSON error document.
using Answer = coopole::web::Answer;

// Resolves the {hub} of the request for the signed-in actor, then runs `handler` with the
// request context; an unknown or inaccessible hub is answered as a 404 in `answer` style.
using HubHandler = std::function<http::Response(http::Request&, const ViewContext&)>;
http::Handler WithHub(const Dependencies& deps, Answer answer, HubHandler handler);

// The error response of `answer` style.
http::Response Fail(const Dependencies& deps, const http::Request& req, Answer answer, const Error& error);

// A use case acting on one member (archive, restore): pages and API register both.
using MemberCommand = Result<Member> (MemberService::*)(const identity::Actor&, const hubs::HubContext&, MemberId);

// The answer to an edit whose `version` is missing or malformed (`version_error`): the
// record's own error when the actor cannot see it, so that ids of other hubs answer 404
// whatever the body holds; else `version_error`.
Error VersionError(const ViewContext& ctx, MemberId id, const Error& version_error);
Error VersionError(const ViewContext& ctx, PersonId id, const Error& version_error);

// Export of the directory with the filters of the query string, as a download.
// Errors: those of ParseMemberQuery and ExportMembers.
Result<http::Response> RunExport(const http::Request& req, const ViewContext& ctx, ExportFormat format);
// Reads `upload` as CSV and imports it. Errors: kInvalidArgument {"file": <why the file
// cannot be read>} from ReadCsv, and those of ImportMembers.
Result<ImportReport> RunImport(const ViewContext& ctx, const CsvUpload& upload);

void RegisterPageRoutes(http::Router& router, const Dependencies& deps);
void RegisterApiRoutes(http::Router& router, const Dependencies& deps);
// The directory's block on the hub home page (members_overview.cpp).
void RegisterOverview(const Dependencies& deps);

}  // namespace coopole::members::web
