#include "store/bookings_store.h"

#include <algorithm>

namespace coopole::pooling::store {
namespace {

constexpr const char* kBookingColumns =
    "SELECT b.id, b.hub_id, b.resource_id, r.name, b.member_id, m.name, b.booked_by, b.title, b.attendees, "
    "b.starts_at, b.ends_at, b.status, b.tier, b.price_cents, b.owner_member_id, b.series_id, b.reason, "
    "b.decided_by, b.created_at, b.updated_at, b.version "
    "FROM pooling_bookings b JOIN pooling_resources r ON r.id = b.resource_id "
    "JOIN members_members m ON m.id = b.member_id ";

Booking ReadBooking(const db::Rows& rows, std::size_t i) {
  Booking b;
  b.id = BookingId{rows.Int(i, 0)};
  b.hub = HubId{rows.Int(i, 1)};
  b.resource = ResourceId{rows.Int(i, 2)};
  b.resource_name = rows.Text(i, 3);
  b.member = MemberId{rows.Int(i, 4)};
  b.member_name = rows.Text(i, 5);
  b.booked_by = UserId{rows.Int(i, 6)};
  b.title = rows.Text(i, 7);
  b.attendees = rows.OptInt(i, 8);
  b.starts_at = Timestamp{rows.Int(i, 9)};
  b.ends_at = Timestamp{rows.Int(i, 10)};
  b.status = ParseBookingStatus(rows.Text(i, 11)).value_or(BookingStatus::kCancelled);
  b.tier = ParseTier(rows.Text(i, 12)).value_or(PriceTier::kMember);
  b.price = Money{rows.Int(i, 13)};
  if (auto owner = rows.OptInt(i, 14)) b.owner = MemberId{*owner};
  if (auto series = rows.OptInt(i, 15)) b.series = SeriesId{*series};
  b.reason = rows.Text(i, 16);
  if (auto by = rows.OptInt(i, 17)) b.decided_by = UserId{*by};
  b.created_at = Timestamp{rows.Int(i, 18)};
  b.updated_at = Timestamp{rows.Int(i, 19)};
  b.version = rows.Int(i, 20);
  return b;
}

std::vector<Booking> ReadAll(const db::Rows& rows) {
  std::vector<Booking> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(ReadBooking(rows, i));
  return out;
}

struct Where {
  std::string sql;
  db::Params params;
};

Where WhereOf(HubId hub, const BookingQuery& q) {
  Where w{"WHERE b.hub_id = ?", {hub.value}};
  if (q.resource) {
    w.sql += " AND b.resource_id = ?";
    w.params.emplace_back(q.resource->value);
  }
  if (q.member) {
    w.sql += " AND b.member_id = ?";
    w.params.emplace_back(q.member->value);
  }
  if (q.owner) {
    w.sql += " AND b.owner_member_id = ?";
    w.params.emplace_back(q.owner->value);
  } else if (q.hub_owned) {
    w.sql += " AND b.owner_member_id IS NULL";
  }
  if (!q.statuses.empty()) {
    w.sql += " AND b.status IN (";
    for (std::size_t i = 0; i < q.statuses.size(); ++i) {
      w.sql += i == 0 ? "?" : ", ?";
      w.params.emplace_back(std::string(BookingStatusCode(q.statuses[i])));
    }
    w.sql += ")";
  }
  if (q.from) {
    w.sql += " AND b.ends_at > ?";
    w.params.emplace_back(q.from->unix_seconds);
  }
  if (q.to) {
    w.sql += " AND b.starts_at < ?";
    w.params.emplace_back(q.to->unix_seconds);
  }
  return w;
}

}  // namespace

std::optional<Booking> FindBooking(db::Transaction& tx, HubId hub, BookingId id) {
  auto rows = tx.Query(std::string(kBookingColumns) + "WHERE b.hub_id = ? AND b.id = ?", {hub.value, id.value});
  if (rows.empty()) return std::nullopt;
  return ReadBooking(rows, 0);
}

std::optional<Booking> FindOverlap(db::Transaction& tx, HubId hub, ResourceId resource, Timestamp starts_at,
                                   Timestamp ends_at, std::int64_t lookback) {
  auto rows = tx.Query(std::string(kBookingColumns) +
                           "WHERE b.hub_id = ? AND b.resource_id = ? AND b.holds_slot = 1 AND b.starts_at < ? "
                           "AND b.starts_at >= ? AND b.ends_at > ? ORDER BY b.starts_at LIMIT 1",
                       {hub.value, resource.value, ends_at.unix_seconds, starts_at.unix_seconds - lookback,
                        starts_at.unix_seconds});
  if (rows.empty()) return std::nullopt;
  return ReadBooking(rows, 0);
}

std::vector<std::int64_t> BusyResources(db::Transaction& tx, HubId hub, Timestamp starts_at, Timestamp ends_at,
                                        std::int64_t lookback) {
  // Read from the covering index (hub_id, starts_at, ends_at, resource_id, holds_slot);
  // duplicates are removed here rather than by a DISTINCT's temporary b-tree.
  auto rows = tx.Query(
      "SELECT resource_id FROM pooling_bookings WHERE hub_id = ? AND starts_at < ? AND starts_at >= ? "
      "AND ends_at > ? AND holds_slot = 1",
      {hub.value, ends_at.unix_seconds, starts_at.unix_seconds - lookback, starts_at.unix_seconds});
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.Int(i, 0));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

BookingId InsertBooking(db::Transaction& tx, const Booking& b) {
  // Built value by value: g++ 12 warns (wrongly) on long brace-initialised lists of variants.
  db::Params p;
  p.reserve(18);
  p.emplace_back(b.hub.value);
  p.emplace_back(b.resource.value);
  p.emplace_back(b.member.value);
  p.push_back(db::Nullable(b.owner));
  p.emplace_back(b.booked_by.value);
  p.emplace_back(b.title);
  p.push_back(db::Nullable(b.attendees));
  p.emplace_back(b.starts_at.unix_seconds);
  p.emplace_back(b.ends_at.unix_seconds);
  p.emplace_back(static_cast<std::int64_t>(HoldsSlot(b.status) ? 1 : 0));
  p.emplace_back(std::string(BookingStatusCode(b.status)));
  p.emplace_back(std::string(TierCode(b.tier)));
  p.emplace_back(b.price.cents);
  p.push_back(db::Nullable(b.series));
  p.emplace_back(b.reason);
  p.push_back(db::Nullable(b.decided_by));
  p.emplace_back(b.created_at.unix_seconds);
  p.emplace_back(b.updated_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO pooling_bookings (hub_id, resource_id, member_id, owner_member_id, booked_by, title, attendees, "
      "starts_at, ends_at, holds_slot, status, tier, price_cents, series_id, reason, decided_by, created_at, "
      "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      p);
  return BookingId{rows.Int(0, 0)};
}

bool UpdateBookingStatus(db::Transaction& tx, const Booking& b, std::int64_t expected_version) {
  return tx.Execute(
             "UPDATE pooling_bookings SET status = ?, holds_slot = ?, reason = ?, decided_by = ?, updated_at = ?, "
             "version = version + 1 WHERE hub_id = ? AND id = ? AND version = ?",
             {std::string(BookingStatusCode(b.status)), static_cast<std::int64_t>(HoldsSlot(b.status) ? 1 : 0),
              b.reason, db::Nullable(b.decided_by),
              b.updated_at.unix_seconds, b.hub.value, b.id.value, expected_version}) == 1;
}

SeriesId InsertSeries(db::Transaction& tx, HubId hub, Frequency frequency, Date until, Timestamp at) {
  auto rows = tx.Query(
      "INSERT INTO pooling_series (hub_id, frequency, until_date, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {hub.value, std::string(frequency == Frequency::kMonthly ? "monthly" : "weekly"), FormatIsoDate(until),
       at.unix_seconds});
  return SeriesId{rows.Int(0, 0)};
}

std::vector<Booking> ListBookings(db::Transaction& tx, HubId hub, const BookingQuery& query, int limit,
                                  std::int64_t offset) {
  auto w = WhereOf(hub, query);
  w.params.emplace_back(static_cast<std::int64_t>(limit));
  w.params.emplace_back(offset);
  return ReadAll(tx.Query(std::string(kBookingColumns) + w.sql + " ORDER BY b.starts_at, b.id LIMIT ? OFFSET ?",
                          w.params));
}

std::int64_t CountBookings(db::Transaction& tx, HubId hub, const BookingQuery& query) {
  auto w = WhereOf(hub, query);
  return tx.Query("SELECT COUNT(*) FROM pooling_bookings b " + w.sql, w.params).Int(0, 0);
}

}  // namespace coopole::pooling::store
