// Project reviews: the list (with the creation form), the session page (agenda, decisions,
// follow-ups, minutes; printable), and the same as JSON under .../cooperation/reviews.
#include <set>

#include "projects_web_internal.h"

namespace coopole::cooperation::web::projects_web {
namespace {

// How many suggestions the review page offers for the agenda.
constexpr int kSuggestionsToDiscuss = 8;

namespace cw = coopole::web;
using http::Method;
using http::Request;
using http::Response;

bool IsFormError(const Error& e) { return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict; }

void AddNav(render::View& view, const ViewContext& ctx) {
  view.set("coop_base", CoopBase(ctx.hub));
  view.set("is_coordinator", IsCoordinator(ctx));
}

Response ListPage(const Request& req, const ViewContext& ctx, const Fields& input, const Error* error) {
  auto reviews = ctx.deps.projects.ListReviews(ctx.actor, ctx.hub);
  if (!reviews) return PageFail(ctx, req, reviews.error());
  render::View view;
  AddNav(view, ctx);
  render::ViewList items;
  for (const auto& r : *reviews) items.push_back(ReviewView(ctx, r, false));
  view.set("reviews", items);
  view.set("has_reviews", !items.empty());
  auto get = [&](const std::string& k) {
    auto it = input.find(k);
    return it == input.end() ? std::string() : it->second;
  };
  view.set("new_title", get("title"));
  view.set("new_held_on", get("held_on"));
  view.set("new_attendees", get("attendees"));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.reviews.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.Page(req, "cooperation/review_list", std::move(view), "cooperation.reviews.title", &ctx.hub,
                             status);
}

Response List(Request& req, const ViewContext& ctx) { return ListPage(req, ctx, {}, nullptr); }

Response Create(Request& req, const ViewContext& ctx) {
  auto input = FormInput(req);
  if (!input) return PageFail(ctx, req, input.error());
  auto review = ctx.deps.projects.CreateReview(ctx.actor, ctx.hub, *input);
  if (!review) {
    if (IsFormError(review.error())) return ListPage(req, ctx, *input, &review.error());
    return PageFail(ctx, req, review.error());
  }
  return Response::Redirect(CoopBase(ctx.hub) + "/reviews/" + std::to_string(review->id.value));
}

// For the coordinator preparing or holding the session: the hub's best cooperation
// suggestions not yet on the agenda, each with its reasons and a button that adds it as an
// item (title, members concerned, suggestion key).
void AddSuggestionsToDiscuss(render::View& view, const ViewContext& ctx, const Review& review) {
  if (review.status == "closed") return;
  if (!IsCoordinator(ctx)) return;
  auto suggestions = ctx.deps.board.Suggestions(ctx.actor, ctx.hub, {.limit = kSuggestionsToDiscuss + 10});
  if (!suggestions) return;
  std::set<std::string> on_agenda;
  for (const auto& item : review.items)
    if (!item.suggestion_key.empty()) on_agenda.insert(item.suggestion_key);
  render::ViewList rows;
  for (const auto& s : suggestions->items) {
    if (on_agenda.count(s.key) || static_cast<int>(rows.size()) >= kSuggestionsToDiscuss) continue;
    std::string names, ids, reasons;
    for (std::size_t i = 0; i < s.members.size(); ++i) {
      names += (i ? ", " : "") + (i < s.member_names.size() ? s.member_names[i] : std::string());
      ids += (i ? "," : "") + std::to_string(s.members[i].value);
    }
    for (const auto& r : s.reasons) {
      if (!reasons.empty()) reasons += " ";
      reasons += ExplainReason(r, [&](const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); });
    }
    render::View row;
    row.set("key", s.key);
    row.set("title", s.title);
    row.set("score", std::to_string(s.score));
    row.set("members", names);
    row.set("member_ids", ids);
    row.set("reasons", reasons);
    rows.push_back(row);
  }
  view.set("has_suggestions_to_discuss", !rows.empty());
  view.set("suggestions_to_discuss", rows);
}

Response SessionPage(const Request& req, const ViewContext& ctx, ReviewId id, const Error* error) {
  auto review = ctx.deps.projects.GetReview(ctx.actor, ctx.hub, id);
  if (!review) return PageFail(ctx, req, review.error());
  render::View view = ReviewView(ctx, *review, true);
  AddNav(view, ctx);
  // The hub's active projects for the agenda picker.
  auto projects = ctx.deps.projects.ListProjects(ctx.actor, ctx.hub, {});
  render::ViewList options;
  if (projects)
    for (const auto& p : *projects) {
      if (p.stage == Stage::kAbandoned) continue;
      render::View o;
      o.set("value", std::to_string(p.id.value));
      o.set("label", p.title);
      options.push_back(o);
    }
  view.set("project_options", options);
  view.set("member_options", MemberOptions(ctx, 0));
  AddSuggestionsToDiscuss(view, ctx, *review);
  view.set("action", CoopBase(ctx.hub) + "/reviews/" + std::to_string(id.value));
  int status = 200;
  if (error) {
    ctx.deps.shell.AddFieldErrors(view, *error, ctx.lang, "cooperation.reviews.field.");
    status = cw::StatusFor(error->code);
  }
  return ctx.deps.shell.PageTitled(req, "cooperation/review_detail", std::move(view), review->title, &ctx.hub, status);
}

Response Detail(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "review");
  if (!id) return PageFail(ctx, req, id.error());
  return SessionPage(req, ctx, ReviewId{*id}, nullptr);
}

