// The JSON API of collective time, under /api/v1/hubs/{hub}/animation/time: the same use
// cases as the pages. Durations in minutes, amounts in cents, FTE in hundredths, shares in
// basis points.
#include "time_internal.h"
#include "time_web.h"

namespace coopole::animation::web::time_web {
namespace {

namespace cw = coopole::web;
using http::Request;
using http::Response;
using nlohmann::json;

// A scalar field as text ("" when absent or null); call CheckTexts first so that arrays and
// objects are refused rather than read as "" (which would clear a rate, say).
std::string Text(const json& body, const std::string& name) {
  auto text = cw::JsonText(body, name);
  return text.ok() && *text ? **text : "";
}

// 400 naming the first field that is an array or an object.
std::optional<Error> CheckTexts(const json& body, std::initializer_list<const char*> fields) {
  for (const char* field : fields) {
    auto text = cw::JsonText(body, field);
    if (!text) return text.error();
  }
  return std::nullopt;
}

// The entry typed in `body`. With `current` (PATCH), a field absent from the body keeps the
// entry's value (null clears event_id / group_id / note); without, absent is empty.
Result<TimeEntryInput> EntryInputOf(const json& body, const TimeEntry* current = nullptr) {
  TimeEntryInput in;
  if (auto bad = CheckTexts(body, {"person_id", "on_date", "duration", "hours", "kind", "event_id", "group_id", "note"}))
    return *bad;
  in.person_id = Text(body, "person_id");
  in.on_date = Text(body, "on_date");
  in.duration = body.contains("hours") ? Text(body, "hours") : Text(body, "duration");
  in.kind = Text(body, "kind");
  in.event_id = Text(body, "event_id");
  in.group_id = Text(body, "group_id");
  in.note = Text(body, "note");
  if (body.contains("minutes")) {
    if (!body["minutes"].is_number_integer()) return Error::Invalid({{"minutes", "animation.time.error.duration"}});
    in.minutes = body["minutes"].get<std::int64_t>();
  }
  if (current) {
    const auto keep = [&body](const char* field) { return !body.contains(field); };
    if (keep("person_id")) in.person_id = std::to_string(current->person.value);
    if (keep("on_date")) in.on_date = FormatIsoDate(current->on);
    if (keep("minutes") && keep("hours") && keep("duration")) in.minutes = current->minutes;
    if (keep("kind")) in.kind = current->kind;
    if (keep("event_id") && current->event) in.event_id = std::to_string(current->event->value);
    if (keep("group_id") && current->group) in.group_id = std::to_string(current->group->value);
    if (keep("note")) in.note = current->note;
  }
  return in;
}

Result<std::int64_t> VersionOf(const json& body) {
  if (body.contains("version") && body["version"].is_number_integer()) return body["version"].get<std::int64_t>();
  return Error::Invalid({{"version", "validation.integer"}});
}

Response ListApi(Request& req, const ViewContext& ctx) {
  TimeEntryQuery query;
  if (auto y = req.Query("year"); y && !Trim(*y).empty()) {
    auto v = cw::ParseId(*y);
    if (!v || *v > 9999) return ApiFail(ctx, req, Error::Invalid({{"year", "animation.time.error.year"}}));
    query.year = static_cast<int>(*v);
  }
  if (auto s = req.Query("status"); s && !Trim(*s).empty()) query.status = std::string(Trim(*s));
  if (auto p = req.Query("person_id"); p && !Trim(*p).empty()) {
    auto v = cw::ParseId(*p);
    if (!v) return ApiFail(ctx, req, Error::Invalid({{"person_id", "animation.time.error.person"}}));
    query.person = PersonId{*v};
  }
  auto entries = ctx.deps.time.ListEntries(ctx.actor, ctx.hub, query);
  if (!entries) return ApiFail(ctx, req, entries.error());
  json items = json::array();
  for (const auto& e : *entries) items.push_back(time_internal::EntryJson(e));
  return cw::JsonResponse({{"items", items}, {"total", items.size()}});
}

Response CreateApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = EntryInputOf(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto entry = ctx.deps.time.CreateEntry(ctx.actor, ctx.hub, *input);
  if (!entry) return ApiFail(ctx, req, entry.error());
  auto res = cw::JsonResponse(time_internal::EntryJson(*entry), 201);
  res.SetHeader("Location", ApiTimeHref(ctx.hub) + "/entries/" + std::to_string(entry->id.value));
  return res;
}

Response GetApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "entry");
  if (!id) return ApiFail(ctx, req, id.error());
  auto entry = ctx.deps.time.GetEntry(ctx.actor, ctx.hub, TimeEntryId{*id});
  if (!entry) return ApiFail(ctx, req, entry.error());
  return cw::JsonResponse(time_internal::EntryJson(*entry));
}

