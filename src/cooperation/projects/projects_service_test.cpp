// Project and review use cases on SQLite and PostgreSQL: gates and their history, partners
// and hub isolation, stale edits, financing (public share), spreading, reviews.
#include <algorithm>

#include "projects_test_fixture.h"

namespace coopole::cooperation {
namespace {

std::string FieldOf(const Error& e, const std::string& field) {
  auto it = e.fields.find(field);
  return it == e.fields.end() ? "" : it->second;
}

TEST_P(ProjectsTest, CreateStartsAtIdeaWithItsCreationInTheHistory) {
  auto p = NewProject();
  auto read = service_->GetProject(actor_, observer_, p.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->stage, Stage::kIdea);
  EXPECT_EQ(read->lead_name, "Atelier Vélo Solidaire");
  ASSERT_EQ(read->history.size(), 1u);
  EXPECT_EQ(read->history[0].to, "idea");
  EXPECT_EQ(read->history[0].user_name, "Claire");
}

TEST_P(ProjectsTest, CreateNeedsATitleAndALeadOfTheHub) {
  auto p = service_->CreateProject(actor_, coordinator_, {{"lead_member_id", Id(nordiste_)}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(p.error(), "title"), "validation.required");
  EXPECT_EQ(FieldOf(p.error(), "lead_member_id"), "validation.member");
  EXPECT_EQ(service_->ListProjects(actor_, coordinator_, {})->size(), 0u);
}

TEST_P(ProjectsTest, AMemberLeadsItsOwnProjectsOnlyAndObserversRead) {
  auto own = service_->CreateProject(actor_, MemberRole(recyclerie_), {{"title", "Atelier réemploi"}});
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(own->lead, recyclerie_);
  auto other = service_->CreateProject(actor_, MemberRole(recyclerie_),
                                       {{"title", "X"}, {"lead_member_id", Id(atelier_)}});
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->CreateProject(actor_, observer_, {{"title", "X"}}).error().code, ErrorCode::kPermissionDenied);
  auto p = NewProject();
  EXPECT_EQ(service_->UpdateProject(actor_, MemberRole(recyclerie_), p.id, 1, {{"title", "Y"}}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->UpdateProject(actor_, MemberRole(atelier_), p.id, 1, {{"title", "Y"}}).ok());
}

TEST_P(ProjectsTest, AGateWithUnmetCriteriaNeedsAReasonThenTheSkipIsInTheHistory) {
  auto p = NewProject("Cantine locale", "");
  auto refused = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "feasibility"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(refused.error(), "reason"), "cooperation.projects.error.reason_required");
  EXPECT_EQ(FieldOf(refused.error(), "criteria"), "summary");
  EXPECT_EQ(service_->GetProject(actor_, coordinator_, p.id)->stage, Stage::kIdea);  // nothing written

  auto too_long = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "feasibility"}, {"reason", std::string(5001, 'x')}});
  EXPECT_EQ(FieldOf(too_long.error(), "reason"), "validation.too_long");
  auto moved = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "feasibility"}, {"reason", "Résumé en cours"}});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  auto read = service_->GetProject(actor_, coordinator_, p.id);
  EXPECT_EQ(read->stage, Stage::kFeasibility);
  EXPECT_EQ(read->version, 2);
  ASSERT_EQ(read->history.size(), 2u);
  EXPECT_EQ(read->history[1].from, "idea");
  EXPECT_EQ(read->history[1].reason, "Résumé en cours");
  EXPECT_EQ(read->history[1].skipped, std::vector<std::string>{"summary"});
}

TEST_P(ProjectsTest, TheNextStepWithCriteriaMetNeedsNoReasonButSkippingDoes) {
  auto p = NewProject();
  EXPECT_TRUE(service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "feasibility"}}).ok());
  auto skip = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "running"}});
  EXPECT_EQ(FieldOf(skip.error(), "reason"), "cooperation.projects.error.reason_required");
  auto abandon = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "abandoned"}});
  EXPECT_EQ(FieldOf(abandon.error(), "reason"), "cooperation.projects.error.reason_required");
  auto done = service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "abandoned"}, {"reason", "Pas de financeur"}});
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(service_->GetProject(actor_, coordinator_, p.id)->abandon_reason, "Pas de financeur");
  EXPECT_EQ(FieldOf(service_->MoveStage(actor_, coordinator_, p.id, {{"stage", "nowhere"}}).error(), "stage"),
            "cooperation.projects.error.stage");
}

