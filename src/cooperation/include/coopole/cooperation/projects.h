// Cooperation, projects: Projects through their stages (idea, feasibility, experiment, running, spreading, abandoned) with gates and history, partners, budget, co-financing, jobs, milestones, documents; spreading to other territories; project review sessions.
//
// Contract of every use case below:
// - Reading: any role of the hub (Permission::kViewHub).
// - Writing a project (its fields, stage, partners, budget, financing, milestones, documents,
//   spreading): coordinators (kManageCooperation) for any project, users of the member role
//   for the projects their organisation leads. Creating: coordinators, or members leading it.
// - Reviews: read by every role, written by coordinators only.
// - Errors: kPermissionDenied; kNotFound for an id of another hub (or unknown);
//   kInvalidArgument naming each field with a catalogue key ("validation.required",
//   "cooperation.projects.error.*"); kConflict with field "version" for a stale edit.
// - A refused operation writes nothing; every change is audited in the same transaction.
// Inputs are raw text fields (a form or a JSON object, field name -> text): the same parsing
// and validation serves the pages and the API.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coopole/core/money.h"
#include "coopole/core/result.h"
#include "coopole/cooperation/cooperation.h"
#include "coopole/db/migrations.h"

namespace coopole::cooperation {

// Raw input: field name -> text as typed. An absent field keeps its value on update.
using Fields = std::map<std::string, std::string>;

enum class Stage { kIdea, kFeasibility, kExperiment, kRunning, kSpreading, kAbandoned };
const char* StageCode(Stage stage);  // "idea", "feasibility", ...
std::optional<Stage> ParseStage(std::string_view code);
// The five stages of the pipeline in order (abandoned is not in it).
const std::vector<Stage>& PipelineStages();

struct Partner {
  MemberId member;
  std::string member_name;
  std::string role;
};

struct BudgetLine {
  std::int64_t id = 0;
  std::string label;
  Money amount;
  bool income = false;  // kind "income" (own revenue), else "expense"
};

struct Funding {
  std::int64_t id = 0;
  std::string funder;
  bool is_public = false;
  Money amount;
  std::string status;  // requested, agreed, refused, paid
};

struct Milestone {
  std::int64_t id = 0;
  std::string title;
  Date due_on;
  std::optional<Date> done_on;
};

struct DocumentLink {
  std::int64_t id = 0;
  std::string title, url;
};

struct StageChange {
  std::int64_t id = 0;
  std::string from, to;  // stage codes; from "" for the creation
  std::string user_name;
  Timestamp at;
  std::string reason;
  std::vector<std::string> skipped;  // unmet criteria keys the move went past
};

// A replication of the project elsewhere: another hub of this installation or a territory.
struct Spreading {
  std::int64_t id = 0;
  std::optional<HubId> target_hub;
  std::string target_hub_slug, target_hub_name;  // when target_hub is set
  std::string territory;                          // free text ("Trièves")
  std::string commune_insee;                      // "" when not given
  Date spread_on;
  std::string adaptations, contact;
};

struct Project {
  ProjectId id;
  HubId hub;
  std::string title, summary;
  MemberId lead;
  std::string lead_name;
  Stage stage = Stage::kIdea;
  std::string abandon_reason;
  std::optional<Date> start_on;
  std::int64_t jobs_fte_hundredths = 0;            // jobs created, 1.5 FTE -> 150
  std::int64_t jobs_insertion_fte_hundredths = 0;  // of which insertion jobs
  int public_share_max_percent = 80;               // the most public funders may cover
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
  // Summary figures (lists) and the collections (GetProject only).
  std::int64_t partner_count = 0;
  Money budget;  // sum of expense lines
  std::vector<Partner> partners;
  std::vector<BudgetLine> budget_lines;
  std::vector<Funding> fundings;
  std::vector<Milestone> milestones;
  std::vector<DocumentLink> documents;
  std::vector<StageChange> history;
  std::vector<Spreading> spreadings;
};

struct ProjectFilter {
  std::optional<Stage> stage;
  std::optional<MemberId> member;  // lead or partner
  std::string text;                // words in the title or summary, accents ignored
};

// ---- reviews ----
struct FollowUp {
  std::int64_t id = 0;
  std::optional<MemberId> member;
  std::string member_name;
  std::string person;  // a person's name when not (only) an organisation
  std::string what;
  std::optional<Date> due_on, done_on;
  bool overdue = false;  // not done and due before today (hub time zone)
};

struct ReviewItem {
  std::int64_t id = 0;
  std::optional<ProjectId> project;
  std::string project_title, project_stage;
  std::string title;             // the suggestion's or topic's title when no project
  std::vector<MemberId> members; // organisations concerned (suggestions)
  std::string suggestion_key;
  std::string decision;
  std::vector<FollowUp> follow_ups;
};

struct Review {
  ReviewId id;
  HubId hub;
  Date held_on;
  std::string title, attendees, minutes;
  std::string status;  // planned, held, closed
  Timestamp created_at, updated_at;
  std::int64_t version = 1;
  std::int64_t item_count = 0;
  std::int64_t overdue_count = 0;
  std::vector<ReviewItem> items;  // GetReview only
};

class ProjectService {
 public:
  ProjectService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  // Migrations of the module "cooperation_projects".
  static std::vector<db::Migration> Migrations();