using Command = std::function<Status(const ViewContext&, ReviewId, const Fields&, const Request&)>;

Handler SessionPost(Command command, std::string anchor) {
  return [command = std::move(command), anchor = std::move(anchor)](Request& req, const ViewContext& ctx) -> Response {
    auto id = PathId(req, "review");
    if (!id) return PageFail(ctx, req, id.error());
    auto input = FormInput(req);
    if (!input) return PageFail(ctx, req, input.error());
    auto done = command(ctx, ReviewId{*id}, *input, req);
    if (!done) {
      if (!IsFormError(done.error())) return PageFail(ctx, req, done.error());
      return SessionPage(req, ctx, ReviewId{*id}, &done.error());
    }
    return Response::Redirect(CoopBase(ctx.hub) + "/reviews/" + std::to_string(*id) + "#" + anchor);
  };
}

Status UpdateCommand(const ViewContext& c, ReviewId id, const Fields& in, const Request&) {
  auto version = VersionOf(in);
  if (!version) return version.error();
  auto updated = c.deps.projects.UpdateReview(c.actor, c.hub, id, *version, in);
  if (!updated) return updated.error();
  return OkStatus();
}

Status ItemCommand(const ViewContext& c, ReviewId id, const Fields& in, const Request&) {
  return c.deps.projects.AddReviewItem(c.actor, c.hub, id, in);
}

Status DecisionCommand(const ViewContext& c, ReviewId id, const Fields& in, const Request& req) {
  auto item = PathId(req, "item");
  if (!item) return item.error();
  return c.deps.projects.SetDecision(c.actor, c.hub, id, *item, in);
}

Status FollowUpCommand(const ViewContext& c, ReviewId id, const Fields& in, const Request& req) {
  auto item = PathId(req, "item");
  if (!item) return item.error();
  return c.deps.projects.AddFollowUp(c.actor, c.hub, id, *item, in);
}

Status DoneCommand(const ViewContext& c, ReviewId id, const Fields& in, const Request& req) {
  auto follow_up = PathId(req, "follow_up");
  if (!follow_up) return follow_up.error();
  return c.deps.projects.CompleteFollowUp(c.actor, c.hub, id, *follow_up, in);
}

// ---- API ----

Response ApiList(Request& req, const ViewContext& ctx) {
  auto reviews = ctx.deps.projects.ListReviews(ctx.actor, ctx.hub);
  if (!reviews) return ApiFail(ctx, req, reviews.error());
  json items = json::array();
  for (const auto& r : *reviews) items.push_back(ReviewJson(r, false));
  return cw::JsonResponse({{"items", items}, {"total", items.size()}});
}

