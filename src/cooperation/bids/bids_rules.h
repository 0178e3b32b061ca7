// Pure rules of joint bids: status transitions, co-contractor shares, deadlines and their
// reminders, percent and money text. No I/O; tested in bids_rules_test.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coopole/cooperation/bids.h"

namespace coopole::cooperation::bids_rules {

inline constexpr std::int64_t kWhole = 10000;  // 100 % in basis points

// Whether a bid may go from `from` to `to`: watching -> preparing | withdrawn;
// preparing -> watching | submitted | withdrawn; submitted -> won | lost | withdrawn.
// Won, lost and withdrawn are final. Staying put is not a transition.
bool MayMove(BidStatus from, BidStatus to);
// The statuses reachable from `from`, in the order of the list above.
std::vector<BidStatus> NextStatuses(BidStatus from);

// Field errors (field -> catalogue key) of a set of co-contractors: none ("members":
// "cooperation.bids.error.no_members"), a member twice ("members":
// "cooperation.bids.error.member_twice"), a share outside 0..100 % or shares not summing to
// exactly 100 % ("shares": "cooperation.bids.error.shares_total"), a lead that is not among
// them ("lead_member_id": "cooperation.bids.error.lead_not_member").
std::map<std::string, std::string> CheckCoContractors(const std::vector<CoContractor>& members, MemberId lead);
// The sum of the shares in basis points.
std::int64_t ShareTotal(const std::vector<CoContractor>& members);

// "33,33 %" style text of basis points for messages: "95,00" (two decimals, comma).
std::string FormatBasisPoints(std::int64_t bp);
// Parses a percentage "33,33", "33.33", "5", "12,5 %" (at most two decimals) into basis
// points; nullopt for anything else (negative numbers included).
std::optional<std::int64_t> ParsePercent(std::string_view text);
// Parses basis points as a non-negative integer.
std::optional<std::int64_t> ParseBasisPoints(std::string_view text);

// Cents as a plain French decimal for CSV and forms: "1234,50", "-0,05" (no thousands separator).
std::string PlainEuros(Money money);

// Days from `today` to the deadline's date (negative when past).
std::int64_t DaysLeft(Date today, Date deadline);
// The reminder threshold of a bid `days_left` days from its deadline: 2, 7 or 14 (the
// smallest not below days_left); nullopt when more than 14 days are left or it is past.
std::optional<int> ReminderThreshold(std::int64_t days_left);
// Whether reminders concern a bid in this status (not submitted yet: watching, preparing).
bool AwaitsSubmission(BidStatus status);

// Whether the deadline is already past at `now` (accepted, with a warning).
bool DeadlinePassed(const std::optional<Timestamp>& deadline_at, Timestamp now);

}  // namespace coopole::cooperation::bids_rules
