#include "member_views.h"

#include "coopole/core/time_zone.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/web/web.h"
#include "member_requests.h"

namespace coopole::members::web {
namespace {

// Sets `key` and `has_<key>`: mustache renders a section for any string, even an empty one,
// so templates test `has_<key>` before showing optional text.
void SetText(render::View& view, const std::string& key, const std::string& text) {
  view.set(key, text);
  view.set("has_" + key, !text.empty());
}

std::string DateText(const std::optional<Date>& date, std::string_view lang) {
  return date ? FormatDate(*date, lang) : std::string();
}

std::string IsoDate(const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : std::string(); }

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool Checked(const std::optional<std::string>& value) {
  if (!value) return false;
  std::string v = AsciiLower(Trim(*value));
  return v == "1" || v == "true" || v == "on";
}

nlohmann::json OrNull(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json OrNull(const std::optional<Date>& value) {
  return value ? nlohmann::json(FormatIsoDate(*value)) : nlohmann::json(nullptr);
}

nlohmann::json OrNull(const std::optional<Timestamp>& value) {
  return value ? nlohmann::json(FormatIsoUtc(*value)) : nlohmann::json(nullptr);
}

}  // namespace

std::string MembersHref(const hubs::HubContext& hub) { return "/hubs/" + hub.hub.slug + "/members"; }
std::string MemberHref(const hubs::HubContext& hub, MemberId id) {
  return MembersHref(hub) + "/" + std::to_string(id.value);
}
std::string PersonHref(const hubs::HubContext& hub, PersonId id) {
  return "/hubs/" + hub.hub.slug + "/people/" + std::to_string(id.value);
}
std::string ApiMemberHref(const hubs::HubContext& hub, MemberId id) { return "/api/v1" + MemberHref(hub, id); }
std::string ApiPersonHref(const hubs::HubContext& hub, PersonId id) { return "/api/v1" + PersonHref(hub, id); }

Date HubDateOf(const hubs::HubContext& hub, Timestamp t) { return hubs::ZoneOf(hub.hub)->ToLocal(t).date; }

render::ViewList CodeOptions(const std::vector<std::string>& codes, std::string_view label_prefix,
                             const std::vector<std::string>& chosen, const ViewContext& ctx) {
  render::ViewList options;
  for (const auto& code : codes) {
    render::View option;
    option.set("value", code);
    option.set("label", ctx.deps.shell.Translate(ctx.lang, std::string(label_prefix) + code));
    option.set("selected", std::find(chosen.begin(), chosen.end(), code) != chosen.end());
    options.push_back(std::move(option));
  }
  return options;
}

render::View MemberRowView(const Member& m, const ViewContext& ctx) {
  const auto& shell = ctx.deps.shell;
  const std::string& lang = ctx.lang;
  render::View v;
  v.set("href", MemberHref(ctx.hub, m.id));
  v.set("name", m.name);
  SetText(v, "legal_form_label",
          m.legal_form.empty() ? "" : shell.Translate(lang, "members.legal_form." + m.legal_form));
  v.set("has_insertion_type", !m.insertion_type.empty());
  v.set("insertion_type_abbr", Upper(m.insertion_type));
  v.set("insertion_type_label",
        shell.Translate(lang, "members.insertion_type." + (m.insertion_type.empty() ? "none" : m.insertion_type)));
  render::ViewList sectors;
  for (const auto& code : m.sectors) {
    render::View sector;
    const auto* naf = ctx.deps.catalogue->FindNaf(code);
    sector.set("code", code);
    SetText(sector, "label", naf ? naf->label : "");
    sectors.push_back(std::move(sector));
  }
  v.set("has_sectors", !sectors.empty());
  v.set("sectors", sectors);
  v.set("has_commune", !m.commune_insee.empty());
  v.set("commune_name", m.commune_name.empty() ? m.commune_insee : m.commune_name);
  SetText(v, "epci_name", m.epci_name);
  SetText(v, "fte", m.fte_hundredths ? FormatFixed(*m.fte_hundredths, 2, lang) : "");
  v.set("archived", m.archived_at.has_value());
  return v;
}

render::View MemberView(const Member& m, const ViewContext& ctx) {
  const auto& shell = ctx.deps.shell;
  const std::string& lang = ctx.lang;
  render::View v = MemberRowView(m, ctx);
  const std::string href = MemberHref(ctx.hub, m.id);
  v.set("id", std::to_string(m.id.value));
  v.set("edit_href", href + "/edit");
  v.set("archive_href", href + "/archive");
  v.set("restore_href", href + "/restore");
  v.set("people_href", href + "/people");
  SetText(v, "siret", m.siret);
  v.set("legal_form", m.legal_form);
  v.set("is_ess", m.is_ess);
  v.set("is_ess_label", shell.Translate(lang, m.is_ess ? "form.yes" : "form.no"));
  v.set("insertion_type", m.insertion_type);
  v.set("commune_insee", m.commune_insee);
  v.set("epci_siren", m.epci_siren);
  v.set("priority_area", m.priority_area);
  v.set("priority_area_label", shell.Translate(lang, m.priority_area ? "form.yes" : "form.no"));
  SetText(v, "insertion_headcount", m.insertion_headcount ? std::to_string(*m.insertion_headcount) : "");
  SetText(v, "join_date", DateText(m.join_date, lang));
  SetText(v, "college", m.college);
  SetText(v, "charter_accepted_on", DateText(m.charter_accepted_on, lang));
  SetText(v, "website", m.website);
  SetText(v, "email", m.email);
  SetText(v, "phone", m.phone);
  SetText(v, "address", m.address);
  SetText(v, "description", m.description);
  v.set("archived_on", m.archived_at ? FormatDate(HubDateOf(ctx.hub, *m.archived_at), lang) : "");
  v.set("updated_on", FormatDate(HubDateOf(ctx.hub, m.updated_at), lang));
  v.set("version", std::to_string(m.version));
  return v;
}

render::View PersonView(const Person& p, const ViewContext& ctx) {
  render::View v;
  const std::string href = PersonHref(ctx.hub, p.id);
  v.set("id", std::to_string(p.id.value));
  v.set("edit_href", href + "/edit");
  v.set("archive_href", href + "/archive");
  v.set("name", p.name);
  SetText(v, "role", p.role);
  SetText(v, "email", p.email);
  SetText(v, "phone", p.phone);
  v.set("archived", p.archived_at.has_value());
  return v;
}

MemberInput InputOf(const Member& m, std::string_view lang) {
  MemberInput in;
  in.name = m.name;
  in.siret = m.siret;
  in.legal_form = m.legal_form;
  in.is_ess = m.is_ess ? "1" : "0";
  in.insertion_type = m.insertion_type;
  std::string sectors;
  for (const auto& code : m.sectors) sectors += (sectors.empty() ? "" : ", ") + code;
  in.sectors = sectors;
  in.commune_insee = m.commune_insee;
  in.priority_area = m.priority_area ? "1" : "0";
  in.fte = m.fte_hundredths ? FormatFixed(*m.fte_hundredths, 2, lang) : "";
  in.insertion_headcount = m.insertion_headcount ? std::to_string(*m.insertion_headcount) : "";
  in.join_date = IsoDate(m.join_date);
  in.college = m.college;
  in.charter_accepted_on = IsoDate(m.charter_accepted_on);
  in.website = m.website;
  in.email = m.email;
  in.phone = m.phone;
  in.address = m.address;
  in.description = m.description;
  return in;
}

PersonInput InputOf(const Person& p) { return PersonInput{p.name, p.role, p.email, p.phone}; }

render::View MemberFormView(const MemberInput& input, const ViewContext& ctx) {
  render::View v;
  for (const auto& field : MemberInputFields()) v.set(field.name, (input.*field.value).value_or(""));
  v.set("is_ess_checked", Checked(input.is_ess));
  v.set("priority_area_checked", Checked(input.priority_area));
  v.set("legal_form_options", CodeOptions(LegalForms(), "members.legal_form.", {input.legal_form.value_or("")}, ctx));
  v.set("insertion_type_options",
        CodeOptions(InsertionTypes(), "members.insertion_type.", {input.insertion_type.value_or("")}, ctx));
  return v;
}

render::View PersonFormView(const PersonInput& input) {
  render::View v;
  for (const auto& field : PersonInputFields()) v.set(field.name, (input.*field.value).value_or(""));
  return v;
}

void AddImportReport(render::View& view, const ImportReport& report, const ViewContext& ctx) {
  view.set("has_report", true);
  view.set("rows", std::to_string(report.rows));
  view.set("created", std::to_string(report.created));
  view.set("updated", std::to_string(report.updated));
  view.set("applied", report.applied);
  view.set("has_issues", !report.issues.empty());
  render::ViewList issues;
  for (const auto& issue : report.issues) {
    render::View item;
    item.set("line", std::to_string(issue.line));
    SetText(item, "column", issue.column);
    SetText(item, "value", issue.value);
    item.set("message", ctx.deps.shell.Translate(ctx.lang, issue.message));
    issues.push_back(std::move(item));
  }
  view.set("issues", issues);
  render::ViewList columns;
  for (const auto& column : report.unknown_columns) {
    render::View item;
    item.set("column_name", column);
    columns.push_back(std::move(item));
  }
  view.set("has_unknown_columns", !columns.empty());
  view.set("unknown_columns", columns);
}

nlohmann::json MemberJson(const Member& m) {
  return {
      {"id", m.id.value},
      {"name", m.name},
      {"siret", m.siret},
      {"legal_form", m.legal_form},
      {"is_ess", m.is_ess},
      {"insertion_type", m.insertion_type},
      {"sectors", m.sectors},
      {"commune", m.commune_insee.empty() ? nlohmann::json(nullptr)
                                          : nlohmann::json{{"insee", m.commune_insee}, {"name", m.commune_name}}},
      {"epci",
       m.epci_siren.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"siren", m.epci_siren}, {"name", m.epci_name}}},
      {"priority_area", m.priority_area},
      // Hundredths as a JSON number: exact for two decimals once printed (2.5, 0.33).
      {"fte",
       m.fte_hundredths ? nlohmann::json(static_cast<double>(*m.fte_hundredths) / 100.0) : nlohmann::json(nullptr)},
      {"insertion_headcount", OrNull(m.insertion_headcount)},
      {"join_date", OrNull(m.join_date)},
      {"college", m.college},
      {"charter_accepted_on", OrNull(m.charter_accepted_on)},
      {"website", m.website},
      {"email", m.email},
      {"phone", m.phone},
      {"address", m.address},
      {"description", m.description},
      {"archived", m.archived_at.has_value()},
      {"archived_at", OrNull(m.archived_at)},
      {"created_at", FormatIsoUtc(m.created_at)},
      {"updated_at", FormatIsoUtc(m.updated_at)},
      {"version", m.version},
  };
}

nlohmann::json PersonJson(const Person& p) {
  return {{"id", p.id.value},
          {"member_id", p.member.value},
          {"name", p.name},
          {"role", p.role},
          {"email", p.email},
          {"phone", p.phone},
          {"archived", p.archived_at.has_value()},
          {"archived_at", OrNull(p.archived_at)},
          {"version", p.version}};
}

nlohmann::json ImportReportJson(const ImportReport& report, const coopole::web::Shell& shell, std::string_view lang) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& issue : report.issues) {
    issues.push_back({{"line", issue.line},
                      {"column", issue.column},
                      {"field", issue.field},
                      {"code", issue.message},
                      {"message", shell.Translate(lang, issue.message)},
                      {"value", issue.value}});
  }
  return {{"rows", report.rows},
          {"created", report.created},
          {"updated", report.updated},
          {"applied", report.applied},
          {"unknown_columns", report.unknown_columns},
          {"issues", issues}};
}

}  // namespace coopole::members::web
