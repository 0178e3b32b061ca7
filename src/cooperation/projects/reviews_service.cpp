// Use cases of project reviews: sessions, agenda items, decisions, follow-ups, minutes.
#include "coopole/cooperation/projects.h"
#include "projects_internal.h"
#include "store/projects_store.h"

namespace coopole::cooperation {
namespace {

using namespace projects_internal;

bool IsReviewStatus(std::string_view s) { return s == "planned" || s == "held" || s == "closed"; }

std::string ReviewAudit(const Review& r) {
  return AuditJson({{"id", r.id.value},
                    {"held_on", FormatIsoDate(r.held_on)},
                    {"title", r.title},
                    {"attendees", r.attendees},
                    {"minutes", r.minutes},
                    {"status", r.status},
                    {"version", r.version}});
}

// Applies the fields of a session (absent fields keep their value).
void ApplyReviewInput(const Fields& input, Review& r, FieldErrors& errors) {
  if (auto title = Field(input, "title")) r.title = *title;
  if (r.title.empty()) errors.emplace("title", "validation.required");
  else if (r.title.size() > 200) errors.emplace("title", "validation.too_long");
  if (auto held = Field(input, "held_on")) {
    if (held->empty()) errors.emplace("held_on", "validation.required");
    else if (auto date = DateField(input, "held_on", errors)) r.held_on = *date;
  }
  if (auto attendees = Field(input, "attendees")) r.attendees = *attendees;
  if (r.attendees.size() > 5000) errors.emplace("attendees", "validation.too_long");
  if (auto minutes = Field(input, "minutes")) r.minutes = *minutes;
  if (r.minutes.size() > 50000) errors.emplace("minutes", "validation.too_long");
  if (auto status = Field(input, "status")) {
    if (!IsReviewStatus(*status)) errors.emplace("status", "cooperation.reviews.error.status");
    else r.status = *status;
  }
}

Result<Review> Writable(db::Transaction& tx, const Actor& actor, const HubContext& hub, ReviewId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto review = store::FindReview(tx, hub.hub.id, id);
  if (!review) return Error::NotFound("review");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  return *review;
}

void Audit(identity::IdentityService& identity, db::Transaction& tx, const Actor& actor, const HubContext& hub,
           const char* action, ReviewId id, const nlohmann::json& after) {
  identity.RecordAudit(tx, actor, {hub.hub.id, action, "project_review", id.value, "", AuditJson(after)});
}

}  // namespace

Result<std::vector<Review>> ProjectService::ListReviews(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListReviews(tx, hub.hub.id, TodayIn(clock_, hub));
}

Result<Review> ProjectService::GetReview(const Actor& actor, const HubContext& hub, ReviewId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto review = store::FindReview(tx, hub.hub.id, id);
  if (!review) return Error::NotFound("review");
  store::LoadItems(tx, *review, TodayIn(clock_, hub));
  return *review;
}

Result<Review> ProjectService::CreateReview(const Actor& actor, const HubContext& hub, const Fields& input) {
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  Review r;
  r.hub = hub.hub.id;
  r.status = "planned";
  FieldErrors errors;
  if (!Field(input, "held_on")) errors.emplace("held_on", "validation.required");
  ApplyReviewInput(input, r, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  r.created_at = r.updated_at = clock_.Now();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  r.id = store::InsertReview(tx, r);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "project_review", r.id.value, "", ReviewAudit(r)});
  tx.Commit();
  return r;
}

Result<Review> ProjectService::UpdateReview(const Actor& actor, const HubContext& hub, ReviewId id,
                                            std::int64_t expected_version, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = Writable(tx, actor, hub, id);
  if (!current) return current.error();
  if (current->version != expected_version) return Stale("review");
  Review r = *current;
  FieldErrors errors;
  ApplyReviewInput(input, r, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  r.updated_at = clock_.Now();
  if (!store::UpdateReview(tx, r, expected_version)) return Stale("review");
  r.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "project_review", id.value, ReviewAudit(*current),
                                    ReviewAudit(r)});
  tx.Commit();
  return r;
}

