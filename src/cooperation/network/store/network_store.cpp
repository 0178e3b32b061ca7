#include "store/network_store.h"

#include <map>

namespace coopole::cooperation::network::store {
namespace {

// Rows of (record id, date or instant, member id), from one or more queries, grouped by
// record into one event each. `date_of` reads the row's date (nullopt: the row is skipped).
template <typename DateOf>
std::vector<Event> Group(const std::vector<db::Rows>& row_sets, const std::string& kind, DateOf date_of) {
  std::map<std::int64_t, Event> by_record;
  for (const auto& rows : row_sets) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      auto on = date_of(rows, r);
      if (!on) continue;
      auto [it, inserted] = by_record.try_emplace(rows.Int(r, 0));
      Event& event = it->second;
      if (inserted) {
        event.kind = kind;
        event.first_on = event.last_on = *on;
      }
      event.participants.push_back(rows.Int(r, 2));
    }
  }
  std::vector<Event> out;
  out.reserve(by_record.size());
  for (auto& [id, event] : by_record) out.push_back(std::move(event));
  return out;
}

// The instant the hub-local day `date` starts (a midnight skipped by a clock change: one
// hour later).
std::int64_t StartOfDay(const TimeZone& zone, Date date) {
  if (auto t = zone.ToUtc(LocalDateTime{date, 0})) return t->unix_seconds;
  if (auto t = zone.ToUtc(LocalDateTime{date, 60})) return t->unix_seconds;
  return DaysSinceEpoch(date) * 86400;
}

db::Params InstantPeriod(HubId hub, const Period& period) {
  db::Params params;
  params.push_back(hub.value);
  params.push_back(period.from ? StartOfDay(*period.zone, *period.from) : std::int64_t{0});
  params.push_back(StartOfDay(*period.zone, AddDays(period.to, 1)));
  return params;
}

std::vector<Event> CreatedEvents(db::Transaction& tx, const std::vector<const char*>& queries, HubId hub,
                                 const Period& period, const std::string& kind) {
  std::vector<db::Rows> rows;
  for (const char* sql : queries) rows.push_back(tx.Query(sql, InstantPeriod(hub, period)));
  const TimeZone& zone = *period.zone;
  return Group(rows, kind, [&zone](const db::Rows& rows, std::size_t r) -> std::optional<Date> {
    return zone.ToLocal(Timestamp{rows.Int(r, 1)}).date;
  });
}

}  // namespace

std::vector<Event> CooperationEvents(db::Transaction& tx, HubId hub, const Period& period) {
  db::Params params;
  params.push_back(hub.value);
  params.push_back(period.from ? FormatIsoDate(*period.from) : std::string("0000-01-01"));
  params.push_back(FormatIsoDate(period.to));
  auto rows = tx.Query(
      "SELECT c.id, c.started_on, m.member_id FROM cooperation_cooperations c "
      "JOIN cooperation_cooperation_members m ON m.cooperation_id = c.id "
      "WHERE c.hub_id = ? AND c.started_on >= ? AND c.started_on <= ? ORDER BY c.id, m.member_id",
      params);
  std::vector<db::Rows> sets;
  sets.push_back(std::move(rows));
  return Group(sets, "cooperation", [](const db::Rows& rows, std::size_t r) { return rows.OptDate(r, 1); });
}

std::vector<Event> ProjectEvents(db::Transaction& tx, HubId hub, const Period& period) {
  // The lead, then the partners (a lead also listed as partner is one participant).
  return CreatedEvents(tx,
                       {"SELECT p.id, p.created_at, p.lead_member_id FROM cooperation_projects p "
                        "WHERE p.hub_id = ? AND p.stage <> 'abandoned' AND p.created_at >= ? AND p.created_at < ? "
                        "AND p.lead_member_id IS NOT NULL",
                        "SELECT p.id, p.created_at, pp.member_id FROM cooperation_projects p "
                        "JOIN cooperation_project_partners pp ON pp.project_id = p.id "
                        "WHERE p.hub_id = ? AND p.stage <> 'abandoned' AND p.created_at >= ? AND p.created_at < ?"},
                       hub, period, "project");
}

std::vector<Event> BidEvents(db::Transaction& tx, HubId hub, const Period& period) {
  return CreatedEvents(tx,
                       {"SELECT b.id, b.created_at, bm.member_id FROM cooperation_bids b "
                        "JOIN cooperation_bid_members bm ON bm.bid_id = b.id "
                        "WHERE b.hub_id = ? AND b.status <> 'watching' AND b.created_at >= ? AND b.created_at < ?"},
                       hub, period, "bid");
}

}  // namespace coopole::cooperation::network::store
