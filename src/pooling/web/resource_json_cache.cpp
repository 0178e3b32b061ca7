#include "resource_json_cache.h"

#include <nlohmann/json.hpp>

#include "catalogue_views.h"

namespace coopole::pooling::web {

std::string ResourceJsonCache::Text(const Resource& resource) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(resource.id.value);
    if (it != entries_.end() && it->second.version == resource.version &&
        it->second.owner_name == resource.owner_name)
      return it->second.text;
  }
  std::string text =
      scheduling::ResourceJson(resource).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[resource.id.value] = Entry{resource.version, resource.owner_name, text};
  return text;
}

}  // namespace coopole::pooling::web
