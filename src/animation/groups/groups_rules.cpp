#include "groups_rules.h"

#include <algorithm>
#include <set>

#include "coopole/core/time_zone.h"

namespace coopole::animation {

const char* GroupStatusCode(GroupStatus status) {
  switch (status) {
    case GroupStatus::kActive: return "active";
    case GroupStatus::kPaused: return "paused";
    case GroupStatus::kClosed: return "closed";
  }
  return "active";
}

std::optional<GroupStatus> ParseGroupStatus(std::string_view code) {
  for (auto s : {GroupStatus::kActive, GroupStatus::kPaused, GroupStatus::kClosed})
    if (code == GroupStatusCode(s)) return s;
  return std::nullopt;
}

namespace groups_rules {

bool MayMove(GroupStatus from, GroupStatus to) {
  if (from == to) return false;
  if (from == GroupStatus::kClosed) return to == GroupStatus::kActive;
  return true;  // active <-> paused, either -> closed
}

std::vector<GroupStatus> NextStatuses(GroupStatus from) {
  std::vector<GroupStatus> out;
  for (auto to : {GroupStatus::kActive, GroupStatus::kPaused, GroupStatus::kClosed})
    if (MayMove(from, to)) out.push_back(to);
  return out;
}

bool IsWebAddress(std::string_view url) {
  std::string_view rest;
  if (url.substr(0, 7) == "http://") rest = url.substr(7);
  else if (url.substr(0, 8) == "https://") rest = url.substr(8);
  else return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f) return false;
  const auto host_end = rest.find_first_of("/?#");
  const std::string_view host = rest.substr(0, host_end);
  return !host.empty() && host.front() != '.' && host.front() != ':';
}

std::map<std::string, std::string> CheckComposition(const std::vector<std::int64_t>& members,
                                                    const std::vector<std::int64_t>& people,
                                                    std::optional<std::int64_t> lead_member,
                                                    std::optional<std::int64_t> lead_person) {
  std::map<std::string, std::string> errors;
  if (std::set<std::int64_t>(members.begin(), members.end()).size() != members.size())
    errors["member_ids"] = "animation.groups.error.twice";
  if (std::set<std::int64_t>(people.begin(), people.end()).size() != people.size())
    errors["person_ids"] = "animation.groups.error.twice";
  if (lead_member && std::find(members.begin(), members.end(), *lead_member) == members.end())
    errors["lead_member_id"] = "animation.groups.error.lead_not_member";
  if (lead_person && std::find(people.begin(), people.end(), *lead_person) == people.end())
    errors["lead_person_id"] = "animation.groups.error.lead_not_member";
  return errors;
}

bool IsNewcomer(Date joined_on, Date today) {
  return DaysSinceEpoch(today) - DaysSinceEpoch(joined_on) <= kNewcomerDays;
}

int ClampPage(int page) { return std::max(page, 1); }
int ClampPerPage(int per_page) { return std::clamp(per_page, 1, 100); }

}  // namespace groups_rules
}  // namespace coopole::animation
