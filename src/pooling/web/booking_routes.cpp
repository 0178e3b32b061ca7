// Bookings: the booking form (with the preview of a recurrence and its conflicts), the list
// with approvals and cancellations, a booking's page, the calendar page and its events, and
// the same as a JSON API under /api/v1/hubs/{hub}/pooling/bookings.
#include <nlohmann/json.hpp>

#include "booking_requests.h"
#include "booking_views.h"
#include "catalogue_requests.h"
#include "catalogue_views.h"
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

constexpr int kPerPage = 25;

Response PageFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kPage, error);
}
Response ApiFail(const ViewContext& ctx, const Request& req, const Error& error) {
  return Fail(ctx, req, Answer::kJson, error);
}

std::string FormText(const http::FormFields& fields, std::string_view name) {
  return std::string(Trim(http::FormValue(fields, name).value_or("")));
}

// ---- booking form -------------------------------------------------------------------------------

// What the form shows besides the user's input: a preview, conflicts, or errors.
struct BookingFormState {
  const BookingOutcome* outcome = nullptr;  // preview or conflict
  bool preview = false;
  const Error* error = nullptr;
};

// The raw form fields as typed, so the form (and the hidden fields of the confirm step)
// keep them.
struct BookingFields {
  std::string date, start, end, end_date, title, attendees, member_id, tier, recurrence, recurrence_until;

  static BookingFields From(const http::FormFields& f) {
    return {FormText(f, "date"),  FormText(f, "start"),     FormText(f, "end"),
            FormText(f, "end_date"), http::FormValue(f, "title").value_or(""), FormText(f, "attendees"),
            FormText(f, "member_id"), FormText(f, "tier"), FormText(f, "recurrence"), FormText(f, "recurrence_until")};
  }
  static BookingFields FromQuery(const Request& req) {
    auto q = [&req](const char* name) { return std::string(Trim(req.Query(name).value_or(""))); };
    return {q("date"), q("start"), q("end"), q("end_date"), req.Query("title").value_or(""), q("attendees"),
            q("member_id"), q("tier"), q("recurrence"), q("recurrence_until")};
  }
};

Response BookingFormPage(const Request& req, const ViewContext& ctx, const Resource& resource,
                         const BookingFields& in, const BookingFormState& state, int status = 200) {
  render::View view;
  AddPoolingLinks(view, ctx);
  view.set("resource", ResourceView(resource, ctx));
  view.set("action", ResourceHref(ctx.hub, resource.id) + "/book");
  view.set("cancel_href", ResourceHref(ctx.hub, resource.id));
  view.set("date", in.date);
  view.set("start", in.start);
  view.set("end", in.end);
  view.set("end_date", in.end_date);
  view.set("title_text", in.title);
  view.set("attendees", in.attendees);
  view.set("recurrence_until", in.recurrence_until);
  view.set("recurrence", in.recurrence);
  view.set("recurrence_options",
           render::ViewList{Option("", ctx.deps.shell.Translate(ctx.lang, "pooling.recurrence.none"), in.recurrence.empty()),
                            Option("weekly", ctx.deps.shell.Translate(ctx.lang, "pooling.recurrence.weekly"),
                                   in.recurrence == "weekly"),
                            Option("monthly", ctx.deps.shell.Translate(ctx.lang, "pooling.recurrence.monthly"),
                                   in.recurrence == "monthly")});
  const bool coordinator = IsCoordinator(ctx);
  view.set("is_coordinator", coordinator);
  view.set("member_id", in.member_id);
  view.set("tier", in.tier);
  if (coordinator) {
    view.set("member_options", MemberOptions(ctx, in.member_id));
    view.set("tier_options", TierOptions(ctx, in.tier));
  }
  view.set("time_zone", HubZone(ctx.hub)->name());
  if (state.outcome) {
    render::ViewList occurrences, conflicts;
    for (const auto& occurrence : state.outcome->occurrences) {
      occurrences.push_back(OccurrenceView(occurrence, ctx));
      if (occurrence.Conflicted()) conflicts.push_back(OccurrenceView(occurrence, ctx));
    }
    Money total;
    int free_count = 0;
    for (const auto& occurrence : state.outcome->occurrences) {
      if (occurrence.Conflicted()) continue;
      total = total + occurrence.price;
      ++free_count;
    }
    view.set("show_preview", state.preview);
    view.set("occurrences", occurrences);
    view.set("occurrence_count", std::to_string(state.outcome->occurrences.size()));
    view.set("free_count", std::to_string(free_count));
    view.set("total_price", MoneyText(total, ctx.lang));
    view.set("has_conflicts", !conflicts.empty());
    view.set("conflicts", conflicts);
    view.set("conflict_count", std::to_string(conflicts.size()));
    view.set("can_skip", !conflicts.empty() && free_count > 0);
    view.set("can_confirm", conflicts.empty());
  }
  if (state.error) ctx.deps.shell.AddFieldErrors(view, *state.error, ctx.lang, "pooling.field.");
  return ctx.deps.shell.Page(req, "pooling/booking_form", std::move(view), "pooling.book.title", &ctx.hub, status);
}

