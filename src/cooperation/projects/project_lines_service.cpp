// Use cases of a project's collections: partners, budget, co-financing, milestones,
// documents, spreading records.
#include <algorithm>
#include <cctype>

#include "coopole/cooperation/projects.h"
#include "projects_internal.h"
#include "stage_rules.h"
#include "store/projects_store.h"

namespace coopole::cooperation {
namespace {

using namespace projects_internal;

// The project, if the actor may change it. Errors: kNotFound, kPermissionDenied.
Result<Project> Editable(db::Transaction& tx, const Actor& actor, const HubContext& hub, ProjectId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto project = store::FindProject(tx, hub.hub.id, id);
  if (!project) return Error::NotFound("project");
  if (!MayEdit(actor, hub, project->lead)) return Error::Denied();
  return *project;
}

void Audit(identity::IdentityService& identity, db::Transaction& tx, const Actor& actor, const HubContext& hub,
           const char* action, ProjectId id, const nlohmann::json& after) {
  identity.RecordAudit(tx, actor, {hub.hub.id, action, "project", id.value, "", AuditJson(after)});
}

// The text of a required field (trimmed, at most `max` bytes), recording errors.
std::string Required(const Fields& input, const std::string& field, std::size_t max, FieldErrors& errors) {
  auto text = Field(input, field).value_or("");
  if (text.empty()) errors.emplace(field, "validation.required");
  else if (text.size() > max) errors.emplace(field, "validation.too_long");
  return text;
}

std::string Optional(const Fields& input, const std::string& field, std::size_t max, FieldErrors& errors) {
  auto text = Field(input, field).value_or("");
  if (text.size() > max) errors.emplace(field, "validation.too_long");
  return text;
}

// A public share above the project's maximum refuses the change (422 on `field`).
Status CheckPublicShare(db::Transaction& tx, Project& project, const std::string& field) {
  store::LoadCollections(tx, project);
  auto check = rules::CheckFinancing(project.budget_lines, project.fundings, project.public_share_max_percent);
  if (check.has_error()) return FieldError(field, "cooperation.projects.financing.public_share_exceeded");
  return OkStatus();
}

bool IsInseeCode(std::string_view code) {
  return code.size() == 5 &&
         std::all_of(code.begin(), code.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == 'A' || c == 'B'; });
}

}  // namespace

