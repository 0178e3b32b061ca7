// The HTML pages of the member directory. Each handler reads the request, calls the use
// case, and renders a template with a view model from member_views.
#include <algorithm>
#include <array>
#include <set>

#include "coopole/web/web.h"
#include "member_requests.h"
#include "members_routes.h"
#include "row_cache.h"

namespace coopole::members::web {
namespace {

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using identity::Permission;

constexpr int kDefaultPerPage = 50;
constexpr std::array<int, 4> kPerPageChoices = {25, 50, 100, 200};

struct SortChoice {
  MemberSort sort;
  const char* label_key;
};
constexpr std::array<SortChoice, 5> kSortChoices = {{
    {MemberSort::kName, "members.sort_by.name"},
    {MemberSort::kNameDesc, "members.sort_by.name_desc"},
    {MemberSort::kCommune, "members.sort_by.commune"},
    {MemberSort::kJoinDate, "members.sort_by.join_date"},
    {MemberSort::kUpdated, "members.sort_by.updated"},
}};

Response PageFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx.deps, req, Answer::kPage, error);
}

bool May(const ViewContext& ctx, Permission permission, std::optional<MemberId> member = std::nullopt) {
  return identity::Allows(ctx.actor, ctx.hub.access, permission, member);
}

// Errors a form page answers by showing the form again with the user's input.
bool IsFormError(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kConflict;
}

