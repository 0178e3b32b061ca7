// Use cases of the newcomer welcome (list, read, tick, close) and of the animation home.
#include <algorithm>
#include <set>

#include "coopole/animation/notices.h"
#include "coopole/core/time_zone.h"
#include "groups_internal.h"
#include "groups_rules.h"
#include "store/groups_store.h"

namespace coopole::animation {

using namespace groups_internal;

namespace {

using Errors = std::map<std::string, std::string>;

// What the welcome reads in one transaction: the hub's active members, the checklists
// recorded, the members with a breakfast, the hub's zone.
struct WelcomeData {
  std::vector<members::Member> members;
  std::map<std::int64_t, std::string> names;
  std::map<std::int64_t, groups_store::WelcomeRow> rows;
  std::set<std::int64_t> breakfasts;
  std::shared_ptr<const TimeZone> zone;
};

WelcomeData ReadWelcomeData(const Directory& directory, db::Transaction& tx, const HubContext& hub) {
  WelcomeData data;
  if (directory.active_members) data.members = directory.active_members(tx, hub.hub.id);
  for (const auto& m : data.members) data.names[m.id.value] = m.name;
  data.rows = groups_store::WelcomeRows(tx, hub.hub.id);
  for (auto id : groups_store::MembersWithBreakfast(tx, hub.hub.id)) data.breakfasts.insert(id);
  data.zone = hubs::ZoneOf(hub.hub);
  return data;
}

Welcome BuildWelcome(const members::Member& m, const WelcomeData& data) {
  Welcome w;
  w.member = m.id;
  w.member_name = m.name;
  w.joined_on = m.join_date ? *m.join_date : data.zone->ToLocal(m.created_at).date;
  w.charter_accepted_on = m.charter_accepted_on;
  if (auto it = data.rows.find(m.id.value); it != data.rows.end()) {
    w.charter_ticked = it->second.charter_ticked;
    w.introduced_on = it->second.introduced_on;
    w.buddy = it->second.buddy;
    w.closed = it->second.closed;
    w.version = it->second.version;
  }
  if (w.buddy) {
    auto it = data.names.find(w.buddy->value);
    w.buddy_name = it == data.names.end() ? "" : it->second;
  }
  w.charter_done = w.charter_accepted_on.has_value() || w.charter_ticked;
  w.breakfast_done = data.breakfasts.count(m.id.value) > 0;
  return w;
}

const members::Member* FindMember(const WelcomeData& data, MemberId id) {
  for (const auto& m : data.members)
    if (m.id == id) return &m;
  return nullptr;
}

// Who reads every checklist: coordinators, observers, admins; a member-role user its own.
bool MayReadWelcomeOf(const Actor& actor, const HubContext& hub, MemberId member) {
  return actor.is_admin || hub.access.role != identity::Role::kMember || OwnMember(hub) == member;
}

std::optional<bool> ParseTick(std::string_view text) {
  text = Trim(text);
  if (text == "1" || text == "true" || text == "on") return true;
  if (text == "0" || text == "false" || text.empty()) return false;
  return std::nullopt;
}

}  // namespace

Result<std::vector<Welcome>> GroupService::ListNewcomers(const Actor& actor, const HubContext& hub,
                                                         bool include_closed) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  const auto data = ReadWelcomeData(directory_, tx, hub);
  const Date today = hubs::TodayIn(clock_, hub.hub);
  std::vector<Welcome> out;
  for (const auto& m : data.members) {
    if (!MayReadWelcomeOf(actor, hub, m.id)) continue;
    Welcome w = BuildWelcome(m, data);
    // A checklist recorded for an older member keeps it listed (closed ones on request).
    const bool has_row = data.rows.count(m.id.value) > 0;
    if (!has_row && !groups_rules::IsNewcomer(w.joined_on, today)) continue;
    if (w.closed && !include_closed) continue;
    out.push_back(std::move(w));
  }
  std::stable_sort(out.begin(), out.end(), [](const Welcome& a, const Welcome& b) {
    return a.joined_on != b.joined_on ? a.joined_on > b.joined_on : a.member_name < b.member_name;
  });
  return out;
}

Result<Welcome> GroupService::GetWelcome(const Actor& actor, const HubContext& hub, MemberId member) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  const auto data = ReadWelcomeData(directory_, tx, hub);
  const auto* m = FindMember(data, member);
  if (!m) return Error::NotFound("member");
  if (!MayReadWelcomeOf(actor, hub, member)) return Error::Denied();
  return BuildWelcome(*m, data);
}

