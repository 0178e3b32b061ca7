// Rendered rows of the directory table, by member version and language.
//
// Why: a directory row is the same for everyone who sees it, and building kainjow's view
// objects and rendering 50 rows cost about half of the directory page. A row depends only on
// the member (its version changes with every write, archiving included), the hub slug (in its
// links), the language, and static data (catalogues, NAF labels); all are in the key, so an
// entry is never stale. Bounded: past `max_entries` the cache starts afresh.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace coopole::members::web {

class RowCache {
 public:
  explicit RowCache(std::size_t max_entries) : max_entries_(max_entries) {}

  // The HTML kept for `key`, or `render()`'s, which is then kept. Thread-safe; `render`
  // runs without the lock held.
  std::string Get(const std::string& key, const std::function<std::string()>& render);

  std::size_t size() const;

 private:
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> rows_;
};

}  // namespace coopole::members::web