Response UpdateApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "entry");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = VersionOf(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  // PATCH: what the body leaves out stays as it is (the version check catches a change
  // made in between).
  auto current = ctx.deps.time.GetEntry(ctx.actor, ctx.hub, TimeEntryId{*id});
  if (!current) return ApiFail(ctx, req, current.error());
  auto input = EntryInputOf(*body, &*current);
  if (!input) return ApiFail(ctx, req, input.error());
  auto entry = ctx.deps.time.UpdateEntry(ctx.actor, ctx.hub, TimeEntryId{*id}, *version, *input);
  if (!entry) return ApiFail(ctx, req, entry.error());
  return cw::JsonResponse(time_internal::EntryJson(*entry));
}

Response DeleteApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "entry");
  if (!id) return ApiFail(ctx, req, id.error());
  auto done = ctx.deps.time.DeleteEntry(ctx.actor, ctx.hub, TimeEntryId{*id});
  if (!done) return ApiFail(ctx, req, done.error());
  return cw::JsonResponse({{"deleted", true}});
}

Response DecideApi(Request& req, const ViewContext& ctx, bool validate) {
  auto id = IdParam(req, "entry");
  if (!id) return ApiFail(ctx, req, id.error());
  std::string reason;
  if (!req.body.empty()) {
    auto body = cw::ParseJsonObject(req);
    if (!body) return ApiFail(ctx, req, body.error());
    if (auto bad = CheckTexts(*body, {"reason"})) return ApiFail(ctx, req, *bad);
    reason = Text(*body, "reason");
  }
  auto entry = ctx.deps.time.Decide(ctx.actor, ctx.hub, TimeEntryId{*id}, validate, reason);
  if (!entry) return ApiFail(ctx, req, entry.error());
  return cw::JsonResponse(time_internal::EntryJson(*entry));
}

Response CompensateApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  if (auto bad = CheckTexts(*body, {"person_id", "month"})) return ApiFail(ctx, req, *bad);
  CompensateInput in;
  in.person_id = Text(*body, "person_id");
  in.month = Text(*body, "month");
  for (const auto& [field, ids] : {std::pair<const char*, std::vector<std::int64_t>*>{"attendance_ids", &in.attendance_ids},
                                   {"entry_ids", &in.entry_ids}}) {
    if (!body->contains(field)) continue;
    const auto& list = (*body)[field];
    if (!list.is_array()) return ApiFail(ctx, req, Error::Invalid({{field, "validation.integer"}}));
    for (const auto& id : list) {
      if (!id.is_number_integer()) return ApiFail(ctx, req, Error::Invalid({{field, "validation.integer"}}));
      ids->push_back(id.get<std::int64_t>());
    }
  }
  if (body->contains("compensated")) {
    if (!(*body)["compensated"].is_boolean())
      return ApiFail(ctx, req, Error::Invalid({{"compensated", "validation.boolean"}}));
    in.compensated = (*body)["compensated"].get<bool>();
  }
  auto result = ctx.deps.time.Compensate(ctx.actor, ctx.hub, in);
  if (!result) return ApiFail(ctx, req, result.error());
  return cw::JsonResponse({{"attendance", result->attendance}, {"entries", result->entries}});
}

Response TotalsApi(Request& req, const ViewContext& ctx) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return ApiFail(ctx, req, query.error());
  auto totals = ctx.deps.time.Totals(ctx.actor, ctx.hub, *query);
  if (!totals) return ApiFail(ctx, req, totals.error());
  return cw::JsonResponse(TotalsJson(*totals));
}

Response MonthlyApi(Request& req, const ViewContext& ctx) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return ApiFail(ctx, req, query.error());
  auto monthly = ctx.deps.time.Monthly(ctx.actor, ctx.hub, query->year);
  if (!monthly) return ApiFail(ctx, req, monthly.error());
  json kinds = json::object();
  for (const auto& [kind, months] : monthly->minutes) kinds[kind] = months;
  return cw::JsonResponse({{"year", monthly->year}, {"minutes", kinds}});
}

Response ExportApi(Request& req, const ViewContext& ctx) {
  auto query = TotalsQueryOf(req, ctx);
  if (!query) return ApiFail(ctx, req, query.error());
  const std::string format(Trim(req.Query("format").value_or("csv")));
  if (format != "csv" && format != "xlsx")
    return ApiFail(ctx, req, Error::Invalid({{"format", "validation.choice"}}));
  auto totals = ctx.deps.time.Totals(ctx.actor, ctx.hub, *query);
  if (!totals) return ApiFail(ctx, req, totals.error());
  return ExportResponse(ctx, *totals, format);
}

