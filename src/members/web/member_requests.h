// Reading member directory requests: the hub and ids of the path, the directory query of
// the query string, and MemberInput / PersonInput from a form or a JSON body. Shared by the
// HTML pages and the JSON API so both read a request the same way.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>

#include "coopole/http/http.h"
#include "coopole/members/members.h"
#include "members_web.h"

namespace coopole::members::web {

// The {member} / {person} path parameter. Errors: kNotFound when it is not a positive
// integer (a malformed id is as absent as an id of another hub).
Result<MemberId> MemberIdParam(const http::Request& req);
Result<PersonId> PersonIdParam(const http::Request& req);

// The directory query of the query string: q, legal_form, insertion_type, sector, epci
// (repeated parameters and comma-separated values both work), priority_area (1/0,
// true/false; empty means either), include_archived, sort (name, -name, commune, join_date,
// updated), page and per_page. Errors: kBadRequest naming the parameter for a malformed
// sort, priority_area, page or per_page.
Result<MemberQuery> ParseMemberQuery(const http::Request& req);
// The text filters and sort of `query` as a query string without page and per_page
// ("q=...&legal_form=scic&sort=-name"); "" when nothing is set. For links that keep the
// filters (pagination, export).
std::string FilterQueryString(const MemberQuery& query);
// The `sort` parameter value of a sort order ("-name").
const char* SortParam(MemberSort sort);


// MemberInput from an HTML form. Every field present is taken as typed; the checkboxes
// is_ess and priority_area read "0" when absent (a browser omits unchecked boxes).
MemberInput MemberInputFromForm(const http::FormFields& fields);
// MemberInput from a JSON object: absent fields stay unset (unchanged on update), unknown
// fields are ignored, strings/numbers/booleans are taken as text, null clears, and
// `sectors` may also be an array of codes. Errors: kBadRequest naming a field of another
// type.
Result<MemberInput> MemberInputFromJson(const nlohmann::json& body);
PersonInput PersonInputFromForm(const http::FormFields& fields);
// Errors: kBadRequest naming a field that is an array or an object.
Result<PersonInput> PersonInputFromJson(const nlohmann::json& body);

// The `version` an edit was based on (optimistic locking). Errors: kInvalidArgument
// {"version": "validation.required"} when absent, {"version": "validation.integer"} when
// not a positive integer; kBadRequest when a JSON version is an array or an object.
Result<std::int64_t> FormVersion(const http::FormFields& fields);
Result<std::int64_t> JsonVersion(const nlohmann::json& body);

}  // namespace coopole::members::web