Response NewBookingPage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
  if (!resource) return PageFail(ctx, req, resource.error());
  if (!IsCoordinator(ctx) && !OwnMember(ctx)) return PageFail(ctx, req, Error::Denied());
  if (!IsSchedulable(resource->kind) || resource->archived_at) {
    return PageFail(ctx, req, Error::Invalid({{"resource_id", "validation.not_bookable"}}, "not bookable"));
  }
  return BookingFormPage(req, ctx, *resource, BookingFields::FromQuery(req), {});
}

Response BookPage(Request& req, const ViewContext& ctx) {
  auto id = ResourceIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto form = cw::ParseForm(req);
  if (!form) return PageFail(ctx, req, form.error());
  auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *id);
  if (!resource) return PageFail(ctx, req, resource.error());
  const BookingFields fields = BookingFields::From(*form);
  auto mode = ParseMode(http::FormValue(*form, "mode"));
  if (!mode) return BookingFormPage(req, ctx, *resource, fields, {.error = &mode.error()}, 422);
  // A recurrence is always previewed before it is booked.
  if (!fields.recurrence.empty() && *mode != BookingMode::kPreview && FormText(*form, "step") != "confirm") {
    *mode = BookingMode::kPreview;
  }
  auto input = BookingInputFromForm(*form, *id);
  if (!input) return BookingFormPage(req, ctx, *resource, fields, {.error = &input.error()}, 422);
  auto outcome = ctx.deps.pooling.BookResource(ctx.actor, ctx.hub, *input, *mode);
  if (!outcome) {
    const Error& error = outcome.error();
    if (error.code != ErrorCode::kInvalidArgument) return PageFail(ctx, req, error);
    return BookingFormPage(req, ctx, *resource, fields, {.error = &error}, cw::StatusFor(error.code));
  }
  if (*mode == BookingMode::kPreview) {
    return BookingFormPage(req, ctx, *resource, fields, {.outcome = &*outcome, .preview = true});
  }
  if (outcome->conflicted || outcome->created.empty()) {
    return BookingFormPage(req, ctx, *resource, fields, {.outcome = &*outcome}, 409);
  }
  const Booking& first = outcome->created.front();
  const char* done = first.status == BookingStatus::kPending ? "requested" : "booked";
  if (outcome->created.size() == 1) return Response::Redirect(BookingHref(ctx.hub, first.id) + "?done=" + done);
  return Response::Redirect(BookingsHref(ctx.hub) + "?view=mine&done=" + done);
}

// ---- bookings list ----------------------------------------------------------------------------

enum class ListView { kMine, kToApprove, kAll };

