// The bookable resources of each hub, parsed once and kept in memory for availability
// searches (the same scheme as the member directory, docs/adr/0004-directory-index.md):
// every transaction that writes pooling_resources bumps the hub's catalogue version, and a
// reader rebuilds its copy from its own transaction when the version moved. Results are
// therefore never older than the reader's snapshot, with one server or several.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/resources.h"

namespace coopole::pooling {

struct CatalogueEntry {
  Resource resource;        // owner_name as of the build: refresh it before showing it
  std::string search_text;  // folded name, description, location and category
};

class CatalogueCache {
 public:
  // Keeps at most `max_resources` resources across hubs (least recently used hubs dropped
  // first); a hub larger than that is never cached. 0 caches nothing.
  explicit CatalogueCache(std::size_t max_resources) : max_resources_(max_resources) {}

  // The unarchived premises and equipment of `hub` as of `tx`, by name.
  std::shared_ptr<const std::vector<CatalogueEntry>> Get(db::Transaction& tx, HubId hub);

 private:
  struct Slot {
    std::int64_t version = -1;
    std::shared_ptr<const std::vector<CatalogueEntry>> entries;
    std::list<std::int64_t>::iterator recent;
  };
  void Store(HubId hub, std::int64_t version, std::shared_ptr<const std::vector<CatalogueEntry>> entries);

  std::size_t max_resources_;
  std::mutex mutex_;
  std::map<std::int64_t, Slot> slots_;
  std::list<std::int64_t> recent_;  // hub ids, most recently used first
  std::size_t cached_ = 0;
};

}  // namespace coopole::pooling
