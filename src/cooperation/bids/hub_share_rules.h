// Pure rules of the hub share (quote-part): what a contract's invoices owe the hub, what a
// call freezes, and arrears. No I/O; tested in hub_share_rules_test.cpp.
//
// Rounding (stated contract): each invoice's share is rate x amount rounded to the nearest
// cent, halves away from zero (1 234,50 € x 2,5 % = 30,8625 € -> 30,86 €; 0,10 € x 5 % =
// 0,005 € -> 0,01 €). The cap applies across the whole contract, invoice by invoice in
// (date, id) order: an invoice owes at most what is left under the cap.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "coopole/cooperation/bids.h"

namespace coopole::cooperation::hub_share_rules {

// `amount` x `rate_bp` / 10000 rounded to the cent, halves away from zero.
Money ApplyRate(Money amount, std::int64_t rate_bp);

// Whether a rate is within 0..100 %.
bool ValidRate(std::int64_t rate_bp);

// The rate of a member: its override, else the contract's.
std::int64_t RateOf(const Contract& contract, MemberId member);

struct InvoiceLine {
  std::int64_t id = 0;
  MemberId member;
  Date invoiced_on;
  Money amount;
};

// The share due on each invoice (same order as `invoices` after sorting by date then id),
// given the cap of the contract and what earlier calls already consumed of it.
// Returns invoice id -> share due.
std::map<std::int64_t, Money> SharesDue(std::vector<InvoiceLine> invoices, const Contract& contract,
                                        Money already_called);

// A co-contractor's default part of the contract: its share of the amount, rounded to the
// cent (halves away from zero).
Money DefaultMemberAmount(Money contract_amount, std::int64_t share_bp);

// Arrears of one call line: what is called and not paid once the due date is past
// (strictly before today); zero before, and never negative (overpayment is not credit).
Money Arrears(Money called, Money paid, Date due_on, Date today);

}  // namespace coopole::cooperation::hub_share_rules