struct ListChoice {
  ListView view;
  const char* code;
  const char* label_key;
};
constexpr ListChoice kListViews[] = {
    {ListView::kMine, "mine", "pooling.bookings.view_mine"},
    {ListView::kToApprove, "approve", "pooling.bookings.view_approve"},
    {ListView::kAll, "all", "pooling.bookings.view_all"},
};

bool Offers(const ViewContext& ctx, ListView view) {
  switch (view) {
    case ListView::kMine: return OwnMember(ctx).has_value();
    case ListView::kToApprove: return OwnMember(ctx).has_value() || IsCoordinator(ctx);
    case ListView::kAll: return !OwnMember(ctx).has_value() || IsCoordinator(ctx);
  }
  return false;
}

std::string BookingsListHref(const ViewContext& ctx, const char* view, const std::string& status,
                             const std::optional<ResourceId>& resource, int page) {
  std::string href = BookingsHref(ctx.hub) + "?view=" + view;
  if (!status.empty()) href += "&status=" + http::UrlEncode(status);
  if (resource) href += "&resource=" + std::to_string(resource->value);
  if (page > 1) href += "&page=" + std::to_string(page);
  return href;
}

Response BookingsPage(Request& req, const ViewContext& ctx) {
  const std::string view_code = std::string(Trim(req.Query("view").value_or("")));
  ListView view_kind = OwnMember(ctx) ? ListView::kMine : ListView::kAll;
  bool known = view_code.empty();
  for (const auto& choice : kListViews) {
    if (view_code == choice.code && Offers(ctx, choice.view)) {
      view_kind = choice.view;
      known = true;
    }
  }
  if (!known) return PageFail(ctx, req, Error::BadRequest("unknown view", {{"view", "validation.choice"}}));
  const std::string status = std::string(Trim(req.Query("status").value_or("")));
  BookingQuery query;
  query.per_page = kPerPage;
  if (!status.empty()) {
    auto parsed = ParseBookingStatus(status);
    if (!parsed) return PageFail(ctx, req, Error::BadRequest("unknown status", {{"status", "validation.choice"}}));
    query.statuses = {*parsed};
  }
  auto resource = PositiveQuery(req, "resource");
  if (!resource) return PageFail(ctx, req, resource.error());
  if (*resource) query.resource = ResourceId{**resource};
  auto page_number = PositiveQuery(req, "page");
  if (!page_number) return PageFail(ctx, req, page_number.error());
  if (*page_number) query.page = static_cast<int>(std::min<std::int64_t>(**page_number, 1'000'000));
  const char* view_param = "all";
  switch (view_kind) {
    case ListView::kMine:
      query.member = OwnMember(ctx);
      view_param = "mine";
      break;
    case ListView::kToApprove:
      query.statuses = {BookingStatus::kPending};
      if (!IsCoordinator(ctx)) query.owner = OwnMember(ctx);
      view_param = "approve";
      break;
    case ListView::kAll:
      break;
  }
  auto page = ctx.deps.pooling.ListBookings(ctx.actor, ctx.hub, query);
  if (!page) return PageFail(ctx, req, page.error());
  render::View view;
  AddPoolingLinks(view, ctx);
  SetText(view, "done_notice", DoneNotice(req, ctx));
  render::ViewList tabs;
  for (const auto& choice : kListViews) {
    if (!Offers(ctx, choice.view)) continue;
    render::View tab;
    tab.set("href", BookingsListHref(ctx, choice.code, "", query.resource, 1));
    tab.set("label", ctx.deps.shell.Translate(ctx.lang, choice.label_key));
    tab.set("current", choice.view == view_kind);
    tabs.push_back(std::move(tab));
  }
  view.set("tabs", tabs);
  view.set("view", view_param);
  render::ViewList statuses;
  statuses.push_back(Option("", ctx.deps.shell.Translate(ctx.lang, "pooling.status.any"), status.empty()));
  for (auto s : {BookingStatus::kPending, BookingStatus::kConfirmed, BookingStatus::kRefused, BookingStatus::kCancelled}) {
    statuses.push_back(Option(BookingStatusCode(s),
                              ctx.deps.shell.Translate(ctx.lang, std::string("pooling.status.") + BookingStatusCode(s)),
                              status == BookingStatusCode(s)));
  }
  view.set("status_options", statuses);
  view.set("show_status_filter", view_kind != ListView::kToApprove);
  view.set("has_resource_filter", query.resource.has_value());
  view.set("resource_id", query.resource ? std::to_string(query.resource->value) : "");
  render::ViewList items;
  for (const auto& booking : page->items) items.push_back(BookingView(booking, ctx));
  view.set("bookings", items);
  view.set("has_bookings", !items.empty());
  view.set("total", std::to_string(page->total));
  const std::int64_t per_page = std::max(page->per_page, 1);
  const std::int64_t pages = std::max<std::int64_t>(1, (page->total + per_page - 1) / per_page);
  view.set("page", std::to_string(page->page));
  view.set("pages", std::to_string(pages));
  view.set("show_pagination", pages > 1 || page->page > 1);
  view.set("has_prev", page->page > 1);
  view.set("prev_href", BookingsListHref(ctx, view_param, status, query.resource,
                                         static_cast<int>(std::min<std::int64_t>(page->page - 1, pages))));
  view.set("has_next", page->page < pages);
  view.set("next_href", BookingsListHref(ctx, view_param, status, query.resource, page->page + 1));
  view.set("next", req.target);
  return ctx.deps.shell.Page(req, "pooling/booking_list", std::move(view), "pooling.bookings.title", &ctx.hub);
}

