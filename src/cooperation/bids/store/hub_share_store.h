// SQL of contracts and the hub share: contracts and their per-member terms, invoices,
// calls with their frozen lines, payments. Bound parameters only; scoped to the hub.
#pragma once

#include <optional>
#include <vector>

#include "coopole/cooperation/bids.h"

namespace coopole::cooperation::store {

std::optional<Contract> FindContract(db::Transaction& tx, BidId bid);
void InsertContract(db::Transaction& tx, HubId hub, const Contract& contract, Timestamp at);
// False when the contract's version is not `expected_version`.
bool UpdateContract(db::Transaction& tx, const Contract& contract, std::int64_t expected_version, Timestamp at);
void ReplaceContractMembers(db::Transaction& tx, const Contract& contract);
// Bids of the hub that have a contract, by id.
std::vector<BidId> ContractBids(db::Transaction& tx, HubId hub);

InvoiceId InsertInvoice(db::Transaction& tx, HubId hub, const Invoice& invoice, UserId by, Timestamp at);
// Invoices of a contract in (date, id) order; share_due is the frozen share when called
// (0 otherwise: the caller computes it).
std::vector<Invoice> ListInvoices(db::Transaction& tx, BidId bid);
void MarkInvoiceCalled(db::Transaction& tx, InvoiceId invoice, ShareCallId call, Money share);

ShareCallId InsertCall(db::Transaction& tx, HubId hub, const ShareCall& call, UserId by, Timestamp at);
void InsertCallLine(db::Transaction& tx, ShareCallId call, const CallLine& line);
// Calls of the hub (of one contract when `bid` is set), with lines and what was paid on each.
std::vector<ShareCall> ListCalls(db::Transaction& tx, HubId hub, std::optional<BidId> bid);
std::optional<ShareCall> FindCall(db::Transaction& tx, HubId hub, ShareCallId call);
SharePaymentId InsertPayment(db::Transaction& tx, const SharePayment& payment, UserId by, Timestamp at);

}  // namespace coopole::cooperation::store
