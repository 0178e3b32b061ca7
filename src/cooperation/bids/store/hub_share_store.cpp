#include "store/hub_share_store.h"

#include <map>

namespace coopole::cooperation::store {
namespace {
std::string DateText(Date d) { return FormatIsoDate(d); }
Date DateOf(const db::Rows& rows, std::size_t r, std::size_t c) { return rows.OptDate(r, c).value_or(Date{}); }
}  // namespace

std::optional<Contract> FindContract(db::Transaction& tx, BidId bid) {
  auto rows = tx.Query(
      "SELECT reference, signed_on, start_on, end_on, amount_cents, hub_rate_bp, cap_cents, version "
      "FROM cooperation_bid_contracts WHERE bid_id = ?",
      {bid.value});
  if (rows.empty()) return std::nullopt;
  Contract c;
  c.bid = bid;
  c.reference = rows.Text(0, 0);
  c.signed_on = DateOf(rows, 0, 1);
  c.start_on = DateOf(rows, 0, 2);
  c.end_on = DateOf(rows, 0, 3);
  c.amount = Money{rows.Int(0, 4)};
  c.hub_rate_bp = rows.Int(0, 5);
  if (auto cap = rows.OptInt(0, 6)) c.cap = Money{*cap};
  c.version = rows.Int(0, 7);
  auto members = tx.Query(
      "SELECT cm.member_id, m.name, cm.amount_cents, cm.rate_bp FROM cooperation_bid_contract_members cm "
      "LEFT JOIN members_members m ON m.id = cm.member_id "
      "LEFT JOIN cooperation_bid_members bm ON bm.bid_id = cm.bid_id AND bm.member_id = cm.member_id "
      "WHERE cm.bid_id = ? ORDER BY COALESCE(bm.position, 1000000), cm.member_id",
      {bid.value});
  for (std::size_t r = 0; r < members.size(); ++r) {
    c.members.push_back(ContractMember{.member = MemberId{members.Int(r, 0)},
                                       .name = members.Text(r, 1),
                                       .amount = Money{members.Int(r, 2)},
                                       .rate_bp = members.OptInt(r, 3)});
  }
  return c;
}

namespace {
void PushContractColumns(db::Params& p, const Contract& c, Timestamp at) {
  p.push_back(c.reference);
  p.push_back(DateText(c.signed_on));
  p.push_back(DateText(c.start_on));
  p.push_back(DateText(c.end_on));
  p.push_back(c.amount.cents);
  p.push_back(c.hub_rate_bp);
  p.push_back(c.cap ? db::Value(c.cap->cents) : db::Value(db::Null{}));
  p.push_back(at.unix_seconds);
}
}  // namespace

void InsertContract(db::Transaction& tx, HubId hub, const Contract& contract, Timestamp at) {
  db::Params p;
  PushContractColumns(p, contract, at);
  p.push_back(contract.bid.value);
  p.push_back(hub.value);
  p.push_back(at.unix_seconds);
  tx.Execute(
      "INSERT INTO cooperation_bid_contracts (reference, signed_on, start_on, end_on, amount_cents, hub_rate_bp, "
      "cap_cents, updated_at, bid_id, hub_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p);
}

bool UpdateContract(db::Transaction& tx, const Contract& contract, std::int64_t expected_version, Timestamp at) {
  db::Params p;
  PushContractColumns(p, contract, at);
  p.push_back(contract.bid.value);
  p.push_back(expected_version);
  return tx.Execute(
             "UPDATE cooperation_bid_contracts SET reference = ?, signed_on = ?, start_on = ?, end_on = ?, "
             "amount_cents = ?, hub_rate_bp = ?, cap_cents = ?, updated_at = ?, version = version + 1 "
             "WHERE bid_id = ? AND version = ?",
             p) == 1;
}

void ReplaceContractMembers(db::Transaction& tx, const Contract& contract) {
  tx.Execute("DELETE FROM cooperation_bid_contract_members WHERE bid_id = ?", {contract.bid.value});
  for (const auto& m : contract.members) {
    db::Params p;
    p.push_back(contract.bid.value);
    p.push_back(m.member.value);
    p.push_back(m.amount.cents);
    p.push_back(db::Nullable(m.rate_bp));
    tx.Execute(
        "INSERT INTO cooperation_bid_contract_members (bid_id, member_id, amount_cents, rate_bp) VALUES (?, ?, ?, ?)",
        p);
  }
}

std::vector<BidId> ContractBids(db::Transaction& tx, HubId hub) {
  auto rows = tx.Query("SELECT bid_id FROM cooperation_bid_contracts WHERE hub_id = ? ORDER BY bid_id", {hub.value});
  std::vector<BidId> ids;
  for (std::size_t r = 0; r < rows.size(); ++r) ids.push_back(BidId{rows.Int(r, 0)});
  return ids;
}

InvoiceId InsertInvoice(db::Transaction& tx, HubId hub, const Invoice& invoice, UserId by, Timestamp at) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(invoice.bid.value);
  p.push_back(invoice.member.value);
  p.push_back(DateText(invoice.invoiced_on));
  p.push_back(invoice.amount.cents);
  p.push_back(invoice.reference);
  p.push_back(by.value);
  p.push_back(at.unix_seconds);
  return InvoiceId{tx.Query("INSERT INTO cooperation_bid_invoices (hub_id, bid_id, member_id, invoiced_on, "
                            "amount_cents, reference, declared_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            "RETURNING id",
                            p)
                       .Int(0, 0)};
}

std::vector<Invoice> ListInvoices(db::Transaction& tx, BidId bid) {
  auto rows = tx.Query(
      "SELECT i.id, i.member_id, m.name, i.invoiced_on, i.amount_cents, i.reference, i.call_id, i.share_cents "
      "FROM cooperation_bid_invoices i LEFT JOIN members_members m ON m.id = i.member_id "
      "WHERE i.bid_id = ? ORDER BY i.invoiced_on, i.id",
      {bid.value});
  std::vector<Invoice> invoices;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Invoice i;
    i.id = InvoiceId{rows.Int(r, 0)};
    i.bid = bid;
    i.member = MemberId{rows.Int(r, 1)};
    i.member_name = rows.Text(r, 2);
    i.invoiced_on = DateOf(rows, r, 3);
    i.amount = Money{rows.Int(r, 4)};
    i.reference = rows.Text(r, 5);
    if (auto call = rows.OptInt(r, 6)) i.call = ShareCallId{*call};
    i.share_due = Money{rows.OptInt(r, 7).value_or(0)};
    invoices.push_back(std::move(i));
  }
  return invoices;
}

