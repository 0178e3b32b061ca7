#include "store/links_store.h"

#include "coopole/core/time_zone.h"

namespace coopole::pooling::store {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// The hub's time zone, read through the hubs module (Europe/Paris for an unknown hub).
std::shared_ptr<const TimeZone> HubZone(db::Transaction& tx, HubId hub) {
  return hubs::ZoneOf(hubs::HubService::FindById(tx, hub).value_or(hubs::Hub{}));
}

// The instant the local day `date` starts (a midnight skipped by a clock change: an hour later).
std::int64_t StartOfDay(const TimeZone& zone, Date date) {
  if (auto t = zone.ToUtc(LocalDateTime{date, 0})) return t->unix_seconds;
  if (auto t = zone.ToUtc(LocalDateTime{date, 60})) return t->unix_seconds;
  return DaysSinceEpoch(date) * kSecondsPerDay;
}

// Reads rows of (from, to, count, first, last) where first/last are 'YYYY-MM-DD' dates.
void ReadDated(const db::Rows& rows, const std::string& kind, std::vector<DirectedLink>& out) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto first = rows.OptDate(r, 3);
    auto last = rows.OptDate(r, 4);
    if (!first || !last) continue;
    out.push_back({MemberId{rows.Int(r, 0)}, MemberId{rows.Int(r, 1)}, kind, rows.Int(r, 2), *first, *last});
  }
}

db::Params HubAndDates(HubId hub, const std::string& from, const std::string& to) {
  db::Params params;
  params.push_back(hub.value);
  params.push_back(from);
  params.push_back(to);
  return params;
}

}  // namespace

std::vector<DirectedLink> ListDirectedLinks(db::Transaction& tx, HubId hub, Date from, Date to) {
  std::vector<DirectedLink> out;
  const std::string from_text = FormatIsoDate(from), to_text = FormatIsoDate(to);

  // Bookings: instants, dated by the hub-local day they start.
  const auto zone = HubZone(tx, hub);
  db::Params booking_params;
  booking_params.push_back(hub.value);
  booking_params.push_back(StartOfDay(*zone, from));
  booking_params.push_back(StartOfDay(*zone, AddDays(to, 1)));
  auto bookings = tx.Query(
      "SELECT member_id, owner_member_id, COUNT(*), MIN(starts_at), MAX(starts_at) FROM pooling_bookings "
      "WHERE hub_id = ? AND status = 'confirmed' AND owner_member_id IS NOT NULL AND owner_member_id <> member_id "
      "AND starts_at >= ? AND starts_at < ? GROUP BY member_id, owner_member_id",
      booking_params);
  for (std::size_t r = 0; r < bookings.size(); ++r)
    out.push_back({MemberId{bookings.Int(r, 0)}, MemberId{bookings.Int(r, 1)}, "booking", bookings.Int(r, 2),
                   zone->ToLocal(Timestamp{bookings.Int(r, 3)}).date, zone->ToLocal(Timestamp{bookings.Int(r, 4)}).date});

  // Services: the delivery date, else the hub-local date of the request. The date is computed
  // per row first (a CASE on text), then grouped.
  db::Params service_params;
  service_params.push_back(hub.value);
  auto services = tx.Query(
      "SELECT beneficiary_member_id, provider_member_id, delivered_on, created_at FROM pooling_agreements "
      "WHERE hub_id = ? AND status IN ('agreed', 'delivered') AND provider_member_id <> beneficiary_member_id",
      service_params);
  for (std::size_t r = 0; r < services.size(); ++r) {
    Date on = services.OptDate(r, 2).value_or(zone->ToLocal(Timestamp{services.Int(r, 3)}).date);
    if (on < from || to < on) continue;
    out.push_back({MemberId{services.Int(r, 0)}, MemberId{services.Int(r, 1)}, "service", 1, on, on});
  }

  // Placements running in the period, dated by their start.
  ReadDated(tx.Query("SELECT employer_member_id, host_member_id, COUNT(*), MIN(starts_on), MAX(starts_on) "
                     "FROM pooling_placements WHERE hub_id = ? AND employer_member_id <> host_member_id "
                     "AND (ends_on IS NULL OR ends_on >= ?) AND starts_on <= ? "
                     "GROUP BY employer_member_id, host_member_id",
                     HubAndDates(hub, from_text, to_text)),
            "placement", out);

  // Advances lent by a member (not the hub), approved or repaid, dated by approval.
  ReadDated(tx.Query("SELECT lender_member_id, borrower_member_id, COUNT(*), MIN(approved_on), MAX(approved_on) "
                     "FROM pooling_advances WHERE hub_id = ? AND lender_member_id IS NOT NULL "
                     "AND lender_member_id <> borrower_member_id AND status IN ('approved', 'repaid') "
                     "AND approved_on >= ? AND approved_on <= ? GROUP BY lender_member_id, borrower_member_id",
                     HubAndDates(hub, from_text, to_text)),
            "advance", out);
  return out;
}

std::vector<OfferedResourceRow> ListOfferedResources(db::Transaction& tx, std::optional<HubId> hub) {
  std::string sql =
      "SELECT r.hub_id, r.owner_member_id, r.kind, r.category, r.name, r.description, r.location "
      "FROM pooling_resources r JOIN members_members m ON m.id = r.owner_member_id AND m.hub_id = r.hub_id "
      "WHERE r.archived_at IS NULL AND m.archived_at IS NULL";
  db::Params params;
  if (hub) {
    sql += " AND r.hub_id = ?";
    params.push_back(hub->value);
  }
  sql += " ORDER BY r.hub_id, r.owner_member_id, r.id";
  auto rows = tx.Query(sql, params);
  std::vector<OfferedResourceRow> out;
  out.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({HubId{rows.Int(r, 0)}, MemberId{rows.Int(r, 1)}, rows.Text(r, 2), rows.Text(r, 3),
                   rows.Text(r, 4), rows.Text(r, 5), rows.Text(r, 6)});
  return out;
}

}  // namespace coopole::pooling::store
