#include <algorithm>
#include <map>
#include <set>

#include "coopole/members/members.h"

namespace coopole::members {
namespace {

std::vector<std::pair<std::string, std::int64_t>> Ranked(const std::map<std::string, std::int64_t>& counts) {
  std::vector<std::pair<std::string, std::int64_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

DirectoryStatistics ComputeStatistics(const std::vector<Member>& members) {
  DirectoryStatistics s;
  std::map<std::string, std::int64_t> legal_forms, insertion_types, epcis;
  std::set<std::string> communes;
  for (const auto& m : members) {
    if (m.archived_at) continue;
    ++s.members;
    if (m.is_ess) ++s.ess;
    if (m.priority_area) ++s.priority_area;
    if (!m.insertion_type.empty()) {
      ++s.insertion_structures;
      ++insertion_types[m.insertion_type];
    }
    s.fte_hundredths += m.fte_hundredths.value_or(0);
    s.insertion_headcount += m.insertion_headcount.value_or(0);
    if (!m.commune_insee.empty()) communes.insert(m.commune_insee);
    ++legal_forms[m.legal_form];
    ++epcis[m.epci_name];
  }
  s.communes = static_cast<std::int64_t>(communes.size());
  s.by_legal_form = Ranked(legal_forms);
  s.by_insertion_type = Ranked(insertion_types);
  s.by_epci = Ranked(epcis);
  return s;
}

}  // namespace coopole::members
