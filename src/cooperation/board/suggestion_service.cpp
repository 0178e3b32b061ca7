// Use cases of the suggestions and cooperations: compute a hub's (or the installation's)
// suggestions, accept one (it becomes a cooperation) or dismiss it, record cooperations by
// hand, and the hub landing page's overview.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "board_internal.h"
#include "board_rules.h"
#include "store/board_store.h"

namespace coopole::cooperation {
namespace {

using namespace board_internal;

// Loads what the matcher needs with a handful of queries and runs it.
rules::Selected Compute(db::Transaction& tx, const Directory& directory, std::optional<HubId> hub, Date today,
                        const rules::Selection& selection) {
  rules::MatchInput input;
  input.cross_hub = !hub.has_value();
  auto members = directory.active_members(tx, hub);
  std::unordered_map<std::string, std::string> commune_names;
  input.members.reserve(members.size());
  for (const auto& m : members) {
    if (!m.commune_insee.empty()) commune_names.emplace(m.commune_insee, m.commune_name);
    input.members.push_back(ToMatch(m));
  }
  auto posts = store::OpenPosts(tx, hub, today);
  input.posts.reserve(posts.size());
  for (const auto& p : posts) {
    auto it = commune_names.find(p.commune_insee);
    input.posts.push_back(ToMatch(p, it == commune_names.end() ? "" : it->second));
  }
  if (directory.offered_resources)
    for (const auto& r : directory.offered_resources(tx, hub)) input.resources.push_back(ToMatch(r));
  for (auto& [hub_id, key] : store::DecidedKeys(tx, hub)) input.excluded.insert(std::move(key));
  return rules::Suggest(input, selection);
}

bool Involves(const Suggestion& s, MemberId member) {
  return std::find(s.members.begin(), s.members.end(), member) != s.members.end();
}

rules::Selection SelectionOf(std::optional<MemberId> member, const SuggestionQuery& query) {
  return {member, query.kind, static_cast<std::size_t>(std::clamp(query.limit, 1, 1000))};
}

SuggestionList ListOf(rules::Selected selected) {
  return {std::move(selected.items), static_cast<std::int64_t>(selected.total)};
}

// The installation's today: in the default hub zone (Europe/Paris).
Date InstallationToday(const Clock& clock) { return hubs::TodayIn(clock, hubs::Hub{}); }

// The current suggestion of the hub with this key, when the actor may decide on it.
Result<Suggestion> Decidable(db::Transaction& tx, const Directory& directory, const Actor& actor,
                             const HubContext& hub, const std::string& key, Date today) {
  if (!rules::ParseKey(key)) return Error::NotFound("suggestion");
  auto all = Compute(tx, directory, hub.hub.id, today, {});
  for (auto& s : all.items) {
    if (s.key != key) continue;
    if (IsCoordinator(actor, hub)) return std::move(s);
    auto own = OwnMember(hub);
    if (own && Involves(s, *own) && ActsFor(actor, hub, *own)) return std::move(s);
    return Error::Denied();
  }
  return Error::NotFound("suggestion");
}

std::string CooperationJson(const Cooperation& c) {
  nlohmann::json members = nlohmann::json::array();
  for (auto m : c.members) members.push_back(m.value);
  return AuditJson({{"kind", c.kind},
                    {"title", c.title},
                    {"started_on", FormatIsoDate(c.started_on)},
                    {"source_key", c.source_key},
                    {"member_ids", members}});
}

}  // namespace

Result<SuggestionList> BoardService::Suggestions(const Actor& actor, const HubContext& hub,
                                                 const SuggestionQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  std::optional<MemberId> member = query.member;
  if (auto own = OwnMember(hub)) member = own;  // members see what involves their organisation
  auto tx = pool_.Begin(db::TxMode::kRead);
  return ListOf(Compute(tx, directory_, hub.hub.id, TodayIn(clock_, hub), SelectionOf(member, query)));
}

Result<SuggestionList> BoardService::InstallationSuggestions(const Actor& actor, const SuggestionQuery& query) {
  if (!actor.is_admin) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return ListOf(Compute(tx, directory_, std::nullopt, InstallationToday(clock_), SelectionOf(query.member, query)));
}

Result<Cooperation> BoardService::AcceptSuggestion(const Actor& actor, const HubContext& hub, const std::string& key) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto suggestion = Decidable(tx, directory_, actor, hub, key, today);
  if (!suggestion) return suggestion.error();
  const Timestamp now = clock_.Now();
  if (!store::InsertDecision(tx, hub.hub.id, key, "accepted", "", actor.user, now))
    return Error::NotFound("suggestion");
  Cooperation c;
  c.hub = hub.hub.id;
  c.kind = "suggestion";
  c.title = suggestion->title;
  c.started_on = today;
  c.source_key = key;
  c.members = suggestion->members;
  c.member_names = suggestion->member_names;
  c.created_by = actor.user;
  c.created_at = now;
  c.id = store::InsertCooperation(tx, c);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "accept", "cooperation_suggestion", c.id.value, "", CooperationJson(c)});
  tx.Commit();
  return c;
}

