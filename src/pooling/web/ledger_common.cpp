#include "ledger_common.h"

#include <nlohmann/json.hpp>

#include "coopole/core/decimal.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"

namespace coopole::pooling::web {
namespace {

namespace cw = coopole::web;
using identity::Permission;

Error FieldError(const std::string& field, const char* key, ErrorCode code = ErrorCode::kInvalidArgument) {
  return Error{code, field + " is invalid", {{field, key}}};
}

}  // namespace

// ---- text -------------------------------------------------------------------------------

std::string MoneyField(Money money, std::string_view lang) { return FormatFixed(money.cents, 2, lang); }

std::string HoursText(std::int64_t hundredths, std::string_view lang) {
  return FormatFixed(hundredths, 2, lang) + "\u00a0h";
}

std::string HoursField(std::int64_t hundredths, std::string_view lang) { return FormatFixed(hundredths, 2, lang); }

std::string DateText(const std::optional<Date>& date, std::string_view lang) {
  return date ? FormatDate(*date, lang) : std::string();
}

std::string MonthText(Month month, const ViewContext& ctx) {
  if (month.month < 1 || month.month > 12) return FormatMonth(month);
  return ctx.deps.shell.Translate(ctx.lang, "ledger.month_name." + std::to_string(month.month)) + " " +
         std::to_string(month.year);
}

std::string PartyName(const Party& party, const ViewContext& ctx) {
  if (!party.member) return ctx.deps.shell.Translate(ctx.lang, "ledger.the_hub");
  return party.name.empty() ? "#" + std::to_string(party.member->value) : party.name;
}

std::string PartyKey(const Party& party) {
  return party.member ? std::to_string(party.member->value) : std::string("hub");
}

// ---- time ---------------------------------------------------------------------------------

Date TodayOf(const hubs::HubContext& hub) { return hubs::TodayIn(SystemClock(), hub.hub); }

Month CurrentMonth(const hubs::HubContext& hub) { return MonthOf(TodayOf(hub)); }

// ---- who may act ------------------------------------------------------------------------

bool MayManage(const ViewContext& ctx) { return identity::Allows(ctx.actor, ctx.hub.access, Permission::kManagePooling); }

bool ActsFor(const ViewContext& ctx, MemberId member) {
  return identity::Allows(ctx.actor, ctx.hub.access, Permission::kEditOwnMember, member);
}

bool ActsFor(const ViewContext& ctx, const Party& party) {
  return party.member ? ActsFor(ctx, *party.member) : MayManage(ctx);
}

bool MayWrite(const ViewContext& ctx) {
  return MayManage(ctx) || (ctx.hub.access.role == identity::Role::kMember && ctx.hub.access.member.has_value());
}

// ---- pickers ------------------------------------------------------------------------------

render::ViewList MemberOptions(const ViewContext& ctx, const std::string& selected, bool hub_choice, bool only_own) {
  render::ViewList options;
  if (hub_choice) {
    render::View option;
    option.set("value", std::string());
    option.set("label", ctx.deps.shell.Translate(ctx.lang, "ledger.the_hub"));
    option.set("selected", Trim(selected).empty());
    options.push_back(std::move(option));
  }
  const auto own = OwnMember(ctx);
  if (!ctx.deps.member_choices) return options;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    if (only_own && own && own->value != id) continue;
    render::View option;
    option.set("value", std::to_string(id));
    option.set("label", name);
    option.set("selected", std::string(Trim(selected)) == std::to_string(id));
    options.push_back(std::move(option));
  }
  return options;
}

render::ViewList ResourceOptions(const ViewContext& ctx, const std::vector<ResourceKind>& kinds,
                                 const std::string& selected) {
  render::ViewList options;
  for (ResourceKind kind : kinds) {
    ResourceQuery query;
    query.kind = kind;
    query.per_page = 200;
    auto page = ctx.deps.pooling.ListResources(ctx.actor, ctx.hub, query);
    if (!page) continue;
    for (const auto& resource : page->items) {
      render::View option;
      option.set("value", std::to_string(resource.id.value));
      std::string label = resource.name;
      if (!resource.owner_name.empty()) label += " (" + resource.owner_name + ")";
      option.set("label", label);
      option.set("selected", std::string(Trim(selected)) == std::to_string(resource.id.value));
      options.push_back(std::move(option));
    }
  }
  return options;
}

