// Pure rules of the pooling ledger: repayment schedules, rent and placement charges,
// amounts for hours. No I/O. Amounts are integer cents; every division rounds half up
// (half away from zero), never through floating point.
#pragma once

#include <cstdint>
#include <vector>

#include "coopole/pooling/ledger.h"

namespace coopole::pooling {

// `count` monthly installments of `amount` (count >= 1) from `first_due` on the same day of
// the following months (clamped to the month's end); equal parts, the cents left over on
// the last installment; `paid` zero.
std::vector<Installment> RepaymentSchedule(Money amount, int count, Date first_due);

// Sets each installment's `paid` from the repayments, oldest installment first. Returns
// what was repaid beyond the schedule (0 normally).
Money AllocateRepayments(std::vector<Installment>& schedule, const std::vector<Repayment>& repayments);

// What falls due strictly before `today` and is not paid.
Money OverdueAmount(const std::vector<Installment>& schedule, Date today);

// hours (hundredths) x hourly amount, rounded to the cent.
Money AmountForHours(std::int64_t hours_hundredths, Money hourly);

// The rent a lease owes for `month`: the monthly rent for a full month, prorated by days
// occupied in the first and last months (rent x days / days in month); 0 outside the lease.
Money RentDue(const Lease& lease, Month month);

// A lease is "ending" (alerted, flagged on the pages) from this many days before its end.
inline constexpr int kLeaseEndingDays = 60;
// Whether `lease` ends between `today` and kLeaseEndingDays later (both included).
bool LeaseEndingSoon(const Lease& lease, Date today);

// The most hours one person can work in `month` (24 h x its days), in hundredths.
std::int64_t MaxMonthlyHoursHundredths(Month month);

// Who owes whom: lines summed per (debtor, creditor), lines between a party and itself
// dropped. With `netting`, the two directions of each pair are set off against each other
// and only the balance remains. Largest amounts first, then by names. `paid` left at zero.
std::vector<Settlement> SettlementsOf(const std::vector<StatementLine>& lines, bool netting);

}  // namespace coopole::pooling
