#include "store/projects_store.h"

#include "coopole/core/text.h"

namespace coopole::cooperation::store {
namespace {

constexpr const char* kProjectColumns =
    "SELECT p.id, p.hub_id, p.title, p.summary, p.lead_member_id, m.name, p.stage, p.abandon_reason, p.start_on, "
    "p.jobs_fte, p.jobs_insertion_fte, p.public_share_max, p.created_at, p.updated_at, p.version, "
    "(SELECT COUNT(*) FROM cooperation_project_partners pp WHERE pp.project_id = p.id), "
    "(SELECT COALESCE(SUM(b.amount), 0) FROM cooperation_project_budget b WHERE b.project_id = p.id "
    "AND b.kind = 'expense') "
    "FROM cooperation_projects p LEFT JOIN members_members m ON m.id = p.lead_member_id ";

Project ReadProject(const db::Rows& rows, std::size_t r) {
  Project p;
  p.id = ProjectId{rows.Int(r, 0)};
  p.hub = HubId{rows.Int(r, 1)};
  p.title = rows.Text(r, 2);
  p.summary = rows.Text(r, 3);
  p.lead = MemberId{rows.Int(r, 4)};
  p.lead_name = rows.Text(r, 5);
  p.stage = ParseStage(rows.Text(r, 6)).value_or(Stage::kIdea);
  p.abandon_reason = rows.Text(r, 7);
  p.start_on = rows.OptDate(r, 8);
  p.jobs_fte_hundredths = rows.Int(r, 9);
  p.jobs_insertion_fte_hundredths = rows.Int(r, 10);
  p.public_share_max_percent = static_cast<int>(rows.Int(r, 11));
  p.created_at = Timestamp{rows.Int(r, 12)};
  p.updated_at = Timestamp{rows.Int(r, 13)};
  p.version = rows.Int(r, 14);
  p.partner_count = rows.Int(r, 15);
  p.budget = Money{rows.Int(r, 16)};
  return p;
}

// Built value by value: g++ 12 warns (wrongly) on long brace-initialised lists of variants.
db::Params ProjectValues(const Project& p) {
  db::Params v;
  v.emplace_back(p.title);
  v.emplace_back(p.summary);
  v.emplace_back(FoldForSearch(p.title + " " + p.summary));
  v.emplace_back(p.lead.value);
  v.emplace_back(std::string(StageCode(p.stage)));
  v.emplace_back(p.abandon_reason);
  v.push_back(db::Nullable(p.start_on));
  v.emplace_back(p.jobs_fte_hundredths);
  v.emplace_back(p.jobs_insertion_fte_hundredths);
  v.emplace_back(static_cast<std::int64_t>(p.public_share_max_percent));
  v.emplace_back(p.updated_at.unix_seconds);
  return v;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  for (auto& part : Split(text, ','))
    if (!part.empty()) out.push_back(std::move(part));
  return out;
}

}  // namespace

std::optional<Project> FindProject(db::Transaction& tx, HubId hub, ProjectId id) {
  auto rows = tx.Query(std::string(kProjectColumns) + "WHERE p.hub_id = ? AND p.id = ?", {hub.value, id.value});
  if (rows.empty()) return std::nullopt;
  return ReadProject(rows, 0);
}

std::vector<Project> ListProjects(db::Transaction& tx, HubId hub, const ProjectFilter& filter,
                                  const std::vector<std::string>& words) {
  std::string sql = std::string(kProjectColumns) + "WHERE p.hub_id = ?";
  db::Params params{hub.value};
  if (filter.stage) {
    sql += " AND p.stage = ?";
    params.emplace_back(std::string(StageCode(*filter.stage)));
  }
  if (filter.member) {
    sql += " AND (p.lead_member_id = ? OR EXISTS (SELECT 1 FROM cooperation_project_partners x "
           "WHERE x.project_id = p.id AND x.member_id = ?))";
    params.emplace_back(filter.member->value);
    params.emplace_back(filter.member->value);
  }
  for (const auto& word : words) {
    sql += " AND p.search_text LIKE ? ESCAPE '\\'";
    params.emplace_back(db::ContainsPattern(word));
  }
  auto rows = tx.Query(sql + " ORDER BY p.updated_at DESC, p.id DESC", params);
  std::vector<Project> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadProject(rows, i));
  return out;
}