void AddLedgerNav(render::View& view, const ViewContext& ctx, std::string_view active) {
  struct Entry {
    const char* key;
    const char* path;
  };
  static constexpr Entry kEntries[] = {{"services", "/services"},     {"placements", "/placements"},
                                       {"advances", "/advances"},     {"leases", "/leases"},
                                       {"statements", "/statements"}, {"balance", "/balance"},
                                       {"settings", "/settings"}};
  render::ViewList entries;
  for (const auto& entry : kEntries) {
    render::View item;
    item.set("href", PoolingHref(ctx.hub) + entry.path);
    item.set("label", ctx.deps.shell.Translate(ctx.lang, std::string("ledger.nav.") + entry.key));
    item.set("active", active == entry.key);
    entries.push_back(std::move(item));
  }
  view.set("ledger_nav", entries);
  view.set("pooling_href", PoolingHref(ctx.hub));
}

// ---- requests -----------------------------------------------------------------------------

Result<Month> MonthQuery(const http::Request& req, const hubs::HubContext& hub) {
  auto text = req.Query("month");
  if (!text || Trim(*text).empty()) return CurrentMonth(hub);
  auto month = ParseMonth(Trim(*text));
  if (!month) return FieldError("month", "validation.month", ErrorCode::kBadRequest);
  return *month;
}

Result<Month> MonthField(const std::optional<std::string>& text, const std::string& field) {
  if (!text || Trim(*text).empty()) return FieldError(field, "validation.required");
  auto month = ParseMonth(Trim(*text));
  if (!month) return FieldError(field, "validation.month");
  return *month;
}

Result<Date> DateField(const std::optional<std::string>& text, const std::string& field) {
  if (!text || Trim(*text).empty()) return FieldError(field, "validation.required");
  auto date = ParseDate(Trim(*text));
  if (!date) return FieldError(field, "validation.date");
  return *date;
}

Result<Party> PartyField(const std::optional<std::string>& text, const std::string& field, ErrorCode code) {
  if (!text) return FieldError(field, "validation.required", code);
  const std::string value = AsciiLower(Trim(*text));
  if (value == "hub") return Party{};
  auto id = cw::ParseId(value);
  if (!id) return FieldError(field, "validation.member", code);
  return Party{MemberId{*id}, ""};
}

Result<std::optional<std::string>> JsonField(const nlohmann::json& body, const std::string& name, bool money) {
  if (money) {
    auto it = body.find(name + "_cents");
    if (it != body.end() && !it->is_null()) {
      if (!it->is_number_integer()) {
        return Error::BadRequest(name + "_cents must be an integer", {{name + "_cents", "validation.type"}});
      }
      // Whole cents as euro text with a dot, read back exactly by ParseMoney.
      return std::optional<std::string>{FormatFixed(it->get<std::int64_t>(), 2, "en")};
    }
  }
  return cw::JsonText(body, name);
}

Result<std::int64_t> VersionFrom(const std::optional<std::string>& text) {
  if (!text || Trim(*text).empty()) return Error::Invalid({{"version", "validation.required"}}, "version is required");
  auto version = cw::ParseId(Trim(*text));
  if (!version) return Error::Invalid({{"version", "validation.integer"}}, "version must be a positive integer");
  return *version;
}

bool IsFormError(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kConflict ||
         error.code == ErrorCode::kFailedPrecondition;
}

// ---- answers ------------------------------------------------------------------------------

http::Response PageFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kPage, error);
}

http::Response ApiFail(const ViewContext& ctx, const http::Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kJson, error);
}

http::Response Created(const nlohmann::json& body, const std::string& location) {
  auto res = cw::JsonResponse(body, 201);
  res.SetHeader("Location", location);
  return res;
}

http::Response RedirectWithNotice(const std::string& href, const std::string& notice) {
  const auto hash = href.find('#');
  const std::string base = href.substr(0, hash);
  const std::string anchor = hash == std::string::npos ? "" : href.substr(hash);
  return http::Response::Redirect(base + (base.find('?') == std::string::npos ? "?" : "&") + "notice=" + notice +
                                  anchor);
}

nlohmann::json PartyJson(const Party& party) {
  return {{"member_id", party.member ? nlohmann::json(party.member->value) : nlohmann::json(nullptr)},
          {"name", party.name},
          {"is_hub", !party.member.has_value()}};
}

}  // namespace coopole::pooling::web
