// SQL of the hubs module (hubs_* tables). Functions take the caller's transaction.
#pragma once

#include <optional>
#include <vector>

#include "coopole/hubs/hubs.h"

namespace coopole::hubs::store {

std::optional<Hub> FindBySlug(db::Transaction& tx, std::string_view slug);
std::optional<Hub> FindById(db::Transaction& tx, HubId id);
std::vector<Hub> ListAll(db::Transaction& tx);
HubId Insert(db::Transaction& tx, const Hub& hub);
// Updates when the stored version is `expected_version`; returns false otherwise.
bool Update(db::Transaction& tx, const Hub& hub, std::int64_t expected_version);

}  // namespace coopole::hubs::store