void LoadCollections(db::Transaction& tx, Project& p) {
  const db::Params id{p.id.value};
  auto partners = tx.Query(
      "SELECT pp.member_id, m.name, pp.role FROM cooperation_project_partners pp "
      "LEFT JOIN members_members m ON m.id = pp.member_id WHERE pp.project_id = ? ORDER BY m.name, pp.member_id",
      id);
  p.partners.clear();
  for (std::size_t i = 0; i < partners.size(); ++i)
    p.partners.push_back({MemberId{partners.Int(i, 0)}, partners.Text(i, 1), partners.Text(i, 2)});
  p.partner_count = static_cast<std::int64_t>(p.partners.size());
  auto budget = tx.Query("SELECT id, label, amount, kind FROM cooperation_project_budget WHERE project_id = ? ORDER BY id",
                         id);
  p.budget_lines.clear();
  p.budget = Money{};
  for (std::size_t i = 0; i < budget.size(); ++i) {
    BudgetLine line{budget.Int(i, 0), budget.Text(i, 1), Money{budget.Int(i, 2)}, budget.Text(i, 3) == "income"};
    if (!line.income) p.budget = p.budget + line.amount;
    p.budget_lines.push_back(std::move(line));
  }
  auto fundings = tx.Query(
      "SELECT id, funder, is_public, amount, status FROM cooperation_project_fundings WHERE project_id = ? ORDER BY id", id);
  p.fundings.clear();
  for (std::size_t i = 0; i < fundings.size(); ++i)
    p.fundings.push_back({fundings.Int(i, 0), fundings.Text(i, 1), fundings.Int(i, 2) != 0, Money{fundings.Int(i, 3)},
                          fundings.Text(i, 4)});
  auto milestones = tx.Query(
      "SELECT id, title, due_on, done_on FROM cooperation_project_milestones WHERE project_id = ? ORDER BY due_on, id", id);
  p.milestones.clear();
  for (std::size_t i = 0; i < milestones.size(); ++i)
    p.milestones.push_back({milestones.Int(i, 0), milestones.Text(i, 1), milestones.OptDate(i, 2).value_or(Date{}),
                            milestones.OptDate(i, 3)});
  auto documents =
      tx.Query("SELECT id, title, url FROM cooperation_project_documents WHERE project_id = ? ORDER BY id", id);
  p.documents.clear();
  for (std::size_t i = 0; i < documents.size(); ++i)
    p.documents.push_back({documents.Int(i, 0), documents.Text(i, 1), documents.Text(i, 2)});
  auto history = tx.Query(
      "SELECT id, from_stage, to_stage, user_name, at, reason, skipped FROM cooperation_project_history "
      "WHERE project_id = ? ORDER BY id",
      id);
  p.history.clear();
  for (std::size_t i = 0; i < history.size(); ++i)
    p.history.push_back({history.Int(i, 0), history.Text(i, 1), history.Text(i, 2), history.Text(i, 3),
                         Timestamp{history.Int(i, 4)}, history.Text(i, 5), SplitCodes(history.Text(i, 6))});
  auto spreadings = tx.Query(
      "SELECT s.id, s.target_hub_id, h.slug, h.name, s.territory, s.commune_insee, s.spread_on, s.adaptations, "
      "s.contact FROM cooperation_project_spreadings s LEFT JOIN hubs_hubs h ON h.id = s.target_hub_id "
      "WHERE s.project_id = ? ORDER BY s.spread_on, s.id",
      id);
  p.spreadings.clear();
  for (std::size_t i = 0; i < spreadings.size(); ++i) {
    Spreading s;
    s.id = spreadings.Int(i, 0);
    if (auto hub = spreadings.OptInt(i, 1)) s.target_hub = HubId{*hub};
    s.target_hub_slug = spreadings.Text(i, 2);
    s.target_hub_name = spreadings.Text(i, 3);
    s.territory = spreadings.Text(i, 4);
    s.commune_insee = spreadings.Text(i, 5);
    s.spread_on = spreadings.OptDate(i, 6).value_or(Date{});
    s.adaptations = spreadings.Text(i, 7);
    s.contact = spreadings.Text(i, 8);
    p.spreadings.push_back(std::move(s));
  }
}

