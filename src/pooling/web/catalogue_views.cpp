#include "catalogue_views.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "booking_rules.h"
#include "booking_views.h"
#include "coopole/core/text.h"

namespace coopole::pooling::web::scheduling {
namespace {

std::string MinutesText(int minutes, std::string_view lang) {
  const int hours = minutes / 60;
  const int rest = minutes % 60;
  std::string out;
  if (hours > 0) out = std::to_string(hours) + " h";
  if (rest > 0) out += (out.empty() ? "" : " ") + std::to_string(rest) + " min";
  if (out.empty()) out = lang == "fr" ? "0 min" : "0 min";
  return out;
}

std::string PriceInputText(const std::optional<Money>& money, std::string_view lang) {
  if (!money) return "";
  // Plain digits and a decimal comma (fr) or point (en), without thousands separators, so
  // that the text parses back.
  const std::int64_t cents = money->cents;
  std::string out = std::to_string(cents / 100);
  if (cents % 100 != 0) {
    std::string frac = std::to_string(cents % 100);
    if (frac.size() < 2) frac = "0" + frac;
    out += (lang == "fr" ? "," : ".") + frac;
  }
  return out;
}

bool IsOn(const std::optional<std::string>& value) {
  if (!value) return false;
  auto flag = ParseBoolean(*value);
  return flag.value_or(false);
}

}  // namespace

std::string LocalText(const LocalDateTime& local, std::string_view lang) {
  return FormatDate(local.date, lang) + " " + FormatClock(local.minute);
}

std::string DayText(Date date, std::string_view lang) {
  static const char* const kFr[] = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};
  static const char* const kEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const int weekday = IsoWeekday(date) - 1;
  return std::string(lang == "fr" ? kFr[weekday] : kEn[weekday]) + " " + FormatDate(date, lang);
}

bool May(const ViewContext& ctx, identity::Permission permission, std::optional<MemberId> member) {
  return identity::Allows(ctx.actor, ctx.hub.access, permission, member);
}

bool IsCoordinator(const ViewContext& ctx) { return May(ctx, identity::Permission::kManagePooling); }

render::View Option(const std::string& value, const std::string& label, bool selected) {
  render::View option;
  option.set("value", value);
  option.set("label", label);
  option.set("selected", selected);
  return option;
}

std::string DoneNotice(const http::Request& req, const ViewContext& ctx) {
  auto done = req.Query("done");
  if (!done || done->empty()) return "";
  const std::string key = "pooling.notice." + *done;
  return ctx.deps.shell.messages().Has(ctx.lang, key) ? ctx.deps.shell.Translate(ctx.lang, key) : "";
}

