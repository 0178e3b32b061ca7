// Use cases of bids: list, read, record, edit, move along their statuses, checklist,
// deadline reminders.
#include <algorithm>

#include "bids_internal.h"
#include "bids_rules.h"
#include "store/bids_store.h"

namespace coopole::cooperation {

using namespace bids_internal;

BidService::BidService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

namespace {

using Errors = std::map<std::string, std::string>;

// Applies the input to `bid` (fields absent stay as they are); field errors go to `errors`.
// `names` are the hub's active members, used to check and name co-contractors.
void ApplyBidInput(const BidInput& input, const HubContext& hub, const std::map<std::int64_t, std::string>& names,
                   Bid& bid, Errors& errors) {
  if (input.kind) {
    if (auto kind = ParseBidKind(Trim(*input.kind))) bid.kind = *kind;
    else errors["kind"] = "validation.choice";
  }
  if (input.title) bid.title = CheckedText(*input.title, "title", 300, errors);
  if (bid.title.empty() && !errors.count("title")) errors["title"] = "validation.required";
  if (input.buyer) bid.buyer = CheckedText(*input.buyer, "buyer", 300, errors);
  if (input.reference) bid.reference = CheckedText(*input.reference, "reference", 200, errors);
  if (input.notes) bid.notes = CheckedText(*input.notes, "notes", 10000, errors);
  if (input.deadline) {
    std::string_view text = Trim(*input.deadline);
    if (text.empty()) {
      bid.deadline.reset();
      bid.deadline_at.reset();
    } else if (auto local = ParseLocalDateTime(text)) {
      if (auto at = ZoneOf(hub)->ToUtc(*local)) {
        bid.deadline = *local;
        bid.deadline_at = *at;
      } else {
        errors["deadline"] = "cooperation.bids.error.nonexistent_time";
      }
    } else {
      errors["deadline"] = "cooperation.bids.error.deadline";
    }
  }
  if (input.amount) {
    if (Trim(*input.amount).empty()) bid.amount = Money{0};
    else if (auto amount = ParseAmount(*input.amount)) bid.amount = *amount;
    else errors["amount"] = "cooperation.bids.error.amount";
  }
  if (input.lots) {
    bid.lots.clear();
    for (const auto& lot : *input.lots) {
      Errors lot_errors;
      std::string label = CheckedText(lot.label, "lots", 300, lot_errors);
      auto amount = Trim(lot.amount).empty() ? std::optional<Money>(Money{0}) : ParseAmount(lot.amount);
      if (label.empty() && Trim(lot.amount).empty()) continue;  // an empty row of the form
      if (label.empty() || !amount || !lot_errors.empty()) {
        errors["lots"] = "cooperation.bids.error.lot";
        continue;
      }
      bid.lots.push_back({label, *amount});
    }
  }
  if (input.lead_member_id) {
    if (auto lead = ParsePositive(*input.lead_member_id); lead && names.count(*lead)) bid.lead = MemberId{*lead};
    else errors["lead_member_id"] = "cooperation.bids.error.not_member";
  }
  if (input.members) {
    bid.members.clear();
    for (const auto& in : *input.members) {
      if (Trim(in.member_id).empty() && Trim(in.share_bp).empty()) continue;  // an empty row of the form
      auto id = ParsePositive(in.member_id);
      if (!id || !names.count(*id)) {
        errors["members"] = "cooperation.bids.error.not_member";
        continue;
      }
      auto share = bids_rules::ParseBasisPoints(in.share_bp);
      if (!share) errors["shares"] = "cooperation.bids.error.share";
      std::string role(Trim(in.role));
      if (role.empty() || role == kRoleLead) role = kRoleCoContractor;
      if (role != kRoleCoContractor && role != kRoleSubcontractor) errors["members"] = "validation.choice";
      bid.members.push_back({MemberId{*id}, names.at(*id), share.value_or(0), role});
    }
  }
  if (bid.lead.value == 0 && !errors.count("lead_member_id")) errors["lead_member_id"] = "validation.required";
  if (bid.lead.value != 0 && names.count(bid.lead.value)) bid.lead_name = names.at(bid.lead.value);
  // No co-contractor given: the lead alone carries the whole bid.
  if (bid.members.empty() && !errors.count("members") && bid.lead.value != 0)
    bid.members.push_back({bid.lead, bid.lead_name, bids_rules::kWhole, kRoleLead});
  // The lead is the mandataire: first, with the lead role.
  for (auto& m : bid.members)
    if (m.member == bid.lead) m.role = kRoleLead;
    else if (m.role == kRoleLead) m.role = kRoleCoContractor;
  std::stable_partition(bid.members.begin(), bid.members.end(),
                        [&](const CoContractor& m) { return m.member == bid.lead; });
  if (errors.count("members") || errors.count("lead_member_id")) return;
  for (const auto& [field, key] : bids_rules::CheckCoContractors(bid.members, bid.lead))
    if (!errors.count(field) || field != "shares") errors[field] = key;
}

Error InvalidBid(Errors errors, const Bid& bid) {
  std::string message = "validation failed";
  if (errors.count("shares") && errors["shares"] == "cooperation.bids.error.shares_total") {
    message = "co-contractor shares total " + bids_rules::FormatBasisPoints(bids_rules::ShareTotal(bid.members)) +
              " %, not 100 %";
  }
  return Error::Invalid(std::move(errors), std::move(message));
}

std::vector<std::string> WarningsOf(const Bid& bid, Timestamp now) {
  std::vector<std::string> warnings;
  if (bids_rules::AwaitsSubmission(bid.status) && bids_rules::DeadlinePassed(bid.deadline_at, now))
    warnings.push_back("cooperation.bids.warning.deadline_past");
  return warnings;
}

}  // namespace

Result<std::vector<Bid>> BidService::ListBids(const Actor& actor, const HubContext& hub, const BidQuery& query) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  return store::ListBids(tx, hub.hub.id, query.status);
}

