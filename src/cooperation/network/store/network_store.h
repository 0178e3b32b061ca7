// SQL of the network: reads the tables of the other cooperation parts (board's cooperations,
// projects and their partners, bids and their co-contractors), never writes. Every query is
// bound to a hub; the period is bound as parameters.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "coopole/core/time_zone.h"
#include "coopole/db/db.h"
#include "coopole/cooperation/cooperation.h"
#include "network_rules.h"

namespace coopole::cooperation::network::store {

// The hub's period: dates inclusive; instants for tables that store a creation instant are
// the zone's midnights, so that an event is dated by its hub-local day.
struct Period {
  std::optional<Date> from;
  Date to;
  std::shared_ptr<const TimeZone> zone;
};

// Cooperations recorded on the board, dated by their start (kind "cooperation").
std::vector<Event> CooperationEvents(db::Transaction& tx, HubId hub, const Period& period);
// Projects not abandoned: the lead and the partners, dated by creation (kind "project").
std::vector<Event> ProjectEvents(db::Transaction& tx, HubId hub, const Period& period);
// Joint bids past "watching": every co-contractor, dated by creation (kind "bid").
std::vector<Event> BidEvents(db::Transaction& tx, HubId hub, const Period& period);

}  // namespace coopole::cooperation::network::store
