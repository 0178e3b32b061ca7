// What the ledger and statement pages share: amounts, hours and dates as text, who may act,
// the pickers of members, months and offers, the "ledger" sub-navigation, path ids and
// the reading of inputs from forms and JSON bodies.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/pooling/ledger.h"
#include "coopole/render/render.h"
#include "pooling_routes.h"
#include "pooling_views.h"

namespace coopole::pooling::web {

// ---- text -------------------------------------------------------------------------------

// An amount as a form field expects it: "1234,5" in French, "1234.5" in English.
std::string MoneyField(Money money, std::string_view lang);
// Hours from hundredths: "3,5 h".
std::string HoursText(std::int64_t hundredths, std::string_view lang);
// Hours as a form field expects them: "3,5".
std::string HoursField(std::int64_t hundredths, std::string_view lang);
std::string DateText(const std::optional<Date>& date, std::string_view lang);
// "novembre 2026" / "November 2026".
std::string MonthText(Month month, const ViewContext& ctx);
// The name of a party: the member's name, or "the hub" in the request language.
std::string PartyName(const Party& party, const ViewContext& ctx);
// "12" for a member, "hub" for the hub: how statement addresses name a party.
std::string PartyKey(const Party& party);

// ---- time ---------------------------------------------------------------------------------

// Today in the hub's time zone (Europe/Paris when its zone cannot be loaded).
Date TodayOf(const hubs::HubContext& hub);
Month CurrentMonth(const hubs::HubContext& hub);

// ---- who may act ------------------------------------------------------------------------

bool MayManage(const ViewContext& ctx);                 // coordinators (kManagePooling)
bool ActsFor(const ViewContext& ctx, MemberId member);  // coordinators, or the member's own users
bool ActsFor(const ViewContext& ctx, const Party& party);
// Coordinators and member users may write; observers only read.
bool MayWrite(const ViewContext& ctx);

// ---- pickers ------------------------------------------------------------------------------

// <option>s {value, label, selected} of the hub's members; with `hub_choice`, a first option
// "" for the hub itself; with `only_own`, a member user sees its organisation only.
render::ViewList MemberOptions(const ViewContext& ctx, const std::string& selected, bool hub_choice = false,
                               bool only_own = false);
// <option>s of the hub's unarchived resources of the given kinds.
render::ViewList ResourceOptions(const ViewContext& ctx, const std::vector<ResourceKind>& kinds,
                                 const std::string& selected);

// Sets "ledger_nav" (the sub-navigation of the ledger pages, `active` marked) and the
// flags the partial pooling/ledger_nav needs.
void AddLedgerNav(render::View& view, const ViewContext& ctx, std::string_view active);


// ---- requests -----------------------------------------------------------------------------

// A positive integer path parameter as an id. Errors: kNotFound (malformed = absent).
template <typename IdType>
Result<IdType> IdParam(const http::Request& req, const std::string& name) {
  auto id = coopole::web::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return IdType{*id};
}

// ?month=YYYY-MM, the hub's current month when absent or empty. Errors: kBadRequest
// {"month": "validation.month"}.
Result<Month> MonthQuery(const http::Request& req, const hubs::HubContext& hub);
// A month given in a body field. Errors: kInvalidArgument {field: "validation.required" |
// "validation.month"}.
Result<Month> MonthField(const std::optional<std::string>& text, const std::string& field);
// A date in a body field ("YYYY-MM-DD" or "DD/MM/YYYY"). Errors: kInvalidArgument
// {field: "validation.required" | "validation.date"}.
Result<Date> DateField(const std::optional<std::string>& text, const std::string& field);
// A member id or "hub" (also "" with `empty_is_hub`). Errors: kInvalidArgument
// {field: "validation.member"}; the error code is `code` (kBadRequest for a query).
Result<Party> PartyField(const std::optional<std::string>& text, const std::string& field, ErrorCode code);

// The fields of an input struct, by name, so that forms and JSON bodies read alike.
template <typename Input>
struct InputField {
  const char* name;
  std::optional<std::string> Input::*value;
  bool money = false;  // also read from "<name>_cents" (an integer) in JSON
};

template <typename Input, std::size_t N>
Input InputFromForm(const http::FormFields& form, const InputField<Input> (&fields)[N]) {
  Input input;
  for (const auto& field : fields) input.*field.value = http::FormValue(form, field.name);
  return input;
}

// The text of a JSON member, or of "<name>_cents" as euros for a money field. Errors:
// kBadRequest naming a field of the wrong type.
Result<std::optional<std::string>> JsonField(const nlohmann::json& body, const std::string& name, bool money);

template <typename Input, std::size_t N>
Result<Input> InputFromJson(const nlohmann::json& body, const InputField<Input> (&fields)[N]) {
  Input input;
  for (const auto& field : fields) {
    auto text = JsonField(body, field.name, field.money);
    if (!text) return text.error();
    input.*field.value = std::move(*text);
  }
  return input;
}

// The `version` an edit was based on. Errors: kInvalidArgument {"version": ...}.
Result<std::int64_t> VersionFrom(const std::optional<std::string>& text);

// Errors a form answers by showing itself again with the user's input.
bool IsFormError(const Error& error);

// ---- answers ------------------------------------------------------------------------------

http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error);
http::Response Created(const nlohmann::json& body, const std::string& location);
// 303 to `href` with ?notice=<notice> (or &notice= when `href` has a query).
http::Response RedirectWithNotice(const std::string& href, const std::string& notice);

// JSON of a party: {"member_id": 12 | null, "name": "...", "is_hub": bool}.
nlohmann::json PartyJson(const Party& party);

}  // namespace coopole::pooling::web