Status ProjectService::AddPartner(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  auto member = IdField(input, "member_id", errors);
  if (!member && !errors.count("member_id")) errors.emplace("member_id", "validation.required");
  const std::string role = Optional(input, "role", 200, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // An organisation of another hub is not found, as anything of another hub.
  if (!MemberNameIn(directory_, tx, hub.hub.id, MemberId{*member})) return Error::NotFound("member");
  if (MemberId{*member} == project->lead) return FieldError("member_id", "cooperation.projects.error.partner_is_lead");
  store::InsertPartner(tx, id, MemberId{*member}, role, clock_.Now());
  Audit(identity_, tx, actor, hub, "add_partner", id, {{"member_id", *member}, {"role", role}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::RemovePartner(const Actor& actor, const HubContext& hub, ProjectId id, MemberId member) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  if (!store::DeletePartner(tx, id, member)) return Error::NotFound("partner");
  Audit(identity_, tx, actor, hub, "remove_partner", id, {{"member_id", member.value}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddBudgetLine(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  BudgetLine line;
  line.label = Required(input, "label", 200, errors);
  auto amount = MoneyField(input, "amount", errors);
  if (!amount && !errors.count("amount")) errors.emplace("amount", "validation.required");
  const std::string kind = Field(input, "kind").value_or("expense");
  if (kind != "expense" && kind != "income") errors.emplace("kind", "cooperation.projects.error.budget_kind");
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  line.amount = *amount;
  line.income = kind == "income";
  line.id = store::InsertBudgetLine(tx, id, line);
  // Fewer expenses can push the public share above the maximum.
  if (auto share = CheckPublicShare(tx, *project, "amount"); !share) return share.error();
  Audit(identity_, tx, actor, hub, "add_budget_line", id,
        {{"line_id", line.id}, {"label", line.label}, {"amount_cents", line.amount.cents}, {"kind", kind}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddFunding(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  Funding f;
  f.funder = Required(input, "funder", 200, errors);
  auto amount = MoneyField(input, "amount", errors);
  if (!amount && !errors.count("amount")) errors.emplace("amount", "validation.required");
  auto is_public = ParseBoolean(Field(input, "public").value_or("0"));
  if (!is_public) errors.emplace("public", "validation.boolean");
  f.status = Field(input, "status").value_or("requested");
  if (f.status.empty()) f.status = "requested";
  if (!rules::IsFundingStatus(f.status)) errors.emplace("status", "cooperation.projects.error.funding_status");
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  f.amount = *amount;
  f.is_public = *is_public;
  f.id = store::InsertFunding(tx, id, f);
  if (auto share = CheckPublicShare(tx, *project, "amount"); !share) return share.error();
  Audit(identity_, tx, actor, hub, "add_funding", id,
        {{"funding_id", f.id}, {"funder", f.funder}, {"public", f.is_public}, {"amount_cents", f.amount.cents},
         {"status", f.status}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::SetFundingStatus(const Actor& actor, const HubContext& hub, ProjectId id, std::int64_t funding,
                                        const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  const std::string status = Field(input, "status").value_or("");
  if (!rules::IsFundingStatus(status)) return FieldError("status", "cooperation.projects.error.funding_status");
  if (!store::SetFundingStatus(tx, id, funding, status)) return Error::NotFound("funding");
  if (auto share = CheckPublicShare(tx, *project, "status"); !share) return share.error();
  Audit(identity_, tx, actor, hub, "funding_status", id, {{"funding_id", funding}, {"status", status}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddMilestone(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  Milestone m;
  m.title = Required(input, "title", 200, errors);
  auto due = DateField(input, "due_on", errors);
  if (!due && !errors.count("due_on")) errors.emplace("due_on", "validation.required");
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  m.due_on = *due;
  m.id = store::InsertMilestone(tx, id, m);
  Audit(identity_, tx, actor, hub, "add_milestone", id,
        {{"milestone_id", m.id}, {"title", m.title}, {"due_on", FormatIsoDate(m.due_on)}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::CompleteMilestone(const Actor& actor, const HubContext& hub, ProjectId id,
                                         std::int64_t milestone, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  auto done = DateField(input, "done_on", errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const Date on = done.value_or(TodayIn(clock_, hub));
  if (!store::CompleteMilestone(tx, id, milestone, on)) return Error::NotFound("milestone");
  Audit(identity_, tx, actor, hub, "complete_milestone", id, {{"milestone_id", milestone}, {"done_on", FormatIsoDate(on)}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddDocument(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  DocumentLink d;
  d.title = Required(input, "title", 200, errors);
  d.url = Required(input, "url", 2000, errors);
  if (!d.url.empty() && !errors.count("url") && !IsHttpUrl(d.url)) errors.emplace("url", "validation.url");
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  d.id = store::InsertDocument(tx, id, d);
  Audit(identity_, tx, actor, hub, "add_document", id, {{"document_id", d.id}, {"title", d.title}, {"url", d.url}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::AddSpreading(const Actor& actor, const HubContext& hub, ProjectId id, const Fields& input) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  FieldErrors errors;
  Spreading s;
  const std::string slug = Field(input, "target_hub").value_or("");
  if (!slug.empty()) {
    auto target = store::FindHubBySlug(tx, slug);
    if (!target) errors.emplace("target_hub", "cooperation.spreading.error.unknown_hub");
    else if (target->first == hub.hub.id) errors.emplace("target_hub", "cooperation.spreading.error.same_hub");
    else {
      s.target_hub = target->first;
      s.target_hub_slug = slug;
      s.target_hub_name = target->second;
    }
  }
  s.territory = Optional(input, "territory", 200, errors);
  if (slug.empty() && s.territory.empty()) errors.emplace("territory", "cooperation.spreading.error.where");
  s.commune_insee = Field(input, "commune_insee").value_or("");
  if (!s.commune_insee.empty() && !IsInseeCode(s.commune_insee))
    errors.emplace("commune_insee", "validation.commune");
  auto on = DateField(input, "spread_on", errors);
  if (!on && !errors.count("spread_on")) errors.emplace("spread_on", "validation.required");
  s.adaptations = Optional(input, "adaptations", 5000, errors);
  s.contact = Optional(input, "contact", 300, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  s.spread_on = *on;
  s.id = store::InsertSpreading(tx, id, s, clock_.Now());
  Audit(identity_, tx, actor, hub, "add_spreading", id,
        {{"spreading_id", s.id}, {"target_hub", slug}, {"territory", s.territory}, {"commune_insee", s.commune_insee},
         {"spread_on", FormatIsoDate(s.spread_on)}});
  tx.Commit();
  return OkStatus();
}

Status ProjectService::RemoveLine(const Actor& actor, const HubContext& hub, ProjectId id, const std::string& kind,
                                  std::int64_t line) {
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto project = Editable(tx, actor, hub, id);
  if (!project) return project.error();
  if (!store::DeleteLine(tx, id, kind, line)) return Error::NotFound(kind);
  if (kind == "budget") {
    if (auto share = CheckPublicShare(tx, *project, "line"); !share) return share.error();
  }
  Audit(identity_, tx, actor, hub, "remove_line", id, {{"kind", kind}, {"line_id", line}});
  tx.Commit();
  return OkStatus();
}

}  // namespace coopole::cooperation
