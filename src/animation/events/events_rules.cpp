#include "events_rules.h"

#include <algorithm>

#include "coopole/animation/events.h"

namespace coopole::animation::events_rules {

bool IsKind(std::string_view kind) {
  return std::any_of(std::begin(kEventKindCodes), std::end(kEventKindCodes), [&](const char* k) { return kind == k; });
}

bool IsReply(std::string_view reply) { return reply == "yes" || reply == "no" || reply == "maybe"; }

bool MayMove(std::string_view from, std::string_view to) {
  return from == "planned" && (to == "held" || to == "cancelled");
}

std::string ReplyRefusal(std::string_view status, Timestamp ends_at, Timestamp now) {
  if (status == "cancelled") return "animation.invitations.error.cancelled";
  if (status != "planned" || now >= ends_at) return "animation.invitations.error.over";
  return "";
}

namespace {
bool Confirmed(const Seat& s) { return s.reply == "yes" && !s.position; }
std::int64_t ConfirmedCount(const std::vector<Seat>& seats) {
  return std::count_if(seats.begin(), seats.end(), Confirmed);
}
}  // namespace

std::optional<std::int64_t> PositionForYes(std::optional<std::int64_t> capacity, const std::vector<Seat>& seats) {
  if (!capacity || ConfirmedCount(seats) < *capacity) return std::nullopt;
  std::int64_t last = 0;
  for (const auto& s : seats)
    if (s.reply == "yes" && s.position) last = std::max(last, *s.position);
  return last + 1;
}

std::vector<std::int64_t> Rebalance(std::optional<std::int64_t> capacity, std::vector<Seat>& seats) {
  for (auto& s : seats)
    if (s.reply != "yes") s.position.reset();
  std::vector<Seat*> waiting;
  for (auto& s : seats)
    if (s.reply == "yes" && s.position) waiting.push_back(&s);
  std::stable_sort(waiting.begin(), waiting.end(), [](const Seat* a, const Seat* b) {
    return *a->position != *b->position ? *a->position < *b->position : a->id < b->id;
  });
  std::vector<std::int64_t> promoted;
  std::int64_t confirmed = ConfirmedCount(seats);
  std::size_t next = 0;
  while (next < waiting.size() && (!capacity || confirmed < *capacity)) {
    waiting[next]->position.reset();
    promoted.push_back(waiting[next]->id);
    ++confirmed;
    ++next;
  }
  std::int64_t position = 1;
  for (; next < waiting.size(); ++next) waiting[next]->position = position++;
  return promoted;
}

}  // namespace coopole::animation::events_rules