Result<Welcome> GroupService::UpdateWelcome(const Actor& actor, const HubContext& hub, MemberId member,
                                            std::int64_t version, const WelcomeInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto data = ReadWelcomeData(directory_, tx, hub);
  const auto* m = FindMember(data, member);
  if (!m) return Error::NotFound("member");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  const Welcome before = BuildWelcome(*m, data);
  if (before.version != version) return Stale("welcome");
  groups_store::WelcomeRow row{member, before.charter_ticked, before.introduced_on, before.buddy, before.closed, version};
  Errors errors;
  if (input.charter) {
    if (auto tick = ParseTick(*input.charter)) row.charter_ticked = *tick;
    else errors["charter"] = "validation.boolean";
  }
  if (input.introduced_on) {
    std::string_view text = Trim(*input.introduced_on);
    if (text.empty()) row.introduced_on.reset();
    else if (auto date = ParseDate(text)) row.introduced_on = *date;
    else errors["introduced_on"] = "validation.date";
  }
  if (input.buddy_member_id) {
    std::string_view text = Trim(*input.buddy_member_id);
    auto id = ParsePositiveId(text);
    if (text.empty()) row.buddy.reset();
    else if (id && *id == member.value) errors["buddy_member_id"] = "animation.welcome.error.buddy_self";
    else if (id && data.names.count(*id)) row.buddy = MemberId{*id};
    else errors["buddy_member_id"] = "animation.groups.error.not_member";
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!groups_store::SaveWelcome(tx, hub.hub.id, row, version, clock_.Now(), row.closed)) return Stale("welcome");
  data.rows[member.value] = row;
  data.rows[member.value].version = version + 1;
  Welcome after = BuildWelcome(*m, data);
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "update", "animation_welcome", member.value,
                         version == 0 ? "" : AuditJson(WelcomeJson(before)), AuditJson(WelcomeJson(after))});
  tx.Commit();
  return after;
}

Result<Welcome> GroupService::CloseWelcome(const Actor& actor, const HubContext& hub, MemberId member,
                                           std::int64_t version) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto data = ReadWelcomeData(directory_, tx, hub);
  const auto* m = FindMember(data, member);
  if (!m) return Error::NotFound("member");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  const Welcome before = BuildWelcome(*m, data);
  if (before.version != version) return Stale("welcome");
  if (!groups_rules::IsComplete(before)) return FieldError("welcome", "animation.welcome.error.incomplete");
  if (before.closed) return before;
  groups_store::WelcomeRow row{member, before.charter_ticked, before.introduced_on, before.buddy, true, version};
  if (!groups_store::SaveWelcome(tx, hub.hub.id, row, version, clock_.Now(), true)) return Stale("welcome");
  data.rows[member.value] = row;
  data.rows[member.value].version = version + 1;
  Welcome after = BuildWelcome(*m, data);
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "close", "animation_welcome", member.value, AuditJson(WelcomeJson(before)),
                         AuditJson(WelcomeJson(after))});
  tx.Commit();
  return after;
}

int GroupService::AnnounceNewcomers() {
  if (!directory_.active_members) return 0;
  int announced = 0;
  auto tx = pool_.Begin(db::TxMode::kWrite);
  std::map<std::int64_t, std::vector<members::Member>> by_hub;
  for (auto& m : directory_.active_members(tx, std::nullopt)) by_hub[m.hub.value].push_back(std::move(m));
  const Timestamp now = clock_.Now();
  for (const auto& [hub_id, members] : by_hub) {
    auto hub = hubs::HubService::FindById(tx, HubId{hub_id});
    if (!hub) continue;
    const Date today = hubs::TodayIn(clock_, *hub);
    const auto zone = hubs::ZoneOf(*hub);
    std::vector<UserId> coordinators;
    bool coordinators_read = false;
    for (const auto& m : members) {
      const Date joined = m.join_date ? *m.join_date : zone->ToLocal(m.created_at).date;
      if (!groups_rules::IsNewcomer(joined, today)) continue;
      if (!groups_store::InsertAnnouncement(tx, hub->id, m.id, now)) continue;
      if (!coordinators_read) {
        coordinators = NoticeService::Coordinators(tx, hub->id);
        coordinators_read = true;
      }
      NoticeDraft draft{.kind = "newcomer",
                        .params = {{"member", m.name}},
                        .link = "/hubs/" + hub->slug + "/animation/welcome/" + std::to_string(m.id.value)};
      NoticeService::Post(tx, hub->id, coordinators, draft, now);
      ++announced;
    }
  }
  tx.Commit();
  return announced;
}

Result<AnimationHome> GroupService::Home(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  AnimationHome home;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    home.upcoming = groups_store::UpcomingEvents(tx, hub.hub.id, clock_.Now(), 5);
  }
  auto groups = ListGroups(actor, hub, {.search = "", .status = GroupStatus::kActive, .page = 1, .per_page = 10});
  if (!groups) return groups.error();
  home.active_groups = std::move(groups->items);
  home.active_group_count = groups->total;
  auto newcomers = ListNewcomers(actor, hub, false);
  if (!newcomers) return newcomers.error();
  home.newcomers = std::move(*newcomers);
  return home;
}

}  // namespace coopole::animation
