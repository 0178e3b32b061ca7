// The catalogue of shared resources: the pooling overview (catalogue, filters, alerts),
// resource pages (detail, publish, edit, archive, qualified members), the availability
// search, and the same as a JSON API under /api/v1/hubs/{hub}/pooling.
#include <nlohmann/json.hpp>

#include "booking_views.h"
#include "catalogue_requests.h"
#include "catalogue_views.h"
#include "resource_json_cache.h"
#include "coopole/core/text.h"
#include "feed_links.h"
#include "pooling_routes.h"

namespace coopole::pooling::web {
namespace {

using namespace scheduling;

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

Response PageFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kPage, error);
}
Response ApiFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kJson, error);
}

bool IsFormError(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kConflict;
}
bool IsStale(const Error& error) { return error.code == ErrorCode::kConflict && error.fields.count("version") > 0; }

// ---- overview: catalogue and alerts ---------------------------------------------------------

std::string OverviewHref(const ViewContext& ctx, const ResourceQuery& query, int page) {
  std::string params = ResourceFilterString(query);
  if (page > 1) params += (params.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
  return PoolingHref(ctx.hub) + (params.empty() ? "" : "?" + params);
}

void AddAlerts(render::View& view, const ViewContext& ctx) {
  auto alerts = ctx.deps.pooling.Alerts(ctx.actor, ctx.hub);
  if (!alerts.ok()) return;
  render::ViewList pending;
  for (const auto& booking : alerts->pending_approvals) pending.push_back(BookingView(booking, ctx));
  view.set("has_pending_approvals", !pending.empty());
  view.set("pending_approvals", pending);
  view.set("pending_count", std::to_string(pending.size()));
  view.set("leases_ending_count", std::to_string(alerts->leases_ending.size()));
  view.set("has_leases_ending", !alerts->leases_ending.empty());
  view.set("overdue_advances_count", std::to_string(alerts->overdue_advances.size()));
  view.set("has_overdue_advances", !alerts->overdue_advances.empty());
  view.set("has_alerts", !pending.empty() || !alerts->leases_ending.empty() || !alerts->overdue_advances.empty());
}

Response OverviewPage(Request& req, const ViewContext& ctx) {
  auto query = ParseResourceQuery(req);
  if (!query) return PageFail(ctx, req, query.error());
  if (!req.Query("per_page")) query->per_page = 25;
  auto page = ctx.deps.pooling.ListResources(ctx.actor, ctx.hub, *query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view;
  AddPoolingLinks(view, ctx);
  SetText(view, "done_notice", DoneNotice(req, ctx));
  render::ViewList items;
  for (const auto& resource : page->items) items.push_back(ResourceView(resource, ctx));
  view.set("has_resources", !items.empty());
  view.set("resources", items);
  view.set("total", std::to_string(page->total));
  const std::int64_t per_page = std::max(page->per_page, 1);
  const std::int64_t pages = std::max<std::int64_t>(1, (page->total + per_page - 1) / per_page);
  view.set("page", std::to_string(page->page));
  view.set("pages", std::to_string(pages));
  view.set("show_pagination", pages > 1 || page->page > 1);
  view.set("has_prev", page->page > 1);
  view.set("prev_href", OverviewHref(ctx, *query, static_cast<int>(std::min<std::int64_t>(page->page - 1, pages))));
  view.set("has_next", page->page < pages);
  view.set("next_href", OverviewHref(ctx, *query, page->page + 1));
  // Filters.
  view.set("q", query->text);
  view.set("kind_options", KindOptions(ctx, query->kind ? KindCode(*query->kind) : ""));
  view.set("category_options", CategoryOptions(ctx, query->category));
  view.set("owner_hub_selected", query->hub_owned);
  view.set("owner_options", MemberOptions(ctx, query->owner ? std::to_string(query->owner->value) : ""));
  view.set("include_archived", query->include_archived);
  AddAlerts(view, ctx);
  auto res = ctx.deps.shell.Page(req, "pooling/overview", std::move(view), "pooling.title", &ctx.hub);
  return res;
}

// ---- resource form ----------------------------------------------------------------------------

struct ResourceFormMode {
  std::optional<ResourceId> resource;  // set when editing
  std::int64_t version = 0;
};

Response ResourceFormPage(const Request& req, const ViewContext& ctx, const ResourceInput& input,
                          ResourceFormMode mode, const Error* error) {
  render::View view = ResourceFormView(input, ctx);
  AddPoolingLinks(view, ctx);
  view.set("is_edit", mode.resource.has_value());
  if (mode.resource) {
    view.set("action", ResourceHref(ctx.hub, *mode.resource));
    view.set("cancel_href", ResourceHref(ctx.hub, *mode.resource));
    view.set("version", std::to_string(mode.version));
  } else {
    view.set("action", ResourcesHref(ctx.hub));
    view.set("cancel_href", PoolingHref(ctx.hub));
  }
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "pooling.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "pooling/resource_form", std::move(view),
                             mode.resource ? "pooling.edit_title" : "pooling.new_title", &ctx.hub, status);
}

Response NewResourcePage(Request& req, const ViewContext& ctx) {
  if (!IsCoordinator(ctx) && !OwnMember(ctx)) return PageFail(ctx, req, Error::Denied());
  ResourceInput input;
  input.kind = req.Query("kind").value_or("premises");
  input.price_unit = "hour";
  input.approval_required = "0";
  if (auto own = OwnMember(ctx)) input.owner_member_id = std::to_string(own->value);
  return ResourceFormPage(req, ctx, input, {}, nullptr);
}

Response CreateResourcePage(Request& req, const ViewContext& ctx) {
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  const ResourceInput input = ResourceInputFromForm(*form);
  auto resource = ctx.deps.pooling.CreateResource(ctx.actor, ctx.hub, input);
  if (!resource) {
    if (IsFormError(resource.error())) return ResourceFormPage(req, ctx, input, {}, &resource.error());
    return PageFail(ctx, req, resource.error());
  }
  return Response::Redirect(ResourceHref(ctx.hub, resource->id) + "?done=published");
}

Response EditResourcePage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
  if (!resource) return PageFail(ctx, req, resource.error());
  const bool may = IsCoordinator(ctx) || (resource->owner && OwnMember(ctx) == resource->owner);
  if (!may) return PageFail(ctx, req, Error::Denied());
  return ResourceFormPage(req, ctx, InputOf(*resource, ctx.lang), {*id, resource->version}, nullptr);
}

