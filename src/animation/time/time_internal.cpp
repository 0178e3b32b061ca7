#include "time_internal.h"

#include "coopole/animation/notices.h"
#include "time_rules.h"

namespace coopole::animation::time_internal {

using nlohmann::json;

std::map<std::int64_t, DirectoryPerson> PeopleById(const Directory& directory, db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, DirectoryPerson> out;
  if (!directory.people) return out;
  for (auto& p : directory.people(tx, hub)) out.emplace(p.id.value, std::move(p));
  return out;
}

std::map<std::int64_t, std::string> MemberNames(const Directory& directory, db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, std::string> names;
  if (!directory.active_members) return names;
  for (const auto& m : directory.active_members(tx, hub)) names[m.id.value] = m.name;
  return names;
}

json EntryJson(const TimeEntry& e) {
  return {{"id", e.id.value},
          {"person_id", e.person.value},
          {"person_name", e.person_name},
          {"member_id", e.member.value},
          {"member_name", e.member_name},
          {"on_date", FormatIsoDate(e.on)},
          {"minutes", e.minutes},
          {"kind", e.kind},
          {"event_id", e.event ? json(e.event->value) : json(nullptr)},
          {"group_id", e.group ? json(e.group->value) : json(nullptr)},
          {"note", e.note},
          {"status", e.status},
          {"reason", e.reason},
          {"decided_at", e.decided_at ? json(FormatIsoUtc(*e.decided_at)) : json(nullptr)},
          {"compensated", e.compensated},
          {"version", e.version}};
}

void PostEntryNotice(db::Transaction& tx, const HubContext& hub, const TimeEntry& entry, const std::string& kind,
                     Timestamp now) {
  NoticeDraft draft;
  draft.kind = kind;
  draft.link = "/hubs/" + hub.hub.slug + "/animation/time/entries";
  const std::string hours = time_rules::DecimalHours(entry.minutes, ',');
  std::vector<UserId> users;
  if (kind == "time_to_validate") {
    draft.params = {{"person", entry.person_name}, {"hours", hours}};
    users = NoticeService::Coordinators(tx, hub.hub.id);
  } else {
    draft.params = {{"date", FormatIsoDate(entry.on)}, {"hours", hours}};
    if (kind == "time_refused") draft.params["reason"] = entry.reason;
    for (const auto& user : identity::IdentityService::MemberUsers(tx, hub.hub.id, entry.member))
      users.push_back(user.id);
  }
  NoticeService::Post(tx, hub.hub.id, users, draft, now);
}

}  // namespace coopole::animation::time_internal
