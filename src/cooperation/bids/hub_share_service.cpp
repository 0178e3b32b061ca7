// Use cases of a won bid's contract and the hub share: the contract and its hub-share rule,
// invoices declared by members, calls that freeze what each member owes, payments, arrears.
#include <algorithm>

#include "bids_internal.h"
#include "bids_rules.h"
#include "hub_share_rules.h"
#include "store/bids_store.h"
#include "store/hub_share_store.h"

namespace coopole::cooperation {

using namespace bids_internal;

namespace {

using Errors = std::map<std::string, std::string>;

std::optional<Date> RequiredDate(const std::string& text, const std::string& field, Errors& errors) {
  if (Trim(text).empty()) {
    errors[field] = "validation.required";
    return std::nullopt;
  }
  auto date = ParseDate(Trim(text));
  if (!date) errors[field] = "validation.date";
  return date;
}

// The contract's terms from the input, for the co-contractors of `bid`.
Contract ContractOf(const ContractInput& input, const Bid& bid, Errors& errors) {
  Contract c;
  c.bid = bid.id;
  c.reference = CheckedText(input.reference, "reference", 200, errors);
  if (auto d = RequiredDate(input.signed_on, "signed_on", errors)) c.signed_on = *d;
  auto start = RequiredDate(input.start_on, "start_on", errors);
  auto end = RequiredDate(input.end_on, "end_on", errors);
  if (start) c.start_on = *start;
  if (end) c.end_on = *end;
  if (start && end && *end < *start) errors["end_on"] = "cooperation.hub_share.error.end_before_start";
  if (auto amount = ParseAmount(input.amount)) c.amount = *amount;
  else errors["amount"] = Trim(input.amount).empty() ? "validation.required" : "cooperation.bids.error.amount";
  auto rate = bids_rules::ParsePercent(input.hub_rate);
  if (!rate || !hub_share_rules::ValidRate(*rate)) errors["hub_rate"] = "cooperation.hub_share.error.rate";
  else c.hub_rate_bp = *rate;
  if (!Trim(input.cap).empty()) {
    if (auto cap = ParseAmount(input.cap)) c.cap = *cap;
    else errors["cap"] = "cooperation.bids.error.amount";
  }
  for (const auto& m : bid.members) {
    c.members.push_back(ContractMember{.member = m.member,
                                       .name = m.name,
                                       .amount = hub_share_rules::DefaultMemberAmount(c.amount, m.share_bp),
                                       .rate_bp = std::nullopt});
  }
  for (const auto& in : input.members) {
    auto id = ParsePositive(in.member_id);
    auto it = std::find_if(c.members.begin(), c.members.end(),
                           [&](const ContractMember& m) { return id && m.member.value == *id; });
    if (it == c.members.end()) {
      if (!Trim(in.member_id).empty()) errors["members"] = "cooperation.bids.error.not_co_contractor";
      continue;
    }
    if (!Trim(in.amount).empty()) {
      if (auto amount = ParseAmount(in.amount)) it->amount = *amount;
      else errors["members"] = "cooperation.bids.error.amount";
    }
    if (!Trim(in.rate).empty()) {
      auto member_rate = bids_rules::ParsePercent(in.rate);
      if (!member_rate || !hub_share_rules::ValidRate(*member_rate)) errors["rates"] = "cooperation.hub_share.error.rate";
      else it->rate_bp = *member_rate;
    }
  }
  return c;
}

// Everything about one contract's hub share, with shares due computed for the invoices no
// call froze yet, and arrears as of `today`.
ContractShare BuildShare(db::Transaction& tx, HubId hub, Bid bid, Contract contract, Date today) {
  ContractShare share;
  share.invoices = store::ListInvoices(tx, bid.id);
  Money already_called;
  std::vector<hub_share_rules::InvoiceLine> open;
  for (const auto& i : share.invoices) {
    if (i.call) already_called = already_called + i.share_due;
    else open.push_back({i.id.value, i.member, i.invoiced_on, i.amount});
  }
  auto due = hub_share_rules::SharesDue(open, contract, already_called);
  for (auto& i : share.invoices)
    if (!i.call) i.share_due = due[i.id.value];
  share.calls = store::ListCalls(tx, hub, bid.id);
  for (auto& call : share.calls) call.overdue = call.due_on < today && call.paid < call.total;
  for (const auto& m : contract.members) {
    MemberShareRow row{.bid = bid.id, .bid_title = bid.title, .member = m.member, .member_name = m.name};
    row.rate_bp = hub_share_rules::RateOf(contract, m.member);
    for (const auto& i : share.invoices) {
      if (i.member != m.member) continue;
      row.invoiced = row.invoiced + i.amount;
      row.due = row.due + i.share_due;
    }
    for (const auto& call : share.calls) {
      for (const auto& line : call.lines) {
        if (line.member != m.member) continue;
        row.called = row.called + line.amount;
        row.paid = row.paid + line.paid;
        row.arrears = row.arrears + hub_share_rules::Arrears(line.amount, line.paid, call.due_on, today);
      }
    }
    share.totals.invoiced = share.totals.invoiced + row.invoiced;
    share.totals.due = share.totals.due + row.due;
    share.totals.called = share.totals.called + row.called;
    share.totals.paid = share.totals.paid + row.paid;
    share.totals.arrears = share.totals.arrears + row.arrears;
    share.rows.push_back(std::move(row));
  }
  share.bid = std::move(bid);
  share.contract = std::move(contract);
  return share;
}

// Sums of the rows.
ShareTotals TotalsOf(const std::vector<MemberShareRow>& rows) {
  ShareTotals totals;
  for (const auto& row : rows) {
    totals.invoiced = totals.invoiced + row.invoiced;
    totals.due = totals.due + row.due;
    totals.called = totals.called + row.called;
    totals.paid = totals.paid + row.paid;
    totals.arrears = totals.arrears + row.arrears;
  }
  return totals;
}

// Keeps of the calls only the lines the actor may read; a call's total and paid become the
// sums of the lines kept, and a call with none left disappears.
void KeepReadableCalls(std::vector<ShareCall>& calls, const Actor& actor, const HubContext& hub, Date today) {
  std::vector<ShareCall> kept;
  for (auto& call : calls) {
    std::erase_if(call.lines, [&](const CallLine& l) { return !MayReadShareOf(actor, hub, l.member); });
    if (call.lines.empty()) continue;
    call.total = Money{0};
    call.paid = Money{0};
    for (const auto& l : call.lines) {
      call.total = call.total + l.amount;
      call.paid = call.paid + l.paid;
    }
    call.overdue = call.due_on < today && call.paid < call.total;
    kept.push_back(std::move(call));
  }
  calls = std::move(kept);
}

// What a member-role user may see of a contract's hub share: its own organisation's part
// (computed over the whole contract first: the cap is shared). Others read everything.
void KeepReadable(ContractShare& share, const Actor& actor, const HubContext& hub, Date today) {
  if (ReadsEveryShare(actor, hub)) return;
  auto hidden = [&](MemberId member) { return !MayReadShareOf(actor, hub, member); };
  std::erase_if(share.contract.members, [&](const ContractMember& m) { return hidden(m.member); });
  std::erase_if(share.invoices, [&](const Invoice& i) { return hidden(i.member); });
  std::erase_if(share.rows, [&](const MemberShareRow& r) { return hidden(r.member); });
  KeepReadableCalls(share.calls, actor, hub, today);
  share.totals = TotalsOf(share.rows);
}

}  // namespace

Result<Contract> BidService::SaveContract(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                                          const ContractInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  if (bid->status != BidStatus::kWon) {
    return Error{ErrorCode::kFailedPrecondition, "only a won bid has a contract",
                 {{"status", "cooperation.hub_share.error.not_won"}}};
  }
  auto current = store::FindContract(tx, id);
  if (version == 0 ? current.has_value() : (!current || current->version != version)) return Stale("contract");
  Errors errors;
  Contract contract = ContractOf(input, *bid, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const Timestamp now = clock_.Now();
  if (current) {
    if (!store::UpdateContract(tx, contract, version, now)) return Stale("contract");
    contract.version = version + 1;
  } else {
    store::InsertContract(tx, hub.hub.id, contract, now);
  }
  store::ReplaceContractMembers(tx, contract);
  identity_.RecordAudit(tx, actor, {hub.hub.id, current ? "update" : "create", "bid_contract", id.value,
                                    current ? AuditJson(ContractJson(*current)) : "", AuditJson(ContractJson(contract))});
  tx.Commit();
  return contract;
}

Result<Invoice> BidService::DeclareInvoice(const Actor& actor, const HubContext& hub, BidId id,
                                           const InvoiceInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  if (!IsCoordinator(actor, hub) && !OwnMember(hub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  auto contract = store::FindContract(tx, id);
  if (!contract) return Error::NotFound("contract");
  Errors errors;
  Invoice invoice;
  invoice.bid = id;
  if (Trim(input.member_id).empty()) {
    if (auto own = OwnMember(hub)) invoice.member = *own;
    else errors["member_id"] = "validation.required";
  } else if (auto member = ParsePositive(input.member_id)) {
    invoice.member = MemberId{*member};
  } else {
    errors["member_id"] = "cooperation.bids.error.not_co_contractor";
  }
  // A member declares for itself only: checked before anything about the content.
  if (invoice.member.value != 0 && !ActsFor(actor, hub, invoice.member)) return Error::Denied();
  if (invoice.member.value != 0 && !errors.count("member_id")) {
    auto it = std::find_if(contract->members.begin(), contract->members.end(),
                           [&](const ContractMember& m) { return m.member == invoice.member; });
    if (it == contract->members.end()) errors["member_id"] = "cooperation.bids.error.not_co_contractor";
    else invoice.member_name = it->name;
  }
  if (auto on = RequiredDate(input.invoiced_on, "invoiced_on", errors)) invoice.invoiced_on = *on;
  if (auto amount = ParseAmount(input.amount)) invoice.amount = *amount;
  else errors["amount"] = Trim(input.amount).empty() ? "validation.required" : "cooperation.bids.error.amount";
  invoice.reference = CheckedText(input.reference, "reference", 200, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  invoice.id = store::InsertInvoice(tx, hub.hub.id, invoice, actor.user, clock_.Now());
  auto share = BuildShare(tx, hub.hub.id, *bid, *contract, TodayIn(clock_, hub));
  for (const auto& i : share.invoices)
    if (i.id == invoice.id) invoice.share_due = i.share_due;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "bid_invoice", invoice.id.value, "",
                                    AuditJson(InvoiceJson(invoice))});
  tx.Commit();
  return invoice;
}

Result<ContractShare> BidService::GetContractShare(const Actor& actor, const HubContext& hub, BidId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  auto contract = store::FindContract(tx, id);
  if (!contract) return Error::NotFound("contract");
  const Date today = TodayIn(clock_, hub);
  auto share = BuildShare(tx, hub.hub.id, *bid, *contract, today);
  KeepReadable(share, actor, hub, today);
  return share;
}

Result<ShareCall> BidService::IssueCall(const Actor& actor, const HubContext& hub, BidId id, const CallInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  auto contract = store::FindContract(tx, id);
  if (!contract) return Error::NotFound("contract");
  Errors errors;
  auto from = RequiredDate(input.period_from, "period_from", errors);
  auto to = RequiredDate(input.period_to, "period_to", errors);
  auto due_on = RequiredDate(input.due_on, "due_on", errors);
  if (from && to && *to < *from) errors["period_to"] = "cooperation.hub_share.error.end_before_start";
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  auto share = BuildShare(tx, hub.hub.id, *bid, *contract, TodayIn(clock_, hub));
  ShareCall call;
  call.bid = id;
  call.bid_title = bid->title;
  call.period_from = *from;
  call.period_to = *to;
  call.due_on = *due_on;
  std::vector<const Invoice*> called;
  for (const auto& i : share.invoices) {
    if (i.call || i.invoiced_on < *from || *to < i.invoiced_on) continue;
    called.push_back(&i);
    auto line = std::find_if(call.lines.begin(), call.lines.end(),
                             [&](const CallLine& l) { return l.member == i.member; });
    if (line == call.lines.end()) call.lines.push_back({i.member, i.member_name, i.share_due, Money{0}});
    else line->amount = line->amount + i.share_due;
    call.total = call.total + i.share_due;
  }
  if (called.empty()) return FieldError("period_to", "cooperation.hub_share.error.nothing_to_call");
  call.id = store::InsertCall(tx, hub.hub.id, call, actor.user, clock_.Now());
  for (const auto& line : call.lines) store::InsertCallLine(tx, call.id, line);
  for (const auto* i : called) store::MarkInvoiceCalled(tx, i->id, call.id, i->share_due);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "hub_share_call", call.id.value, "",
                                    AuditJson(CallJson(call))});
  tx.Commit();
  return call;
}

Result<SharePayment> BidService::RecordPayment(const Actor& actor, const HubContext& hub, ShareCallId call_id,
                                               const PaymentInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto call = store::FindCall(tx, hub.hub.id, call_id);
  if (!call) return Error::NotFound("call");
  if (!IsCoordinator(actor, hub)) return Error::Denied();
  Errors errors;
  SharePayment payment;
  payment.call = call_id;
  auto member = ParsePositive(input.member_id);
  auto line = std::find_if(call->lines.begin(), call->lines.end(),
                           [&](const CallLine& l) { return member && l.member.value == *member; });
  if (line == call->lines.end()) errors["member_id"] = "cooperation.hub_share.error.not_in_call";
  else payment.member = line->member;
  if (auto on = RequiredDate(input.paid_on, "paid_on", errors)) payment.paid_on = *on;
  auto amount = ParseAmount(input.amount);
  if (!amount || amount->cents <= 0) errors["amount"] = "cooperation.hub_share.error.payment_amount";
  else payment.amount = *amount;
  payment.reference = CheckedText(input.reference, "reference", 200, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  payment.id = store::InsertPayment(tx, payment, actor.user, clock_.Now());
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "hub_share_payment", payment.id.value, "",
                                    AuditJson(PaymentJson(payment))});
  tx.Commit();
  return payment;
}

