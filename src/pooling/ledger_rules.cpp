// Pure rules of the pooling ledger (ledger_rules.h): integer cents throughout, every
// division rounded half away from zero.
#include "ledger_rules.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>
#include <utility>

#include "coopole/core/text.h"
#include "coopole/core/time_zone.h"

namespace coopole::pooling {
namespace {

// numerator / denominator (denominator > 0), rounded half away from zero. The numerator is
// 128-bit so that products of cents and hundredths cannot overflow on the way.
std::int64_t DivideRounded(__int128 numerator, std::int64_t denominator) {
  const __int128 half = denominator / 2;
  const __int128 quotient = numerator >= 0 ? (numerator + half) / denominator : (numerator - half) / denominator;
  // An odd denominator has no exact half: (n + d/2) / d already rounds to nearest.
  return static_cast<std::int64_t>(quotient);
}

// Names sort accent- and case-insensitively; the hub (no member) after every member.
std::tuple<bool, std::string, std::int64_t> PartyKey(const Party& party) {
  return {!party.member.has_value(), FoldForSearch(party.name), party.member ? party.member->value : 0};
}

}  // namespace

std::vector<Installment> RepaymentSchedule(Money amount, int count, Date first_due) {
  if (count < 1) count = 1;
  std::vector<Installment> schedule;
  schedule.reserve(static_cast<std::size_t>(count));
  const std::int64_t part = amount.cents / count;  // truncated: the remainder goes to the last
  for (int i = 0; i < count; ++i) {
    Installment installment;
    installment.due_on = AddMonths(first_due, i);  // from the first date: 31 Jan, 28 Feb, 31 Mar
    installment.amount = Money{i + 1 < count ? part : amount.cents - part * (count - 1)};
    schedule.push_back(installment);
  }
  return schedule;
}

Money AllocateRepayments(std::vector<Installment>& schedule, const std::vector<Repayment>& repayments) {
  std::int64_t left = 0;
  for (const auto& repayment : repayments) left += repayment.amount.cents;
  std::vector<std::size_t> order(schedule.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return schedule[a].due_on < schedule[b].due_on; });
  for (std::size_t i : order) {
    auto& installment = schedule[i];
    const std::int64_t due = std::max<std::int64_t>(installment.amount.cents, 0);
    const std::int64_t paid = std::clamp<std::int64_t>(left, 0, due);
    installment.paid = Money{paid};
    left -= paid;
  }
  return Money{std::max<std::int64_t>(left, 0)};
}

Money OverdueAmount(const std::vector<Installment>& schedule, Date today) {
  std::int64_t overdue = 0;
  for (const auto& installment : schedule) {
    if (installment.due_on < today && installment.paid < installment.amount) {
      overdue += installment.amount.cents - installment.paid.cents;
    }
  }
  return Money{overdue};
}

Money AmountForHours(std::int64_t hours_hundredths, Money hourly) {
  return Money{DivideRounded(static_cast<__int128>(hours_hundredths) * hourly.cents, 100)};
}

Money RentDue(const Lease& lease, Month month) {
  const Date first = std::max(month.First(), lease.starts_on);
  Date last = month.Last();
  if (lease.ends_on) last = std::min(last, *lease.ends_on);
  if (last < first) return Money{0};
  const std::int64_t days = DaysSinceEpoch(last) - DaysSinceEpoch(first) + 1;
  const int days_in_month = DaysInMonth(month.year, month.month);
  if (days >= days_in_month) return lease.monthly_rent;
  return Money{DivideRounded(static_cast<__int128>(lease.monthly_rent.cents) * days, days_in_month)};
}

bool LeaseEndingSoon(const Lease& lease, Date today) {
  return lease.ends_on && *lease.ends_on >= today && *lease.ends_on <= AddDays(today, kLeaseEndingDays);
}

std::int64_t MaxMonthlyHoursHundredths(Month month) {
  return std::int64_t{24} * DaysInMonth(month.year, month.month) * 100;
}

std::vector<Settlement> SettlementsOf(const std::vector<StatementLine>& lines, bool netting) {
  // Parties compare by member only; keep the first non-empty name seen for each.
  std::map<Party, std::string> names;
  std::map<std::pair<Party, Party>, std::int64_t> owed;
  for (const auto& line : lines) {
    if (line.debtor == line.creditor) continue;
    for (const Party* party : {&line.debtor, &line.creditor}) {
      auto& name = names[*party];
      if (name.empty()) name = party->name;
    }
    owed[{line.debtor, line.creditor}] += line.amount.cents;
  }
  auto named = [&](Party party) {
    party.name = names[party];
    return party;
  };

  std::vector<Settlement> out;
  auto add = [&](const Party& debtor, const Party& creditor, std::int64_t amount) {
    if (amount > 0) out.push_back(Settlement{named(debtor), named(creditor), Money{amount}, Money{0}});
    if (amount < 0) out.push_back(Settlement{named(creditor), named(debtor), Money{-amount}, Money{0}});
  };
  for (const auto& [pair, amount] : owed) {
    const auto& [debtor, creditor] = pair;
    if (!netting) {
      add(debtor, creditor, amount);
      continue;
    }
    // Each unordered pair once: from the direction whose key sorts first.
    auto reverse = owed.find({creditor, debtor});
    if (reverse != owed.end() && reverse->first < pair) continue;
    add(debtor, creditor, amount - (reverse == owed.end() ? 0 : reverse->second));
  }
  std::sort(out.begin(), out.end(), [](const Settlement& a, const Settlement& b) {
    if (a.amount != b.amount) return a.amount > b.amount;
    return std::tuple(PartyKey(a.debtor), PartyKey(a.creditor)) < std::tuple(PartyKey(b.debtor), PartyKey(b.creditor));
  });
  return out;
}

}  // namespace coopole::pooling
