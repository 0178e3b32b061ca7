// Pure rules of projects: the stage gates and the checks of the co-financing plan.
//
// Gates: moving into a stage needs the criteria of finishing the stage before it:
//   idea -> feasibility:        a lead and a summary                 ("lead", "summary")
//   feasibility -> experiment:  at least one partner and a budget    ("partner", "budget")
//   experiment -> running:      a co-financing plan covering the budget, at least one funder
//                               agreed, and a first milestone        ("financing", "funder_agreed", "milestone")
//   running -> spreading:       jobs recorded or a start date        ("jobs_or_start")
// Spreading can only follow running: any other way in skips stages.
#pragma once

#include <string>
#include <vector>

#include "coopole/cooperation/projects.h"

namespace coopole::cooperation::rules {

// What the gates look at, gathered from the project and its collections.
struct GateFacts {
  bool has_lead = false;
  bool has_summary = false;
  std::int64_t partners = 0;
  Money expenses;          // sum of expense lines
  Money resources;         // income lines + fundings not refused
  std::int64_t agreed_funders = 0;  // agreed or paid
  std::int64_t milestones = 0;
  bool jobs_recorded = false;
  bool has_start_date = false;
};

GateFacts FactsOf(const Project& project);

// The unmet criteria keys of the gate into `to` (one step after its predecessor).
std::vector<std::string> GateCriteria(Stage to, const GateFacts& facts);

struct MovePlan {
  std::vector<std::string> unmet;  // every unmet criterion of the gates crossed
  bool needs_reason = false;       // not the plain next step, or unmet criteria
  bool same_stage = false;         // nothing to do: refused
};

// The plan of a move from `from` to `to`: forward moves cross every gate between them;
// backward moves, abandoning and reopening an abandoned project need a reason.
MovePlan PlanMove(Stage from, Stage to, const GateFacts& facts);

// ---- co-financing ----
struct FinancingIssue {
  std::string severity;  // "error" or "warning"
  std::string key;       // catalogue key under cooperation.projects.financing.
};

// Public shares beyond this (only in hand-made data: the service refuses them) show as this.
inline constexpr int kMaxSharePercentShown = 1000000;

struct FinancingCheck {
  Money expenses, resources, public_amount;
  int public_share_percent = 0;  // of the expenses, rounded down, at most kMaxSharePercentShown; 0 without a budget
  std::vector<FinancingIssue> issues;
  bool has_error() const;
};

// Checks the plan: resources short of or above the expenses (warnings), a public share of
// the expenses above `max_public_percent` (error), no funder agreed (warning). Refused
// fundings count for nothing.
FinancingCheck CheckFinancing(const std::vector<BudgetLine>& lines, const std::vector<Funding>& fundings,
                              int max_public_percent);

bool IsFundingStatus(std::string_view status);
// Whether a funding counts in the plan (not refused).
bool Counts(const Funding& funding);

}  // namespace coopole::cooperation::rules
