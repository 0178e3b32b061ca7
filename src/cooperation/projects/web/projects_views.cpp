// JSON documents and page views of projects and reviews, and the request helpers.
#include <map>

#include "coopole/core/money.h"
#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"
#include "projects_web_internal.h"
#include "stage_rules.h"

namespace coopole::cooperation::web::projects_web {

namespace cw = coopole::web;

bool IsCoordinator(const ViewContext& ctx) {
  return identity::Allows(ctx.actor, ctx.hub.access, identity::Permission::kManageCooperation);
}

bool MayEditProject(const ViewContext& ctx, const Project& project) {
  return IsCoordinator(ctx) ||
         (ctx.hub.access.role == identity::Role::kMember && ctx.hub.access.member == project.lead);
}

Result<Fields> FormInput(const http::Request& req) {
  auto form = cw::ParseForm(req);
  if (!form) return form.error();
  Fields fields;
  // A repeated field (a multiple select) gives its values comma separated.
  for (const auto& [name, value] : *form) {
    if (name == "csrf") continue;
    auto [it, inserted] = fields.emplace(name, value);
    if (!inserted) it->second += "," + value;
  }
  return fields;
}

Result<Fields> JsonInput(const http::Request& req) {
  auto body = cw::ParseJsonObject(req);
  if (!body) return body.error();
  Fields fields;
  for (const auto& [name, value] : body->items()) {
    auto text = cw::JsonText(*body, name);
    if (!text) return text.error();
    if (*text) fields[name] = **text;
  }
  return fields;
}

Result<std::int64_t> PathId(const http::Request& req, const std::string& name) {
  auto id = cw::ParseId(req.Param(name));
  if (!id) return Error::NotFound(name);
  return *id;
}

Result<std::int64_t> VersionOf(const Fields& input) {
  auto it = input.find("version");
  if (it != input.end()) {
    if (auto n = cw::ParseId(Trim(it->second))) return *n;
  }
  return Error::Invalid({{"version", "validation.integer"}});
}

namespace {

json DateJson(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json FinancingJson(const Project& p) {
  auto check = rules::CheckFinancing(p.budget_lines, p.fundings, p.public_share_max_percent);
  json issues = json::array();
  for (const auto& issue : check.issues) issues.push_back({{"severity", issue.severity}, {"key", issue.key}});
  return {{"expenses_cents", check.expenses.cents},
          {"resources_cents", check.resources.cents},
          {"public_cents", check.public_amount.cents},
          {"public_share_percent", check.public_share_percent},
          {"public_share_max", p.public_share_max_percent},
          {"issues", issues}};
}

// The next stage of the pipeline and its unmet criteria (none after spreading or abandoned).
std::optional<std::pair<Stage, std::vector<std::string>>> NextGate(const Project& p) {
  if (p.stage == Stage::kSpreading || p.stage == Stage::kAbandoned) return std::nullopt;
  const auto next = static_cast<Stage>(static_cast<int>(p.stage) + 1);
  return std::make_pair(next, rules::GateCriteria(next, rules::FactsOf(p)));
}

}  // namespace

json ProjectJson(const Project& p, bool full) {
  json j = {{"id", p.id.value},
            {"title", p.title},
            {"summary", p.summary},
            {"lead", {{"member_id", p.lead.value}, {"name", p.lead_name}}},
            {"stage", StageCode(p.stage)},
            {"abandon_reason", p.abandon_reason},
            {"start_on", DateJson(p.start_on)},
            {"jobs_fte_hundredths", p.jobs_fte_hundredths},
            {"jobs_insertion_fte_hundredths", p.jobs_insertion_fte_hundredths},
            {"public_share_max", p.public_share_max_percent},
            {"partner_count", p.partner_count},
            {"budget_cents", p.budget.cents},
            {"created_at", FormatIsoUtc(p.created_at)},
            {"updated_at", FormatIsoUtc(p.updated_at)},
            {"version", p.version}};
  if (!full) return j;
  json partners = json::array(), budget = json::array(), fundings = json::array(), milestones = json::array(),
       documents = json::array(), history = json::array(), spreadings = json::array();
  for (const auto& x : p.partners) partners.push_back({{"member_id", x.member.value}, {"name", x.member_name}, {"role", x.role}});
  for (const auto& x : p.budget_lines)
    budget.push_back({{"id", x.id}, {"label", x.label}, {"amount_cents", x.amount.cents}, {"kind", x.income ? "income" : "expense"}});
  for (const auto& x : p.fundings)
    fundings.push_back({{"id", x.id}, {"funder", x.funder}, {"public", x.is_public}, {"amount_cents", x.amount.cents}, {"status", x.status}});
  for (const auto& x : p.milestones)
    milestones.push_back({{"id", x.id}, {"title", x.title}, {"due_on", FormatIsoDate(x.due_on)}, {"done_on", DateJson(x.done_on)}});
  for (const auto& x : p.documents) documents.push_back({{"id", x.id}, {"title", x.title}, {"url", x.url}});
  for (const auto& x : p.history)
    history.push_back({{"from", x.from.empty() ? json(nullptr) : json(x.from)}, {"to", x.to}, {"user_name", x.user_name},
                       {"at", FormatIsoUtc(x.at)}, {"reason", x.reason}, {"skipped", x.skipped}});
  for (const auto& x : p.spreadings)
    spreadings.push_back({{"id", x.id},
                          {"target_hub", x.target_hub ? json(x.target_hub_slug) : json(nullptr)},
                          {"target_hub_name", x.target_hub_name},
                          {"territory", x.territory},
                          {"commune_insee", x.commune_insee},
                          {"spread_on", FormatIsoDate(x.spread_on)},
                          {"adaptations", x.adaptations},
                          {"contact", x.contact}});
  j["partners"] = partners;
  j["budget_lines"] = budget;
  j["fundings"] = fundings;
  j["milestones"] = milestones;
  j["documents"] = documents;
  j["history"] = history;
  j["spreadings"] = spreadings;
  j["financing"] = FinancingJson(p);
  if (auto gate = NextGate(p)) j["next_gate"] = {{"stage", StageCode(gate->first)}, {"unmet", gate->second}};
  else j["next_gate"] = nullptr;
  return j;
}

json ReviewJson(const Review& r, bool full) {
  json j = {{"id", r.id.value},
            {"held_on", FormatIsoDate(r.held_on)},
            {"title", r.title},
            {"attendees", r.attendees},
            {"minutes", r.minutes},
            {"status", r.status},
            {"item_count", full ? static_cast<std::int64_t>(r.items.size()) : r.item_count},
            {"overdue_count", r.overdue_count},
            {"version", r.version}};
  if (!full) return j;
  json items = json::array();
  for (const auto& item : r.items) {
    json follow_ups = json::array();
    for (const auto& f : item.follow_ups)
      follow_ups.push_back({{"id", f.id},
                            {"member_id", f.member ? json(f.member->value) : json(nullptr)},
                            {"member_name", f.member_name},
                            {"person", f.person},
                            {"what", f.what},
                            {"due_on", DateJson(f.due_on)},
                            {"done_on", DateJson(f.done_on)},
                            {"overdue", f.overdue}});
    json members = json::array();
    for (const auto& m : item.members) members.push_back(m.value);
    items.push_back({{"id", item.id},
                     {"project_id", item.project ? json(item.project->value) : json(nullptr)},
                     {"project_title", item.project_title},
                     {"project_stage", item.project_stage},
                     {"title", item.title},
                     {"member_ids", members},
                     {"suggestion_key", item.suggestion_key},
                     {"decision", item.decision},
                     {"follow_ups", follow_ups}});
  }
  j["items"] = items;
  return j;
}

// ---- page views ----

std::string StageLabel(const ViewContext& ctx, std::string_view code) {
  return ctx.deps.shell.Translate(ctx.lang, "cooperation.projects.stage." + std::string(code));
}

namespace {

std::string Fte(std::int64_t hundredths, const std::string& lang) {
  // FTE print like amounts without the currency: "1,5" / "1.50".
  return FormatMoney(Money{hundredths}, lang);
}

std::string Tr(const ViewContext& ctx, const std::string& key) { return ctx.deps.shell.Translate(ctx.lang, key); }

// "23/11/2026 10:05" in the hub's time zone.
std::string LocalTime(const ViewContext& ctx, Timestamp at) {
  const auto local = hubs::ZoneOf(ctx.hub.hub)->ToLocal(at);
  return FormatDate(local.date, ctx.lang) + " " + FormatClock(local.minute);
}

}  // namespace

render::ViewList MemberOptions(const ViewContext& ctx, std::int64_t selected) {
  render::ViewList out;
  if (!ctx.deps.member_choices) return out;
  for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) {
    render::View o;
    o.set("value", std::to_string(id));
    o.set("label", name);
    o.set("selected", id == selected);
    out.push_back(o);
  }
  return out;
}

render::ViewList StageOptions(const ViewContext& ctx, const std::string& selected, bool with_abandoned) {
  render::ViewList out;
  auto stages = PipelineStages();
  if (with_abandoned) stages.push_back(Stage::kAbandoned);
  for (Stage s : stages) {
    render::View o;
    o.set("value", std::string(StageCode(s)));
    o.set("label", StageLabel(ctx, StageCode(s)));
    o.set("selected", selected == StageCode(s));
    out.push_back(o);
  }
  return out;
}

render::View ProjectCardView(const ViewContext& ctx, const Project& p) {
  render::View v;
  const std::string code = StageCode(p.stage);
  v.set("id", std::to_string(p.id.value));
  v.set("title", p.title);
  v.set("href", CoopBase(ctx.hub) + "/projects/" + std::to_string(p.id.value));
  v.set("lead_name", p.lead_name);
  v.set("partner_count", std::to_string(p.partner_count));
  v.set("budget", FormatMoney(p.budget, ctx.lang));
  v.set("stage", code);
  v.set("stage_label", StageLabel(ctx, code));
  v.set("version", std::to_string(p.version));
  v.set("may_edit", MayEditProject(ctx, p));
  // The move form proposes the next stage first.
  std::string next = code;
  if (p.stage != Stage::kSpreading && p.stage != Stage::kAbandoned) next = StageCode(static_cast<Stage>(static_cast<int>(p.stage) + 1));
  render::ViewList options;
  for (auto& o : StageOptions(ctx, next, true)) options.push_back(o);
  v.set("stage_options", options);
  return v;
}

render::View ProjectDetailView(const ViewContext& ctx, const Project& p) {
  render::View v = ProjectCardView(ctx, p);
  const std::string base = CoopBase(ctx.hub) + "/projects/" + std::to_string(p.id.value);
  v.set("summary", p.summary);
  v.set("has_summary", !p.summary.empty());
  v.set("abandon_reason", p.abandon_reason);
  v.set("is_abandoned", p.stage == Stage::kAbandoned);
  v.set("start_on", p.start_on ? FormatDate(*p.start_on, ctx.lang) : "");
  v.set("jobs_fte", Fte(p.jobs_fte_hundredths, ctx.lang));
  v.set("jobs_insertion_fte", Fte(p.jobs_insertion_fte_hundredths, ctx.lang));
  v.set("public_share_max", std::to_string(p.public_share_max_percent));
  v.set("base", base);
  // Gate of the next stage.
  if (auto gate = NextGate(p)) {
    v.set("has_next", true);
    v.set("next_stage_label", StageLabel(ctx, StageCode(gate->first)));
    render::ViewList unmet;
    for (const auto& c : gate->second) {
      render::View u;
      u.set("label", Tr(ctx, "cooperation.projects.criteria." + c));
      unmet.push_back(u);
    }
    v.set("gate_met", gate->second.empty());
    v.set("unmet", unmet);
  }
  render::ViewList partners, budget, fundings, milestones, documents, history, spreadings;
  for (const auto& x : p.partners) {
    render::View r;
    r.set("name", x.member_name);
    r.set("role", x.role);
    r.set("remove_action", base + "/partners/" + std::to_string(x.member.value) + "/remove");
    partners.push_back(r);
  }
  for (const auto& x : p.budget_lines) {
    render::View r;
    r.set("label", x.label);
    r.set("amount", FormatMoney(x.amount, ctx.lang));
    r.set("kind_label", Tr(ctx, std::string("cooperation.projects.budget_kind.") + (x.income ? "income" : "expense")));
    r.set("remove_action", base + "/lines/budget/" + std::to_string(x.id) + "/remove");
    budget.push_back(r);
  }
  for (const auto& x : p.fundings) {
    render::View r;
    r.set("funder", x.funder);
    r.set("amount", FormatMoney(x.amount, ctx.lang));
    r.set("public_label", Tr(ctx, x.is_public ? "cooperation.projects.funding.public" : "cooperation.projects.funding.private"));
    r.set("status_label", Tr(ctx, "cooperation.projects.funding_status." + x.status));
    render::ViewList statuses;
    for (const char* s : {"requested", "agreed", "refused", "paid"}) {
      render::View o;
      o.set("value", std::string(s));
      o.set("label", Tr(ctx, std::string("cooperation.projects.funding_status.") + s));
      o.set("selected", x.status == s);
      statuses.push_back(o);
    }
    r.set("status_options", statuses);
    r.set("status_action", base + "/fundings/" + std::to_string(x.id) + "/status");
    r.set("remove_action", base + "/lines/funding/" + std::to_string(x.id) + "/remove");
    fundings.push_back(r);
  }
  for (const auto& x : p.milestones) {
    render::View r;
    r.set("title", x.title);
    r.set("due_on", FormatDate(x.due_on, ctx.lang));
    r.set("done_on", x.done_on ? FormatDate(*x.done_on, ctx.lang) : "");
    r.set("is_done", x.done_on.has_value());
    r.set("done_action", base + "/milestones/" + std::to_string(x.id) + "/done");
    r.set("remove_action", base + "/lines/milestone/" + std::to_string(x.id) + "/remove");
    milestones.push_back(r);
  }
  for (const auto& x : p.documents) {
    render::View r;
    r.set("title", x.title);
    r.set("url", x.url);
    r.set("remove_action", base + "/lines/document/" + std::to_string(x.id) + "/remove");
    documents.push_back(r);
  }
  for (const auto& x : p.history) {
    render::View r;
    r.set("from_label", x.from.empty() ? std::string() : StageLabel(ctx, x.from));
    r.set("to_label", StageLabel(ctx, x.to));
    r.set("user_name", x.user_name);
    r.set("at", FormatIsoUtc(x.at));
    r.set("at_local", LocalTime(ctx, x.at));
    r.set("reason", x.reason);
    std::string skipped;
    for (const auto& c : x.skipped) skipped += (skipped.empty() ? "" : ", ") + Tr(ctx, "cooperation.projects.criteria." + c);
    r.set("skipped", skipped);
    history.push_back(r);
  }
  for (const auto& x : p.spreadings) {
    render::View r;
    r.set("has_hub", x.target_hub.has_value());
    r.set("hub_name", x.target_hub_name);
    r.set("hub_href", "/hubs/" + x.target_hub_slug);
    r.set("territory", x.territory);
    r.set("commune_insee", x.commune_insee);
    r.set("spread_on", FormatDate(x.spread_on, ctx.lang));
    r.set("adaptations", x.adaptations);
    r.set("contact", x.contact);
    r.set("remove_action", base + "/lines/spreading/" + std::to_string(x.id) + "/remove");
    spreadings.push_back(r);
  }
  v.set("partners", partners);
  v.set("budget_lines", budget);
  v.set("fundings", fundings);
  v.set("milestones", milestones);
  v.set("documents", documents);
  v.set("history", history);
  v.set("spreadings", spreadings);
  v.set("has_spreadings", !p.spreadings.empty());
  auto check = rules::CheckFinancing(p.budget_lines, p.fundings, p.public_share_max_percent);
  v.set("expenses", FormatMoney(check.expenses, ctx.lang));
  v.set("resources", FormatMoney(check.resources, ctx.lang));
  v.set("public_share_percent", std::to_string(check.public_share_percent));
  render::ViewList issues;
  for (const auto& issue : check.issues) {
    render::View r;
    r.set("is_error", issue.severity == "error");
    r.set("message", Tr(ctx, "cooperation.projects.financing." + issue.key));
    issues.push_back(r);
  }
  v.set("financing_issues", issues);
  v.set("member_options", MemberOptions(ctx, 0));
  return v;
}

render::View ReviewView(const ViewContext& ctx, const Review& r, bool full) {
  render::View v;
  const std::string href = CoopBase(ctx.hub) + "/reviews/" + std::to_string(r.id.value);
  v.set("id", std::to_string(r.id.value));
  v.set("href", href);
  v.set("title", r.title);
  v.set("held_on", FormatDate(r.held_on, ctx.lang));
  v.set("held_on_iso", FormatIsoDate(r.held_on));
  v.set("attendees", r.attendees);
  v.set("minutes", r.minutes);
  v.set("status", r.status);
  v.set("status_label", Tr(ctx, "cooperation.reviews.status." + r.status));
  v.set("version", std::to_string(r.version));
  v.set("item_count", std::to_string(full ? static_cast<std::int64_t>(r.items.size()) : r.item_count));
  v.set("overdue_count", std::to_string(r.overdue_count));
  v.set("has_overdue", r.overdue_count > 0);
  render::ViewList statuses;
  for (const char* s : {"planned", "held", "closed"}) {
    render::View o;
    o.set("value", std::string(s));
    o.set("label", Tr(ctx, std::string("cooperation.reviews.status.") + s));
    o.set("selected", r.status == s);
    statuses.push_back(o);
  }
  v.set("status_options", statuses);
  if (!full) return v;
  std::map<std::int64_t, std::string> names;
  if (ctx.deps.member_choices)
    for (const auto& [id, name] : ctx.deps.member_choices(ctx.actor, ctx.hub)) names[id] = name;
  render::ViewList items;
  for (const auto& item : r.items) {
    render::View i;
    std::string concerned;
    for (const auto& m : item.members) {
      auto it = names.find(m.value);
      concerned += (concerned.empty() ? "" : ", ") + (it == names.end() ? "#" + std::to_string(m.value) : it->second);
    }
    i.set("members", concerned);
    const std::string item_href = href + "/items/" + std::to_string(item.id);
    i.set("id", std::to_string(item.id));
    i.set("is_project", item.project.has_value());
    i.set("project_title", item.project_title);
    i.set("project_href", item.project ? CoopBase(ctx.hub) + "/projects/" + std::to_string(item.project->value) : "");
    i.set("project_stage_label", item.project_stage.empty() ? std::string() : StageLabel(ctx, item.project_stage));
    i.set("title", item.title);
    i.set("suggestion_key", item.suggestion_key);
    i.set("decision", item.decision);
    i.set("decision_action", item_href + "/decision");
    i.set("follow_up_action", item_href + "/follow-ups");
    render::ViewList follow_ups;
    for (const auto& f : item.follow_ups) {
      render::View fv;
      fv.set("who", f.member_name.empty() ? f.person : (f.person.empty() ? f.member_name : f.member_name + " (" + f.person + ")"));
      fv.set("what", f.what);
      fv.set("due_on", f.due_on ? FormatDate(*f.due_on, ctx.lang) : "");
      fv.set("done_on", f.done_on ? FormatDate(*f.done_on, ctx.lang) : "");
      fv.set("is_done", f.done_on.has_value());
      fv.set("overdue", f.overdue);
      fv.set("done_action", href + "/follow-ups/" + std::to_string(f.id) + "/done");
      follow_ups.push_back(fv);
    }
    i.set("follow_ups", follow_ups);
    i.set("has_follow_ups", !item.follow_ups.empty());
    items.push_back(i);
  }
  v.set("items", items);
  v.set("has_items", !r.items.empty());
  return v;
}

}  // namespace coopole::cooperation::web::projects_web
