#include "bids_internal.h"

#include "coopole/core/money.h"

namespace coopole::cooperation::bids_internal {

using nlohmann::json;

std::shared_ptr<const TimeZone> ZoneOf(const HubContext& hub) { return hubs::ZoneOf(hub.hub); }

Date TodayIn(const Clock& clock, const HubContext& hub) { return hubs::TodayIn(clock, hub.hub); }

std::string CheckedText(const std::string& text, const std::string& field, std::size_t max,
                        std::map<std::string, std::string>& errors) {
  if (!IsValidUtf8(text)) {
    errors[field] = "validation.encoding";
    return "";
  }
  std::string trimmed(Trim(text));
  if (trimmed.size() > max) errors[field] = "validation.too_long";
  return trimmed;
}

std::optional<std::int64_t> ParsePositive(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty() || t.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

std::optional<Money> ParseAmount(std::string_view text) {
  auto money = ParseMoney(Trim(text));
  if (!money || money->cents < 0 || money->cents > 100'000'000'000'00) return std::nullopt;
  return money;
}

std::map<std::int64_t, std::string> ActiveMemberNames(const Directory& directory, db::Transaction& tx, HubId hub) {
  std::map<std::int64_t, std::string> names;
  if (!directory.active_members) return names;
  for (const auto& member : directory.active_members(tx, hub)) names[member.id.value] = member.name;
  return names;
}

namespace {
json Optional(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json BidJson(const Bid& bid) {
  json members = json::array();
  for (const auto& m : bid.members)
    members.push_back({{"member_id", m.member.value}, {"name", m.name}, {"share_bp", m.share_bp}, {"role", m.role}});
  json lots = json::array();
  for (const auto& lot : bid.lots) lots.push_back({{"label", lot.label}, {"amount_cents", lot.amount.cents}});
  json checklist = json::array();
  for (const auto& item : bid.checklist) {
    checklist.push_back({{"id", item.id},
                         {"item", item.item},
                         {"member_id", item.who ? json(item.who->value) : json(nullptr)},
                         {"member_name", item.who_name},
                         {"done", item.done}});
  }
  return {{"id", bid.id.value},
          {"kind", BidKindCode(bid.kind)},
          {"title", bid.title},
          {"buyer", bid.buyer},
          {"reference", bid.reference},
          {"deadline", bid.deadline ? json(FormatLocalDateTime(*bid.deadline)) : json(nullptr)},
          {"deadline_at", bid.deadline_at ? json(FormatIsoUtc(*bid.deadline_at)) : json(nullptr)},
          {"amount_cents", bid.amount.cents},
          {"lots", lots},
          {"lead_member_id", bid.lead.value},
          {"lead_name", bid.lead_name},
          {"members", members},
          {"checklist", checklist},
          {"status", BidStatusCode(bid.status)},
          {"notes", bid.notes},
          {"has_contract", bid.has_contract},
          {"created_at", FormatIsoUtc(bid.created_at)},
          {"version", bid.version}};
}

json ContractJson(const Contract& c) {
  json members = json::array();
  for (const auto& m : c.members) {
    members.push_back({{"member_id", m.member.value},
                       {"name", m.name},
                       {"amount_cents", m.amount.cents},
                       {"rate_bp", Optional(m.rate_bp)}});
  }
  return {{"bid_id", c.bid.value},
          {"reference", c.reference},
          {"signed_on", FormatIsoDate(c.signed_on)},
          {"start_on", FormatIsoDate(c.start_on)},
          {"end_on", FormatIsoDate(c.end_on)},
          {"amount_cents", c.amount.cents},
          {"hub_rate_bp", c.hub_rate_bp},
          {"cap_cents", c.cap ? json(c.cap->cents) : json(nullptr)},
          {"members", members},
          {"version", c.version}};
}

json InvoiceJson(const Invoice& i) {
  return {{"id", i.id.value},
          {"bid_id", i.bid.value},
          {"member_id", i.member.value},
          {"member_name", i.member_name},
          {"invoiced_on", FormatIsoDate(i.invoiced_on)},
          {"amount_cents", i.amount.cents},
          {"reference", i.reference},
          {"share_due_cents", i.share_due.cents},
          {"call_id", i.call ? json(i.call->value) : json(nullptr)}};
}

json CallJson(const ShareCall& c) {
  json lines = json::array();
  for (const auto& l : c.lines) {
    lines.push_back({{"member_id", l.member.value},
                     {"member_name", l.member_name},
                     {"amount_cents", l.amount.cents},
                     {"paid_cents", l.paid.cents}});
  }
  return {{"id", c.id.value},
          {"bid_id", c.bid.value},
          {"bid_title", c.bid_title},
          {"period_from", FormatIsoDate(c.period_from)},
          {"period_to", FormatIsoDate(c.period_to)},
          {"due_on", FormatIsoDate(c.due_on)},
          {"lines", lines},
          {"total_cents", c.total.cents},
          {"paid_cents", c.paid.cents},
          {"overdue", c.overdue}};
}

json ShareRowJson(const MemberShareRow& r) {
  json row = {{"member_id", r.member.value},     {"member_name", r.member_name},
              {"invoiced_cents", r.invoiced.cents}, {"due_cents", r.due.cents},
              {"called_cents", r.called.cents},     {"paid_cents", r.paid.cents},
              {"arrears_cents", r.arrears.cents}};
  if (r.bid.value != 0) {
    row["bid_id"] = r.bid.value;
    row["bid_title"] = r.bid_title;
    row["rate_bp"] = r.rate_bp;
  }
  return row;
}

json TotalsJson(const ShareTotals& t) {
  return {{"invoiced_cents", t.invoiced.cents}, {"due_cents", t.due.cents},   {"called_cents", t.called.cents},
          {"paid_cents", t.paid.cents},         {"arrears_cents", t.arrears.cents}};
}

json PaymentJson(const SharePayment& p) {
  return {{"id", p.id.value},
          {"call_id", p.call.value},
          {"member_id", p.member.value},
          {"paid_on", FormatIsoDate(p.paid_on)},
          {"amount_cents", p.amount.cents},
          {"reference", p.reference}};
}

}  // namespace coopole::cooperation::bids_internal
