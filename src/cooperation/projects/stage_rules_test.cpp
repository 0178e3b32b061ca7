// The stage gates and the co-financing checks.
#include "stage_rules.h"

#include <gtest/gtest.h>

namespace coopole::cooperation::rules {
namespace {

using Strings = std::vector<std::string>;

GateFacts Ready() {
  GateFacts f;
  f.has_lead = f.has_summary = true;
  f.partners = 2;
  f.expenses = Money{100000};
  f.resources = Money{100000};
  f.agreed_funders = 1;
  f.milestones = 1;
  f.jobs_recorded = true;
  return f;
}

TEST(StageCodes, RoundTripAndRejectUnknown) {
  for (Stage s : PipelineStages()) EXPECT_EQ(ParseStage(StageCode(s)), s);
  EXPECT_EQ(ParseStage("abandoned"), Stage::kAbandoned);
  EXPECT_FALSE(ParseStage("done").has_value());
  EXPECT_EQ(PipelineStages().size(), 5u);
}

TEST(Gates, LeavingIdeaNeedsALeadAndASummary) {
  GateFacts f;
  EXPECT_EQ(GateCriteria(Stage::kFeasibility, f), (Strings{"lead", "summary"}));
  f.has_lead = f.has_summary = true;
  EXPECT_TRUE(GateCriteria(Stage::kFeasibility, f).empty());
}

TEST(Gates, ExperimentNeedsAPartnerAndABudget) {
  GateFacts f = Ready();
  f.partners = 0;
  f.expenses = Money{0};
  EXPECT_EQ(GateCriteria(Stage::kExperiment, f), (Strings{"partner", "budget"}));
}

TEST(Gates, RunningNeedsFinancingCoveringTheBudgetAnAgreedFunderAndAMilestone) {
  GateFacts f = Ready();
  EXPECT_TRUE(GateCriteria(Stage::kRunning, f).empty());
  f.resources = Money{99999};
  f.agreed_funders = 0;
  f.milestones = 0;
  EXPECT_EQ(GateCriteria(Stage::kRunning, f), (Strings{"financing", "funder_agreed", "milestone"}));
}

TEST(Gates, SpreadingNeedsJobsOrAStartDate) {
  GateFacts f = Ready();
  f.jobs_recorded = false;
  EXPECT_EQ(GateCriteria(Stage::kSpreading, f), (Strings{"jobs_or_start"}));
  f.has_start_date = true;
  EXPECT_TRUE(GateCriteria(Stage::kSpreading, f).empty());
}

TEST(PlanMove, TheNextStepWithCriteriaMetNeedsNoReason) {
  auto plan = PlanMove(Stage::kIdea, Stage::kFeasibility, Ready());
  EXPECT_FALSE(plan.needs_reason);
  EXPECT_TRUE(plan.unmet.empty());
}

TEST(PlanMove, UnmetCriteriaNeedAReasonAndAreListed) {
  GateFacts f = Ready();
  f.has_summary = false;
  auto plan = PlanMove(Stage::kIdea, Stage::kFeasibility, f);
  EXPECT_TRUE(plan.needs_reason);
  EXPECT_EQ(plan.unmet, (Strings{"summary"}));
}

TEST(PlanMove, SkippingStagesNeedsAReasonAndCrossesEveryGate) {
  GateFacts f;
  f.has_lead = true;
  auto plan = PlanMove(Stage::kIdea, Stage::kRunning, f);
  EXPECT_TRUE(plan.needs_reason);
  EXPECT_EQ(plan.unmet, (Strings{"summary", "partner", "budget", "financing", "funder_agreed", "milestone"}));
  EXPECT_TRUE(PlanMove(Stage::kIdea, Stage::kExperiment, Ready()).needs_reason);  // two steps, all met
}

TEST(PlanMove, BackwardsAbandoningAndReopeningNeedAReason) {
  EXPECT_TRUE(PlanMove(Stage::kRunning, Stage::kFeasibility, Ready()).needs_reason);
  EXPECT_TRUE(PlanMove(Stage::kIdea, Stage::kAbandoned, Ready()).needs_reason);
  EXPECT_TRUE(PlanMove(Stage::kAbandoned, Stage::kIdea, Ready()).needs_reason);
  EXPECT_TRUE(PlanMove(Stage::kIdea, Stage::kIdea, Ready()).same_stage);
}

Funding Fund(bool is_public, std::int64_t cents, std::string status) {
  return Funding{0, "F", is_public, Money{cents}, std::move(status)};
}

TEST(Financing, PublicShareAboveTheMaximumIsAnError) {
  std::vector<BudgetLine> lines{{0, "Camion", Money{100000}, false}};
  auto ok = CheckFinancing(lines, {Fund(true, 80000, "agreed"), Fund(false, 20000, "requested")}, 80);
  EXPECT_FALSE(ok.has_error());
  EXPECT_EQ(ok.public_share_percent, 80);
  EXPECT_TRUE(ok.issues.empty());
  auto over = CheckFinancing(lines, {Fund(true, 80001, "agreed"), Fund(false, 19999, "requested")}, 80);
  EXPECT_TRUE(over.has_error());
  EXPECT_EQ(over.issues.at(0).key, "public_share_exceeded");
}

// Sums of the largest amounts a form accepts, times 100, do not fit in 64 bits: the check
// still compares them right and the percentage stays a number.
TEST(Financing, HugeAmountsDoNotOverflow) {
  const std::int64_t large = 100'000'000'000'00;  // 100 billion euros
  std::vector<BudgetLine> lines;
  std::vector<Funding> fundings;
  for (int i = 0; i < 200; ++i) {
    lines.push_back({0, "Tranche", Money{large}, false});
    fundings.push_back(Fund(true, large, "agreed"));
  }
  auto full = CheckFinancing(lines, fundings, 80);
  EXPECT_EQ(full.public_share_percent, 100);
  EXPECT_TRUE(full.has_error());
  auto within = CheckFinancing(lines, std::vector<Funding>(fundings.begin(), fundings.begin() + 160), 80);
  EXPECT_EQ(within.public_share_percent, 80);
  EXPECT_FALSE(within.has_error());
  auto tiny_budget = CheckFinancing({{0, "Timbre", Money{1}, false}}, {Fund(true, large, "agreed")}, 100);
  EXPECT_EQ(tiny_budget.public_share_percent, kMaxSharePercentShown);
  EXPECT_TRUE(tiny_budget.has_error());
}

TEST(Financing, RefusedFundingsCountForNothingAndShortPlansWarn) {
  std::vector<BudgetLine> lines{{0, "Travaux", Money{50000}, false}, {0, "Ventes", Money{10000}, true}};
  auto check = CheckFinancing(lines, {Fund(true, 100000, "refused"), Fund(false, 20000, "requested")}, 80);
  EXPECT_EQ(check.resources.cents, 30000);
  EXPECT_EQ(check.public_amount.cents, 0);
  ASSERT_EQ(check.issues.size(), 2u);
  EXPECT_EQ(check.issues[0].key, "short");
  EXPECT_EQ(check.issues[1].key, "none_agreed");
  EXPECT_FALSE(check.has_error());
}

TEST(Financing, OverFundedWarnsAndNoBudgetWarns) {
  std::vector<BudgetLine> lines{{0, "Étude", Money{1000}, false}};
  EXPECT_EQ(CheckFinancing(lines, {Fund(false, 2000, "paid")}, 80).issues.at(0).key, "over");
  EXPECT_EQ(CheckFinancing({}, {Fund(false, 2000, "paid")}, 80).issues.at(0).key, "no_budget");
}

TEST(Facts, GatheredFromTheProject) {
  Project p;
  p.lead = MemberId{3};
  p.summary = "x";
  p.partners.push_back({MemberId{4}, "", "transport"});
  p.budget_lines = {{0, "a", Money{500}, false}, {0, "b", Money{100}, true}};
  p.fundings = {Fund(true, 400, "agreed"), Fund(true, 1000, "refused")};
  auto f = FactsOf(p);
  EXPECT_TRUE(f.has_lead && f.has_summary);
  EXPECT_EQ(f.partners, 1);
  EXPECT_EQ(f.expenses.cents, 500);
  EXPECT_EQ(f.resources.cents, 500);
  EXPECT_EQ(f.agreed_funders, 1);
}

}  // namespace
}  // namespace coopole::cooperation::rules