Response UpdateResourcePage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto version = FormVersion(*form);
  const ResourceInput input = ResourceInputFromForm(*form);
  if (!version) return ResourceFormPage(req, ctx, input, {*id, 0}, &version.error());
  auto resource = ctx.deps.pooling.UpdateResource(ctx.actor, ctx.hub, *id, *version, input);
  if (resource) return Response::Redirect(ResourceHref(ctx.hub, *id) + "?done=saved");
  const Error& error = resource.error();
  if (!IsFormError(error)) return PageFail(ctx, req, error);
  ResourceFormMode mode{*id, *version};
  if (IsStale(error)) {
    // Someone saved first: keep this user's input, carry the current version.
    auto current = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
    if (!current) return PageFail(ctx, req, current.error());
    mode.version = current->version;
  }
  return ResourceFormPage(req, ctx, input, mode, &error);
}

using ResourceCommand = Result<Resource> (PoolingService::*)(const Actor&, const HubContext&, ResourceId);

HubHandler ResourceCommandPage(ResourceCommand command, const char* done) {
  return [command, done](Request& req, const ViewContext& ctx) -> Response {
    auto id = ResourceIdParam(req);
    if (!id) return PageFail(ctx, req, id.error());
    auto resource = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!resource) return PageFail(ctx, req, resource.error());
    return Response::Redirect(ResourceHref(ctx.hub, *id) + "?done=" + done);
  };
}

// ---- resource detail ----------------------------------------------------------------------------