  // ---- projects ----
  Result<std::vector<Project>> ListProjects(const Actor& actor, const HubContext& hub, const ProjectFilter& filter);
  // The project with its collections and history.
  Result<Project> GetProject(const Actor& actor, const HubContext& hub, ProjectId id);
  // Fields: title (required), summary, lead_member_id (required; a member-role user's own by
  // default), start_on, jobs_fte, jobs_insertion_fte (FTE "1,5"), public_share_max (percent).
  Result<Project> CreateProject(const Actor& actor, const HubContext& hub, const Fields& input);
  Result<Project> UpdateProject(const Actor& actor, const HubContext& hub, ProjectId id,
                                std::int64_t expected_version, const Fields& input);
  // Fields: stage (target code), reason. A move that is not the next stage of the pipeline,
  // that leaves criteria unmet, that abandons or that reopens needs a reason (422 "reason";
  // the unmet criteria are in the error's "criteria" field, comma separated). Recorded in
  // the history with the criteria skipped.
  Result<Project> MoveStage(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);

  // Collections. Fields per kind:
  //   partner: member_id, role          budget: label, amount, kind (expense|income)
  //   funding: funder, public (0|1), amount, status    milestone: title, due_on
  //   document: title, url (http/https)                spreading: target_hub (slug) or
  //   territory, commune_insee, spread_on, adaptations, contact
  Status AddPartner(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  Status RemovePartner(const Actor& actor, const HubContext& hub, ProjectId id, MemberId member);
  Status AddBudgetLine(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  Status AddFunding(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  // Fields: status.
  Status SetFundingStatus(const Actor& actor, const HubContext& hub, ProjectId id, std::int64_t funding,
                          const Fields& input);
  Status AddMilestone(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  // Fields: done_on (default today).
  Status CompleteMilestone(const Actor& actor, const HubContext& hub, ProjectId id, std::int64_t milestone,
                           const Fields& input);
  Status AddDocument(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  Status AddSpreading(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input);
  // Removes a line of a collection: kind is "budget", "funding", "milestone", "document", "spreading".
  Status RemoveLine(const Actor& actor, const HubContext& hub, ProjectId id, const std::string& kind,
                    std::int64_t line);

  // ---- reviews (coordinators write) ----
  Result<std::vector<Review>> ListReviews(const Actor& actor, const HubContext& hub);
  Result<Review> GetReview(const Actor& actor, const HubContext& hub, ReviewId id);
  // Fields: held_on (required), title (required), attendees.
  Result<Review> CreateReview(const Actor& actor, const HubContext& hub, const Fields& input);
  // Fields: held_on, title, attendees, minutes, status (planned|held|closed).
  Result<Review> UpdateReview(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t expected_version,
                              const Fields& input);
  // Fields: project_id (an active project of the hub) or title (+ member_ids "1,2", suggestion_key).
  Status AddReviewItem(const Actor& actor, const HubContext& hub, ReviewId id, const Fields& input);
  // Fields: decision.
  Status SetDecision(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t item, const Fields& input);
  // Fields: member_id and/or person (one required), what (required), due_on.
  Status AddFollowUp(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t item, const Fields& input);
  // Fields: done_on (default today).
  Status CompleteFollowUp(const Actor& actor, const HubContext& hub, ReviewId id, std::int64_t follow_up,
                          const Fields& input);

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::cooperation
