// Reading catalogue requests: ids of the path, the catalogue and availability queries of
// the query string, ResourceInput from a form or a JSON body. Shared by pages and API, and
// the small parsers the booking and feed routes reuse (page numbers, flags, versions).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "coopole/http/http.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::web::scheduling {

// A positive integer path parameter. Errors: kNotFound when malformed (as absent as an id
// of another hub).
Result<ResourceId> ResourceIdParam(const http::Request& req);
Result<MemberId> MemberIdParam(const http::Request& req, const std::string& name = "member");

// A positive integer query parameter (page, per_page, ids). Errors: kBadRequest naming it.
Result<std::optional<std::int64_t>> PositiveQuery(const http::Request& req, const std::string& name);
// A yes/no query parameter ("1/0, true/false, oui/non"); nullopt when absent or empty.
// Errors: kBadRequest naming it.
Result<std::optional<bool>> FlagQuery(const http::Request& req, const std::string& name);

// The catalogue query: q, kind, category, owner (a member id, or "hub" for the hub's own
// resources), include_archived, page, per_page. Errors: kBadRequest naming the parameter.
Result<ResourceQuery> ParseResourceQuery(const http::Request& req);
// The query's filters as a query string without page ("q=...&kind=premises"); "" when none.
std::string ResourceFilterString(const ResourceQuery& query);

// The availability search: kind, category, capacity, q, and the slot either as start and
// end ("2026-11-24T09:00") or as date, from and to ("2026-11-24", "09:00", "12:00").
// Errors: kInvalidArgument naming the field (start / end, or date / from / to).
Result<AvailabilityQuery> ParseAvailabilityQuery(const http::Request& req);
// The request's own address with `page` as its page (pagination links keep every filter).
std::string WithPage(const http::Request& req, int page);

// ResourceInput from an HTML form (the approval checkbox reads "0" when absent).
ResourceInput ResourceInputFromForm(const http::FormFields& fields);
// From a JSON object: absent fields stay unset (unchanged on update), strings, numbers and
// booleans are taken as text, null clears. Errors: kBadRequest naming an array or object.
Result<ResourceInput> ResourceInputFromJson(const nlohmann::json& body);

// The `version` an edit was based on. Errors: kInvalidArgument {"version": ...}.
Result<std::int64_t> FormVersion(const http::FormFields& fields);
Result<std::int64_t> JsonVersion(const nlohmann::json& body);

// A member id given in a form or JSON field ("member_id"). Errors: kInvalidArgument
// {field: "validation.member"} when absent or not a positive integer.
Result<MemberId> MemberIdField(const std::optional<std::string>& text, const std::string& field = "member_id");

}  // namespace coopole::pooling::web::scheduling