Response ResourcePage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
  if (!resource) return PageFail(ctx, req, resource.error());
  render::View view;
  AddPoolingLinks(view, ctx);
  SetText(view, "done_notice", DoneNotice(req, ctx));
  render::View resource_view = ResourceView(*resource, ctx);
  const bool can_edit = IsCoordinator(ctx) || (resource->owner && OwnMember(ctx) == resource->owner);
  view.set("resource", resource_view);
  view.set("can_edit", can_edit);
  view.set("can_archive", can_edit);
  view.set("next", req.target);
  // Qualified members, when the resource has a prerequisite.
  const bool has_prerequisite = !resource->rules.prerequisite.empty();
  view.set("has_prerequisite", has_prerequisite);
  if (has_prerequisite) {
    auto qualified = ctx.deps.pooling.ListQualified(ctx.actor, ctx.hub, *id);
    render::ViewList list;
    if (qualified.ok()) {
      for (const auto& party : *qualified) {
        if (!party.member) continue;
        render::View item;
        item.set("name", party.name);
        item.set("revoke_href", ResourceHref(ctx.hub, *id) + "/qualified/" + std::to_string(party.member->value) +
                                    "/revoke");
        list.push_back(std::move(item));
      }
    }
    view.set("qualified", list);
    view.set("has_qualified", !list.empty());
    view.set("grant_href", ResourceHref(ctx.hub, *id) + "/qualified");
    if (can_edit) view.set("member_options", MemberOptions(ctx, ""));
  }
  // Upcoming bookings of the resource.
  if (IsSchedulable(resource->kind)) {
    BookingQuery query;
    query.resource = *id;
    query.statuses = {BookingStatus::kPending, BookingStatus::kConfirmed};
    query.from = WallNow();
    query.per_page = 20;
    auto bookings = ctx.deps.pooling.ListBookings(ctx.actor, ctx.hub, query);
    render::ViewList list;
    if (bookings.ok()) {
      for (const auto& booking : bookings->items) list.push_back(BookingView(booking, ctx));
      view.set("more_bookings", bookings->total > static_cast<std::int64_t>(list.size()));
    }
    view.set("bookings", list);
    view.set("has_bookings", !list.empty());
    view.set("all_bookings_href", BookingsHref(ctx.hub) + "?resource=" + std::to_string(id->value) + "&view=all");
    view.set("events_url", CalendarHref(ctx.hub) + "/events?resource=" + std::to_string(id->value));
    view.set("calendar_locale", ctx.lang);
    view.set("show_calendar", true);
    // Renewing breaks every subscription: offered to those who manage the resource.
    view.set("feed", FeedBoxView(req, ctx, FeedSubject{.resource = *id}, can_edit));
  }
  return ctx.deps.shell.PageTitled(req, "pooling/resource_detail", std::move(view), resource->name, &ctx.hub);
}

// Grant and revoke the prerequisite, back to the list of qualified members.
Response GrantPage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto member = MemberIdField(http::FormValue(*form, "member_id"));
  if (!member) return PageFail(ctx, req, member.error());
  auto granted = ctx.deps.pooling.GrantPrerequisite(ctx.actor, ctx.hub, *id, *member);
  if (!granted) return PageFail(ctx, req, granted.error());
  return Response::Redirect(ResourceHref(ctx.hub, *id) + "?done=granted#qualified");
}

Response RevokePage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto member = MemberIdParam(req);
  if (!member) return PageFail(ctx, req, member.error());
  auto revoked = ctx.deps.pooling.RevokePrerequisite(ctx.actor, ctx.hub, *id, *member);
  if (!revoked) return PageFail(ctx, req, revoked.error());
  return Response::Redirect(ResourceHref(ctx.hub, *id) + "?done=revoked#qualified");
}

// ---- availability --------------------------------------------------------------------------------

bool HasSearch(const Request& req) {
  for (const char* name : {"date", "from", "to", "start", "end"}) {
    if (req.Query(name)) return true;
  }
  return false;
}

std::string Param(const Request& req, const char* name) { return std::string(Trim(req.Query(name).value_or(""))); }