Status ProjectService::AddReviewItem(const Actor& actor, const HubContext& hub, ReviewId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto review = Writable(tx, actor, hub, id);
  if (!review) return review.error();
  // A closed session's agenda is its record: what was not discussed goes to the next one.
  if (review->status == "closed") return Error{ErrorCode::kFailedPrecondition, "the review is closed", {}};
  FieldErrors errors;
  ReviewItem item;
  if (auto project = IdField(input, "project_id", errors)) {
    auto found = store::FindProject(tx, hub.hub.id, ProjectId{*project});
    if (!found || found->stage == Stage::kAbandoned) errors.emplace("project_id", "cooperation.reviews.error.project");
    else item.project = found->id;
  } else if (errors.count("project_id")) {
    errors["project_id"] = "cooperation.reviews.error.project";
  }
  if (auto title = Field(input, "title")) item.title = *title;
  if (item.title.size() > 300) errors.emplace("title", "validation.too_long");
  if (!item.project && item.title.empty() && !errors.count("project_id"))
    errors.emplace("title", "cooperation.reviews.error.item_subject");
  item.suggestion_key = Field(input, "suggestion_key").value_or("");
  if (item.suggestion_key.size() > 200) errors.emplace("suggestion_key", "validation.too_long");
  for (const auto& part : Split(Field(input, "member_ids").value_or(""), ',')) {
    const auto text = std::string(Trim(part));
    if (text.empty()) continue;
    char* end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 10);
    if (end == text.c_str() || *end != '\0' || n <= 0 || !MemberNameIn(directory_, tx, hub.hub.id, MemberId{n})) {
      errors.emplace("member_ids", "validation.member");
      break;
    }
    item.members.push_back(MemberId{n});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  item.id = store::InsertItem(tx, id, item);
  Audit(identity_, tx, actor, hub, "add_item", id,
        {{"item_id", item.id}, {"project_id", item.project ? item.project->value : 0}, {"title", item.title}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::SetDecision(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t item,
                                   const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto review = Writable(tx, actor, hub, id);
  if (!review) return review.error();
  const std::string decision = Field(input, "decision").value_or("");
  if (decision.size() > 5000) return FieldError("decision", "validation.too_long");
  if (!store::SetDecision(tx, id, item, decision)) return Error::NotFound("agenda item");
  Audit(identity_, tx, actor, hub, "decide", id, {{"item_id", item}, {"decision", decision}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddFollowUp(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t item,
                                   const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto review = Writable(tx, actor, hub, id);
  if (!review) return review.error();
  if (!store::ItemExists(tx, id, item)) return Error::NotFound("agenda item");
  FieldErrors errors;
  FollowUp f;
  if (auto member = IdField(input, "member_id", errors)) {
    if (MemberNameIn(directory_, tx, hub.hub.id, MemberId{*member})) f.member = MemberId{*member};
    else errors.emplace("member_id", "validation.member");
  }
  f.person = Field(input, "person").value_or("");
  if (f.person.size() > 200) errors.emplace("person", "validation.too_long");
  if (!f.member && f.person.empty() && !errors.count("member_id"))
    errors.emplace("person", "cooperation.reviews.error.who");
  f.what = Field(input, "what").value_or("");
  if (f.what.empty()) errors.emplace("what", "validation.required");
  else if (f.what.size() > 2000) errors.emplace("what", "validation.too_long");
  f.due_on = DateField(input, "due_on", errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  f.id = store::InsertFollowUp(tx, id, item, f);
  Audit(identity_, tx, actor, hub, "add_follow_up", id,
        {{"follow_up_id", f.id}, {"item_id", item}, {"member_id", f.member ? f.member->value : 0},
         {"person", f.person}, {"what", f.what}, {"due_on", f.due_on ? FormatIsoDate(*f.due_on) : ""}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::CompleteFollowUp(const Actor& actor, const HubContext& hub, ReviewId id,
                                        std::int64_t follow_up, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto review = Writable(tx, actor, hub, id);
  if (!review) return review.error();
  FieldErrors errors;
  auto done = DateField(input, "done_on", errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const Date on = done.value_or(TodayIn(clock_, hub));
  if (!store::CompleteFollowUp(tx, id, follow_up, on)) return Error::NotFound("follow-up");
  Audit(identity_, tx, actor, hub, "complete_follow_up", id, {{"follow_up_id", follow_up}, {"done_on", FormatIsoDate(on)}});
  tx.Commit();
  return OkStatus();
}

}  // namespace coopole::cooperation