Response Whole(const Request& req, const ViewContext& ctx, ReviewId id, int status) {
  auto review = ctx.deps.projects.GetReview(ctx.actor, ctx.hub, id);
  if (!review) return ApiFail(ctx, req, review.error());
  return cw::JsonResponse(ReviewJson(*review, true), status);
}

Response ApiCreate(Request& req, const ViewContext& ctx) {
  auto input = JsonInput(req);
  if (!input) return ApiFail(ctx, req, input.error());
  auto review = ctx.deps.projects.CreateReview(ctx.actor, ctx.hub, *input);
  if (!review) return ApiFail(ctx, req, review.error());
  auto res = Whole(req, ctx, review->id, 201);
  res.SetHeader("Location", ApiBase(ctx.hub) + "/reviews/" + std::to_string(review->id.value));
  return res;
}

Response ApiGet(Request& req, const ViewContext& ctx) {
  auto id = PathId(req, "review");
  if (!id) return ApiFail(ctx, req, id.error());
  return Whole(req, ctx, ReviewId{*id}, 200);
}

Handler ApiPost(Command command, int status) {
  return [command = std::move(command), status](Request& req, const ViewContext& ctx) -> Response {
    auto id = PathId(req, "review");
    if (!id) return ApiFail(ctx, req, id.error());
    Fields input;
    if (!req.body.empty()) {
      auto parsed = JsonInput(req);
      if (!parsed) return ApiFail(ctx, req, parsed.error());
      input = std::move(*parsed);
    }
    auto done = command(ctx, ReviewId{*id}, input, req);
    if (!done) return ApiFail(ctx, req, done.error());
    return Whole(req, ctx, ReviewId{*id}, status);
  };
}

}  // namespace

void RegisterReviewPages(http::Router& router, const Dependencies& deps) {
  auto page = [&deps](Handler h) { return WithHub(deps, Answer::kPage, std::move(h)); };
  const std::string base = "/hubs/{hub}/cooperation/reviews";
  const std::string one = base + "/{review}";
  router.Add(Method::kGet, base, page(List));
  router.Add(Method::kPost, base, page(Create));
  router.Add(Method::kGet, one, page(Detail));
  router.Add(Method::kPost, one, page(SessionPost(UpdateCommand, "minutes")));
  router.Add(Method::kPost, one + "/items", page(SessionPost(ItemCommand, "agenda")));
  router.Add(Method::kPost, one + "/items/{item}/decision", page(SessionPost(DecisionCommand, "agenda")));
  router.Add(Method::kPost, one + "/items/{item}/follow-ups", page(SessionPost(FollowUpCommand, "agenda")));
  router.Add(Method::kPost, one + "/follow-ups/{follow_up}/done", page(SessionPost(DoneCommand, "agenda")));
}

void RegisterReviewApi(http::Router& router, const Dependencies& deps) {
  auto api = [&deps](Handler h) { return WithHub(deps, Answer::kJson, std::move(h)); };
  const std::string base = "/api/v1/hubs/{hub}/cooperation/reviews";
  const std::string one = base + "/{review}";
  router.Add(Method::kGet, base, api(ApiList));
  router.Add(Method::kPost, base, api(ApiCreate));
  router.Add(Method::kGet, one, api(ApiGet));
  router.Add(Method::kPatch, one, api(ApiPost(UpdateCommand, 200)));
  router.Add(Method::kPost, one + "/items", api(ApiPost(ItemCommand, 201)));
  router.Add(Method::kPost, one + "/items/{item}/decision", api(ApiPost(DecisionCommand, 200)));
  router.Add(Method::kPost, one + "/items/{item}/follow-ups", api(ApiPost(FollowUpCommand, 201)));
  router.Add(Method::kPost, one + "/follow-ups/{follow_up}/done", api(ApiPost(DoneCommand, 200)));
}

}  // namespace coopole::cooperation::web::projects_web
