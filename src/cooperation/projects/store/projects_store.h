// The SQL of projects and reviews (bound parameters only). Every lookup is scoped to a hub:
// an id of another hub is not found.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coopole/cooperation/projects.h"

namespace coopole::cooperation::store {

// ---- projects ----
std::optional<Project> FindProject(db::Transaction& tx, HubId hub, ProjectId id);
// With partner_count and budget; `words` folded, each must appear.
std::vector<Project> ListProjects(db::Transaction& tx, HubId hub, const ProjectFilter& filter,
                                  const std::vector<std::string>& words);
// Fills partners, budget lines, fundings, milestones, documents, history and spreadings.
void LoadCollections(db::Transaction& tx, Project& project);
ProjectId InsertProject(db::Transaction& tx, const Project& project);
// False when the version moved on (nothing written).
bool UpdateProject(db::Transaction& tx, const Project& project, std::int64_t expected_version);

bool InsertPartner(db::Transaction& tx, ProjectId project, MemberId member, const std::string& role, Timestamp at);
bool DeletePartner(db::Transaction& tx, ProjectId project, MemberId member);
std::int64_t InsertBudgetLine(db::Transaction& tx, ProjectId project, const BudgetLine& line);
std::int64_t InsertFunding(db::Transaction& tx, ProjectId project, const Funding& funding);
bool SetFundingStatus(db::Transaction& tx, ProjectId project, std::int64_t funding, const std::string& status);
std::int64_t InsertMilestone(db::Transaction& tx, ProjectId project, const Milestone& milestone);
bool CompleteMilestone(db::Transaction& tx, ProjectId project, std::int64_t milestone, Date done_on);
std::int64_t InsertDocument(db::Transaction& tx, ProjectId project, const DocumentLink& document);
std::int64_t InsertSpreading(db::Transaction& tx, ProjectId project, const Spreading& spreading, Timestamp at);
// kind: "budget", "funding", "milestone", "document", "spreading". False when no such line.
bool DeleteLine(db::Transaction& tx, ProjectId project, const std::string& kind, std::int64_t line);
void InsertHistory(db::Transaction& tx, ProjectId project, const StageChange& change, UserId user);

// A hub of the installation by slug: (id, name).
std::optional<std::pair<HubId, std::string>> FindHubBySlug(db::Transaction& tx, const std::string& slug);

// ---- reviews ----
std::vector<Review> ListReviews(db::Transaction& tx, HubId hub, Date today);
std::optional<Review> FindReview(db::Transaction& tx, HubId hub, ReviewId id);
// Fills the items with their follow-ups (overdue as of `today`).
void LoadItems(db::Transaction& tx, Review& review, Date today);
ReviewId InsertReview(db::Transaction& tx, const Review& review);
bool UpdateReview(db::Transaction& tx, const Review& review, std::int64_t expected_version);
std::int64_t InsertItem(db::Transaction& tx, ReviewId review, const ReviewItem& item);
bool ItemExists(db::Transaction& tx, ReviewId review, std::int64_t item);
bool SetDecision(db::Transaction& tx, ReviewId review, std::int64_t item, const std::string& decision);
std::int64_t InsertFollowUp(db::Transaction& tx, ReviewId review, std::int64_t item, const FollowUp& follow_up);
bool CompleteFollowUp(db::Transaction& tx, ReviewId review, std::int64_t follow_up, Date done_on);

}  // namespace coopole::cooperation::store
