#include "catalogue_cache.h"

#include "coopole/core/text.h"
#include "store/resources_store.h"

namespace coopole::pooling {
namespace {

std::shared_ptr<const std::vector<CatalogueEntry>> Build(db::Transaction& tx, HubId hub) {
  auto entries = std::make_shared<std::vector<CatalogueEntry>>();
  for (auto& resource : store::ListBookable(tx, hub)) {
    std::string text = FoldForSearch(resource.name + " " + resource.description + " " + resource.location + " " +
                                     resource.category);
    entries->push_back(CatalogueEntry{std::move(resource), std::move(text)});
  }
  return entries;
}

}  // namespace

std::shared_ptr<const std::vector<CatalogueEntry>> CatalogueCache::Get(db::Transaction& tx, HubId hub) {
  const std::int64_t version = store::CatalogueVersion(tx, hub);
  {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(hub.value);
    if (it != slots_.end() && it->second.version == version) {
      recent_.splice(recent_.begin(), recent_, it->second.recent);
      return it->second.entries;
    }
  }
  // Built outside the lock: other hubs' searches go on meanwhile.
  auto entries = Build(tx, hub);
  Store(hub, version, entries);
  return entries;
}

void CatalogueCache::Store(HubId hub, std::int64_t version, std::shared_ptr<const std::vector<CatalogueEntry>> entries) {
  if (entries->size() > max_resources_) return;
  std::lock_guard lock(mutex_);
  auto it = slots_.find(hub.value);
  if (it != slots_.end()) {
    if (it->second.version > version) return;  // a newer copy is already there
    cached_ -= it->second.entries->size();
    recent_.erase(it->second.recent);
    slots_.erase(it);
  }
  while (cached_ + entries->size() > max_resources_ && !recent_.empty()) {
    auto oldest = slots_.find(recent_.back());
    cached_ -= oldest->second.entries->size();
    slots_.erase(oldest);
    recent_.pop_back();
  }
  recent_.push_front(hub.value);
  cached_ += entries->size();
  slots_.emplace(hub.value, Slot{version, std::move(entries), recent_.begin()});
}

}  // namespace coopole::pooling
