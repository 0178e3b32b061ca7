// The JSON text of resources, kept per resource version and owner name: availability
// searches answer the same few hundred resources over and over, and building nlohmann
// objects for 50 of them cost more than the search itself.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "coopole/pooling/resources.h"

namespace coopole::pooling::web {

class ResourceJsonCache {
 public:
  // At most `capacity` resources are kept; beyond, the cache starts afresh.
  explicit ResourceJsonCache(std::size_t capacity = 20000) : capacity_(capacity) {}
  // ResourceJson(resource).dump(), from the cache when the version and owner name match.
  std::string Text(const Resource& resource);

 private:
  struct Entry {
    std::int64_t version;
    std::string owner_name;
    std::string text;
  };
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Entry> entries_;
};

}  // namespace coopole::pooling::web