Response AvailabilityPage(Request& req, const ViewContext& ctx) {
  render::View view;
  AddPoolingLinks(view, ctx);
  const std::string kind = Param(req, "kind");
  view.set("kind_options", KindOptions(ctx, kind, true));
  view.set("category_options", CategoryOptions(ctx, Param(req, "category")));
  view.set("capacity", Param(req, "capacity"));
  view.set("date", Param(req, "date"));
  view.set("from", Param(req, "from"));
  view.set("to", Param(req, "to"));
  view.set("q", Param(req, "q"));
  view.set("searched", false);
  int status = 200;
  if (HasSearch(req)) {
    auto query = ParseAvailabilityQuery(req);
    Result<pooling::ResourcePage> found = query ? ctx.deps.pooling.SearchAvailability(ctx.actor, ctx.hub, *query)
                                                : Result<pooling::ResourcePage>(query.error());
    if (!found) {
      if (found.error().code != ErrorCode::kInvalidArgument) return PageFail(ctx, req, found.error());
      // Slot errors name start/end; the form shows them at its date and times.
      Error error = found.error();
      std::map<std::string, std::string> fields;
      for (const auto& [field, key] : error.fields) {
        fields[field == "starts_at" || field == "start" ? "from" : field == "ends_at" || field == "end" ? "to" : field] =
            key;
      }
      error.fields = std::move(fields);
      ctx.deps.shell.AddFieldErrors(view, error, ctx.lang, "pooling.field.");
      status = cw::StatusFor(error.code);
    } else {
      view.set("searched", true);
      render::ViewList results;
      const AvailabilityQuery& q = *query;
      // The booking form prefilled with the slot searched.
      std::string prefill = "?date=" + FormatIsoDate(q.start.date) + "&start=" + FormatClock(q.start.minute) +
                            "&end=" + (q.end.minute == 0 && q.end.date != q.start.date ? std::string("24:00")
                                                                                       : FormatClock(q.end.minute));
      if (q.end.date != q.start.date && q.end.minute != 0) prefill += "&end_date=" + FormatIsoDate(q.end.date);
      if (q.capacity) prefill += "&attendees=" + std::to_string(*q.capacity);
      for (const auto& resource : found->items) {
        render::View item = ResourceView(resource, ctx);
        item.set("book_prefilled_href", ResourceHref(ctx.hub, resource.id) + "/book" + prefill);
        results.push_back(std::move(item));
      }
      view.set("results", results);
      view.set("has_results", !results.empty());
      view.set("result_count", std::to_string(found->total));
      const std::int64_t pages = (found->total + found->per_page - 1) / found->per_page;
      view.set("page", std::to_string(found->page));
      view.set("pages", std::to_string(pages));
      view.set("show_pagination", pages > 1 || found->page > 1);
      view.set("has_prev", found->page > 1);
      view.set("prev_href", WithPage(req, static_cast<int>(std::min<std::int64_t>(found->page - 1, std::max<std::int64_t>(pages, 1)))));
      view.set("has_next", found->page < pages);
      view.set("next_href", WithPage(req, found->page + 1));
    }
  }
  return ctx.deps.shell.Page(req, "pooling/availability", std::move(view), "pooling.availability.title", &ctx.hub,
                             status);
}

// ---- JSON API ------------------------------------------------------------------------------------

Response Created(const json& body, const std::string& location) {
  auto res = cw::JsonResponse(body, 201);
  res.SetHeader("Location", location);
  return res;
}

// {"items":[...],"total":..,"page":..,"per_page":..<extra members>}: the items' JSON text
// comes from the cache; `extra` holds further members of the document (after a comma).
Response ResourcePageJson(const pooling::ResourcePage& page, ResourceJsonCache& cache, const json& extra = {}) {
  std::string body = "{\"items\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) body += ',';
    body += cache.Text(page.items[i]);
  }
  body += "],\"total\":" + std::to_string(page.total) + ",\"page\":" + std::to_string(page.page) +
          ",\"per_page\":" + std::to_string(page.per_page);
  for (const auto& [key, value] : extra.items()) {
    body += "," + json(key).dump() + ":" + value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  body += "}";
  return http::Response::Json(std::move(body));
}

HubHandler ListResourcesApi(std::shared_ptr<ResourceJsonCache> cache) {
  return [cache](Request& req, const ViewContext& ctx) {
    auto query = ParseResourceQuery(req);
    if (!query) return ApiFail(ctx, req, query.error());
    auto page = ctx.deps.pooling.ListResources(ctx.actor, ctx.hub, *query);
    if (!page) return ApiFail(ctx, req, page.error());
    return ResourcePageJson(*page, *cache);
  };
}

Response CreateResourceApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto input = ResourceInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto resource = ctx.deps.pooling.CreateResource(ctx.actor, ctx.hub, *input);
  if (!resource) return ApiFail(ctx, req, resource.error());
  return Created(ResourceJson(*resource), ApiResourceHref(ctx.hub, resource->id));
}

Response GetResourceApi(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
  if (!resource) return ApiFail(ctx, req, resource.error());
  return cw::JsonResponse(ResourceJson(*resource));
}

Response UpdateResourceApi(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto version = JsonVersion(*body);
  if (!version) return ApiFail(ctx, req, version.error());
  auto input = ResourceInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto resource = ctx.deps.pooling.UpdateResource(ctx.actor, ctx.hub, *id, *version, *input);
  if (!resource) return ApiFail(ctx, req, resource.error());
  return cw::JsonResponse(ResourceJson(*resource));
}

HubHandler ResourceCommandApi(ResourceCommand command) {
  return [command](Request& req, const ViewContext& ctx) -> Response {
    auto id = ResourceIdParam(req);
    if (!id) return ApiFail(ctx, req, id.error());
    auto resource = (ctx.deps.pooling.*command)(ctx.actor, ctx.hub, *id);
    if (!resource) return ApiFail(ctx, req, resource.error());
    return cw::JsonResponse(ResourceJson(*resource));
  };
}

