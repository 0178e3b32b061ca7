#include "store/bids_store.h"

#include <map>

namespace coopole::cooperation::store {
namespace {

constexpr const char* kBidColumns =
    "SELECT b.id, b.hub_id, b.kind, b.title, b.buyer, b.reference, b.deadline_local, b.deadline_at, "
    "b.amount_cents, b.lead_member_id, m.name, b.status, b.notes, b.created_at, b.updated_at, b.version, "
    "(SELECT COUNT(*) FROM cooperation_bid_contracts c WHERE c.bid_id = b.id) "
    "FROM cooperation_bids b LEFT JOIN members_members m ON m.id = b.lead_member_id ";

Bid ReadBid(const db::Rows& rows, std::size_t r) {
  Bid b;
  b.id = BidId{rows.Int(r, 0)};
  b.hub = HubId{rows.Int(r, 1)};
  b.kind = ParseBidKind(rows.Text(r, 2)).value_or(BidKind::kCallForProjects);
  b.title = rows.Text(r, 3);
  b.buyer = rows.Text(r, 4);
  b.reference = rows.Text(r, 5);
  if (auto local = rows.OptText(r, 6)) b.deadline = ParseLocalDateTime(*local);
  if (auto at = rows.OptInt(r, 7)) b.deadline_at = Timestamp{*at};
  b.amount = Money{rows.Int(r, 8)};
  b.lead = MemberId{rows.Int(r, 9)};
  b.lead_name = rows.Text(r, 10);
  b.status = ParseBidStatus(rows.Text(r, 11)).value_or(BidStatus::kWatching);
  b.notes = rows.Text(r, 12);
  b.created_at = Timestamp{rows.Int(r, 13)};
  b.updated_at = Timestamp{rows.Int(r, 14)};
  b.version = rows.Int(r, 15);
  b.has_contract = rows.Int(r, 16) > 0;
  return b;
}

CoContractor ReadCoContractor(const db::Rows& rows, std::size_t r, std::size_t c) {
  return CoContractor{.member = MemberId{rows.Int(r, c)},
                      .name = rows.Text(r, c + 1),
                      .share_bp = rows.Int(r, c + 2),
                      .role = rows.Text(r, c + 3)};
}

constexpr const char* kCoContractorColumns =
    "SELECT bm.bid_id, bm.member_id, m.name, bm.share_bp, bm.role FROM cooperation_bid_members bm "
    "LEFT JOIN members_members m ON m.id = bm.member_id ";

}  // namespace

std::optional<Bid> FindBid(db::Transaction& tx, HubId hub, BidId id) {
  db::Params params;
  params.push_back(id.value);
  params.push_back(hub.value);
  auto rows = tx.Query(std::string(kBidColumns) + "WHERE b.id = ? AND b.hub_id = ?", params);
  if (rows.empty()) return std::nullopt;
  Bid bid = ReadBid(rows, 0);
  auto members = tx.Query(std::string(kCoContractorColumns) + "WHERE bm.bid_id = ? ORDER BY bm.position",
                          {id.value});
  for (std::size_t r = 0; r < members.size(); ++r) bid.members.push_back(ReadCoContractor(members, r, 1));
  auto lots = tx.Query("SELECT label, amount_cents FROM cooperation_bid_lots WHERE bid_id = ? ORDER BY position",
                       {id.value});
  for (std::size_t r = 0; r < lots.size(); ++r) bid.lots.push_back({lots.Text(r, 0), Money{lots.Int(r, 1)}});
  auto items = tx.Query(
      "SELECT c.id, c.item, c.member_id, m.name, c.done FROM cooperation_bid_checklist c "
      "LEFT JOIN members_members m ON m.id = c.member_id WHERE c.bid_id = ? ORDER BY c.id",
      {id.value});
  for (std::size_t r = 0; r < items.size(); ++r) {
    ChecklistItem item{.id = items.Int(r, 0), .item = items.Text(r, 1)};
    if (auto who = items.OptInt(r, 2)) item.who = MemberId{*who};
    item.who_name = items.Text(r, 3);
    item.done = items.Int(r, 4) != 0;
    bid.checklist.push_back(std::move(item));
  }
  return bid;
}

std::vector<std::pair<HubId, BidId>> BidsAwaitingWithDeadlineBetween(db::Transaction& tx, Timestamp from, Timestamp to) {
  db::Params params;
  params.push_back(from.unix_seconds);
  params.push_back(to.unix_seconds);
  auto rows = tx.Query(
      "SELECT hub_id, id FROM cooperation_bids WHERE deadline_at BETWEEN ? AND ? "
      "AND status IN ('watching', 'preparing') ORDER BY deadline_at, id",
      params);
  std::vector<std::pair<HubId, BidId>> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.emplace_back(HubId{rows.Int(r, 0)}, BidId{rows.Int(r, 1)});
  return out;
}

bool InsertReminder(db::Transaction& tx, BidId bid, int days_before, Timestamp now) {
  db::Params params;
  params.push_back(bid.value);
  params.push_back(static_cast<std::int64_t>(days_before));
  params.push_back(now.unix_seconds);
  return tx.Execute(
             "INSERT INTO cooperation_bid_reminders (bid_id, days_before, sent_at) VALUES (?, ?, ?) "
             "ON CONFLICT (bid_id, days_before) DO NOTHING",
             params) == 1;
}

std::vector<Bid> ListBids(db::Transaction& tx, HubId hub, std::optional<BidStatus> status) {
  std::string sql = std::string(kBidColumns) + "WHERE b.hub_id = ?";
  db::Params params;
  params.push_back(hub.value);
  if (status) {
    sql += " AND b.status = ?";
    params.push_back(std::string(BidStatusCode(*status)));
  }
  sql += " ORDER BY CASE WHEN b.deadline_at IS NULL THEN 1 ELSE 0 END, b.deadline_at, b.id";
  auto rows = tx.Query(sql, params);
  std::vector<Bid> bids;
  std::map<std::int64_t, std::size_t> index;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    bids.push_back(ReadBid(rows, r));
    index[bids.back().id.value] = bids.size() - 1;
  }
  if (bids.empty()) return bids;
  auto members = tx.Query(std::string(kCoContractorColumns) +
                              "JOIN cooperation_bids b ON b.id = bm.bid_id WHERE b.hub_id = ? "
                              "ORDER BY bm.bid_id, bm.position",
                          {hub.value});
  for (std::size_t r = 0; r < members.size(); ++r) {
    auto it = index.find(members.Int(r, 0));
    if (it != index.end()) bids[it->second].members.push_back(ReadCoContractor(members, r, 1));
  }
  return bids;
}