bool IsStale(const Error& error) { return error.code == ErrorCode::kConflict && error.fields.count("version") > 0; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// ---- directory ----------------------------------------------------------------------

std::string ListHref(const ViewContext& ctx, const MemberQuery& query, int page) {
  std::string params = FilterQueryString(query);
  auto add = [&params](const std::string& param) { params += (params.empty() ? "" : "&") + param; };
  if (page > 1) add("page=" + std::to_string(page));
  if (query.per_page != kDefaultPerPage) add("per_page=" + std::to_string(query.per_page));
  return MembersHref(ctx.hub) + (params.empty() ? "" : "?" + params);
}

std::string ExportHref(const ViewContext& ctx, const MemberQuery& query, const char* extension) {
  std::string params = FilterQueryString(query);
  return MembersHref(ctx.hub) + "/export." + extension + (params.empty() ? "" : "?" + params);
}

// The results region: rows, count, pagination and export links (members/results, also an htmx fragment).
void AddResults(render::View& view, const MemberPage& page, const MemberQuery& query, const ViewContext& ctx,
                RowCache& rows) {
  // Rows are rendered one by one and joined: kainjow copies a list each time it is stored
  // in a view, which for 50 rows cost more than rendering them (docs/adr/0004).
  std::string rows_html;
  for (const auto& member : page.items) {
    const std::string key = ctx.hub.hub.slug + '\x1f' + std::to_string(member.id.value) + '\x1f' +
                            std::to_string(member.version) + '\x1f' + ctx.lang;
    rows_html += rows.Get(key, [&] {
      return ctx.deps.shell.templates().Render("members/row", ctx.lang, MemberRowView(member, ctx));
    });
  }
  view.set("has_rows", !page.items.empty());
  view.set("rows_html", rows_html);
  view.set("total", std::to_string(page.total));
  const std::int64_t per_page = std::max(page.per_page, 1);
  const std::int64_t pages = std::max<std::int64_t>(1, (page.total + per_page - 1) / per_page);
  MemberQuery shown = query;
  shown.per_page = page.per_page;
  view.set("page", std::to_string(page.page));
  view.set("pages", std::to_string(pages));
  view.set("show_pagination", pages > 1 || page.page > 1);
  view.set("has_prev", page.page > 1);
  view.set("prev_href", ListHref(ctx, shown, static_cast<int>(std::min<std::int64_t>(page.page - 1, pages))));
  view.set("has_next", page.page < pages);
  view.set("next_href", ListHref(ctx, shown, page.page + 1));
  // Inside the results region so that htmx searches keep them in step with the filters.
  view.set("export_csv_href", ExportHref(ctx, query, "csv"));
  view.set("export_xlsx_href", ExportHref(ctx, query, "xlsx"));
}

// The search form: current text, filters with their choices, sort, page size, and the
// create and import actions.
void AddSearchForm(render::View& view, const MemberPage& page, const MemberQuery& query, const ViewContext& ctx) {
  const auto& shell = ctx.deps.shell;
  view.set("list_href", MembersHref(ctx.hub));
  view.set("q", query.text);
  view.set("legal_form_options", CodeOptions(LegalForms(), "members.legal_form.", query.legal_forms, ctx));
  std::vector<std::string> insertion_codes = {"none"};
  insertion_codes.insert(insertion_codes.end(), InsertionTypes().begin(), InsertionTypes().end());
  view.set("insertion_type_options",
           CodeOptions(insertion_codes, "members.insertion_type.", query.insertion_types, ctx));
  view.set("sector", Join(query.sectors));
  view.set("epci", Join(query.epcis));
  render::ViewList epcis;
  std::set<std::string> seen;
  for (const auto& member : page.items) {
    if (member.epci_siren.empty() || !seen.insert(member.epci_siren).second) continue;
    render::View option;
    option.set("siren", member.epci_siren);
    option.set("epci_label", member.epci_name);
    epcis.push_back(std::move(option));
  }
  view.set("epci_options", epcis);
  view.set("priority_any", !query.priority_area.has_value());
  view.set("priority_yes", query.priority_area == true);
  view.set("priority_no", query.priority_area == false);
  render::ViewList sorts;
  for (const auto& choice : kSortChoices) {
    render::View option;
    option.set("value", SortParam(choice.sort));
    option.set("label", shell.Translate(ctx.lang, choice.label_key));
    option.set("selected", choice.sort == query.sort);
    sorts.push_back(std::move(option));
  }
  view.set("sort_options", sorts);
  render::ViewList sizes;
  for (int size : kPerPageChoices) {
    render::View option;
    option.set("value", std::to_string(size));
    option.set("label", std::to_string(size));
    option.set("selected", size == page.per_page);
    sizes.push_back(std::move(option));
  }
  view.set("per_page_options", sizes);
  view.set("include_archived", query.include_archived);
  view.set("can_manage", May(ctx, Permission::kManageMembers));
  view.set("new_href", MembersHref(ctx.hub) + "/new");
  view.set("import_href", MembersHref(ctx.hub) + "/import");
}

Response ListPage(Request& req, const ViewContext& ctx, RowCache& rows) {
  auto query = ParseMemberQuery(req);
  if (!query) return PageFail(ctx, req, query.error());
  auto page = ctx.deps.members.ListMembers(ctx.actor, ctx.hub, *query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view;
  AddResults(view, *page, *query, ctx, rows);
  Response res;
  // htmx swaps only the results region; a history restore (back button after
  // hx-push-url) needs the whole page.
  if (req.IsHtmx() && req.Header("hx-history-restore-request") != "true") {
    res = ctx.deps.shell.Fragment(req, "members/results", view);
  } else {
    AddSearchForm(view, *page, *query, ctx);
    res = ctx.deps.shell.Page(req, "members/list", std::move(view), "members.title", &ctx.hub);
  }
  res.SetHeader("Vary", "Accept-Language, Cookie, HX-Request");
  return res;
}

// ---- member form ----------------------------------------------------------------------

struct MemberFormMode {
  std::optional<MemberId> member;  // set when editing
  std::int64_t version = 0;        // the version the edit is based on
};

Response MemberFormPage(const Request& req, const ViewContext& ctx, const MemberInput& input, MemberFormMode mode,
                        const Error* error) {
  render::View view = MemberFormView(input, ctx);
  view.set("list_href", MembersHref(ctx.hub));
  view.set("is_edit", mode.member.has_value());
  if (mode.member) {
    view.set("action", MemberHref(ctx.hub, *mode.member));
    view.set("cancel_href", MemberHref(ctx.hub, *mode.member));
    view.set("version", std::to_string(mode.version));
  } else {
    view.set("action", MembersHref(ctx.hub));
    view.set("cancel_href", MembersHref(ctx.hub));
  }
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "members.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "members/form", std::move(view),
                             mode.member ? "members.edit_title" : "members.new_title", &ctx.hub, status);
}

Response NewMemberPage(Request& req, const ViewContext& ctx) {
  if (!May(ctx, Permission::kManageMembers)) return PageFail(ctx, req, Error::Denied());
  return MemberFormPage(req, ctx, MemberInput{}, {}, nullptr);
}

Response CreateMemberPage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const MemberInput input = MemberInputFromForm(*form);
  auto member = ctx.deps.members.CreateMember(ctx.actor, ctx.hub, input);
  if (!member) {
    if (IsFormError(member.error())) return MemberFormPage(req, ctx, input, {}, &member.error());
    return PageFail(ctx, req, member.error());
  }
  return Response::Redirect(MemberHref(ctx.hub, member->id) + "?notice=created");
}

