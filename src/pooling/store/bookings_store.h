// SQL of bookings (pooling_bookings, pooling_series). Every query is bound to a hub.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "coopole/db/db.h"
#include "coopole/pooling/pooling.h"

namespace coopole::pooling::store {

std::optional<Booking> FindBooking(db::Transaction& tx, HubId hub, BookingId id);
// A booking holding a slot of `resource` that overlaps [starts_at, ends_at), the earliest;
// `lookback` is the longest booking of the hub (how far before `starts_at` one may start).
std::optional<Booking> FindOverlap(db::Transaction& tx, HubId hub, ResourceId resource, Timestamp starts_at,
                                   Timestamp ends_at, std::int64_t lookback);
// The resources of the hub with a booking holding a slot overlapping [starts_at, ends_at),
// sorted, each once (for std::binary_search).
std::vector<std::int64_t> BusyResources(db::Transaction& tx, HubId hub, Timestamp starts_at, Timestamp ends_at,
                                     std::int64_t lookback);
BookingId InsertBooking(db::Transaction& tx, const Booking& booking);
// Status, reason and decider; false when the version moved.
bool UpdateBookingStatus(db::Transaction& tx, const Booking& booking, std::int64_t expected_version);
SeriesId InsertSeries(db::Transaction& tx, HubId hub, Frequency frequency, Date until, Timestamp at);

std::vector<Booking> ListBookings(db::Transaction& tx, HubId hub, const BookingQuery& query, int limit,
                                  std::int64_t offset);
std::int64_t CountBookings(db::Transaction& tx, HubId hub, const BookingQuery& query);

}  // namespace coopole::pooling::store