Result<HubShareOverview> BidService::Overview(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  const Date today = TodayIn(clock_, hub);
  HubShareOverview overview;
  std::map<std::int64_t, std::size_t> by_member;
  for (BidId id : store::ContractBids(tx, hub.hub.id)) {
    auto bid = store::FindBid(tx, hub.hub.id, id);
    auto contract = store::FindContract(tx, id);
    if (!bid || !contract) continue;
    auto share = BuildShare(tx, hub.hub.id, *bid, *contract, today);
    KeepReadable(share, actor, hub, today);
    for (auto& row : share.rows) {
      auto [it, added] = by_member.emplace(row.member.value, overview.arrears_by_member.size());
      if (added) overview.arrears_by_member.push_back({.member = row.member, .member_name = row.member_name});
      auto& total = overview.arrears_by_member[it->second];
      total.invoiced = total.invoiced + row.invoiced;
      total.due = total.due + row.due;
      total.called = total.called + row.called;
      total.paid = total.paid + row.paid;
      total.arrears = total.arrears + row.arrears;
      overview.rows.push_back(std::move(row));
    }
    overview.totals.invoiced = overview.totals.invoiced + share.totals.invoiced;
    overview.totals.due = overview.totals.due + share.totals.due;
    overview.totals.called = overview.totals.called + share.totals.called;
    overview.totals.paid = overview.totals.paid + share.totals.paid;
    overview.totals.arrears = overview.totals.arrears + share.totals.arrears;
    for (auto& call : share.calls) overview.calls.push_back(std::move(call));
  }
  std::sort(overview.arrears_by_member.begin(), overview.arrears_by_member.end(),
            [](const MemberShareRow& a, const MemberShareRow& b) { return a.member_name < b.member_name; });
  return overview;
}

}  // namespace coopole::cooperation