Response BookingPage(Request& req, const ViewContext& ctx) {
  auto id = BookingIdParam(req);
  if (!id) return PageFail(ctx, req, id.error());
  auto booking = ctx.deps.pooling.GetBooking(ctx.actor, ctx.hub, *id);
  if (!booking) return PageFail(ctx, req, booking.error());
  render::View view;
  AddPoolingLinks(view, ctx);
  SetText(view, "done_notice", DoneNotice(req, ctx));
  view.set("booking", BookingView(*booking, ctx));
  view.set("next", BookingHref(ctx.hub, *id));
  view.set("booking_calendar_href", CalendarHref(ctx.hub) + "?resource=" + std::to_string(booking->resource.value) +
                                        "&date=" + FormatIsoDate(HubZone(ctx.hub)->ToLocal(booking->starts_at).date));
  std::string title = booking->title.empty() ? booking->resource_name : booking->title;
  return ctx.deps.shell.PageTitled(req, "pooling/booking_detail", std::move(view), title, &ctx.hub);
}

// Where a decision form returns: its `next` field when it is a pooling page of this hub,
// else the booking's page.
std::string ReturnTo(const ViewContext& ctx, const http::FormFields& form, BookingId id, const char* done) {
  std::string next = FormText(form, "next");
  const std::string prefix = PoolingHref(ctx.hub) + "/";
  if (!IsSafeReturnTarget(next, prefix)) next = BookingHref(ctx.hub, id);
  // Replace any earlier notice, keep the rest of the query.
  auto hash = next.find('#');
  if (hash != std::string::npos) next.erase(hash);
  auto done_at = next.find("done=");
  if (done_at != std::string::npos) {
    auto end = next.find('&', done_at);
    next.erase(done_at, end == std::string::npos ? std::string::npos : end - done_at + 1);
    while (!next.empty() && (next.back() == '&' || next.back() == '?')) next.pop_back();
  }
  return next + (next.find('?') == std::string::npos ? "?" : "&") + "done=" + done;
}

enum class Decision { kApprove, kRefuse, kCancel };