Response EditMemberPage(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto member = ctx.deps.members.GetMember(ctx.actor, ctx.hub, *id);
  if (!member) return PageFail(ctx, req, member.error());
  if (!May(ctx, Permission::kEditOwnMember, *id)) return PageFail(ctx, req, Error::Denied());
  return MemberFormPage(req, ctx, InputOf(*member, ctx.lang), {*id, member->version}, nullptr);
}

Response UpdateMemberPage(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = FormVersion(*form);
  if (!version) return PageFail(ctx, req, VersionError(ctx, *id, version.error()));
  const MemberInput input = MemberInputFromForm(*form);
  auto member = ctx.deps.members.UpdateMember(ctx.actor, ctx.hub, *id, *version, input);
  if (member) return Response::Redirect(MemberHref(ctx.hub, *id) + "?notice=saved");
  const Error& error = member.error();
  if (!IsFormError(error)) return PageFail(ctx, req, error);
  MemberFormMode mode{*id, *version};
  if (IsStale(error)) {
    // Someone saved first: the form keeps this user's input but now carries the current
    // version, so that saving again after checking replaces the other change knowingly.
    auto current = ctx.deps.members.GetMember(ctx.actor, ctx.hub, *id);
    if (!current) return PageFail(ctx, req, current.error());
    mode.version = current->version;
  }
  return MemberFormPage(req, ctx, input, mode, &error);
}

// ---- member detail ---------------------------------------------------------------------

Response MemberPage(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto member = ctx.deps.members.GetMember(ctx.actor, ctx.hub, *id);
  if (!member) return PageFail(ctx, req, member.error());
  auto people = ctx.deps.members.ListPeople(ctx.actor, ctx.hub, *id);
  if (!people) return PageFail(ctx, req, people.error());
  render::View view;
  view.set("member", MemberView(*member, ctx));
  view.set("list_href", MembersHref(ctx.hub));
  view.set("can_edit", May(ctx, Permission::kEditOwnMember, *id));
  view.set("can_manage", May(ctx, Permission::kManageMembers));
  render::ViewList list;
  for (const auto& person : *people) {
    if (!person.archived_at) list.push_back(PersonView(person, ctx));
  }
  view.set("has_people", !list.empty());
  view.set("people", list);
  return ctx.deps.shell.PageTitled(req, "members/detail", std::move(view), member->name, &ctx.hub);
}

// Archive and restore share their shape: one use case, then back to the record.
HubHandler MemberCommandPage(MemberCommand command, const char* notice) {
  return [command, notice](Request& req, const ViewContext& ctx) -> Response {
    auto id = MemberIdParam(req);
    if (!id) return PageFail(ctx, req, id.error());
    auto member = (ctx.deps.members.*command)(ctx.actor, ctx.hub, *id);
    if (!member) return PageFail(ctx, req, member.error());
    return Response::Redirect(MemberHref(ctx.hub, *id) + "?notice=" + notice);
  };
}

// ---- people ------------------------------------------------------------------------------

std::string PeopleAnchor(const ViewContext& ctx, MemberId member, const char* notice) {
  return MemberHref(ctx.hub, member) + "?notice=" + notice + "#people";
}