Response RatesApi(Request& req, const ViewContext& ctx) {
  auto rates = ctx.deps.time.Rates(ctx.actor, ctx.hub);
  if (!rates) return ApiFail(ctx, req, rates.error());
  return cw::JsonResponse(RatesJson(*rates));
}

Response SettingsGetApi(Request& req, const ViewContext& ctx) {
  auto rates = ctx.deps.time.Rates(ctx.actor, ctx.hub);
  if (!rates) return ApiFail(ctx, req, rates.error());
  return cw::JsonResponse(SettingsJson(rates->settings));
}

Response SettingsPutApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = VersionOf(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  if (auto bad = CheckTexts(*body, {"default_hourly", "volunteer_hourly", "staff_fte", "carrier_member_id"}))
    return ApiFail(ctx, req, *bad);
  TimeSettingsInput in{.default_hourly = Text(*body, "default_hourly"),
                       .volunteer_hourly = Text(*body, "volunteer_hourly"),
                       .staff_fte = Text(*body, "staff_fte"),
                       .carrier_member_id = Text(*body, "carrier_member_id"),
                       .version = *version};
  auto saved = ctx.deps.time.SaveSettings(ctx.actor, ctx.hub, in);
  if (!saved) return ApiFail(ctx, req, saved.error());
  return cw::JsonResponse(SettingsJson(*saved));
}

Response MemberRateApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "member");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  if (auto bad = CheckTexts(*body, {"hourly_cost"})) return ApiFail(ctx, req, *bad);
  auto rate = ctx.deps.time.SetMemberRate(ctx.actor, ctx.hub, MemberId{*id}, Text(*body, "hourly_cost"));
  if (!rate) return ApiFail(ctx, req, rate.error());
  return cw::JsonResponse({{"member_id", rate->member.value},
                           {"name", rate->member_name},
                           {"hourly_cost_cents", rate->hourly_cost ? json(rate->hourly_cost->cents) : json(nullptr)}});
}

Response PersonRateApi(Request& req, const ViewContext& ctx) {
  auto id = IdParam(req, "person");
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  bool volunteer = false;
  if (body->contains("volunteer")) {
    if (!(*body)["volunteer"].is_boolean())
      return ApiFail(ctx, req, Error::Invalid({{"volunteer", "validation.boolean"}}));
    volunteer = (*body)["volunteer"].get<bool>();
  }
  if (auto bad = CheckTexts(*body, {"hourly"})) return ApiFail(ctx, req, *bad);
  auto rate = ctx.deps.time.SetPersonRate(ctx.actor, ctx.hub, PersonId{*id}, volunteer, Text(*body, "hourly"));
  if (!rate) return ApiFail(ctx, req, rate.error());
  return cw::JsonResponse({{"person_id", rate->person.value},
                           {"volunteer", rate->volunteer},
                           {"hourly_cents", rate->hourly ? json(rate->hourly->cents) : json(nullptr)}});
}

}  // namespace

void RegisterTimeApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](HubHandler handler) { return WithHub(deps, cw::Answer::kJson, std::move(handler)); };
  using http::Method;
  const std::string base = "/api/v1/hubs/{hub}/animation/time";
  const std::string entry = base + "/entries/{entry}";
  router.Add(Method::kGet, base + "/entries", api(ListApi));
  router.Add(Method::kPost, base + "/entries", api(CreateApi));
  router.Add(Method::kGet, entry, api(GetApi));
  router.Add(Method::kPatch, entry, api(UpdateApi));
  router.Add(Method::kDelete, entry, api(DeleteApi));
  router.Add(Method::kPost, entry + "/validate", api([](Request& r, const ViewContext& c) { return DecideApi(r, c, true); }));
  router.Add(Method::kPost, entry + "/refuse", api([](Request& r, const ViewContext& c) { return DecideApi(r, c, false); }));
  router.Add(Method::kPost, base + "/compensate", api(CompensateApi));
  router.Add(Method::kGet, base + "/totals", api(TotalsApi));
  router.Add(Method::kGet, base + "/monthly", api(MonthlyApi));
  router.Add(Method::kGet, base + "/export", api(ExportApi));
  router.Add(Method::kGet, base + "/settings", api(SettingsGetApi));
  router.Add(Method::kPut, base + "/settings", api(SettingsPutApi));
  router.Add(Method::kGet, base + "/rates", api(RatesApi));
  router.Add(Method::kPut, base + "/rates/members/{member}", api(MemberRateApi));
  router.Add(Method::kPut, base + "/rates/people/{person}", api(PersonRateApi));
}

}  // namespace coopole::animation::web::time_web