HubHandler DecisionPage(Decision decision) {
  return [decision](Request& req, const ViewContext& ctx) -> Response {
    auto id = BookingIdParam(req);
    if (!id) return PageFail(ctx, req, id.error());
    auto form = cw::ParseForm(req);
    if (!form) return PageFail(ctx, req, form.error());
    const std::string reason = FormText(*form, "reason");
    Result<Booking> booking = decision == Decision::kApprove
                                  ? ctx.deps.pooling.ApproveBooking(ctx.actor, ctx.hub, *id)
                              : decision == Decision::kRefuse
                                  ? ctx.deps.pooling.RefuseBooking(ctx.actor, ctx.hub, *id, reason)
                                  : ctx.deps.pooling.CancelBooking(ctx.actor, ctx.hub, *id, reason);
    if (!booking) return PageFail(ctx, req, booking.error());
    const char* done = decision == Decision::kApprove ? "approved" : decision == Decision::kRefuse ? "refused" : "cancelled";
    return Response::Redirect(ReturnTo(ctx, *form, *id, done));
  };
}

// ---- calendar --------------------------------------------------------------------------------------

struct CalendarSubject {
  std::optional<ResourceId> resource;
  std::optional<MemberId> member;
};

Result<CalendarSubject> ParseSubject(const Request& req) {
  CalendarSubject subject;
  auto resource = PositiveQuery(req, "resource");
  if (!resource) return resource.error();
  if (*resource) subject.resource = ResourceId{**resource};
  auto member = PositiveQuery(req, "member");
  if (!member) return member.error();
  if (*member) subject.member = MemberId{**member};
  if (subject.resource && subject.member) {
    return Error::BadRequest("give resource or member, not both", {{"member", "validation.choice"}});
  }
  return subject;
}