Status BoardService::DismissSuggestion(const Actor& actor, const HubContext& hub, const std::string& key,
                                       const std::string& reason) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const std::string why(Trim(reason));
  if (why.size() > 500) return FieldError("reason", "validation.too_long");
  const Date today = TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto suggestion = Decidable(tx, directory_, actor, hub, key, today);
  if (!suggestion) return suggestion.error();
  if (!store::InsertDecision(tx, hub.hub.id, key, "dismissed", why, actor.user, clock_.Now()))
    return Error::NotFound("suggestion");
  identity_.RecordAudit(tx, actor, {hub.hub.id, "dismiss", "cooperation_suggestion", 0, "",
                                    AuditJson({{"key", key}, {"reason", why}})});
  tx.Commit();
  return OkStatus();
}

Result<std::vector<Cooperation>> BoardService::ListCooperations(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListCooperations(tx, hub.hub.id);
}

Result<Cooperation> BoardService::RecordCooperation(const Actor& actor, const HubContext& hub,
                                                    const CooperationInput& input) {
  if (!MayWrite(actor, hub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  std::map<std::string, std::string> errors;
  Cooperation c;
  c.hub = hub.hub.id;
  c.kind = "other";
  c.title = std::string(Trim(input.title.value_or("")));
  if (c.title.empty()) errors["title"] = "validation.required";
  else if (c.title.size() > rules::kMaxTitle) errors["title"] = "validation.too_long";
  c.started_on = today;
  if (input.started_on && !Trim(*input.started_on).empty()) {
    auto date = ParseDate(Trim(*input.started_on));
    if (!date) errors["started_on"] = "validation.date";
    else c.started_on = *date;
  }
  std::set<std::int64_t> ids;
  for (const auto& text : input.member_ids) {
    if (Trim(text).empty()) continue;
    auto id = ParseMemberId(text);
    if (!id) errors["member_ids"] = "validation.member";
    else ids.insert(id->value);
  }
  if (ids.size() < 2 && !errors.count("member_ids")) errors["member_ids"] = "validation.members_min";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto members = directory_.active_members(tx, hub.hub.id);
  bool acts = IsCoordinator(actor, hub);
  for (auto id : ids) {
    auto it = std::find_if(members.begin(), members.end(), [&](const members::Member& m) { return m.id.value == id; });
    if (it == members.end()) {
      errors["member_ids"] = "validation.member";
      continue;
    }
    c.members.push_back(it->id);
    c.member_names.push_back(it->name);
    if (OwnMember(hub) == it->id) acts = true;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!acts) return Error::Denied();  // members record the cooperations they take part in
  c.created_by = actor.user;
  c.created_at = clock_.Now();
  c.id = store::InsertCooperation(tx, c);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "cooperation", c.id.value, "", CooperationJson(c)});
  tx.Commit();
  return c;
}

Result<BoardOverview> BoardService::Overview(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  BoardOverview o;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    o.open_needs = store::CountPosts(tx, hub.hub.id, {.direction = Direction::kNeed, .open_on = today});
    o.open_offers = store::CountPosts(tx, hub.hub.id, {.direction = Direction::kOffer, .open_on = today});
    o.cooperations = store::CountCooperations(tx, hub.hub.id);
    if (auto own = OwnMember(hub)) o.unread_notifications = store::CountUnread(tx, hub.hub.id, *own);
  }
  auto top = Suggestions(actor, hub, {.limit = 5});
  if (top.ok()) o.top_suggestions = std::move(top->items);
  return o;
}

}  // namespace coopole::cooperation
