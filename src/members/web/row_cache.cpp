#include "row_cache.h"

namespace coopole::members::web {

std::string RowCache::Get(const std::string& key, const std::function<std::string()>& render) {
  {
    std::lock_guard lock(mutex_);
    auto it = rows_.find(key);
    if (it != rows_.end()) return it->second;
  }
  std::string html = render();
  std::lock_guard lock(mutex_);
  if (rows_.size() >= max_entries_) rows_.clear();
  rows_.emplace(key, html);
  return html;
}

std::size_t RowCache::size() const {
  std::lock_guard lock(mutex_);
  return rows_.size();
}

}  // namespace coopole::members::web
