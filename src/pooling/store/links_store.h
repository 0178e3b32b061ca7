// SQL of what pooling publishes to other modules: the links between members found in
// bookings, services, placements and advances, and the resources members offer.
#pragma once

#include <optional>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::store {

// One kind of link between two members, as the store aggregates it: `from`/`to` in the
// direction of the record (booker -> owner, beneficiary -> provider, employer -> host,
// lender -> borrower); the service merges both directions.
struct DirectedLink {
  MemberId from, to;
  std::string kind;
  std::int64_t count = 0;
  Date first_on, last_on;
};

std::vector<DirectedLink> ListDirectedLinks(db::Transaction& tx, HubId hub, Date from, Date to);
std::vector<OfferedResourceRow> ListOfferedResources(db::Transaction& tx, std::optional<HubId> hub);

}  // namespace coopole::pooling::store
