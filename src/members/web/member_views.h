// View models (HTML) and JSON documents of the member directory, built once here for the
// list, detail and edit pages and for the API, so every page shows a member the same way.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/hubs/hubs.h"
#include "coopole/members/members.h"
#include "coopole/render/render.h"
#include "members_web.h"

namespace coopole::members::web {

// What every view builder needs to know about the request.
struct ViewContext {
  const Dependencies& deps;
  const hubs::HubContext& hub;
  const identity::Actor& actor;
  std::string lang;
};

// Page addresses ("/hubs/<slug>/members/<id>").
std::string MembersHref(const hubs::HubContext& hub);
std::string MemberHref(const hubs::HubContext& hub, MemberId id);
std::string PersonHref(const hubs::HubContext& hub, PersonId id);
// API addresses ("/api/v1/hubs/<slug>/members/<id>"), for Location headers.
std::string ApiMemberHref(const hubs::HubContext& hub, MemberId id);
std::string ApiPersonHref(const hubs::HubContext& hub, PersonId id);

// The options of a <select> of codes: {value, label, selected} with labels from the
// catalogue ("<label_prefix><code>") and `selected` for codes listed in `chosen`.
render::ViewList CodeOptions(const std::vector<std::string>& codes, std::string_view label_prefix,
                             const std::vector<std::string>& chosen, const ViewContext& ctx);

// The calendar date of an instant in the hub's time zone.
Date HubDateOf(const hubs::HubContext& hub, Timestamp t);

// A member for display: every field as text in the request language (labels of codes,
// dates "23/11/2026" in French, "2,5" ETP), `has_<field>` booleans for optional text, the
// sectors with their NAF labels, `archived`, and the links (href, edit_href, archive_href,
// restore_href, people_href).
render::View MemberView(const Member& member, const ViewContext& ctx);
// The fields of one row of the directory table (a subset of MemberView's).
render::View MemberRowView(const Member& member, const ViewContext& ctx);
// A person for display, with edit_href and archive_href.
render::View PersonView(const Person& person, const ViewContext& ctx);

// The current values of a member / person as its edit form would send them (ISO dates for
// <input type=date>, "1"/"0" checkboxes, "2,5" ETP in French).
MemberInput InputOf(const Member& member, std::string_view lang);
PersonInput InputOf(const Person& person);
// The member form: every field's text as given (so a rejected form keeps the user's input),
// checked checkboxes, and the legal_form / insertion_type options with the current choice.
render::View MemberFormView(const MemberInput& input, const ViewContext& ctx);
render::View PersonFormView(const PersonInput& input);

// Adds the import report to a page view: rows, created, updated, applied, has_issues, the
// issues with translated messages, the unknown columns.
void AddImportReport(render::View& view, const ImportReport& report, const ViewContext& ctx);

// The API documents (see web/openapi/members.json: Member, Person, ImportReport).
nlohmann::json MemberJson(const Member& member);
nlohmann::json PersonJson(const Person& person);
// Issue messages are translated into `lang`; their catalogue key is kept in "code".
nlohmann::json ImportReportJson(const ImportReport& report, const coopole::web::Shell& shell, std::string_view lang);

}  // namespace coopole::members::web