Response CalendarPage(Request& req, const ViewContext& ctx) {
  auto subject = ParseSubject(req);
  if (!subject) return PageFail(ctx, req, subject.error());
  // Members see their organisation's calendar unless they pick another.
  if (!subject->resource && !subject->member && OwnMember(ctx) && !req.Query("all")) subject->member = OwnMember(ctx);
  render::View view;
  AddPoolingLinks(view, ctx);
  SetText(view, "done_notice", DoneNotice(req, ctx));
  std::string title = ctx.deps.shell.Translate(ctx.lang, "pooling.calendar.title");
  std::string events_url = CalendarHref(ctx.hub) + "/events";
  BookingQuery upcoming;
  if (subject->resource) {
    auto resource = ctx.deps.pooling.GetResource(ctx.actor, ctx.hub, *subject->resource);
    if (!resource) return PageFail(ctx, req, resource.error());
    title += " — " + resource->name;
    view.set("subject_name", resource->name);
    view.set("subject_href", ResourceHref(ctx.hub, resource->id));
    events_url += "?resource=" + std::to_string(resource->id.value);
    upcoming.resource = resource->id;
    view.set("feed", FeedBoxView(req, ctx, FeedSubject{.resource = resource->id},
                                 IsCoordinator(ctx) || (resource->owner && OwnMember(ctx) == resource->owner)));
  } else if (subject->member) {
    std::string name;
    if (ctx.deps.member_choices) {
      for (const auto& [id, member_name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
        if (id == subject->member->value) name = member_name;
      }
    }
    if (name.empty()) return PageFail(ctx, req, Error::NotFound("member"));
    title += " — " + name;
    view.set("subject_name", name);
    events_url += "?member=" + std::to_string(subject->member->value);
    upcoming.member = subject->member;
    view.set("feed", FeedBoxView(req, ctx, FeedSubject{.member = subject->member}, true));
  }
  view.set("has_subject", subject->resource || subject->member);
  view.set("next", req.target);
  view.set("events_url", events_url);
  view.set("calendar_locale", ctx.lang);
  view.set("show_calendar", true);
  // ?date=YYYY-MM-DD opens the calendar on that day's week.
  if (auto date = ParseDate(std::string(Trim(req.Query("date").value_or(""))))) {
    view.set("initial_date", FormatIsoDate(*date));
  }
  // The pickers: bookable resources and member organisations.
  ResourceQuery resources_query;
  resources_query.per_page = 200;
  auto resources = ctx.deps.pooling.ListResources(ctx.actor, ctx.hub, resources_query);
  render::ViewList resource_options;
  if (resources.ok()) {
    for (const auto& r : resources->items) {
      if (!IsSchedulable(r.kind)) continue;
      resource_options.push_back(Option(std::to_string(r.id.value), r.name, subject->resource == r.id));
    }
  }
  view.set("resource_options", resource_options);
  view.set("member_options", MemberOptions(ctx, subject->member ? std::to_string(subject->member->value) : ""));
  view.set("all_href", CalendarHref(ctx.hub) + "?all=1");
  // The next bookings as a list: the calendar without JavaScript, and on paper.
  upcoming.statuses = {BookingStatus::kPending, BookingStatus::kConfirmed};
  upcoming.from = WallNow();
  upcoming.to = Timestamp{WallNow().unix_seconds + 31 * 24 * 3600};
  upcoming.per_page = 100;
  auto bookings = ctx.deps.pooling.ListBookings(ctx.actor, ctx.hub, upcoming);
  if (!bookings) return PageFail(ctx, req, bookings.error());
  render::ViewList items;
  for (const auto& booking : bookings->items) items.push_back(BookingView(booking, ctx));
  view.set("bookings", items);
  view.set("has_bookings", !items.empty());
  return ctx.deps.shell.PageTitled(req, "pooling/calendar", std::move(view), title, &ctx.hub);
}

// The day of a FullCalendar bound ("2026-11-23", "2026-11-23T00:00:00Z", with an offset...).
std::optional<Date> BoundDay(const std::optional<std::string>& text) {
  if (!text || text->size() < 10) return std::nullopt;
  return ParseDate(std::string_view(*text).substr(0, 10));
}

// GET .../calendar/events?start=&end=&resource=|member=: the bookings of the window as
// FullCalendar events, in the hub's wall-clock time (the calendar runs in "UTC" so that it
// shows those readings as they are, whatever the browser's zone).
Response CalendarEvents(Request& req, const ViewContext& ctx) {
  auto subject = ParseSubject(req);
  if (!subject) return ApiFail(ctx, req, subject.error());
  auto from_day = BoundDay(req.Query("start"));
  auto to_day = BoundDay(req.Query("end"));
  if (!from_day) return ApiFail(ctx, req, Error::BadRequest("start is required", {{"start", "validation.date"}}));
  if (!to_day) return ApiFail(ctx, req, Error::BadRequest("end is required", {{"end", "validation.date"}}));
  if (DaysSinceEpoch(*to_day) < DaysSinceEpoch(*from_day) || DaysSinceEpoch(*to_day) - DaysSinceEpoch(*from_day) > 400) {
    return ApiFail(ctx, req, Error::BadRequest("window too large", {{"end", "validation.date_order"}}));
  }
  auto zone = HubZone(ctx.hub);
  BookingQuery query;
  query.resource = subject->resource;
  query.member = subject->member;
  query.statuses = {BookingStatus::kPending, BookingStatus::kConfirmed};
  // A day of margin each side: the zone's offset is under a day.
  query.from = Timestamp{DaysSinceEpoch(*from_day) * 86400 - 86400};
  query.to = Timestamp{DaysSinceEpoch(*to_day) * 86400 + 86400};
  query.per_page = 1000;
  json events = json::array();
  for (int page = 1; page <= 5; ++page) {
    query.page = page;
    auto result = ctx.deps.pooling.ListBookings(ctx.actor, ctx.hub, query);
    if (!result) return ApiFail(ctx, req, result.error());
    for (const auto& b : result->items) {
      std::string title;
      if (subject->resource) title = b.member_name;
      else if (subject->member) title = b.resource_name;
      else title = b.resource_name + " — " + b.member_name;
      if (!b.title.empty()) title += " · " + b.title;
      const bool pending = b.status == BookingStatus::kPending;
      if (pending) title = "(" + ctx.deps.shell.Translate(ctx.lang, "pooling.status.pending") + ") " + title;
      json classes = json::array({"pooling-event"});
      if (pending) classes.push_back("pooling-event-pending");
      events.push_back({
          {"id", std::to_string(b.id.value)},
          {"title", title},
          {"start", LocalIso(b.starts_at, *zone) + ":00"},
          {"end", LocalIso(b.ends_at, *zone) + ":00"},
          {"url", BookingHref(ctx.hub, b.id)},
          {"classNames", classes},
          {"extendedProps",
           {{"status", BookingStatusCode(b.status)},
            {"resource", b.resource_name},
            {"member", b.member_name},
            {"starts_at", FormatIsoUtc(b.starts_at)},
            {"ends_at", FormatIsoUtc(b.ends_at)}}},
      });
    }
    if (static_cast<std::int64_t>(page) * query.per_page >= result->total) break;
  }
  auto res = cw::JsonResponse(events);
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

// ---- JSON API ---------------------------------------------------------------------------------------

Response ListBookingsApi(Request& req, const ViewContext& ctx) {
  auto zone = HubZone(ctx.hub);
  auto query = ParseBookingQuery(req, *zone);
  if (!query) return ApiFail(ctx, req, query.error());
  auto page = ctx.deps.pooling.ListBookings(ctx.actor, ctx.hub, *query);
  if (!page) return ApiFail(ctx, req, page.error());
  json items = json::array();
  for (const auto& booking : page->items) items.push_back(BookingJson(booking, *zone));
  return cw::JsonResponse(
      {{"items", items}, {"total", page->total}, {"page", page->page}, {"per_page", page->per_page}});
}

// 201 with the bookings made; 200 with the occurrences for a preview; 409 with the
// conflicts when an occurrence collides (nothing booked); 422 with the failing rule.
Response CreateBookingApi(Request& req, const ViewContext& ctx) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return ApiFail(ctx, req, body.error());
  auto mode_text = cw::JsonText(*body, "mode");
  if (!mode_text) return ApiFail(ctx, req, mode_text.error());
  auto mode = ParseMode(*mode_text);
  if (!mode) return ApiFail(ctx, req, mode.error());
  auto input = BookingInputFromJson(*body);
  if (!input) return ApiFail(ctx, req, input.error());
  auto outcome = ctx.deps.pooling.BookResource(ctx.actor, ctx.hub, *input, *mode);
  if (!outcome) return ApiFail(ctx, req, outcome.error());
  auto zone = HubZone(ctx.hub);
  json occurrences = json::array();
  json conflicts = json::array();
  for (const auto& occurrence : outcome->occurrences) {
    occurrences.push_back(OccurrenceJson(occurrence, *zone));
    if (occurrence.Conflicted()) conflicts.push_back(ConflictJson(occurrence, *zone));
  }
  if (*mode == BookingMode::kPreview) {
    return cw::JsonResponse({{"occurrences", occurrences}, {"conflicts", conflicts}});
  }
  if (outcome->conflicted || outcome->created.empty()) {
    Error error = Error::Conflict("the slot is already booked");
    auto res = ctx.deps.shell.JsonError(req, error);
    json doc = json::parse(res.body, nullptr, false);
    if (!doc.is_object()) doc = json::object();
    doc["conflicts"] = conflicts;
    return cw::JsonResponse(doc, 409);
  }
  json items = json::array();
  for (const auto& booking : outcome->created) items.push_back(BookingJson(booking, *zone));
  json doc = {{"items", items}, {"occurrences", occurrences}, {"conflicts", conflicts},
              {"skipped", static_cast<std::int64_t>(outcome->occurrences.size() - outcome->created.size())}};
  auto res = cw::JsonResponse(doc, 201);
  res.SetHeader("Location", ApiBookingHref(ctx.hub, outcome->created.front().id));
  return res;
}

Response GetBookingApi(Request& req, const ViewContext& ctx) {
  auto id = BookingIdParam(req);
  if (!id) return ApiFail(ctx, req, id.error());
  auto booking = ctx.deps.pooling.GetBooking(ctx.actor, ctx.hub, *id);
  if (!booking) return ApiFail(ctx, req, booking.error());
  return cw::JsonResponse(BookingJson(*booking, *HubZone(ctx.hub)));
}

HubHandler DecisionApi(Decision decision) {
  return [decision](Request& req, const ViewContext& ctx) -> Response {
    auto id = BookingIdParam(req);
    if (!id) return ApiFail(ctx, req, id.error());
    std::string reason;
    if (decision != Decision::kApprove || !req.body.empty()) {
      auto body = cw::ParseJsonObject(req);
      if (!body) return ApiFail(ctx, req, body.error());
      auto text = cw::JsonText(*body, "reason");
      if (!text) return ApiFail(ctx, req, text.error());
      reason = text->value_or("");
    }
    Result<Booking> booking = decision == Decision::kApprove
                                  ? ctx.deps.pooling.ApproveBooking(ctx.actor, ctx.hub, *id)
                              : decision == Decision::kRefuse
                                  ? ctx.deps.pooling.RefuseBooking(ctx.actor, ctx.hub, *id, reason)
                                  : ctx.deps.pooling.CancelBooking(ctx.actor, ctx.hub, *id, reason);
    if (!booking) return ApiFail(ctx, req, booking.error());
    return cw::JsonResponse(BookingJson(*booking, *HubZone(ctx.hub)));
  };
}

}  // namespace

