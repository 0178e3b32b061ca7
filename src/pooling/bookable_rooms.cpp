// Rooms events may book: read by the animation module through its Directory (additive: the
// catalogue's rules still apply when BookResource books one).
#include "coopole/pooling/pooling.h"

namespace coopole::pooling {

std::vector<BookableRoom> PoolingService::BookableRooms(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query(
      "SELECT id, name, location, capacity FROM pooling_resources "
      "WHERE hub_id = ? AND kind = 'premises' AND archived_at IS NULL ORDER BY name_folded, id",
      {hub.value});
  std::vector<BookableRoom> out;
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.OptInt(r, 3)});
  return out;
}

}  // namespace coopole::pooling