Result<Bid> BidService::GetBid(const Actor& actor, const HubContext& hub, BidId id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kRead);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  return *bid;
}

Result<SavedBid> BidService::CreateBid(const Actor& actor, const HubContext& hub, const BidInput& input) {
  if (!IsCoordinator(actor, hub) && !OwnMember(hub)) return Error::Denied();
  Bid bid;
  bid.hub = hub.hub.id;
  bid.status = BidStatus::kWatching;
  BidInput effective = input;
  // A member-role user naming no lead records a bid its own organisation leads.
  if ((!effective.lead_member_id || Trim(*effective.lead_member_id).empty()) && OwnMember(hub))
    effective.lead_member_id = std::to_string(OwnMember(hub)->value);
  if (effective.lead_member_id && Trim(*effective.lead_member_id).empty()) effective.lead_member_id.reset();
  if (!effective.kind) effective.kind = "";
  if (!effective.title) effective.title = "";
  auto tx = pool_.Begin(db::TxMode::kWrite);
  const auto names = ActiveMemberNames(directory_, tx, hub.hub.id);
  Errors errors;
  ApplyBidInput(effective, hub, names, bid, errors);
  if (!errors.empty()) return InvalidBid(std::move(errors), bid);
  if (!MayEditBid(actor, hub, bid)) return Error::Denied();
  bid.created_at = bid.updated_at = clock_.Now();
  bid.id = store::InsertBid(tx, bid, actor.user);
  store::ReplaceCoContractors(tx, bid.id, bid.members);
  store::ReplaceLots(tx, bid.id, bid.lots);
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "bid", bid.id.value, "", AuditJson(BidJson(bid))});
  tx.Commit();
  return SavedBid{bid, WarningsOf(bid, clock_.Now())};
}

Result<SavedBid> BidService::UpdateBid(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                                       const BidInput& input) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindBid(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("bid");
  if (!MayEditBid(actor, hub, *current)) return Error::Denied();
  if (current->version != version) return Stale("bid");
  Bid bid = *current;
  BidInput effective = input;
  if (effective.lead_member_id && Trim(*effective.lead_member_id).empty()) effective.lead_member_id.reset();
  const auto names = ActiveMemberNames(directory_, tx, hub.hub.id);
  Errors errors;
  ApplyBidInput(effective, hub, names, bid, errors);
  if (!errors.empty()) return InvalidBid(std::move(errors), bid);
  // Handing the lead to another organisation is acting for that one too.
  if (bid.lead != current->lead && !MayEditBid(actor, hub, bid)) return Error::Denied();
  bid.updated_at = clock_.Now();
  if (!store::UpdateBid(tx, bid, version)) return Stale("bid");
  bid.version = version + 1;
  store::ReplaceCoContractors(tx, bid.id, bid.members);
  store::ReplaceLots(tx, bid.id, bid.lots);
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, "update", "bid", id.value, AuditJson(BidJson(*current)), AuditJson(BidJson(bid))});
  tx.Commit();
  return SavedBid{bid, WarningsOf(bid, clock_.Now())};
}

Result<Bid> BidService::ChangeStatus(const Actor& actor, const HubContext& hub, BidId id, std::int64_t version,
                                     const std::string& status) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto current = store::FindBid(tx, hub.hub.id, id);
  if (!current) return Error::NotFound("bid");
  if (!MayEditBid(actor, hub, *current)) return Error::Denied();
  if (current->version != version) return Stale("bid");
  auto to = ParseBidStatus(Trim(status));
  if (!to) return FieldError("status", "validation.choice");
  if (!bids_rules::MayMove(current->status, *to)) {
    return FieldError("status", "cooperation.bids.error.transition",
                      std::string("a bid cannot go from ") + BidStatusCode(current->status) + " to " +
                          BidStatusCode(*to));
  }
  Bid bid = *current;
  bid.status = *to;
  bid.updated_at = clock_.Now();
  if (!store::UpdateBid(tx, bid, version)) return Stale("bid");
  bid.version = version + 1;
  identity_.RecordAudit(tx, actor, {hub.hub.id, "status", "bid", id.value, AuditJson(BidJson(*current)),
                                    AuditJson(BidJson(bid))});
  tx.Commit();
  return bid;
}

