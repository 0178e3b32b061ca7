#include "stage_rules.h"

#include <algorithm>

namespace coopole::cooperation {

const char* StageCode(Stage stage) {
  switch (stage) {
    case Stage::kIdea: return "idea";
    case Stage::kFeasibility: return "feasibility";
    case Stage::kExperiment: return "experiment";
    case Stage::kRunning: return "running";
    case Stage::kSpreading: return "spreading";
    case Stage::kAbandoned: return "abandoned";
  }
  return "idea";
}

std::optional<Stage> ParseStage(std::string_view code) {
  for (Stage s : {Stage::kIdea, Stage::kFeasibility, Stage::kExperiment, Stage::kRunning, Stage::kSpreading,
                  Stage::kAbandoned})
    if (code == StageCode(s)) return s;
  return std::nullopt;
}

const std::vector<Stage>& PipelineStages() {
  static const std::vector<Stage> stages{Stage::kIdea, Stage::kFeasibility, Stage::kExperiment, Stage::kRunning,
                                         Stage::kSpreading};
  return stages;
}

namespace rules {

bool Counts(const Funding& funding) { return funding.status != "refused"; }

bool IsFundingStatus(std::string_view status) {
  return status == "requested" || status == "agreed" || status == "refused" || status == "paid";
}

GateFacts FactsOf(const Project& p) {
  GateFacts f;
  f.has_lead = p.lead.value > 0;
  f.has_summary = !p.summary.empty();
  f.partners = std::max<std::int64_t>(p.partner_count, static_cast<std::int64_t>(p.partners.size()));
  for (const auto& line : p.budget_lines) {
    Money& total = line.income ? f.resources : f.expenses;
    total = total + line.amount;
  }
  for (const auto& funding : p.fundings) {
    if (Counts(funding)) f.resources = f.resources + funding.amount;
    if (funding.status == "agreed" || funding.status == "paid") ++f.agreed_funders;
  }
  f.milestones = static_cast<std::int64_t>(p.milestones.size());
  f.jobs_recorded = p.jobs_fte_hundredths > 0;
  f.has_start_date = p.start_on.has_value();
  return f;
}

std::vector<std::string> GateCriteria(Stage to, const GateFacts& f) {
  std::vector<std::string> unmet;
  switch (to) {
    case Stage::kFeasibility:
      if (!f.has_lead) unmet.push_back("lead");
      if (!f.has_summary) unmet.push_back("summary");
      break;
    case Stage::kExperiment:
      if (f.partners < 1) unmet.push_back("partner");
      if (f.expenses.cents <= 0) unmet.push_back("budget");
      break;
    case Stage::kRunning:
      if (f.expenses.cents <= 0 || f.resources < f.expenses) unmet.push_back("financing");
      if (f.agreed_funders < 1) unmet.push_back("funder_agreed");
      if (f.milestones < 1) unmet.push_back("milestone");
      break;
    case Stage::kSpreading:
      if (!f.jobs_recorded && !f.has_start_date) unmet.push_back("jobs_or_start");
      break;
    case Stage::kIdea:
    case Stage::kAbandoned:
      break;
  }
  return unmet;
}

namespace {
int IndexOf(Stage s) { return static_cast<int>(s); }  // pipeline order; abandoned last
}  // namespace

MovePlan PlanMove(Stage from, Stage to, const GateFacts& facts) {
  MovePlan plan;
  if (from == to) {
    plan.same_stage = true;
    return plan;
  }
  if (to == Stage::kAbandoned || from == Stage::kAbandoned) {
    plan.needs_reason = true;
    return plan;
  }
  const int a = IndexOf(from), b = IndexOf(to);
  if (b < a) {
    plan.needs_reason = true;  // going back
    return plan;
  }
  for (int i = a + 1; i <= b; ++i) {
    auto unmet = GateCriteria(static_cast<Stage>(i), facts);
    plan.unmet.insert(plan.unmet.end(), unmet.begin(), unmet.end());
  }
  plan.needs_reason = (b - a) > 1 || !plan.unmet.empty();
  return plan;
}

bool FinancingCheck::has_error() const {
  return std::any_of(issues.begin(), issues.end(), [](const FinancingIssue& i) { return i.severity == "error"; });
}

FinancingCheck CheckFinancing(const std::vector<BudgetLine>& lines, const std::vector<Funding>& fundings,
                              int max_public_percent) {
  FinancingCheck check;
  bool agreed = false;
  for (const auto& line : lines) {
    Money& total = line.income ? check.resources : check.expenses;
    total = total + line.amount;
  }
  for (const auto& funding : fundings) {
    if (!Counts(funding)) continue;
    check.resources = check.resources + funding.amount;
    if (funding.is_public) check.public_amount = check.public_amount + funding.amount;
    if (funding.status == "agreed" || funding.status == "paid") agreed = true;
  }
  if (check.expenses.cents > 0) {
    // In 128 bits: a hundred times a sum of large amounts does not fit in 64.
    const __int128 public_hundredfold = static_cast<__int128>(check.public_amount.cents) * 100;
    const __int128 percent = public_hundredfold / check.expenses.cents;
    check.public_share_percent = static_cast<int>(std::min<__int128>(percent, kMaxSharePercentShown));
    // Compared exactly (not the rounded percentage): 80.4 % is above 80 %.
    if (public_hundredfold > static_cast<__int128>(check.expenses.cents) * max_public_percent)
      check.issues.push_back({"error", "public_share_exceeded"});
    if (check.resources < check.expenses) check.issues.push_back({"warning", "short"});
    if (check.resources > check.expenses) check.issues.push_back({"warning", "over"});
  } else if (!fundings.empty()) {
    check.issues.push_back({"warning", "no_budget"});
  }
  if (!fundings.empty() && !agreed) check.issues.push_back({"warning", "none_agreed"});
  return check;
}

}  // namespace rules
}  // namespace coopole::cooperation