namespace {
void PushBidColumns(db::Params& p, const Bid& bid) {
  p.push_back(std::string(BidKindCode(bid.kind)));
  p.push_back(bid.title);
  p.push_back(bid.buyer);
  p.push_back(bid.reference);
  p.push_back(bid.deadline ? db::Value(FormatLocalDateTime(*bid.deadline)) : db::Value(db::Null{}));
  p.push_back(db::Nullable(bid.deadline_at));
  p.push_back(bid.amount.cents);
  p.push_back(bid.lead.value);
  p.push_back(std::string(BidStatusCode(bid.status)));
  p.push_back(bid.notes);
  p.push_back(bid.updated_at.unix_seconds);
}
}  // namespace

BidId InsertBid(db::Transaction& tx, const Bid& bid, UserId created_by) {
  db::Params p;
  PushBidColumns(p, bid);
  p.push_back(bid.hub.value);
  p.push_back(created_by.value);
  p.push_back(bid.created_at.unix_seconds);
  auto rows = tx.Query(
      "INSERT INTO cooperation_bids (kind, title, buyer, reference, deadline_local, deadline_at, amount_cents, "
      "lead_member_id, status, notes, updated_at, hub_id, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      p);
  return BidId{rows.Int(0, 0)};
}

bool UpdateBid(db::Transaction& tx, const Bid& bid, std::int64_t expected_version) {
  db::Params p;
  PushBidColumns(p, bid);
  p.push_back(bid.id.value);
  p.push_back(expected_version);
  return tx.Execute(
             "UPDATE cooperation_bids SET kind = ?, title = ?, buyer = ?, reference = ?, deadline_local = ?, "
             "deadline_at = ?, amount_cents = ?, lead_member_id = ?, status = ?, notes = ?, updated_at = ?, "
             "version = version + 1 WHERE id = ? AND version = ?",
             p) == 1;
}

void ReplaceCoContractors(db::Transaction& tx, BidId bid, const std::vector<CoContractor>& members) {
  tx.Execute("DELETE FROM cooperation_bid_members WHERE bid_id = ?", {bid.value});
  std::int64_t position = 0;
  for (const auto& m : members) {
    db::Params p;
    p.push_back(bid.value);
    p.push_back(m.member.value);
    p.push_back(m.share_bp);
    p.push_back(m.role);
    p.push_back(position++);
    tx.Execute(
        "INSERT INTO cooperation_bid_members (bid_id, member_id, share_bp, role, position) VALUES (?, ?, ?, ?, ?)", p);
  }
}

void ReplaceLots(db::Transaction& tx, BidId bid, const std::vector<BidLot>& lots) {
  tx.Execute("DELETE FROM cooperation_bid_lots WHERE bid_id = ?", {bid.value});
  std::int64_t position = 0;
  for (const auto& lot : lots) {
    db::Params p;
    p.push_back(bid.value);
    p.push_back(position++);
    p.push_back(lot.label);
    p.push_back(lot.amount.cents);
    tx.Execute("INSERT INTO cooperation_bid_lots (bid_id, position, label, amount_cents) VALUES (?, ?, ?, ?)", p);
  }
}

std::int64_t InsertChecklistItem(db::Transaction& tx, BidId bid, const ChecklistItem& item) {
  db::Params p;
  p.push_back(bid.value);
  p.push_back(item.item);
  p.push_back(db::Nullable(item.who));
  p.push_back(std::int64_t{item.done ? 1 : 0});
  return tx.Query("INSERT INTO cooperation_bid_checklist (bid_id, item, member_id, done) VALUES (?, ?, ?, ?) "
                  "RETURNING id",
                  p)
      .Int(0, 0);
}

bool SetChecklistDone(db::Transaction& tx, BidId bid, std::int64_t item, bool done) {
  db::Params p;
  p.push_back(std::int64_t{done ? 1 : 0});
  p.push_back(item);
  p.push_back(bid.value);
  return tx.Execute("UPDATE cooperation_bid_checklist SET done = ? WHERE id = ? AND bid_id = ?", p) == 1;
}

void TouchBid(db::Transaction& tx, BidId bid, Timestamp at) {
  db::Params p;
  p.push_back(at.unix_seconds);
  p.push_back(bid.value);
  tx.Execute("UPDATE cooperation_bids SET updated_at = ?, version = version + 1 WHERE id = ?", p);
}

}  // namespace coopole::cooperation::store
