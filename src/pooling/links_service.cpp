// What pooling publishes to other modules (the cooperation network and suggestions).
#include <algorithm>
#include <map>
#include <tuple>

#include "store/links_store.h"

namespace coopole::pooling {

std::vector<MemberLink> PoolingService::MemberLinks(db::Transaction& tx, HubId hub, Date from, Date to) {
  if (to < from) return {};
  // Both directions of a record between two members make one undirected link per kind.
  std::map<std::tuple<std::int64_t, std::int64_t, std::string>, MemberLink> merged;
  for (const auto& d : store::ListDirectedLinks(tx, hub, from, to)) {
    MemberId a = std::min(d.from, d.to, [](MemberId x, MemberId y) { return x.value < y.value; });
    MemberId b = d.from.value == a.value ? d.to : d.from;
    auto [it, inserted] = merged.try_emplace({a.value, b.value, d.kind}, MemberLink{a, b, d.kind, 0, d.first_on, d.last_on});
    MemberLink& link = it->second;
    link.count += d.count;
    if (!inserted) {
      link.first_on = std::min(link.first_on, d.first_on);
      link.last_on = std::max(link.last_on, d.last_on);
    }
  }
  std::vector<MemberLink> out;
  out.reserve(merged.size());
  for (auto& [key, link] : merged) out.push_back(std::move(link));
  return out;
}

std::vector<OfferedResourceRow> PoolingService::OfferedResources(db::Transaction& tx, std::optional<HubId> hub) {
  return store::ListOfferedResources(tx, hub);
}

}  // namespace coopole::pooling
