// Pure rules of events: kinds, statuses and their moves, the reply window, replies, and the
// waiting list (who holds a seat, who waits, who is promoted).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/core/time.h"

namespace coopole::animation::events_rules {

bool IsKind(std::string_view kind);
bool IsReply(std::string_view reply);  // yes, no, maybe (pending is not a reply)
// planned -> held | cancelled; nothing else.
bool MayMove(std::string_view from, std::string_view to);

// Why a reply is refused, as a catalogue key, or "" when replies are open: only a planned
// event that has not ended takes replies.
std::string ReplyRefusal(std::string_view status, Timestamp ends_at, Timestamp now);

// One invitation as the waiting list sees it.
struct Seat {
  std::int64_t id = 0;
  std::string reply;                       // pending, yes, no, maybe
  std::optional<std::int64_t> position;    // waiting-list position of a "yes" beyond capacity
};

// The waiting-list position a new "yes" gets: nullopt when a seat is free (no capacity, or
// fewer confirmed "yes" than the capacity), else after the last one waiting.
std::optional<std::int64_t> PositionForYes(std::optional<std::int64_t> capacity, const std::vector<Seat>& seats);

// Brings the seats back to the rule after a change (a "yes" withdrawn, capacity raised): non-yes
// seats wait for nothing; while confirmed "yes" are fewer than the capacity, the first waiting
// is promoted; positions are renumbered 1..n in their order. Confirmed seats are never demoted
// (lowering the capacity keeps those who were told they had a seat). Returns the ids promoted;
// `seats` is updated in place.
std::vector<std::int64_t> Rebalance(std::optional<std::int64_t> capacity, std::vector<Seat>& seats);

}  // namespace coopole::animation::events_rules
