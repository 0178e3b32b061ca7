// Use cases of projects: list, read, create, edit, and move through the stages.
#include "coopole/cooperation/projects.h"

#include "projects_internal.h"
#include "stage_rules.h"
#include "store/projects_store.h"

namespace coopole::cooperation {
namespace projects_internal {

std::optional<Date> DateField(const Fields& input, const std::string& field, FieldErrors& errors) {
  auto text = Field(input, field);
  if (!text || text->empty()) return std::nullopt;
  auto date = ParseDate(*text);
  if (!date) errors.emplace(field, "validation.date");
  return date;
}

std::optional<Money> MoneyField(const Fields& input, const std::string& field, FieldErrors& errors) {
  auto text = Field(input, field);
  if (!text || text->empty()) return std::nullopt;
  auto money = ParseMoney(*text);
  if (!money || money->cents < 0 || money->cents > kMaxAmountCents) {
    errors.emplace(field, "validation.amount");
    return std::nullopt;
  }
  return money;
}

std::optional<std::int64_t> IdField(const Fields& input, const std::string& field, FieldErrors& errors) {
  auto text = Field(input, field);
  if (!text || text->empty()) return std::nullopt;
  char* end = nullptr;
  const long long n = std::strtoll(text->c_str(), &end, 10);
  if (end == text->c_str() || *end != '\0' || n <= 0) {
    errors.emplace(field, "validation.member");
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> FteField(const Fields& input, const std::string& field, FieldErrors& errors) {
  auto text = Field(input, field);
  if (!text || text->empty()) return std::nullopt;
  auto value = ParseMoney(*text);  // the same decimal grammar, two decimals: hundredths
  if (!value || value->cents < 0) {
    errors.emplace(field, "cooperation.projects.error.fte");
    return std::nullopt;
  }
  return value->cents;
}

std::optional<std::string> MemberNameIn(const Directory& directory, db::Transaction& tx, HubId hub, MemberId member) {
  if (!directory.active_members) return std::nullopt;
  for (const auto& m : directory.active_members(tx, hub))
    if (m.id == member) return m.name;
  return std::nullopt;
}

std::string ProjectAudit(const Project& p) {
  return AuditJson({{"id", p.id.value},
                    {"title", p.title},
                    {"summary", p.summary},
                    {"lead_member_id", p.lead.value},
                    {"stage", StageCode(p.stage)},
                    {"start_on", p.start_on ? FormatIsoDate(*p.start_on) : ""},
                    {"jobs_fte_hundredths", p.jobs_fte_hundredths},
                    {"jobs_insertion_fte_hundredths", p.jobs_insertion_fte_hundredths},
                    {"public_share_max", p.public_share_max_percent},
                    {"version", p.version}});
}

}  // namespace projects_internal

namespace {

using namespace projects_internal;

// Applies the editable fields of `input` to `p` (absent fields keep their value); the
// field errors are added to `errors`. The lead is resolved by the caller.
void ApplyProjectInput(const Fields& input, Project& p, FieldErrors& errors) {
  if (auto title = Field(input, "title")) p.title = *title;
  if (p.title.empty()) errors.emplace("title", "validation.required");
  else if (p.title.size() > 200) errors.emplace("title", "validation.too_long");
  if (auto summary = Field(input, "summary")) p.summary = *summary;
  if (p.summary.size() > 5000) errors.emplace("summary", "validation.too_long");
  if (auto text = Field(input, "start_on")) {
    if (text->empty()) p.start_on.reset();
    else if (auto date = DateField(input, "start_on", errors)) p.start_on = date;
  }
  if (auto jobs = FteField(input, "jobs_fte", errors)) p.jobs_fte_hundredths = *jobs;
  if (auto jobs = FteField(input, "jobs_insertion_fte", errors)) p.jobs_insertion_fte_hundredths = *jobs;
  if (p.jobs_insertion_fte_hundredths > p.jobs_fte_hundredths && !errors.count("jobs_insertion_fte"))
    errors.emplace("jobs_insertion_fte", "cooperation.projects.error.insertion_above_jobs");
  if (auto text = Field(input, "public_share_max"); text && !text->empty()) {
    // A whole percentage, with or without its sign ("80", "80 %").
    if (text->back() == '%') {
      std::string_view t = Trim(std::string_view(*text).substr(0, text->size() - 1));
      // French typography puts a (narrow) no-break space before the sign.
      for (std::string_view space : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")})
        if (t.size() >= space.size() && t.substr(t.size() - space.size()) == space)
          t = Trim(t.substr(0, t.size() - space.size()));
      *text = std::string(t);
    }
    char* end = nullptr;
    const long n = std::strtol(text->c_str(), &end, 10);
    if (end == text->c_str() || *end != '\0' || n < 0 || n > 100)
      errors.emplace("public_share_max", "cooperation.projects.error.percent");
    else p.public_share_max_percent = static_cast<int>(n);
  }
}

}  // namespace

ProjectService::ProjectService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

Result<std::vector<Project>> ProjectService::ListProjects(const Actor& actor, const HubContext& hub,
                                                         const ProjectFilter& filter) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  std::vector<std::string> words;
  for (auto& word : Split(FoldForSearch(filter.text), ' '))
    if (!word.empty()) words.push_back(std::move(word));
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListProjects(tx, hub.hub.id, filter, words);
}

Result<Project> ProjectService::GetProject(const Actor& actor, const HubContext& hub, ProjectId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto project = store::FindProject(tx, hub.hub.id, id);
  if (!project) return Error::NotFound("project");
  store::LoadCollections(tx, *project);
  return *project;
}

Result<Project> ProjectService::CreateProject(const Actor& actor, const HubContext& hub, const Fields& input) {
  const bool member_role = hub.access.role == identity::Role::kMember && hub.access.member;
  if (!IsCoordinator(actor, hub) && !member_role) return Error::Denied();
  Project p;
  p.hub = hub.hub.id;
  FieldErrors errors;
  ApplyProjectInput(input, p, errors);
  auto lead = IdField(input, "lead_member_id", errors);
  if (!lead && member_role && !errors.count("lead_member_id")) lead = hub.access.member->value;
  auto tx = pool_.Begin(db::TxMode::kWrite);
  if (lead) {
    p.lead = MemberId{*lead};
    if (auto name = MemberNameIn(directory_, tx, hub.hub.id, p.lead)) p.lead_name = *name;
    else errors.emplace("lead_member_id", "validation.member");
  } else if (!errors.count("lead_member_id")) {
    errors.emplace("lead_member_id", "validation.required");
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!MayEdit(actor, hub, p.lead)) return Error::Denied();
  p.created_at = p.updated_at = clock_.Now();
  p.id = store::InsertProject(tx, p);
  store::InsertHistory(tx, p.id, {0, "", StageCode(p.stage), actor.name, p.created_at, "", {}}, actor.user);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "project", p.id.value, "", ProjectAudit(p)});
  tx.Commit();
  return p;
}

Result<Project> ProjectService::UpdateProject(const Actor& actor, const HubContext& hub, ProjectId id,
                                              std::int64_t expected_version, const Fields& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindProject(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("project");
  if (!MayEdit(actor, hub, current->lead)) return Error::Denied();
  if (current->version != expected_version) return Stale("project");
  Project p = *current;
  FieldErrors errors;
  ApplyProjectInput(input, p, errors);
  if (auto lead = IdField(input, "lead_member_id", errors)) {
    p.lead = MemberId{*lead};
    if (auto name = MemberNameIn(directory_, tx, hub.hub.id, p.lead)) p.lead_name = *name;
    else errors.emplace("lead_member_id", "validation.member");
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // Handing the lead to another organisation is acting for that one too.
  if (p.lead != current->lead && !MayEdit(actor, hub, p.lead)) return Error::Denied();
  p.updated_at = clock_.Now();
  if (!store::UpdateProject(tx, p, expected_version)) return Stale("project");
  p.version = expected_version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "update", "project", id.value, ProjectAudit(*current), ProjectAudit(p)});
  tx.Commit();
  return p;
}

Result<Project> ProjectService::MoveStage(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindProject(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("project");
  if (!MayEdit(actor, hub, current->lead)) return Error::Denied();
  FieldErrors errors;
  auto version = Field(input, "version");
  if (version && !version->empty() && *version != std::to_string(current->version)) return Stale("project");
  auto code = Field(input, "stage").value_or("");
  auto to = ParseStage(code);
  if (!to) return FieldError("stage", code.empty() ? "validation.required" : "cooperation.projects.error.stage");
  store::LoadCollections(tx, *current);
  const auto plan = rules::PlanMove(current->stage, *to, rules::FactsOf(*current));
  if (plan.same_stage) return FieldError("stage", "cooperation.projects.error.same_stage");
  const std::string reason = Field(input, "reason").value_or("");
  if (reason.size() > 5000) return FieldError("reason", "validation.too_long");
  if (plan.needs_reason && reason.empty()) {
    Error error = FieldError("reason", "cooperation.projects.error.reason_required");
    std::string criteria;
    for (const auto& c : plan.unmet) criteria += (criteria.empty() ? "" : ",") + c;
    if (!criteria.empty()) error.fields["criteria"] = criteria;
    error.message = "this move needs a reason";
    return error;
  }
  Project p = *current;
  p.stage = *to;
  if (*to == Stage::kAbandoned) p.abandon_reason = reason;
  else p.abandon_reason.clear();
  p.updated_at = clock_.Now();
  if (!store::UpdateProject(tx, p, current->version)) return Stale("project");
  p.version = current->version + 1;
  StageChange change{0, StageCode(current->stage), StageCode(*to), actor.name, p.updated_at, reason, plan.unmet};
  store::InsertHistory(tx, id, change, actor.user);
  p.history.push_back(change);
  nlohmann::json after = {{"from", change.from}, {"to", change.to}, {"reason", reason}, {"skipped", plan.unmet}};
  identity_.RecordAudit(tx, actor, {hub.hub.id, "move", "project", id.value, ProjectAudit(*current), AuditJson(after)});
  tx.Commit();
  return p;
}

}  // namespace coopole::cooperation