ProjectId InsertProject(db::Transaction& tx, const Project& p) {
  auto params = ProjectValues(p);
  params.insert(params.begin(), p.hub.value);
  params.emplace_back(p.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO cooperation_projects (hub_id, title, summary, search_text, lead_member_id, stage, abandon_reason, "
      "start_on, jobs_fte, jobs_insertion_fte, public_share_max, updated_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      params);
  return ProjectId{rows.Int(0, 0)};
}

bool UpdateProject(db::Transaction& tx, const Project& p, std::int64_t expected_version) {
  auto params = ProjectValues(p);
  params.emplace_back(p.id.value);
  params.emplace_back(expected_version);
  return tx.Execute(
             "UPDATE cooperation_projects SET title = ?, summary = ?, search_text = ?, lead_member_id = ?, stage = ?, "
             "abandon_reason = ?, start_on = ?, jobs_fte = ?, jobs_insertion_fte = ?, public_share_max = ?, "
             "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
             params) == 1;
}

bool InsertPartner(db::Transaction& tx, ProjectId project, MemberId member, const std::string& role, Timestamp at) {
  if (!tx.Query("SELECT 1 FROM cooperation_project_partners WHERE project_id = ? AND member_id = ?",
                {project.value, member.value})
           .empty()) {
    tx.Execute("UPDATE cooperation_project_partners SET role = ? WHERE project_id = ? AND member_id = ?",
               {role, project.value, member.value});
    return false;
  }
  tx.Execute("INSERT INTO cooperation_project_partners (project_id, member_id, role, added_at) VALUES (?, ?, ?, ?)",
             {project.value, member.value, role, at.unix_seconds});
  return true;
}

bool DeletePartner(db::Transaction& tx, ProjectId project, MemberId member) {
  return tx.Execute("DELETE FROM cooperation_project_partners WHERE project_id = ? AND member_id = ?",
                    {project.value, member.value}) > 0;
}

std::int64_t InsertBudgetLine(db::Transaction& tx, ProjectId project, const BudgetLine& line) {
  db::Params v{project.value, line.label, line.amount.cents, std::string(line.income ? "income" : "expense")};
  return tx.Query("INSERT INTO cooperation_project_budget (project_id, label, amount, kind) VALUES (?, ?, ?, ?) "
                  "RETURNING id",
                  v)
      .Int(0, 0);
}

std::int64_t InsertFunding(db::Transaction& tx, ProjectId project, const Funding& f) {
  db::Params v;
  v.emplace_back(project.value);
  v.emplace_back(f.funder);
  v.emplace_back(static_cast<std::int64_t>(f.is_public ? 1 : 0));
  v.emplace_back(f.amount.cents);
  v.emplace_back(f.status);
  return tx.Query("INSERT INTO cooperation_project_fundings (project_id, funder, is_public, amount, status) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id",
                  v)
      .Int(0, 0);
}

bool SetFundingStatus(db::Transaction& tx, ProjectId project, std::int64_t funding, const std::string& status) {
  return tx.Execute("UPDATE cooperation_project_fundings SET status = ? WHERE project_id = ? AND id = ?",
                    {status, project.value, funding}) == 1;
}

std::int64_t InsertMilestone(db::Transaction& tx, ProjectId project, const Milestone& m) {
  return tx.Query("INSERT INTO cooperation_project_milestones (project_id, title, due_on, done_on) VALUES (?, ?, ?, ?) "
                  "RETURNING id",
                  {project.value, m.title, FormatIsoDate(m.due_on), db::Nullable(m.done_on)})
      .Int(0, 0);
}

bool CompleteMilestone(db::Transaction& tx, ProjectId project, std::int64_t milestone, Date done_on) {
  return tx.Execute("UPDATE cooperation_project_milestones SET done_on = ? WHERE project_id = ? AND id = ?",
                    {FormatIsoDate(done_on), project.value, milestone}) == 1;
}

std::int64_t InsertDocument(db::Transaction& tx, ProjectId project, const DocumentLink& d) {
  return tx.Query("INSERT INTO cooperation_project_documents (project_id, title, url) VALUES (?, ?, ?) RETURNING id",
                  {project.value, d.title, d.url})
      .Int(0, 0);
}

std::int64_t InsertSpreading(db::Transaction& tx, ProjectId project, const Spreading& s, Timestamp at) {
  db::Params v;
  v.emplace_back(project.value);
  v.push_back(db::Nullable(s.target_hub));
  v.emplace_back(s.territory);
  v.emplace_back(s.commune_insee);
  v.emplace_back(FormatIsoDate(s.spread_on));
  v.emplace_back(s.adaptations);
  v.emplace_back(s.contact);
  v.emplace_back(at.unix_seconds);
  return tx.Query("INSERT INTO cooperation_project_spreadings (project_id, target_hub_id, territory, commune_insee, "
                  "spread_on, adaptations, contact, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  v)
      .Int(0, 0);
}

bool DeleteLine(db::Transaction& tx, ProjectId project, const std::string& kind, std::int64_t line) {
  const char* table = nullptr;
  if (kind == "budget") table = "cooperation_project_budget";
  else if (kind == "funding") table = "cooperation_project_fundings";
  else if (kind == "milestone") table = "cooperation_project_milestones";
  else if (kind == "document") table = "cooperation_project_documents";
  else if (kind == "spreading") table = "cooperation_project_spreadings";
  if (!table) return false;
  return tx.Execute(std::string("DELETE FROM ") + table + " WHERE project_id = ? AND id = ?", {project.value, line}) == 1;
}

void InsertHistory(db::Transaction& tx, ProjectId project, const StageChange& c, UserId user) {
  db::Params v;
  v.emplace_back(project.value);
  v.emplace_back(c.from);
  v.emplace_back(c.to);
  v.emplace_back(user.value);
  v.emplace_back(c.user_name);
  v.emplace_back(c.at.unix_seconds);
  v.emplace_back(c.reason);
  v.emplace_back(JoinCodes(c.skipped));
  tx.Execute("INSERT INTO cooperation_project_history (project_id, from_stage, to_stage, user_id, user_name, at, "
             "reason, skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             v);
}

std::optional<std::pair<HubId, std::string>> FindHubBySlug(db::Transaction& tx, const std::string& slug) {
  auto rows = tx.Query("SELECT id, name FROM hubs_hubs WHERE slug = ?", {slug});
  if (rows.empty()) return std::nullopt;
  return std::make_pair(HubId{rows.Int(0, 0)}, rows.Text(0, 1));
}

// ---- reviews ----

namespace {

constexpr const char* kReviewColumns =
    "SELECT r.id, r.hub_id, r.held_on, r.title, r.attendees, r.minutes, r.status, r.created_at, r.updated_at, "
    "r.version, (SELECT COUNT(*) FROM cooperation_review_items i WHERE i.review_id = r.id), "
    "(SELECT COUNT(*) FROM cooperation_review_followups f WHERE f.review_id = r.id AND f.done_on IS NULL "
    "AND f.due_on IS NOT NULL AND f.due_on < ?) "
    "FROM cooperation_reviews r ";

Review ReadReview(const db::Rows& rows, std::size_t r) {
  Review x;
  x.id = ReviewId{rows.Int(r, 0)};
  x.hub = HubId{rows.Int(r, 1)};
  x.held_on = rows.OptDate(r, 2).value_or(Date{});
  x.title = rows.Text(r, 3);
  x.attendees = rows.Text(r, 4);
  x.minutes = rows.Text(r, 5);
  x.status = rows.Text(r, 6);
  x.created_at = Timestamp{rows.Int(r, 7)};
  x.updated_at = Timestamp{rows.Int(r, 8)};
  x.version = rows.Int(r, 9);
  x.item_count = rows.Int(r, 10);
  x.overdue_count = rows.Int(r, 11);
  return x;
}

}  // namespace

std::vector<Review> ListReviews(db::Transaction& tx, HubId hub, Date today) {
  auto rows = tx.Query(std::string(kReviewColumns) + "WHERE r.hub_id = ? ORDER BY r.held_on DESC, r.id DESC",
                       {FormatIsoDate(today), hub.value});
  std::vector<Review> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadReview(rows, i));
  return out;
}

std::optional<Review> FindReview(db::Transaction& tx, HubId hub, ReviewId id) {
  // The overdue count is computed by LoadItems (it needs today): none counted here.
  auto rows = tx.Query(std::string(kReviewColumns) + "WHERE r.hub_id = ? AND r.id = ?",
                       {std::string("0000-01-01"), hub.value, id.value});
  if (rows.empty()) return std::nullopt;
  return ReadReview(rows, 0);
}

void LoadItems(db::Transaction& tx, Review& review, Date today) {
  auto items = tx.Query(
      "SELECT i.id, i.project_id, p.title, p.stage, i.title, i.member_ids, i.suggestion_key, i.decision "
      "FROM cooperation_review_items i LEFT JOIN cooperation_projects p ON p.id = i.project_id "
      "WHERE i.review_id = ? ORDER BY i.id",
      {review.id.value});
  auto follow_ups = tx.Query(
      "SELECT f.id, f.item_id, f.member_id, m.name, f.person, f.what, f.due_on, f.done_on "
      "FROM cooperation_review_followups f LEFT JOIN members_members m ON m.id = f.member_id "
      "WHERE f.review_id = ? ORDER BY f.id",
      {review.id.value});
  review.items.clear();
  review.overdue_count = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    ReviewItem item;
    item.id = items.Int(i, 0);
    if (auto project = items.OptInt(i, 1)) item.project = ProjectId{*project};
    item.project_title = items.Text(i, 2);
    item.project_stage = items.Text(i, 3);
    item.title = items.Text(i, 4);
    for (const auto& code : SplitCodes(items.Text(i, 5)))
      if (auto n = std::strtoll(code.c_str(), nullptr, 10); n > 0) item.members.push_back(MemberId{n});
    item.suggestion_key = items.Text(i, 6);
    item.decision = items.Text(i, 7);
    for (std::size_t f = 0; f < follow_ups.size(); ++f) {
      if (follow_ups.Int(f, 1) != item.id) continue;
      FollowUp fu;
      fu.id = follow_ups.Int(f, 0);
      if (auto member = follow_ups.OptInt(f, 2)) fu.member = MemberId{*member};
      fu.member_name = follow_ups.Text(f, 3);
      fu.person = follow_ups.Text(f, 4);
      fu.what = follow_ups.Text(f, 5);
      fu.due_on = follow_ups.OptDate(f, 6);
      fu.done_on = follow_ups.OptDate(f, 7);
      fu.overdue = !fu.done_on && fu.due_on && *fu.due_on < today;
      if (fu.overdue) ++review.overdue_count;
      item.follow_ups.push_back(std::move(fu));
    }
    review.items.push_back(std::move(item));
  }
}

ReviewId InsertReview(db::Transaction& tx, const Review& r) {
  db::Params v;
  v.emplace_back(r.hub.value);
  v.emplace_back(FormatIsoDate(r.held_on));
  v.emplace_back(r.title);
  v.emplace_back(r.attendees);
  v.emplace_back(r.minutes);
  v.emplace_back(r.status);
  v.emplace_back(r.created_at.unix_seconds);
  v.emplace_back(r.updated_at.unix_seconds);
  return ReviewId{tx.Query("INSERT INTO cooperation_reviews (hub_id, held_on, title, attendees, minutes, status, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           v)
                      .Int(0, 0)};
}

bool UpdateReview(db::Transaction& tx, const Review& r, std::int64_t expected_version) {
  db::Params v;
  v.emplace_back(FormatIsoDate(r.held_on));
  v.emplace_back(r.title);
  v.emplace_back(r.attendees);
  v.emplace_back(r.minutes);
  v.emplace_back(r.status);
  v.emplace_back(r.updated_at.unix_seconds);
  v.emplace_back(r.id.value);
  v.emplace_back(expected_version);
  return tx.Execute("UPDATE cooperation_reviews SET held_on = ?, title = ?, attendees = ?, minutes = ?, status = ?, "
                    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                    v) == 1;
}

std::int64_t InsertItem(db::Transaction& tx, ReviewId review, const ReviewItem& item) {
  std::vector<std::string> members;
  for (const auto& m : item.members) members.push_back(std::to_string(m.value));
  db::Params v;
  v.emplace_back(review.value);
  v.push_back(db::Nullable(item.project));
  v.emplace_back(item.title);
  v.emplace_back(JoinCodes(members));
  v.emplace_back(item.suggestion_key);
  return tx.Query("INSERT INTO cooperation_review_items (review_id, project_id, title, member_ids, suggestion_key) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id",
                  v)
      .Int(0, 0);
}

bool ItemExists(db::Transaction& tx, ReviewId review, std::int64_t item) {
  return !tx.Query("SELECT 1 FROM cooperation_review_items WHERE review_id = ? AND id = ?", {review.value, item})
              .empty();
}

bool SetDecision(db::Transaction& tx, ReviewId review, std::int64_t item, const std::string& decision) {
  return tx.Execute("UPDATE cooperation_review_items SET decision = ? WHERE review_id = ? AND id = ?",
                    {decision, review.value, item}) == 1;
}

std::int64_t InsertFollowUp(db::Transaction& tx, ReviewId review, std::int64_t item, const FollowUp& f) {
  db::Params v;
  v.emplace_back(review.value);
  v.emplace_back(item);
  v.push_back(db::Nullable(f.member));
  v.emplace_back(f.person);
  v.emplace_back(f.what);
  v.push_back(db::Nullable(f.due_on));
  return tx.Query("INSERT INTO cooperation_review_followups (review_id, item_id, member_id, person, what, due_on) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                  v)
      .Int(0, 0);
}

bool CompleteFollowUp(db::Transaction& tx, ReviewId review, std::int64_t follow_up, Date done_on) {
  return tx.Execute("UPDATE cooperation_review_followups SET done_on = ? WHERE review_id = ? AND id = ?",
                    {FormatIsoDate(done_on), review.value, follow_up}) == 1;
}

}  // namespace coopole::cooperation::store
