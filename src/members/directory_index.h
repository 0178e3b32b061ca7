// An in-memory copy of hubs' directories, so that the directory page and the members API
// search, filter, sort and page 5,000 members in microseconds instead of scanning them in
// SQL on every request (docs/adr/0004-directory-index.md).
//
// Consistency: every write to members_members bumps the hub's directory version in the same
// transaction (store::BumpDirectoryVersion). A reader reads the version in its transaction
// and uses the cached index only when it was built at that version, otherwise it rebuilds
// it from that transaction. So a result is never older than the reader's own snapshot, on
// one server or on several sharing a PostgreSQL database.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "coopole/members/members.h"
#include "store/members_store.h"

namespace coopole::members {

// One hub's members, immutable once built. Thread-safe for concurrent queries.
class DirectoryIndex {
 public:
  explicit DirectoryIndex(std::vector<Member> members);

  // The members matching `filter` in its sort order, `limit` from `offset`, and how many
  // match in all. Same semantics as store::ListMembers and store::CountMembers.
  std::int64_t Query(const store::MemberFilter& filter, int limit, std::int64_t offset,
                     std::vector<Member>& items) const;
  std::size_t size() const { return members_.size(); }
  const std::vector<Member>& members() const { return members_; }

 private:
  // Whether member i's search text holds every word (true when there are none).
  bool HoldsWords(std::size_t i, const std::vector<std::string>& words) const;
  // A column of short codes (legal form, insertion type, EPCI) interned as small numbers,
  // so that a filter is a table lookup per member rather than string comparisons.
  struct CodeColumn {
    std::vector<std::uint32_t> of_member;
    std::unordered_map<std::string, std::uint32_t> ids;
    void Add(const std::string& code);
    // Which ids a filter accepts; all true when the filter is empty.
    std::vector<bool> Accepting(const std::vector<std::string>& codes) const;
  };
  struct PreparedFilter;
  bool Matches(std::size_t i, const store::MemberFilter& filter, const PreparedFilter& prepared) const;

  std::vector<Member> members_;
  // Every member's SearchTextOf, each followed by '\n', in one buffer (one allocation,
  // contiguous scans); starts_[i] is member i's offset.
  std::string search_text_;
  std::vector<std::size_t> starts_;
  std::vector<std::string> sectors_;      // " 88.99B 01.11Z ", per member
  CodeColumn legal_forms_, insertion_types_, epcis_;
  std::array<std::vector<std::uint32_t>, 5> orders_;  // member positions per MemberSort
};

// Indexes of several hubs within a budget of members; least recently used hubs are dropped
// first, and a hub larger than the budget is never cached (its queries go to SQL).
class DirectoryCache {
 public:
  explicit DirectoryCache(std::size_t max_members) : max_members_(max_members) {}

  // The index of `hub` as of `version`: the cached one when built at that version, else one
  // built from `load()` (called at most by one thread per hub at a time). nullptr when
  // caching is off or the hub's `member_count()` exceeds the budget.
  std::shared_ptr<const DirectoryIndex> Get(HubId hub, std::int64_t version,
                                            const std::function<std::int64_t()>& member_count,
                                            const std::function<std::vector<Member>()>& load);

 private:
  struct Slot {
    std::int64_t version = -1;
    std::shared_ptr<const DirectoryIndex> index;  // null: too large at `version`
    std::list<std::int64_t>::iterator lru;
  };
  void Touch(Slot& slot, HubId hub);
  void EvictOver(std::size_t budget);

  std::size_t max_members_;
  std::mutex mutex_;
  std::mutex build_mutex_;  // one rebuild at a time: bounds the memory of concurrent loads
  std::unordered_map<std::int64_t, Slot> slots_;
  std::list<std::int64_t> lru_;  // most recent first
  std::size_t cached_members_ = 0;
};

}  // namespace coopole::members