Timestamp WallNow() {
  using namespace std::chrono;
  return Timestamp{duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
}

void AddPoolingLinks(render::View& view, const ViewContext& ctx) {
  view.set("pooling_href", PoolingHref(ctx.hub));
  view.set("availability_href", AvailabilityHref(ctx.hub));
  view.set("bookings_href", BookingsHref(ctx.hub));
  view.set("calendar_href", CalendarHref(ctx.hub));
  view.set("new_resource_href", ResourcesHref(ctx.hub) + "/new");
  view.set("can_publish", IsCoordinator(ctx) || OwnMember(ctx).has_value());
}

nlohmann::json OrNull(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string ResourcesHref(const hubs::HubContext& hub) { return PoolingHref(hub) + "/resources"; }
std::string ResourceHref(const hubs::HubContext& hub, ResourceId id) {
  return ResourcesHref(hub) + "/" + std::to_string(id.value);
}
std::string ApiResourceHref(const hubs::HubContext& hub, ResourceId id) {
  return ApiPoolingHref(hub) + "/resources/" + std::to_string(id.value);
}
std::string AvailabilityHref(const hubs::HubContext& hub) { return PoolingHref(hub) + "/availability"; }

render::View ResourceView(const Resource& r, const ViewContext& ctx) {
  const auto& shell = ctx.deps.shell;
  const std::string& lang = ctx.lang;
  render::View v;
  const std::string href = ResourceHref(ctx.hub, r.id);
  v.set("id", std::to_string(r.id.value));
  v.set("href", href);
  v.set("edit_href", href + "/edit");
  v.set("archive_href", href + "/archive");
  v.set("restore_href", href + "/restore");
  v.set("book_href", href + "/book");
  v.set("calendar_href", PoolingHref(ctx.hub) + "/calendar?resource=" + std::to_string(r.id.value));
  v.set("name", r.name);
  v.set("kind", KindCode(r.kind));
  v.set("kind_label", shell.Translate(lang, std::string("pooling.kind.") + KindCode(r.kind)));
  SetText(v, "category_label", r.category.empty() ? "" : shell.Translate(lang, "pooling.category." + r.category));
  v.set("hub_owned", !r.owner.has_value());
  v.set("owner_name", r.owner ? r.owner_name : shell.Translate(lang, "pooling.the_hub"));
  SetText(v, "capacity", r.capacity ? std::to_string(*r.capacity) : "");
  SetText(v, "location", r.location);
  SetText(v, "description", r.description);
  SetText(v, "opening_hours", r.opening.Unrestricted() ? "" : DisplayOpeningHours(r.opening, lang));
  // The weekly table of opening hours, Monday first.
  render::ViewList days;
  if (!r.opening.Unrestricted()) {
    for (int d = 0; d < 7; ++d) {
      render::View day;
      day.set("day", shell.Translate(lang, "pooling.weekday." + std::to_string(d + 1)));
      std::string ranges;
      for (const auto& [from, to] : r.opening.days[d]) {
        ranges += (ranges.empty() ? "" : ", ") + FormatClock(from) + "–" + (to == 1440 ? "24:00" : FormatClock(to));
      }
      day.set("closed", ranges.empty());
      day.set("ranges", ranges);
      days.push_back(std::move(day));
    }
  }
  v.set("opening_days", days);
  SetText(v, "min_duration", r.rules.min_minutes > 0 ? MinutesText(r.rules.min_minutes, lang) : "");
  SetText(v, "max_duration", r.rules.max_minutes > 0 ? MinutesText(r.rules.max_minutes, lang) : "");
  SetText(v, "notice", r.rules.notice_minutes > 0 ? MinutesText(r.rules.notice_minutes, lang) : "");
  v.set("approval_required", r.rules.approval_required);
  SetText(v, "prerequisite", r.rules.prerequisite);
  const bool free = r.pricing.unit == PriceUnit::kFree;
  v.set("free", free);
  v.set("price_unit_label", shell.Translate(lang, std::string("pooling.unit.") + PriceUnitCode(r.pricing.unit)));
  v.set("price_member", MoneyText(r.pricing.PriceFor(PriceTier::kMember), lang));
  v.set("price_non_member", MoneyText(r.pricing.PriceFor(PriceTier::kNonMember), lang));
  v.set("price_solidarity", MoneyText(r.pricing.PriceFor(PriceTier::kSolidarity), lang));
  v.set("price_summary", free ? shell.Translate(lang, "pooling.unit.free")
                              : MoneyText(r.pricing.member, lang) + " / " +
                                    shell.Translate(lang, std::string("pooling.per.") + PriceUnitCode(r.pricing.unit)));
  v.set("archived", r.archived_at.has_value());
  v.set("schedulable", IsSchedulable(r.kind));
  v.set("bookable", IsSchedulable(r.kind) && !r.archived_at);
  v.set("can_edit", IsCoordinator(ctx) || (r.owner && May(ctx, identity::Permission::kEditOwnMember, r.owner)));
  v.set("version", std::to_string(r.version));
  return v;
}

render::ViewList KindOptions(const ViewContext& ctx, const std::string& selected, bool schedulable_only) {
  render::ViewList options;
  for (auto kind : AllKinds()) {
    if (schedulable_only && !IsSchedulable(kind)) continue;
    options.push_back(Option(KindCode(kind), ctx.deps.shell.Translate(ctx.lang, std::string("pooling.kind.") + KindCode(kind)),
                             selected == KindCode(kind)));
  }
  return options;
}

render::ViewList CategoryOptions(const ViewContext& ctx, const std::string& selected,
                                 std::optional<ResourceKind> only_kind) {
  render::ViewList options;
  for (auto kind : AllKinds()) {
    if (only_kind && kind != *only_kind) continue;
    for (const auto& category : CategoriesOf(kind)) {
      options.push_back(Option(category, ctx.deps.shell.Translate(ctx.lang, "pooling.category." + category),
                               selected == category));
    }
  }
  return options;
}

render::ViewList PriceUnitOptions(const ViewContext& ctx, const std::string& selected) {
  render::ViewList options;
  for (auto unit : {PriceUnit::kFree, PriceUnit::kHour, PriceUnit::kHalfDay, PriceUnit::kDay, PriceUnit::kUnit}) {
    options.push_back(Option(PriceUnitCode(unit),
                             ctx.deps.shell.Translate(ctx.lang, std::string("pooling.unit.") + PriceUnitCode(unit)),
                             selected == PriceUnitCode(unit)));
  }
  return options;
}

render::ViewList TierOptions(const ViewContext& ctx, const std::string& selected) {
  render::ViewList options;
  for (auto tier : {PriceTier::kMember, PriceTier::kNonMember, PriceTier::kSolidarity}) {
    options.push_back(Option(TierCode(tier), ctx.deps.shell.Translate(ctx.lang, std::string("pooling.tier.") + TierCode(tier)),
                             selected == TierCode(tier) || (selected.empty() && tier == PriceTier::kMember)));
  }
  return options;
}

render::ViewList MemberOptions(const ViewContext& ctx, const std::string& selected) {
  render::ViewList options;
  if (!ctx.deps.member_choices) return options;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    options.push_back(Option(std::to_string(id), name, selected == std::to_string(id)));
  }
  return options;
}

ResourceInput InputOf(const Resource& r, std::string_view lang) {
  ResourceInput in;
  in.kind = KindCode(r.kind);
  in.category = r.category;
  in.name = r.name;
  in.description = r.description;
  in.owner_member_id = r.owner ? std::to_string(r.owner->value) : "";
  in.capacity = r.capacity ? std::to_string(*r.capacity) : "";
  in.location = r.location;
  in.opening_hours = r.opening.Unrestricted() ? "" : DisplayOpeningHours(r.opening, lang);
  in.min_minutes = r.rules.min_minutes ? std::to_string(r.rules.min_minutes) : "";
  in.max_minutes = r.rules.max_minutes ? std::to_string(r.rules.max_minutes) : "";
  in.notice_minutes = r.rules.notice_minutes ? std::to_string(r.rules.notice_minutes) : "";
  in.approval_required = r.rules.approval_required ? "1" : "0";
  in.prerequisite = r.rules.prerequisite;
  in.price_unit = PriceUnitCode(r.pricing.unit);
  in.price_member = PriceInputText(r.pricing.member, lang);
  in.price_non_member = PriceInputText(r.pricing.non_member, lang);
  in.price_solidarity = PriceInputText(r.pricing.solidarity, lang);
  return in;
}

render::View ResourceFormView(const ResourceInput& in, const ViewContext& ctx) {
  render::View v;
  auto text = [&v](const char* key, const std::optional<std::string>& value) { v.set(key, value.value_or("")); };
  text("name", in.name);
  text("description", in.description);
  text("capacity", in.capacity);
  text("location", in.location);
  text("opening_hours", in.opening_hours);
  text("min_minutes", in.min_minutes);
  text("max_minutes", in.max_minutes);
  text("notice_minutes", in.notice_minutes);
  text("prerequisite", in.prerequisite);
  text("price_member", in.price_member);
  text("price_non_member", in.price_non_member);
  text("price_solidarity", in.price_solidarity);
  v.set("approval_required_checked", IsOn(in.approval_required));
  v.set("kind_options", KindOptions(ctx, in.kind.value_or("premises")));
  v.set("category_options", CategoryOptions(ctx, in.category.value_or("")));
  v.set("price_unit_options", PriceUnitOptions(ctx, in.price_unit.value_or("hour")));
  const bool coordinator = IsCoordinator(ctx);
  v.set("choose_owner", coordinator);
  const std::string owner = in.owner_member_id.value_or("");
  v.set("hub_owner_selected", owner.empty());
  if (coordinator) {
    v.set("owner_options", MemberOptions(ctx, owner));
  } else if (auto own = OwnMember(ctx)) {
    // A member offers resources of its own organisation only.
    v.set("own_member_id", std::to_string(own->value));
  }
  return v;
}

nlohmann::json PartyJson(const Party& party) {
  if (!party.member) return nullptr;
  return {{"id", party.member->value}, {"name", party.name}};
}

nlohmann::json ResourceJson(const Resource& r) {
  auto cents = [](const std::optional<Money>& money) {
    return money ? nlohmann::json(money->cents) : nlohmann::json(nullptr);
  };
  return {
      {"id", r.id.value},
      {"kind", KindCode(r.kind)},
      {"category", r.category},
      {"name", r.name},
      {"description", r.description},
      {"owner", r.owner ? nlohmann::json{{"id", r.owner->value}, {"name", r.owner_name}} : nlohmann::json(nullptr)},
      {"capacity", OrNull(r.capacity)},
      {"location", r.location},
      {"opening_hours", FormatOpeningHours(r.opening)},
      {"rules",
       {{"min_minutes", r.rules.min_minutes},
        {"max_minutes", r.rules.max_minutes},
        {"notice_minutes", r.rules.notice_minutes},
        {"approval_required", r.rules.approval_required},
        {"prerequisite", r.rules.prerequisite}}},
      {"pricing",
       {{"unit", PriceUnitCode(r.pricing.unit)},
        {"member_cents", r.pricing.member.cents},
        {"non_member_cents", cents(r.pricing.non_member)},
        {"solidarity_cents", cents(r.pricing.solidarity)}}},
      {"bookable", IsSchedulable(r.kind) && !r.archived_at},
      {"archived", r.archived_at.has_value()},
      {"archived_at", r.archived_at ? nlohmann::json(FormatIsoUtc(*r.archived_at)) : nlohmann::json(nullptr)},
      {"created_at", FormatIsoUtc(r.created_at)},
      {"updated_at", FormatIsoUtc(r.updated_at)},
      {"version", r.version},
  };
}

}  // namespace coopole::pooling::web::scheduling