TEST_P(ProjectsTest, TheFullPipelineWithEveryGateMet) {
  auto p = NewProject();
  const auto id = p.id;
  ASSERT_TRUE(service_->MoveStage(actor_, coordinator_, id, {{"stage", "feasibility"}}).ok());
  ASSERT_TRUE(service_->AddPartner(actor_, coordinator_, id, {{"member_id", Id(traiteur_)}, {"role", "cuisine"}}).ok());
  ASSERT_TRUE(service_->AddBudgetLine(actor_, coordinator_, id, {{"label", "Camion"}, {"amount", "40000"}}).ok());
  ASSERT_TRUE(service_->MoveStage(actor_, coordinator_, id, {{"stage", "experiment"}}).ok());
  ASSERT_TRUE(service_->AddFunding(actor_, coordinator_, id,
                                   {{"funder", "Région"}, {"public", "1"}, {"amount", "30000"}, {"status", "agreed"}}).ok());
  auto short_plan = service_->MoveStage(actor_, coordinator_, id, {{"stage", "running"}});
  EXPECT_EQ(FieldOf(short_plan.error(), "criteria"), "financing,milestone");
  ASSERT_TRUE(service_->AddFunding(actor_, coordinator_, id, {{"funder", "Fondation"}, {"amount", "10000"}}).ok());
  ASSERT_TRUE(service_->AddMilestone(actor_, coordinator_, id, {{"title", "Achat du camion"}, {"due_on", "2027-03-01"}}).ok());
  ASSERT_TRUE(service_->MoveStage(actor_, coordinator_, id, {{"stage", "running"}}).ok());
  ASSERT_TRUE(service_->UpdateProject(actor_, coordinator_, id, 4, {{"jobs_fte", "1,5"}, {"jobs_insertion_fte", "1"}}).ok());
  ASSERT_TRUE(service_->MoveStage(actor_, coordinator_, id, {{"stage", "spreading"}}).ok());
  auto read = service_->GetProject(actor_, coordinator_, id);
  EXPECT_EQ(read->stage, Stage::kSpreading);
  EXPECT_EQ(read->jobs_fte_hundredths, 150);
  EXPECT_EQ(read->budget.cents, 4000000);
  EXPECT_EQ(read->history.size(), 5u);
  for (const auto& change : read->history) EXPECT_TRUE(change.skipped.empty());
}

TEST_P(ProjectsTest, APartnerOfAnotherHubIsNotFoundAndAProjectOfAnotherHubNeither) {
  auto p = NewProject();
  auto other = service_->AddPartner(actor_, coordinator_, p.id, {{"member_id", Id(nordiste_)}});
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetProject(actor_, coordinator_, p.id)->partners.size(), 0u);
  EXPECT_EQ(FieldOf(service_->AddPartner(actor_, coordinator_, p.id, {{"member_id", Id(atelier_)}}).error(), "member_id"),
            "cooperation.projects.error.partner_is_lead");
  EXPECT_EQ(service_->GetProject(actor_, other_hub_, p.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->MoveStage(actor_, other_hub_, p.id, {{"stage", "feasibility"}}).error().code, ErrorCode::kNotFound);
}

