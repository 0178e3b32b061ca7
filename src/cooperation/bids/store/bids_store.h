// SQL of bids: cooperation_bids, their co-contractors, lots and checklist. Bound
// parameters only; every read is scoped to the hub. Names of members come from the members
// module's table by join (read only).
#pragma once

#include <optional>
#include <vector>

#include "coopole/cooperation/bids.h"

namespace coopole::cooperation::store {

// The bid with its co-contractors, lots, checklist; nullopt when absent or of another hub.
std::optional<Bid> FindBid(db::Transaction& tx, HubId hub, BidId id);
// The hub's bids (with co-contractors, without lots and checklist), deadline first.
std::vector<Bid> ListBids(db::Transaction& tx, HubId hub, std::optional<BidStatus> status);
// Bids of every hub not submitted yet (watching, preparing) whose deadline falls between the
// two instants, as (hub, bid).
std::vector<std::pair<HubId, BidId>> BidsAwaitingWithDeadlineBetween(db::Transaction& tx, Timestamp from, Timestamp to);
// Records the reminder of `bid` at `days_before`; false when it was already recorded.
bool InsertReminder(db::Transaction& tx, BidId bid, int days_before, Timestamp now);

BidId InsertBid(db::Transaction& tx, const Bid& bid, UserId created_by);
// Writes the bid's own columns when its version is `expected_version` (bumping it);
// false when someone else changed it first.
bool UpdateBid(db::Transaction& tx, const Bid& bid, std::int64_t expected_version);
void ReplaceCoContractors(db::Transaction& tx, BidId bid, const std::vector<CoContractor>& members);
void ReplaceLots(db::Transaction& tx, BidId bid, const std::vector<BidLot>& lots);

std::int64_t InsertChecklistItem(db::Transaction& tx, BidId bid, const ChecklistItem& item);
bool SetChecklistDone(db::Transaction& tx, BidId bid, std::int64_t item, bool done);
// Marks the bid changed (updated_at, version + 1) without a version check.
void TouchBid(db::Transaction& tx, BidId bid, Timestamp at);

}  // namespace coopole::cooperation::store
