#include "directory_index.h"

#include <string.h>  // memmem (GNU)

#include <algorithm>

#include "coopole/core/text.h"
#include "member_rules.h"

namespace coopole::members {
namespace {


std::string PaddedSectors(const Member& m) {
  std::string out = " ";
  for (const auto& code : m.sectors) out += code + " ";
  return out;
}

std::string IsoOrEmpty(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : std::string(); }

}  // namespace

void DirectoryIndex::CodeColumn::Add(const std::string& code) {
  auto [it, added] = ids.emplace(code, static_cast<std::uint32_t>(ids.size()));
  of_member.push_back(it->second);
}

std::vector<bool> DirectoryIndex::CodeColumn::Accepting(const std::vector<std::string>& codes) const {
  std::vector<bool> accept(ids.size(), codes.empty());
  for (const auto& code : codes) {
    if (auto it = ids.find(code); it != ids.end()) accept[it->second] = true;
  }
  return accept;
}

// A filter turned into lookups for this index.
struct DirectoryIndex::PreparedFilter {
  std::vector<bool> legal_forms, insertion_types, epcis;
  std::vector<std::string> sector_patterns;  // " 88.99B "
};

DirectoryIndex::DirectoryIndex(std::vector<Member> members) : members_(std::move(members)) {
  const std::size_t n = members_.size();
  std::vector<std::string> name_folded(n), commune_folded(n), join_date(n);
  sectors_.resize(n);
  starts_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Member& m = members_[i];
    legal_forms_.Add(m.legal_form);
    // An organisation without insertion type answers the filter value "none".
    insertion_types_.Add(m.insertion_type.empty() ? std::string("none") : m.insertion_type);
    epcis_.Add(m.epci_siren);
    starts_[i] = search_text_.size();
    std::string text = SearchTextOf(m);
    for (char& c : text) {
      if (c == '\n') c = ' ';  // keeps the separator unique
    }
    search_text_ += text;
    search_text_ += '\n';
    sectors_[i] = PaddedSectors(m);
    name_folded[i] = FoldForSearch(m.name);
    commune_folded[i] = FoldForSearch(m.commune_name);
    join_date[i] = IsoOrEmpty(m.join_date);
  }
  std::vector<std::uint32_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<std::uint32_t>(i);
  auto id = [&](std::uint32_t i) { return members_[i].id.value; };
  auto by_name = [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(name_folded[a], members_[a].id.value) < std::tie(name_folded[b], members_[b].id.value);
  };
  // The orders mirror store.cpp's ORDER BY clauses, ties broken the same way.
  auto& name = orders_[static_cast<int>(MemberSort::kName)];
  name = all;
  std::sort(name.begin(), name.end(), by_name);
  auto& name_desc = orders_[static_cast<int>(MemberSort::kNameDesc)];
  name_desc.assign(name.rbegin(), name.rend());
  auto& commune = orders_[static_cast<int>(MemberSort::kCommune)];
  commune = all;
  std::sort(commune.begin(), commune.end(), [&](std::uint32_t a, std::uint32_t b) {
    bool ea = commune_folded[a].empty(), eb = commune_folded[b].empty();
    return std::tie(ea, commune_folded[a], name_folded[a], members_[a].id.value) <
           std::tie(eb, commune_folded[b], name_folded[b], members_[b].id.value);
  });
  auto& joined = orders_[static_cast<int>(MemberSort::kJoinDate)];
  joined = all;
  std::sort(joined.begin(), joined.end(), [&](std::uint32_t a, std::uint32_t b) {
    bool ea = join_date[a].empty(), eb = join_date[b].empty();
    return std::tie(ea, join_date[a], name_folded[a], members_[a].id.value) <
           std::tie(eb, join_date[b], name_folded[b], members_[b].id.value);
  });
  auto& updated = orders_[static_cast<int>(MemberSort::kUpdated)];
  updated = all;
  std::sort(updated.begin(), updated.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::make_pair(members_[a].updated_at.unix_seconds, id(a)) >
           std::make_pair(members_[b].updated_at.unix_seconds, id(b));
  });
}