Result<Bid> BidService::AddChecklistItem(const Actor& actor, const HubContext& hub, BidId id, const std::string& item,
                                         const std::string& who_member_id) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  if (!MayEditBid(actor, hub, *bid)) return Error::Denied();
  Errors errors;
  ChecklistItem entry;
  entry.item = CheckedText(item, "item", 300, errors);
  if (entry.item.empty() && errors.empty()) errors["item"] = "validation.required";
  if (!Trim(who_member_id).empty()) {
    auto who = ParsePositive(who_member_id);
    bool co_contractor = false;
    for (const auto& m : bid->members)
      if (who && m.member.value == *who) {
        co_contractor = true;
        entry.who_name = m.name;
      }
    if (!co_contractor) errors["member_id"] = "cooperation.bids.error.not_co_contractor";
    else entry.who = MemberId{*who};
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  entry.id = store::InsertChecklistItem(tx, id, entry);
  store::TouchBid(tx, id, clock_.Now());
  nlohmann::json after = {{"bid_id", id.value}, {"item", entry.item},
                          {"member_id", entry.who ? nlohmann::json(entry.who->value) : nlohmann::json(nullptr)}};
  identity_.RecordAudit(tx, actor, {hub.hub.id, "create", "bid_checklist_item", entry.id, "", AuditJson(after)});
  bid->checklist.push_back(entry);
  bid->version += 1;
  tx.Commit();
  return *bid;
}

Result<Bid> BidService::SetChecklistDone(const Actor& actor, const HubContext& hub, BidId id, std::int64_t item,
                                         bool done) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  auto tx = pool_.Begin(db::TxMode::kWrite);
  auto bid = store::FindBid(tx, hub.hub.id, id);
  if (!bid) return Error::NotFound("bid");
  auto entry = std::find_if(bid->checklist.begin(), bid->checklist.end(),
                            [&](const ChecklistItem& c) { return c.id == item; });
  if (entry == bid->checklist.end()) return Error::NotFound("checklist item");
  const bool in_charge = entry->who && OwnMember(hub) == entry->who;
  if (!MayEditBid(actor, hub, *bid) && !in_charge) return Error::Denied();
  if (entry->done == done) return *bid;
  store::SetChecklistDone(tx, id, item, done);
  store::TouchBid(tx, id, clock_.Now());
  nlohmann::json after = {{"bid_id", id.value}, {"item", entry->item}, {"done", done}};
  identity_.RecordAudit(tx, actor,
                        {hub.hub.id, done ? "check" : "uncheck", "bid_checklist_item", item, "", AuditJson(after)});
  entry->done = done;
  bid->version += 1;
  tx.Commit();
  return *bid;
}

Result<std::vector<BidAlert>> BidService::Alerts(const Actor& actor, const HubContext& hub) {
  if (!May(actor, hub, Permission::kViewHub)) return Error::Denied();
  const Date today = TodayIn(clock_, hub);
  auto tx = pool_.Begin(db::TxMode::kRead);
  std::vector<BidAlert> alerts;
  for (auto& bid : store::ListBids(tx, hub.hub.id, std::nullopt)) {
    if (!bids_rules::AwaitsSubmission(bid.status) || !bid.deadline) continue;
    const auto days = bids_rules::DaysLeft(today, bid.deadline->date);
    auto threshold = bids_rules::ReminderThreshold(days);
    if (!threshold) continue;
    alerts.push_back(BidAlert{std::move(bid), days, *threshold});
  }
  return alerts;
}

int BidService::QueueDeadlineReminders(const ReminderSink& sink) {
  const Timestamp now = clock_.Now();
  // Deadlines from a day ago (a zone's "today" may lag UTC) to 15 days ahead cover every
  // threshold in every zone; the rule decides per bid in its hub's zone.
  std::vector<std::pair<HubId, BidId>> candidates;
  {
    auto tx = pool_.Begin(db::TxMode::kRead);
    candidates = store::BidsAwaitingWithDeadlineBetween(tx, Timestamp{now.unix_seconds - 86400},
                                                        Timestamp{now.unix_seconds + 15 * 86400});
  }
  int queued = 0;
  for (const auto& [hub_id, bid_id] : candidates) {
    auto tx = pool_.Begin(db::TxMode::kWrite);
    auto bid = store::FindBid(tx, hub_id, bid_id);
    auto hub = hubs::HubService::FindById(tx, hub_id);
    if (!bid || !hub || !bids_rules::AwaitsSubmission(bid->status) || !bid->deadline) continue;
    const Date today = hubs::ZoneOf(*hub)->ToLocal(now).date;
    const auto days = bids_rules::DaysLeft(today, bid->deadline->date);
    const auto threshold = bids_rules::ReminderThreshold(days);
    if (!threshold || !store::InsertReminder(tx, bid_id, *threshold, now)) continue;
    sink(tx, DeadlineReminder{*bid, days, *threshold});
    tx.Commit();
    ++queued;
  }
  return queued;
}

}  // namespace coopole::cooperation
