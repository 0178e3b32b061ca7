#include "bids_rules.h"

#include <set>

#include "coopole/core/text.h"

namespace coopole::cooperation {

namespace {
struct KindName {
  BidKind kind;
  const char* code;
};
constexpr KindName kKinds[] = {{BidKind::kCallForProjects, "call_for_projects"}, {BidKind::kTender, "tender"}};
struct StatusName {
  BidStatus status;
  const char* code;
};
constexpr StatusName kStatuses[] = {{BidStatus::kWatching, "watching"},   {BidStatus::kPreparing, "preparing"},
                                    {BidStatus::kSubmitted, "submitted"}, {BidStatus::kWon, "won"},
                                    {BidStatus::kLost, "lost"},           {BidStatus::kWithdrawn, "withdrawn"}};
}  // namespace

const char* BidKindCode(BidKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.code;
  return "call_for_projects";
}
const char* BidStatusCode(BidStatus status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.code;
  return "watching";
}
std::optional<BidKind> ParseBidKind(std::string_view code) {
  for (const auto& k : kKinds)
    if (code == k.code) return k.kind;
  return std::nullopt;
}
std::optional<BidStatus> ParseBidStatus(std::string_view code) {
  for (const auto& s : kStatuses)
    if (code == s.code) return s.status;
  return std::nullopt;
}

namespace bids_rules {

std::vector<BidStatus> NextStatuses(BidStatus from) {
  switch (from) {
    case BidStatus::kWatching: return {BidStatus::kPreparing, BidStatus::kWithdrawn};
    case BidStatus::kPreparing: return {BidStatus::kWatching, BidStatus::kSubmitted, BidStatus::kWithdrawn};
    case BidStatus::kSubmitted: return {BidStatus::kWon, BidStatus::kLost, BidStatus::kWithdrawn};
    case BidStatus::kWon:
    case BidStatus::kLost:
    case BidStatus::kWithdrawn: return {};
  }
  return {};
}

bool MayMove(BidStatus from, BidStatus to) {
  for (auto next : NextStatuses(from))
    if (next == to) return true;
  return false;
}

std::int64_t ShareTotal(const std::vector<CoContractor>& members) {
  std::int64_t total = 0;
  for (const auto& m : members) total += m.share_bp;
  return total;
}

std::map<std::string, std::string> CheckCoContractors(const std::vector<CoContractor>& members, MemberId lead) {
  std::map<std::string, std::string> errors;
  if (members.empty()) {
    errors["members"] = "cooperation.bids.error.no_members";
    return errors;
  }
  std::set<std::int64_t> seen;
  bool lead_found = false;
  bool share_out_of_range = false;
  for (const auto& m : members) {
    if (!seen.insert(m.member.value).second) errors["members"] = "cooperation.bids.error.member_twice";
    if (m.member == lead) lead_found = true;
    if (m.share_bp < 0 || m.share_bp > kWhole) share_out_of_range = true;
  }
  if (share_out_of_range || ShareTotal(members) != kWhole) errors["shares"] = "cooperation.bids.error.shares_total";
  if (!lead_found) errors["lead_member_id"] = "cooperation.bids.error.lead_not_member";
  return errors;
}

namespace {
// "-12,34" for -1234: hundredths with a decimal comma. The magnitude is taken unsigned so
// that the smallest int64 (which has no positive counterpart) formats too.
std::string Hundredths(std::int64_t value) {
  const bool negative = value < 0;
  const std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(abs / 100) + "," + cents;
}
}  // namespace

std::string FormatBasisPoints(std::int64_t bp) { return Hundredths(bp); }

namespace {
// Parses "123", "123,4", "123.45" (at most `decimals` decimals) as an integer scaled by 100.
std::optional<std::int64_t> ParseHundredths(std::string_view text) {
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool in_frac = false, any = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      any = true;
      if (in_frac) {
        if (++frac_digits > 2) return std::nullopt;
        frac = frac * 10 + (c - '0');
      } else {
        if (whole > 1'000'000'000) return std::nullopt;
        whole = whole * 10 + (c - '0');
      }
    } else if ((c == ',' || c == '.') && !in_frac) {
      in_frac = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  return whole * 100 + frac;
}
}  // namespace

std::optional<std::int64_t> ParsePercent(std::string_view text) {
  std::string_view t = Trim(text);
  if (!t.empty() && t.back() == '%') {
    t = Trim(t.substr(0, t.size() - 1));
    // French typography puts a (narrow) no-break space before the sign.
    for (std::string_view space : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")})
      if (t.size() >= space.size() && t.substr(t.size() - space.size()) == space)
        t = Trim(t.substr(0, t.size() - space.size()));
  }
  return ParseHundredths(t);
}

std::optional<std::int64_t> ParseBasisPoints(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty() || t.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string PlainEuros(Money money) { return Hundredths(money.cents); }

std::int64_t DaysLeft(Date today, Date deadline) { return DaysSinceEpoch(deadline) - DaysSinceEpoch(today); }

std::optional<int> ReminderThreshold(std::int64_t days_left) {
  if (days_left < 0 || days_left > 14) return std::nullopt;
  if (days_left <= 2) return 2;
  if (days_left <= 7) return 7;
  return 14;
}

bool AwaitsSubmission(BidStatus status) { return status == BidStatus::kWatching || status == BidStatus::kPreparing; }

bool DeadlinePassed(const std::optional<Timestamp>& deadline_at, Timestamp now) {
  return deadline_at.has_value() && *deadline_at < now;
}

}  // namespace bids_rules
}  // namespace coopole::cooperation