bool DirectoryIndex::HoldsWords(std::size_t i, const std::vector<std::string>& words) const {
  const char* text = search_text_.data() + starts_[i];
  // Member i's text ends where the next one starts, less its '\n' separator.
  const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : search_text_.size() - 1;
  const std::size_t length = end - starts_[i];
  for (const auto& word : words) {
    if (memmem(text, length, word.data(), word.size()) == nullptr) return false;
  }
  return true;
}

// The cheap lookups come first; the sector patterns are prepared once per query.
bool DirectoryIndex::Matches(std::size_t i, const store::MemberFilter& f, const PreparedFilter& p) const {
  const Member& m = members_[i];
  if (!f.include_archived && m.archived_at) return false;
  if (f.priority_area && m.priority_area != *f.priority_area) return false;
  if (!p.legal_forms[legal_forms_.of_member[i]]) return false;
  if (!p.insertion_types[insertion_types_.of_member[i]]) return false;
  if (!p.epcis[epcis_.of_member[i]]) return false;
  if (!p.sector_patterns.empty()) {
    bool any = false;
    for (const auto& pattern : p.sector_patterns) any = any || sectors_[i].find(pattern) != std::string::npos;
    if (!any) return false;
  }
  return true;
}

std::int64_t DirectoryIndex::Query(const store::MemberFilter& filter, int limit, std::int64_t offset,
                                   std::vector<Member>& items) const {
  PreparedFilter prepared{legal_forms_.Accepting(filter.legal_forms),
                          insertion_types_.Accepting(filter.insertion_types), epcis_.Accepting(filter.epcis), {}};
  for (const auto& code : filter.sectors) prepared.sector_patterns.push_back(" " + code + " ");
  items.reserve(static_cast<std::size_t>(std::max(limit, 0)));
  std::int64_t total = 0;
  for (std::uint32_t i : orders_[static_cast<int>(filter.sort)]) {
    // Equality filters first: the text search then runs only on the members they keep.
    if (!Matches(i, filter, prepared) || !HoldsWords(i, filter.words)) continue;
    if (total >= offset && total < offset + limit) items.push_back(members_[i]);
    ++total;
  }
  return total;
}

std::shared_ptr<const DirectoryIndex> DirectoryCache::Get(HubId hub, std::int64_t version,
                                                          const std::function<std::int64_t()>& member_count,
                                                          const std::function<std::vector<Member>()>& load) {
  if (max_members_ == 0) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(hub.value);
    if (it != slots_.end() && it->second.version == version) {
      if (it->second.index) Touch(it->second, hub);
      return it->second.index;
    }
  }
  std::lock_guard build(build_mutex_);
  {
    // Another thread may have built it while this one waited.
    std::lock_guard lock(mutex_);
    auto it = slots_.find(hub.value);
    if (it != slots_.end() && it->second.version == version) return it->second.index;
  }
  std::shared_ptr<const DirectoryIndex> index;
  if (static_cast<std::size_t>(member_count()) <= max_members_) {
    index = std::make_shared<const DirectoryIndex>(load());
  }
  std::lock_guard lock(mutex_);
  auto [it, inserted] = slots_.try_emplace(hub.value);
  Slot& slot = it->second;
  if (!inserted && slot.index) {
    cached_members_ -= slot.index->size();
    lru_.erase(slot.lru);
  }
  slot.version = version;
  slot.index = index;
  if (index) {
    lru_.push_front(hub.value);
    slot.lru = lru_.begin();
    cached_members_ += index->size();
    EvictOver(max_members_);
  }
  return index;
}

void DirectoryCache::Touch(Slot& slot, HubId hub) {
  lru_.erase(slot.lru);
  lru_.push_front(hub.value);
  slot.lru = lru_.begin();
}

void DirectoryCache::EvictOver(std::size_t budget) {
  // Never evicts the most recent hub: it was just built for a caller.
  while (cached_members_ > budget && lru_.size() > 1) {
    std::int64_t victim = lru_.back();
    lru_.pop_back();
    auto it = slots_.find(victim);
    cached_members_ -= it->second.index->size();
    slots_.erase(it);
  }
}

}  // namespace coopole::members