void MarkInvoiceCalled(db::Transaction& tx, InvoiceId invoice, ShareCallId call, Money share) {
  db::Params p;
  p.push_back(call.value);
  p.push_back(share.cents);
  p.push_back(invoice.value);
  tx.Execute("UPDATE cooperation_bid_invoices SET call_id = ?, share_cents = ? WHERE id = ? AND call_id IS NULL", p);
}

ShareCallId InsertCall(db::Transaction& tx, HubId hub, const ShareCall& call, UserId by, Timestamp at) {
  db::Params p;
  p.push_back(hub.value);
  p.push_back(call.bid.value);
  p.push_back(DateText(call.period_from));
  p.push_back(DateText(call.period_to));
  p.push_back(DateText(call.due_on));
  p.push_back(by.value);
  p.push_back(at.unix_seconds);
  return ShareCallId{tx.Query("INSERT INTO cooperation_hub_share_calls (hub_id, bid_id, period_from, period_to, "
                              "due_on, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              p)
                         .Int(0, 0)};
}

void InsertCallLine(db::Transaction& tx, ShareCallId call, const CallLine& line) {
  db::Params p;
  p.push_back(call.value);
  p.push_back(line.member.value);
  p.push_back(line.amount.cents);
  tx.Execute("INSERT INTO cooperation_hub_share_call_lines (call_id, member_id, amount_cents) VALUES (?, ?, ?)", p);
}

std::vector<ShareCall> ListCalls(db::Transaction& tx, HubId hub, std::optional<BidId> bid) {
  std::string where = " WHERE c.hub_id = ?";
  db::Params params;
  params.push_back(hub.value);
  if (bid) {
    where += " AND c.bid_id = ?";
    params.push_back(bid->value);
  }
  auto rows = tx.Query(
      "SELECT c.id, c.bid_id, b.title, c.period_from, c.period_to, c.due_on FROM cooperation_hub_share_calls c "
      "JOIN cooperation_bids b ON b.id = c.bid_id" +
          where + " ORDER BY c.due_on, c.id",
      params);
  std::vector<ShareCall> calls;
  std::map<std::int64_t, std::size_t> index;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ShareCall c;
    c.id = ShareCallId{rows.Int(r, 0)};
    c.bid = BidId{rows.Int(r, 1)};
    c.bid_title = rows.Text(r, 2);
    c.period_from = DateOf(rows, r, 3);
    c.period_to = DateOf(rows, r, 4);
    c.due_on = DateOf(rows, r, 5);
    index[c.id.value] = calls.size();
    calls.push_back(std::move(c));
  }
  if (calls.empty()) return calls;
  auto lines = tx.Query(
      "SELECT l.call_id, l.member_id, m.name, l.amount_cents, "
      "(SELECT COALESCE(SUM(p.amount_cents), 0) FROM cooperation_hub_share_payments p "
      " WHERE p.call_id = l.call_id AND p.member_id = l.member_id) "
      "FROM cooperation_hub_share_call_lines l JOIN cooperation_hub_share_calls c ON c.id = l.call_id "
      "LEFT JOIN members_members m ON m.id = l.member_id" +
          where + " ORDER BY l.call_id, m.name, l.member_id",
      params);
  for (std::size_t r = 0; r < lines.size(); ++r) {
    auto it = index.find(lines.Int(r, 0));
    if (it == index.end()) continue;
    CallLine line{.member = MemberId{lines.Int(r, 1)},
                  .member_name = lines.Text(r, 2),
                  .amount = Money{lines.Int(r, 3)},
                  .paid = Money{lines.Int(r, 4)}};
    auto& call = calls[it->second];
    call.total = call.total + line.amount;
    call.paid = call.paid + line.paid;
    call.lines.push_back(std::move(line));
  }
  return calls;
}

std::optional<ShareCall> FindCall(db::Transaction& tx, HubId hub, ShareCallId id) {
  for (auto& call : ListCalls(tx, hub, std::nullopt))
    if (call.id == id) return call;
  return std::nullopt;
}

SharePaymentId InsertPayment(db::Transaction& tx, const SharePayment& payment, UserId by, Timestamp at) {
  db::Params p;
  p.push_back(payment.call.value);
  p.push_back(payment.member.value);
  p.push_back(DateText(payment.paid_on));
  p.push_back(payment.amount.cents);
  p.push_back(payment.reference);
  p.push_back(by.value);
  p.push_back(at.unix_seconds);
  return SharePaymentId{tx.Query("INSERT INTO cooperation_hub_share_payments (call_id, member_id, paid_on, "
                                 "amount_cents, reference, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 p)
                            .Int(0, 0)};
}

}  // namespace coopole::cooperation::store
