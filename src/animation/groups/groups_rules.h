// Pure rules of working groups and of the newcomer welcome: status moves, the membership
// checks of a group (members, people, lead), document link addresses, who is a newcomer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/animation/groups.h"

namespace coopole::animation::groups_rules {

// The moves a group's status may make: active <-> paused, active | paused -> closed, and a
// closed group may be reopened (-> active). Staying put is not a move.
bool MayMove(GroupStatus from, GroupStatus to);
std::vector<GroupStatus> NextStatuses(GroupStatus from);

// A document link: an absolute http:// or https:// address with a host and no spaces or
// control characters.
bool IsWebAddress(std::string_view url);

// What a group's composition must satisfy, as field errors (catalogue keys): each
// organisation and each person once ("member_ids", "person_ids":
// "animation.groups.error.twice"), the lead organisation among the organisations
// ("lead_member_id") and the lead person among the people ("lead_person_id":
// "animation.groups.error.lead_not_member").
std::map<std::string, std::string> CheckComposition(const std::vector<std::int64_t>& members,
                                                    const std::vector<std::int64_t>& people,
                                                    std::optional<std::int64_t> lead_member,
                                                    std::optional<std::int64_t> lead_person);

// A member is a newcomer when it joined within the last 365 days up to `today` (a join date
// in the future counts as new as well).
bool IsNewcomer(Date joined_on, Date today);
inline constexpr int kNewcomerDays = 365;

// A checklist is complete when its four items are done.
inline bool IsComplete(const Welcome& w) { return w.Progress() == 4; }

// Page and page size clamped to 1.. and 1..100.
int ClampPage(int page);
int ClampPerPage(int per_page);

}  // namespace coopole::animation::groups_rules
