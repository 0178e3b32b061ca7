#include "member_requests.h"

#include <array>
#include <climits>
#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/web/web.h"

namespace coopole::members::web {
namespace {

namespace cw = coopole::web;

// The checkboxes of the member form: a browser sends nothing for an unchecked box.
constexpr std::array<std::optional<std::string> MemberInput::*, 2> kMemberCheckboxes = {&MemberInput::is_ess,
                                                                                        &MemberInput::priority_area};

struct SortName {
  MemberSort sort;
  const char* param;
};
constexpr std::array<SortName, 5> kSorts = {{
    {MemberSort::kName, "name"},
    {MemberSort::kNameDesc, "-name"},
    {MemberSort::kCommune, "commune"},
    {MemberSort::kJoinDate, "join_date"},
    {MemberSort::kUpdated, "updated"},
}};

// Every value of a multi-valued parameter, also split on commas, semicolons and spaces
// ("legal_form=scic,scop" reads as two), trimmed, empty ones dropped.
std::vector<std::string> ListParam(const http::Request& req, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& value : req.QueryAll(name)) {
    std::string item;
    for (char c : value + ',') {
      if (c == ',' || c == ';' || c == ' ' || c == '\t') {
        if (!item.empty()) out.push_back(std::move(item));
        item.clear();
      } else {
        item += c;
      }
    }
  }
  return out;
}

Error BadParameter(const std::string& name, const char* key) {
  return Error::BadRequest("malformed query parameter " + name, {{name, key}});
}

// A page number or page size: a positive integer, capped to int.
Result<std::optional<int>> PositiveParam(const http::Request& req, const std::string& name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<int>{};
  auto value = cw::ParseId(*text);
  if (!value) return BadParameter(name, "validation.integer");
  return std::optional<int>{static_cast<int>(std::min<std::int64_t>(*value, INT_MAX))};
}

// "1/true/on/yes" or "0/false/off/no"; nullopt for anything else.
std::optional<bool> Flag(std::string_view text) {
  std::string value = AsciiLower(Trim(text));
  if (value == "1" || value == "true" || value == "on" || value == "yes" || value == "oui") return true;
  if (value == "0" || value == "false" || value == "off" || value == "no" || value == "non") return false;
  return std::nullopt;
}

Result<std::int64_t> VersionFrom(const std::optional<std::string>& text) {
  if (!text || Trim(*text).empty()) return Error::Invalid({{"version", "validation.required"}}, "version is required");
  auto version = cw::ParseId(Trim(*text));
  if (!version) return Error::Invalid({{"version", "validation.integer"}}, "version must be a positive integer");
  return *version;
}

}  // namespace

Result<MemberId> MemberIdParam(const http::Request& req) {
  auto id = cw::ParseId(req.Param("member"));
  if (!id) return Error::NotFound("member");
  return MemberId{*id};
}

Result<PersonId> PersonIdParam(const http::Request& req) {
  auto id = cw::ParseId(req.Param("person"));
  if (!id) return Error::NotFound("person");
  return PersonId{*id};
}

Result<MemberQuery> ParseMemberQuery(const http::Request& req) {
  MemberQuery query;
  query.text = req.Query("q").value_or("");
  query.legal_forms = ListParam(req, "legal_form");
  query.insertion_types = ListParam(req, "insertion_type");
  query.sectors = ListParam(req, "sector");
  query.epcis = ListParam(req, "epci");
  if (auto text = req.Query("priority_area"); text && !Trim(*text).empty()) {
    auto flag = Flag(*text);
    if (!flag) return BadParameter("priority_area", "validation.boolean");
    query.priority_area = *flag;
  }
  if (auto text = req.Query("include_archived"); text && !Trim(*text).empty()) {
    auto flag = Flag(*text);
    if (!flag) return BadParameter("include_archived", "validation.boolean");
    query.include_archived = *flag;
  }
  if (auto text = req.Query("sort"); text && !text->empty()) {
    bool known = false;
    for (const auto& s : kSorts) {
      if (*text == s.param) {
        query.sort = s.sort;
        known = true;
      }
    }
    if (!known) return BadParameter("sort", "validation.choice");
  }
  auto page = PositiveParam(req, "page");
  if (!page) return page.error();
  if (*page) query.page = **page;
  auto per_page = PositiveParam(req, "per_page");
  if (!per_page) return per_page.error();
  if (*per_page) query.per_page = **per_page;
  return query;
}

const char* SortParam(MemberSort sort) {
  for (const auto& s : kSorts) {
    if (s.sort == sort) return s.param;
  }
  return "name";
}

std::string FilterQueryString(const MemberQuery& query) {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += http::UrlEncode(value);
  };
  if (!query.text.empty()) add("q", query.text);
  for (const auto& v : query.legal_forms) add("legal_form", v);
  for (const auto& v : query.insertion_types) add("insertion_type", v);
  for (const auto& v : query.sectors) add("sector", v);
  for (const auto& v : query.epcis) add("epci", v);
  if (query.priority_area) add("priority_area", *query.priority_area ? "1" : "0");
  if (query.include_archived) add("include_archived", "1");
  if (query.sort != MemberSort::kName) add("sort", SortParam(query.sort));
  return out;
}

MemberInput MemberInputFromForm(const http::FormFields& fields) {
  MemberInput input;
  for (const auto& field : MemberInputFields()) input.*field.value = http::FormValue(fields, field.name);
  for (auto checkbox : kMemberCheckboxes) {
    if (!(input.*checkbox)) input.*checkbox = "0";
  }
  return input;
}

Result<MemberInput> MemberInputFromJson(const nlohmann::json& body) {
  MemberInput input;
  for (const auto& field : MemberInputFields()) {
    const std::string name = field.name;
    if (auto it = body.find(name); name == "sectors" && it != body.end() && it->is_array()) {
      std::string codes;
      for (const auto& code : *it) {
        if (!code.is_string()) return Error::BadRequest("sectors must hold strings", {{name, "validation.type"}});
        codes += (codes.empty() ? "" : ", ") + code.get<std::string>();
      }
      input.sectors = std::move(codes);
      continue;
    }
    auto text = cw::JsonText(body, name);
    if (!text) return text.error();
    input.*field.value = std::move(*text);
  }
  return input;
}

PersonInput PersonInputFromForm(const http::FormFields& fields) {
  PersonInput input;
  for (const auto& field : PersonInputFields()) input.*field.value = http::FormValue(fields, field.name);
  return input;
}

Result<PersonInput> PersonInputFromJson(const nlohmann::json& body) {
  PersonInput input;
  for (const auto& field : PersonInputFields()) {
    auto text = cw::JsonText(body, field.name);
    if (!text) return text.error();
    input.*field.value = std::move(*text);
  }
  return input;
}

Result<std::int64_t> FormVersion(const http::FormFields& fields) {
  return VersionFrom(http::FormValue(fields, "version"));
}

Result<std::int64_t> JsonVersion(const nlohmann::json& body) {
  auto text = cw::JsonText(body, "version");
  if (!text) return text.error();
  return VersionFrom(*text);
}

}  // namespace coopole::members::web
