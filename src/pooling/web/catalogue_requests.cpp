#include "catalogue_requests.h"

#include <array>
#include <nlohmann/json.hpp>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "coopole/web/web.h"

namespace coopole::pooling::web::scheduling {
namespace {

namespace cw = coopole::web;

// Every field of ResourceInput with its name in forms and JSON.
struct ResourceField {
  const char* name;
  std::optional<std::string> ResourceInput::*value;
};
constexpr std::array<ResourceField, 17> kResourceFields = {{
    {"kind", &ResourceInput::kind},
    {"category", &ResourceInput::category},
    {"name", &ResourceInput::name},
    {"description", &ResourceInput::description},
    {"owner_member_id", &ResourceInput::owner_member_id},
    {"capacity", &ResourceInput::capacity},
    {"location", &ResourceInput::location},
    {"opening_hours", &ResourceInput::opening_hours},
    {"min_minutes", &ResourceInput::min_minutes},
    {"max_minutes", &ResourceInput::max_minutes},
    {"notice_minutes", &ResourceInput::notice_minutes},
    {"approval_required", &ResourceInput::approval_required},
    {"prerequisite", &ResourceInput::prerequisite},
    {"price_unit", &ResourceInput::price_unit},
    {"price_member", &ResourceInput::price_member},
    {"price_non_member", &ResourceInput::price_non_member},
    {"price_solidarity", &ResourceInput::price_solidarity},
}};

Error BadParameter(const std::string& name, const char* key) {
  return Error::BadRequest("malformed query parameter " + name, {{name, key}});
}

Result<std::int64_t> VersionFrom(const std::optional<std::string>& text) {
  if (!text || Trim(*text).empty()) return Error::Invalid({{"version", "validation.required"}}, "version is required");
  auto version = cw::ParseId(Trim(*text));
  if (!version) return Error::Invalid({{"version", "validation.integer"}}, "version must be a positive integer");
  return *version;
}

std::string QueryText(const http::Request& req, std::string_view name) {
  return std::string(Trim(req.Query(name).value_or("")));
}

}  // namespace

Result<ResourceId> ResourceIdParam(const http::Request& req) {
  auto id = cw::ParseId(req.Param("resource"));
  if (!id) return Error::NotFound("resource");
  return ResourceId{*id};
}

Result<MemberId> MemberIdParam(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound("member");
  return MemberId{*id};
}

Result<std::optional<std::int64_t>> PositiveQuery(const http::Request& req, const std::string& name) {
  auto text = req.Query(name);
  if (!text || Trim(*text).empty()) return std::optional<std::int64_t>{};
  auto value = cw::ParseId(Trim(*text));
  if (!value) return BadParameter(name, "validation.integer");
  return std::optional<std::int64_t>{*value};
}

Result<std::optional<bool>> FlagQuery(const http::Request& req, const std::string& name) {
  auto text = req.Query(name);
  if (!text || Trim(*text).empty()) return std::optional<bool>{};
  auto flag = ParseBoolean(*text);
  if (!flag) return BadParameter(name, "validation.boolean");
  return std::optional<bool>{*flag};
}

Result<ResourceQuery> ParseResourceQuery(const http::Request& req) {
  ResourceQuery query;
  query.text = QueryText(req, "q");
  if (auto kind = QueryText(req, "kind"); !kind.empty()) {
    auto parsed = ParseKind(kind);
    if (!parsed) return BadParameter("kind", "validation.choice");
    query.kind = *parsed;
  }
  query.category = QueryText(req, "category");
  if (!query.category.empty()) {
    bool known = false;
    for (auto kind : AllKinds()) {
      for (const auto& c : CategoriesOf(kind)) known = known || c == query.category;
    }
    if (!known) return BadParameter("category", "validation.choice");
  }
  if (auto owner = QueryText(req, "owner"); !owner.empty()) {
    if (owner == "hub") {
      query.hub_owned = true;
    } else {
      auto id = cw::ParseId(owner);
      if (!id) return BadParameter("owner", "validation.member");
      query.owner = MemberId{*id};
    }
  }
  auto archived = FlagQuery(req, "include_archived");
  if (!archived) return archived.error();
  query.include_archived = archived->value_or(false);
  auto page = PositiveQuery(req, "page");
  if (!page) return page.error();
  if (*page) query.page = static_cast<int>(std::min<std::int64_t>(**page, 1'000'000));
  auto per_page = PositiveQuery(req, "per_page");
  if (!per_page) return per_page.error();
  if (*per_page) query.per_page = static_cast<int>(std::min<std::int64_t>(**per_page, 200));
  return query;
}

std::string ResourceFilterString(const ResourceQuery& query) {
  std::string out;
  auto add = [&out](std::string_view name, std::string_view value) {
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + http::UrlEncode(value);
  };
  if (!query.text.empty()) add("q", query.text);
  if (query.kind) add("kind", KindCode(*query.kind));
  if (!query.category.empty()) add("category", query.category);
  if (query.hub_owned) add("owner", "hub");
  if (query.owner) add("owner", std::to_string(query.owner->value));
  if (query.include_archived) add("include_archived", "1");
  return out;
}

Result<AvailabilityQuery> ParseAvailabilityQuery(const http::Request& req) {
  AvailabilityQuery query;
  std::map<std::string, std::string> errors;
  if (auto kind = QueryText(req, "kind"); !kind.empty()) {
    auto parsed = ParseKind(kind);
    if (!parsed || !IsSchedulable(*parsed)) errors["kind"] = "validation.choice";
    else query.kind = *parsed;
  }
  query.category = QueryText(req, "category");
  query.text = QueryText(req, "q");
  if (auto capacity = QueryText(req, "capacity"); !capacity.empty()) {
    auto value = cw::ParseId(capacity);
    if (!value || *value > 100000) errors["capacity"] = "validation.integer";
    else query.capacity = *value;
  }
  const std::string start = QueryText(req, "start");
  const std::string end = QueryText(req, "end");
  if (!start.empty() || !end.empty() || req.Query("date") == std::nullopt) {
    // The API form: two local date-times.
    auto parse = [&errors](const std::string& text, const char* field, LocalDateTime& out) {
      if (text.empty()) {
        errors[field] = "validation.required";
      } else if (auto local = ParseLocalDateTime(text)) {
        out = *local;
      } else {
        errors[field] = "validation.datetime";
      }
    };
    parse(start, "start", query.start);
    parse(end, "end", query.end);
  } else {
    // The page form: a date and two clock times.
    const std::string date_text = QueryText(req, "date");
    auto date = ParseDate(date_text);
    if (date_text.empty()) errors["date"] = "validation.required";
    else if (!date) errors["date"] = "validation.date";
    auto clock = [&errors](const std::string& text, const char* field) -> int {
      if (text.empty()) {
        errors[field] = "validation.required";
        return 0;
      }
      auto minute = ParseClock(text);
      if (!minute) errors[field] = "validation.time";
      return minute.value_or(0);
    };
    const int from = clock(QueryText(req, "from"), "from");
    const int to = clock(QueryText(req, "to"), "to");
    if (date) {
      query.start = LocalDateTime{*date, from};
      // "to" at 00:00 means the end of the day.
      query.end = to == 0 && errors.count("to") == 0 ? LocalDateTime{AddDays(*date, 1), 0} : LocalDateTime{*date, to};
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  auto page = PositiveQuery(req, "page");
  if (!page) return page.error();
  if (*page) query.page = static_cast<int>(std::min<std::int64_t>(**page, 1'000'000));
  auto per_page = PositiveQuery(req, "per_page");
  if (!per_page) return per_page.error();
  if (*per_page) query.per_page = static_cast<int>(std::min<std::int64_t>(**per_page, 200));
  return query;
}

std::string WithPage(const http::Request& req, int page) {
  std::string out = req.path + "?";
  for (const auto& part : Split(req.query_string, '&')) {
    if (part.empty() || part.rfind("page=", 0) == 0) continue;
    out += part + "&";
  }
  return out + "page=" + std::to_string(page);
}

ResourceInput ResourceInputFromForm(const http::FormFields& fields) {
  ResourceInput input;
  for (const auto& field : kResourceFields) input.*field.value = http::FormValue(fields, field.name);
  if (!input.approval_required) input.approval_required = "0";
  return input;
}

Result<ResourceInput> ResourceInputFromJson(const nlohmann::json& body) {
  ResourceInput input;
  for (const auto& field : kResourceFields) {
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

Result<MemberId> MemberIdField(const std::optional<std::string>& text, const std::string& field) {
  if (!text || Trim(*text).empty()) return Error::Invalid({{field, "validation.required"}});
  auto id = cw::ParseId(Trim(*text));
  if (!id) return Error::Invalid({{field, "validation.member"}});
  return MemberId{*id};
}

}  // namespace coopole::pooling::web::scheduling