TEST_P(ProjectsTest, AStaleEditIsAConflictAndWritesNothing) {
  auto p = NewProject();
  ASSERT_TRUE(service_->UpdateProject(actor_, coordinator_, p.id, 1, {{"title", "Premier"}}).ok());
  auto stale = service_->UpdateProject(actor_, coordinator_, p.id, 1, {{"title", "Second"}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(stale.error(), "version"), "validation.stale");
  EXPECT_EQ(service_->GetProject(actor_, coordinator_, p.id)->title, "Premier");
}

TEST_P(ProjectsTest, APublicShareAboveTheMaximumIsRefused) {
  auto p = NewProject();
  ASSERT_TRUE(service_->AddBudgetLine(actor_, coordinator_, p.id, {{"label", "Étude"}, {"amount", "1000"}}).ok());
  auto refused = service_->AddFunding(actor_, coordinator_, p.id, {{"funder", "État"}, {"public", "1"}, {"amount", "800,01"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldOf(refused.error(), "amount"), "cooperation.projects.financing.public_share_exceeded");
  EXPECT_TRUE(service_->GetProject(actor_, coordinator_, p.id)->fundings.empty());
  // The project's own maximum applies.
  auto read = service_->GetProject(actor_, coordinator_, p.id);
  ASSERT_TRUE(service_->UpdateProject(actor_, coordinator_, p.id, read->version, {{"public_share_max", "90"}}).ok());
  EXPECT_TRUE(service_->AddFunding(actor_, coordinator_, p.id, {{"funder", "État"}, {"public", "1"}, {"amount", "900"}}).ok());
  EXPECT_EQ(FieldOf(service_->AddFunding(actor_, coordinator_, p.id, {{"funder", "X"}, {"amount", "-3"}}).error(), "amount"),
            "validation.amount");
}

TEST_P(ProjectsTest, AmountsAboveTheLimitAndDecimalPercentagesAre422) {
  auto p = NewProject();
  auto huge = service_->AddBudgetLine(actor_, coordinator_, p.id, {{"label", "Tout"}, {"amount", "100000000000,01"}});
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(FieldOf(huge.error(), "amount"), "validation.amount");
  EXPECT_TRUE(service_->AddBudgetLine(actor_, coordinator_, p.id, {{"label", "Tout"}, {"amount", "100000000000"}}).ok());
  auto funding = service_->AddFunding(actor_, coordinator_, p.id, {{"funder", "X"}, {"amount", "150000000000"}});
  EXPECT_EQ(FieldOf(funding.error(), "amount"), "validation.amount");
  // A whole percentage, with or without its sign; not a decimal one.
  auto read = service_->GetProject(actor_, coordinator_, p.id);
  auto decimal = service_->UpdateProject(actor_, coordinator_, p.id, read->version, {{"public_share_max", "12,5 %"}});
  EXPECT_EQ(FieldOf(decimal.error(), "public_share_max"), "cooperation.projects.error.percent");
  auto with_sign = service_->UpdateProject(actor_, coordinator_, p.id, read->version, {{"public_share_max", "70 %"}});
  ASSERT_TRUE(with_sign.ok()) << with_sign.error().message;
  EXPECT_EQ(with_sign->public_share_max_percent, 70);
  auto french = service_->UpdateProject(actor_, coordinator_, p.id, with_sign->version,
                                        {{"public_share_max", "75\xE2\x80\xAF%"}});
  ASSERT_TRUE(french.ok()) << french.error().message;
  EXPECT_EQ(french->public_share_max_percent, 75);
}

TEST_P(ProjectsTest, DocumentsAreHttpLinksAndSpreadingNamesAHubOrATerritory) {
  auto p = NewProject();
  EXPECT_EQ(FieldOf(service_->AddDocument(actor_, coordinator_, p.id, {{"title", "x"}, {"url", "javascript:alert(1)"}}).error(),
                    "url"),
            "validation.url");
  EXPECT_TRUE(service_->AddDocument(actor_, coordinator_, p.id, {{"title", "Étude"}, {"url", "https://example.org/e.pdf"}}).ok());
  EXPECT_EQ(FieldOf(service_->AddSpreading(actor_, coordinator_, p.id, {{"spread_on", "2027-01-01"}}).error(), "territory"),
            "cooperation.spreading.error.where");
  EXPECT_EQ(FieldOf(service_->AddSpreading(actor_, coordinator_, p.id,
                                           {{"target_hub", "pole-sud"}, {"spread_on", "2027-01-01"}}).error(),
                    "target_hub"),
            "cooperation.spreading.error.same_hub");
  ASSERT_TRUE(service_->AddSpreading(actor_, coordinator_, p.id,
                                     {{"target_hub", "pole-nord"}, {"spread_on", "2027-01-01"}, {"adaptations", "Plus petit"}}).ok());
  ASSERT_TRUE(service_->AddSpreading(actor_, coordinator_, p.id,
                                     {{"territory", "Trièves"}, {"commune_insee", "38225"}, {"spread_on", "2027-02-01"}}).ok());
  auto read = service_->GetProject(actor_, coordinator_, p.id);
  ASSERT_EQ(read->spreadings.size(), 2u);
  EXPECT_EQ(read->spreadings[0].target_hub_name, "Pôle Nord");
  EXPECT_EQ(read->spreadings[1].commune_insee, "38225");
  EXPECT_EQ(read->documents.size(), 1u);
}

TEST_P(ProjectsTest, ListFiltersByStageMemberAndWordsWithoutAccents) {
  auto a = NewProject("Cantine écologique", "repas locaux");
  auto b = NewProject("Recyclerie", "");
  ASSERT_TRUE(service_->AddPartner(actor_, coordinator_, b.id, {{"member_id", Id(traiteur_)}}).ok());
  EXPECT_EQ(service_->ListProjects(actor_, coordinator_, {.text = "ecologique"})->size(), 1u);
  EXPECT_EQ(service_->ListProjects(actor_, coordinator_, {.member = traiteur_})->at(0).id, b.id);
  EXPECT_EQ(service_->ListProjects(actor_, coordinator_, {.stage = Stage::kIdea})->size(), 2u);
  EXPECT_EQ(service_->ListProjects(actor_, other_hub_, {})->size(), 0u);
  (void)a;
}

TEST_P(ProjectsTest, AReviewWithDecisionsFollowUpsAndMinutes) {
  auto p = NewProject();
  EXPECT_EQ(service_->CreateReview(actor_, MemberRole(atelier_), {{"title", "R"}, {"held_on", "2026-11-30"}}).error().code,
            ErrorCode::kPermissionDenied);
  auto r = service_->CreateReview(actor_, coordinator_, {{"title", "Revue de novembre"}, {"held_on", "2026-11-30"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, "planned");
  ASSERT_TRUE(service_->AddReviewItem(actor_, coordinator_, r->id, {{"project_id", std::to_string(p.id.value)}}).ok());
  ASSERT_TRUE(service_->AddReviewItem(actor_, coordinator_, r->id,
                                      {{"title", "Mutualiser les achats"}, {"member_ids", Id(atelier_) + "," + Id(traiteur_)}}).ok());
  EXPECT_EQ(FieldOf(service_->AddReviewItem(actor_, coordinator_, r->id, {}).error(), "title"),
            "cooperation.reviews.error.item_subject");
  auto review = service_->GetReview(actor_, observer_, r->id);
  ASSERT_EQ(review->items.size(), 2u);
  const auto item = review->items[0].id;
  EXPECT_EQ(review->items[0].project_title, p.title);
  EXPECT_EQ(review->items[1].members.size(), 2u);
  ASSERT_TRUE(service_->SetDecision(actor_, coordinator_, r->id, item, {{"decision", "Lancer l'étude"}}).ok());
  ASSERT_TRUE(service_->AddFollowUp(actor_, coordinator_, r->id, item,
                                    {{"member_id", Id(traiteur_)}, {"what", "Chiffrer"}, {"due_on", "2026-11-20"}}).ok());
  ASSERT_TRUE(service_->AddFollowUp(actor_, coordinator_, r->id, item,
                                    {{"person", "Karim"}, {"what", "Appeler la Région"}, {"due_on", "2026-12-20"}}).ok());
  EXPECT_EQ(FieldOf(service_->AddFollowUp(actor_, coordinator_, r->id, item, {{"what", "x"}}).error(), "person"),
            "cooperation.reviews.error.who");
  auto updated = service_->UpdateReview(actor_, coordinator_, r->id, 1, {{"minutes", "Compte rendu"}, {"status", "held"}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(service_->UpdateReview(actor_, coordinator_, r->id, 1, {{"minutes", "x"}}).error().code, ErrorCode::kConflict);
  review = service_->GetReview(actor_, observer_, r->id);
  EXPECT_EQ(review->status, "held");
  EXPECT_EQ(review->items[0].decision, "Lancer l'étude");
  ASSERT_EQ(review->items[0].follow_ups.size(), 2u);
  EXPECT_TRUE(review->items[0].follow_ups[0].overdue);   // due 20/11, today 23/11
  EXPECT_FALSE(review->items[0].follow_ups[1].overdue);
  EXPECT_EQ(review->overdue_count, 1);
  EXPECT_EQ(service_->ListReviews(actor_, observer_)->at(0).overdue_count, 1);
  const auto follow_up = review->items[0].follow_ups[0].id;
  ASSERT_TRUE(service_->CompleteFollowUp(actor_, coordinator_, r->id, follow_up, {}).ok());
  EXPECT_EQ(service_->GetReview(actor_, observer_, r->id)->overdue_count, 0);
  EXPECT_EQ(service_->GetReview(actor_, other_hub_, r->id).error().code, ErrorCode::kNotFound);
  // Closed: the agenda is the record; follow-ups can still be completed.
  ASSERT_TRUE(service_->UpdateReview(actor_, coordinator_, r->id, 2, {{"status", "closed"}}).ok());
  EXPECT_EQ(service_->AddReviewItem(actor_, coordinator_, r->id, {{"title", "Trop tard"}}).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_->GetReview(actor_, observer_, r->id)->items.size(), 2u);
  ASSERT_TRUE(service_->CompleteFollowUp(actor_, coordinator_, r->id, review->items[0].follow_ups[1].id, {}).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectsTest, ::testing::ValuesIn(coopole::testing::TestDatabaseKinds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace coopole::cooperation