struct PersonFormMode {
  MemberId member;                 // whose record the form returns to
  std::optional<PersonId> person;  // set when editing
  std::int64_t version = 0;
};

Response PersonFormPage(const Request& req, const ViewContext& ctx, const PersonInput& input, PersonFormMode mode,
                        const Error* error) {
  render::View view = PersonFormView(input);
  view.set("member_href", MemberHref(ctx.hub, mode.member));
  view.set("is_edit", mode.person.has_value());
  if (mode.person) {
    view.set("action", PersonHref(ctx.hub, *mode.person));
    view.set("version", std::to_string(mode.version));
  } else {
    view.set("action", MemberHref(ctx.hub, mode.member) + "/people");
  }
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "people.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "members/person_form", std::move(view),
                             mode.person ? "people.edit_title" : "people.new_title", &ctx.hub, status);
}

Response AddPersonPage(Request& req, const ViewContext& ctx) {
  auto id = MemberIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const PersonInput input = PersonInputFromForm(*form);
  auto person = ctx.deps.members.AddPerson(ctx.actor, ctx.hub, *id, input);
  if (person) return Response::Redirect(PeopleAnchor(ctx, *id, "saved"));
  if (IsFormError(person.error())) return PersonFormPage(req, ctx, input, {*id, {}, 0}, &person.error());
  return PageFail(ctx, req, person.error());
}

Response EditPersonPage(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto person = ctx.deps.members.GetPerson(ctx.actor, ctx.hub, *id);
  if (!person) return PageFail(ctx, req, person.error());
  if (!May(ctx, Permission::kEditOwnMember, person->member)) return PageFail(ctx, req, Error::Denied());
  return PersonFormPage(req, ctx, InputOf(*person), {person->member, *id, person->version}, nullptr);
}

Response UpdatePersonPage(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = FormVersion(*form);
  if (!version) return PageFail(ctx, req, VersionError(ctx, *id, version.error()));
  const PersonInput input = PersonInputFromForm(*form);
  auto person = ctx.deps.members.UpdatePerson(ctx.actor, ctx.hub, *id, *version, input);
  if (person) return Response::Redirect(PeopleAnchor(ctx, person->member, "saved"));
  const Error& error = person.error();
  if (!IsFormError(error)) return PageFail(ctx, req, error);
  // The form links back to the person's member and, after a stale edit, carries the
  // current version (see UpdateMemberPage).
  auto current = ctx.deps.members.GetPerson(ctx.actor, ctx.hub, *id);
  if (!current) return PageFail(ctx, req, current.error());
  return PersonFormPage(req, ctx, input, {current->member, *id, IsStale(error) ? current->version : *version}, &error);
}

Response ArchivePersonPage(Request& req, const ViewContext& ctx) {
  auto id = PersonIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto person = ctx.deps.members.ArchivePerson(ctx.actor, ctx.hub, *id);
  if (!person) return PageFail(ctx, req, person.error());
  return Response::Redirect(PeopleAnchor(ctx, person->member, "archived"));
}

// ---- import and export ---------------------------------------------------------------------

// What the import page shows: the upload form, plus a report or an error.
struct ImportOutcome {
  ImportMode mode = ImportMode::kDryRun;
  const ImportReport* report = nullptr;
  const Error* error = nullptr;
  bool file_unreadable = false;  // `error` says why ReadCsv rejected the file
};

Response ImportPage(const Request& req, const ViewContext& ctx, const ImportOutcome& outcome) {
  render::View view;
  view.set("list_href", MembersHref(ctx.hub));
  view.set("import_href", MembersHref(ctx.hub) + "/import");
  view.set("dry_run", outcome.mode == ImportMode::kDryRun);
  // The box starts checked; after a clean check it is cleared so that sending the same file
  // again saves it; otherwise it keeps the user's choice.
  const bool clean_check = outcome.report && outcome.report->issues.empty() && outcome.mode == ImportMode::kDryRun;
  const bool answered = outcome.report || outcome.error;
  view.set("dry_run_checked", !clean_check && (!answered || outcome.mode == ImportMode::kDryRun));
  view.set("unreadable", outcome.file_unreadable);
  int status = 200;
  if (outcome.report) {
    AddImportReport(view, *outcome.report, ctx);
    if (!outcome.report->issues.empty()) status = 422;
  }
  if (outcome.error) {
    ctx.deps.shell.AddFieldErrors(view, *outcome.error, ctx.lang);
    status = cw::StatusFor(outcome.error->code);
  }
  return ctx.deps.shell.Page(req, "members/import", std::move(view), "import.title", &ctx.hub, status);
}

