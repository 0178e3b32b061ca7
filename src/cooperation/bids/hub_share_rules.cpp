#include "hub_share_rules.h"

#include <algorithm>

#include "bids_rules.h"

namespace coopole::cooperation::hub_share_rules {

namespace {
// a x b / 10000 rounded to the nearest integer, halves away from zero. Amounts stay far
// below 2^63 / 10000 (a billion euros x 100 %).
std::int64_t ScaleRound(std::int64_t a, std::int64_t bp) {
  const std::int64_t product = a * bp;
  const std::int64_t quotient = product / bids_rules::kWhole;
  const std::int64_t remainder = product % bids_rules::kWhole;
  if (remainder * 2 >= bids_rules::kWhole) return quotient + 1;
  if (remainder * 2 <= -bids_rules::kWhole) return quotient - 1;
  return quotient;
}
}  // namespace

Money ApplyRate(Money amount, std::int64_t rate_bp) { return Money{ScaleRound(amount.cents, rate_bp)}; }

bool ValidRate(std::int64_t rate_bp) { return rate_bp >= 0 && rate_bp <= bids_rules::kWhole; }

std::int64_t RateOf(const Contract& contract, MemberId member) {
  for (const auto& m : contract.members)
    if (m.member == member && m.rate_bp) return *m.rate_bp;
  return contract.hub_rate_bp;
}

std::map<std::int64_t, Money> SharesDue(std::vector<InvoiceLine> invoices, const Contract& contract,
                                        Money already_called) {
  std::sort(invoices.begin(), invoices.end(), [](const InvoiceLine& a, const InvoiceLine& b) {
    return a.invoiced_on != b.invoiced_on ? a.invoiced_on < b.invoiced_on : a.id < b.id;
  });
  std::map<std::int64_t, Money> due;
  std::int64_t left = contract.cap ? std::max<std::int64_t>(0, contract.cap->cents - already_called.cents) : 0;
  for (const auto& invoice : invoices) {
    Money share = ApplyRate(invoice.amount, RateOf(contract, invoice.member));
    if (contract.cap) {
      share.cents = std::clamp<std::int64_t>(share.cents, 0, left);
      left -= share.cents;
    }
    due[invoice.id] = share;
  }
  return due;
}

Money DefaultMemberAmount(Money contract_amount, std::int64_t share_bp) {
  return Money{ScaleRound(contract_amount.cents, share_bp)};
}

Money Arrears(Money called, Money paid, Date due_on, Date today) {
  if (!(due_on < today)) return Money{0};
  return Money{std::max<std::int64_t>(0, called.cents - paid.cents)};
}

}  // namespace coopole::cooperation::hub_share_rules
