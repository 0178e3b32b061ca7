#include "coopole/cooperation/bids.h"

namespace coopole::cooperation {

// Amounts are integer cents; shares and rates basis points (100 % = 10000); instants UTC
// seconds; dates 'YYYY-MM-DD'. cooperation_bids and cooperation_bid_members are read by the
// network part: their names and the columns listed in its brief are fixed.
std::vector<db::Migration> BidService::Migrations() {
  return {
      {"cooperation_bids", 1, R"SQL(
CREATE TABLE cooperation_bids (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  buyer TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  deadline_local TEXT,                       -- 'YYYY-MM-DDTHH:MM' in the hub's time zone
  deadline_at BIGINT,                        -- the same instant, UTC seconds
  amount_cents BIGINT NOT NULL DEFAULT 0,
  lead_member_id BIGINT NOT NULL REFERENCES members_members(id),
  status TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (amount_cents >= 0)
);
CREATE INDEX cooperation_bids_hub ON cooperation_bids(hub_id, status, deadline_at);

CREATE TABLE cooperation_bid_members (
  bid_id BIGINT NOT NULL REFERENCES cooperation_bids(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  share_bp BIGINT NOT NULL,
  role TEXT NOT NULL,                        -- lead, co_contractor, subcontractor
  position BIGINT NOT NULL,
  PRIMARY KEY (bid_id, member_id)
);
CREATE INDEX cooperation_bid_members_member ON cooperation_bid_members(member_id);

CREATE TABLE cooperation_bid_lots (
  bid_id BIGINT NOT NULL REFERENCES cooperation_bids(id),
  position BIGINT NOT NULL,
  label TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (bid_id, position),
  CHECK (amount_cents >= 0)
);

CREATE TABLE cooperation_bid_checklist (
  id {{id}},
  bid_id BIGINT NOT NULL REFERENCES cooperation_bids(id),
  item TEXT NOT NULL,
  member_id BIGINT REFERENCES members_members(id),
  done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cooperation_bid_checklist_bid ON cooperation_bid_checklist(bid_id, id);

CREATE TABLE cooperation_bid_contracts (
  bid_id BIGINT PRIMARY KEY REFERENCES cooperation_bids(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  reference TEXT NOT NULL DEFAULT '',
  signed_on TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  hub_rate_bp BIGINT NOT NULL,
  cap_cents BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (hub_rate_bp BETWEEN 0 AND 10000)
);
CREATE INDEX cooperation_bid_contracts_hub ON cooperation_bid_contracts(hub_id);

CREATE TABLE cooperation_bid_contract_members (
  bid_id BIGINT NOT NULL REFERENCES cooperation_bid_contracts(bid_id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  amount_cents BIGINT NOT NULL,
  rate_bp BIGINT,                            -- overrides hub_rate_bp when set
  PRIMARY KEY (bid_id, member_id)
);

CREATE TABLE cooperation_hub_share_calls (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  bid_id BIGINT NOT NULL REFERENCES cooperation_bid_contracts(bid_id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  due_on TEXT NOT NULL,
  issued_by BIGINT NOT NULL,
  issued_at BIGINT NOT NULL
);
CREATE INDEX cooperation_hub_share_calls_hub ON cooperation_hub_share_calls(hub_id, bid_id);

CREATE TABLE cooperation_hub_share_call_lines (
  call_id BIGINT NOT NULL REFERENCES cooperation_hub_share_calls(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  amount_cents BIGINT NOT NULL,              -- frozen when the call is issued
  PRIMARY KEY (call_id, member_id)
);

CREATE TABLE cooperation_bid_invoices (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  bid_id BIGINT NOT NULL REFERENCES cooperation_bid_contracts(bid_id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  invoiced_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  call_id BIGINT REFERENCES cooperation_hub_share_calls(id),
  share_cents BIGINT,                        -- the hub's share, frozen by the call
  declared_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CHECK (amount_cents >= 0)
);
CREATE INDEX cooperation_bid_invoices_bid ON cooperation_bid_invoices(bid_id, invoiced_on);

CREATE TABLE cooperation_hub_share_payments (
  id {{id}},
  call_id BIGINT NOT NULL REFERENCES cooperation_hub_share_calls(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  paid_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CHECK (amount_cents > 0)
);
CREATE INDEX cooperation_hub_share_payments_call ON cooperation_hub_share_payments(call_id, member_id);
)SQL"},
      // The deadline reminders sent: one per bid and threshold (14, 7, 2 days).
      {"cooperation_bids", 2, R"SQL(
CREATE TABLE cooperation_bid_reminders (
  bid_id BIGINT NOT NULL REFERENCES cooperation_bids(id),
  days_before BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (bid_id, days_before)
);
CREATE INDEX cooperation_bids_deadline ON cooperation_bids(deadline_at, status);
)SQL"},
  };
}

}  // namespace coopole::cooperation