Response ImportFormPage(Request& req, const ViewContext& ctx) {
  if (!May(ctx, Permission::kManageMembers)) return PageFail(ctx, req, Error::Denied());
  return ImportPage(req, ctx, {});
}

Response ImportUploadPage(Request& req, const ViewContext& ctx) {
  auto upload = ReadCsvUpload(req);
  if (!upload) {
    const Error& error = upload.error();
    if (error.code == ErrorCode::kUnsupportedMediaType) return PageFail(ctx, req, error);
    return ImportPage(req, ctx, {.error = &error});
  }
  auto report = RunImport(ctx, *upload);
  if (!report) {
    if (report.error().code != ErrorCode::kInvalidArgument) return PageFail(ctx, req, report.error());
    return ImportPage(req, ctx, {.mode = upload->mode, .error = &report.error(), .file_unreadable = true});
  }
  return ImportPage(req, ctx, {.mode = upload->mode, .report = &*report});
}

HubHandler ExportPage(ExportFormat format) {
  return [format](Request& req, const ViewContext& ctx) -> Response {
    auto download = RunExport(req, ctx, format);
    if (!download) return PageFail(ctx, req, download.error());
    return std::move(*download);
  };
}

}  // namespace

void RegisterPageRoutes(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  http::RouteOptions upload;
  upload.body_limit = 20 << 20;

  // Rendered rows, shared by every request of the directory (row_cache.h).
  auto rows = std::make_shared<RowCache>(20000);
  router.Add(Method::kGet, "/hubs/{hub}/members",
             page([rows](Request& req, const ViewContext& ctx) { return ListPage(req, ctx, *rows); }));
  router.Add(Method::kGet, "/hubs/{hub}/members/new", page(NewMemberPage));
  router.Add(Method::kPost, "/hubs/{hub}/members", page(CreateMemberPage));
  router.Add(Method::kGet, "/hubs/{hub}/members/import", page(ImportFormPage));
  router.Add(Method::kPost, "/hubs/{hub}/members/import", page(ImportUploadPage), upload);
  router.Add(Method::kGet, "/hubs/{hub}/members/export.csv", page(ExportPage(ExportFormat::kCsv)));
  router.Add(Method::kGet, "/hubs/{hub}/members/export.xlsx", page(ExportPage(ExportFormat::kXlsx)));
  router.Add(Method::kGet, "/hubs/{hub}/members/{member}", page(MemberPage));
  router.Add(Method::kGet, "/hubs/{hub}/members/{member}/edit", page(EditMemberPage));
  router.Add(Method::kPost, "/hubs/{hub}/members/{member}", page(UpdateMemberPage));
  router.Add(Method::kPost, "/hubs/{hub}/members/{member}/archive",
             page(MemberCommandPage(&MemberService::ArchiveMember, "archived")));
  router.Add(Method::kPost, "/hubs/{hub}/members/{member}/restore",
             page(MemberCommandPage(&MemberService::RestoreMember, "restored")));
  router.Add(Method::kPost, "/hubs/{hub}/members/{member}/people", page(AddPersonPage));
  router.Add(Method::kGet, "/hubs/{hub}/people/{person}/edit", page(EditPersonPage));
  router.Add(Method::kPost, "/hubs/{hub}/people/{person}", page(UpdatePersonPage));
  router.Add(Method::kPost, "/hubs/{hub}/people/{person}/archive", page(ArchivePersonPage));
}

}  // namespace coopole::members::web