Response ListQualifiedApi(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto qualified = ctx.deps.pooling.ListQualified(ctx.actor, ctx.hub, *id);
  if (!qualified) return ApiFail(ctx, req, qualified.error());
  json items = json::array();
  for (const auto& party : *qualified) items.push_back(PartyJson(party));
  return cw::JsonResponse({{"items", items}});
}

Response GrantApi(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto text = cw::JsonText(*body, "member_id");
  if (!text) return ApiFail(ctx, req, text.error());
  auto member = MemberIdField(*text);
  if (!member) return ApiFail(ctx, req, member.error());
  auto granted = ctx.deps.pooling.GrantPrerequisite(ctx.actor, ctx.hub, *id, *member);
  if (!granted) return ApiFail(ctx, req, granted.error());
  return ListQualifiedApi(req, ctx);
}

Response RevokeApi(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto member = MemberIdParam(req);
  if (!member) return ApiFail(ctx, req, member.error());
  auto revoked = ctx.deps.pooling.RevokePrerequisite(ctx.actor, ctx.hub, *id, *member);
  if (!revoked) return ApiFail(ctx, req, revoked.error());
  return ListQualifiedApi(req, ctx);
}

HubHandler AvailabilityApi(std::shared_ptr<ResourceJsonCache> cache) {
  return [cache](Request& req, const ViewContext& ctx) {
    auto query = ParseAvailabilityQuery(req);
    if (!query) return ApiFail(ctx, req, query.error());
    auto found = ctx.deps.pooling.SearchAvailability(ctx.actor, ctx.hub, *query);
    if (!found) return ApiFail(ctx, req, found.error());
    auto zone = HubZone(ctx.hub);
    json slot = {{"start", FormatLocalDateTime(query->start)}, {"end", FormatLocalDateTime(query->end)}};
    if (auto t = zone->ToUtc(query->start)) slot["starts_at"] = FormatIsoUtc(*t);
    if (auto t = zone->ToUtc(query->end)) slot["ends_at"] = FormatIsoUtc(*t);
    slot["time_zone"] = zone->name();
    return ResourcePageJson(*found, *cache, {{"slot", slot}});
  };
}

}  // namespace

void RegisterCatalogueRoutes(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };

  const std::string pages = "/hubs/{hub}/pooling";
  const std::string resource = pages + "/resources/{resource}";
  router.Add(Method::kGet, pages, page(OverviewPage));
  router.Add(Method::kGet, pages + "/availability", page(AvailabilityPage));
  router.Add(Method::kGet, pages + "/resources/new", page(NewResourcePage));
  router.Add(Method::kPost, pages + "/resources", page(CreateResourcePage));
  router.Add(Method::kGet, resource, page(ResourcePage));
  router.Add(Method::kGet, resource + "/edit", page(EditResourcePage));
  router.Add(Method::kPost, resource, page(UpdateResourcePage));
  router.Add(Method::kPost, resource + "/archive",
             page(ResourceCommandPage(&PoolingService::ArchiveResource, "archived")));
  router.Add(Method::kPost, resource + "/restore",
             page(ResourceCommandPage(&PoolingService::RestoreResource, "restored")));
  router.Add(Method::kPost, resource + "/qualified", page(GrantPage));
  router.Add(Method::kPost, resource + "/qualified/{member}/revoke", page(RevokePage));

  const std::string apis = "/api/v1/hubs/{hub}/pooling";
  const std::string api_resource = apis + "/resources/{resource}";
  auto json_cache = std::make_shared<ResourceJsonCache>();
  router.Add(Method::kGet, apis + "/resources", api(ListResourcesApi(json_cache)));
  router.Add(Method::kPost, apis + "/resources", api(CreateResourceApi));
  router.Add(Method::kGet, api_resource, api(GetResourceApi));
  router.Add(Method::kPatch, api_resource, api(UpdateResourceApi));
  router.Add(Method::kPost, api_resource + "/archive", api(ResourceCommandApi(&PoolingService::ArchiveResource)));
  router.Add(Method::kPost, api_resource + "/restore", api(ResourceCommandApi(&PoolingService::RestoreResource)));
  router.Add(Method::kGet, api_resource + "/qualifications", api(ListQualifiedApi));
  router.Add(Method::kPost, api_resource + "/qualifications", api(GrantApi));
  router.Add(Method::kDelete, api_resource + "/qualifications/{member}", api(RevokeApi));
  router.Add(Method::kGet, apis + "/availability", api(AvailabilityApi(json_cache)));
}

}  // namespace coopole::pooling::web