void RegisterBookingRoutes(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](HubHandler handler) { return WithHub(deps, Answer::kPage, std::move(handler)); };
  auto api = [&deps](HubHandler handler) { return WithHub(deps, Answer::kJson, std::move(handler)); };

  const std::string pages = "/hubs/{hub}/pooling";
  router.Add(Method::kGet, pages + "/resources/{resource}/book", page(NewBookingPage));
  router.Add(Method::kPost, pages + "/resources/{resource}/book", page(BookPage));
  router.Add(Method::kGet, pages + "/bookings", page(BookingsPage));
  router.Add(Method::kGet, pages + "/bookings/{booking}", page(BookingPage));
  router.Add(Method::kPost, pages + "/bookings/{booking}/approve", page(DecisionPage(Decision::kApprove)));
  router.Add(Method::kPost, pages + "/bookings/{booking}/refuse", page(DecisionPage(Decision::kRefuse)));
  router.Add(Method::kPost, pages + "/bookings/{booking}/cancel", page(DecisionPage(Decision::kCancel)));
  router.Add(Method::kGet, pages + "/calendar", page(CalendarPage));
  router.Add(Method::kGet, pages + "/calendar/events", api(CalendarEvents));

  const std::string apis = "/api/v1/hubs/{hub}/pooling/bookings";
  router.Add(Method::kGet, apis, api(ListBookingsApi));
  router.Add(Method::kPost, apis, api(CreateBookingApi));
  router.Add(Method::kGet, apis + "/{booking}", api(GetBookingApi));
  router.Add(Method::kPost, apis + "/{booking}/approve", api(DecisionApi(Decision::kApprove)));
  router.Add(Method::kPost, apis + "/{booking}/refuse", api(DecisionApi(Decision::kRefuse)));
  router.Add(Method::kPost, apis + "/{booking}/cancel", api(DecisionApi(Decision::kCancel)));
}

}  // namespace coopole::pooling::web
