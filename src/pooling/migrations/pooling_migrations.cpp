#include "coopole/pooling/pooling.h"

namespace coopole::pooling {

// Amounts are integer cents; instants UTC seconds; dates 'YYYY-MM-DD'; months 'YYYY-MM'.
// A NULL member where a party is expected means the hub itself.
std::vector<db::Migration> PoolingService::Migrations() {
  return {
      {"pooling", 1, R"SQL(
CREATE TABLE pooling_resources (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  kind TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_member_id BIGINT REFERENCES members_members(id),
  capacity BIGINT,
  location TEXT NOT NULL DEFAULT '',
  opening_hours TEXT NOT NULL DEFAULT '',    -- canonical form, see FormatOpeningHours
  min_minutes BIGINT NOT NULL DEFAULT 0,
  max_minutes BIGINT NOT NULL DEFAULT 0,
  notice_minutes BIGINT NOT NULL DEFAULT 0,
  approval_required INTEGER NOT NULL DEFAULT 0,
  prerequisite TEXT NOT NULL DEFAULT '',
  price_unit TEXT NOT NULL DEFAULT 'free',
  price_member BIGINT NOT NULL DEFAULT 0,
  price_non_member BIGINT,
  price_solidarity BIGINT,
  search_text TEXT NOT NULL,                 -- folded name, description, location, category
  booking_seq BIGINT NOT NULL DEFAULT 0,     -- bumped by every booking: the per-resource lock
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pooling_resources_hub_kind ON pooling_resources(hub_id, kind, name_folded);
CREATE INDEX pooling_resources_owner ON pooling_resources(hub_id, owner_member_id);

CREATE TABLE pooling_qualifications (
  resource_id BIGINT NOT NULL REFERENCES pooling_resources(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  granted_by BIGINT NOT NULL,
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (resource_id, member_id)
);

CREATE TABLE pooling_series (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  frequency TEXT NOT NULL,
  until_date TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE pooling_bookings (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  resource_id BIGINT NOT NULL REFERENCES pooling_resources(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  owner_member_id BIGINT REFERENCES members_members(id),
  booked_by BIGINT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  attendees BIGINT,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  holds_slot INTEGER NOT NULL,               -- 1 while pending or confirmed
  status TEXT NOT NULL,
  tier TEXT NOT NULL DEFAULT 'member',
  price_cents BIGINT NOT NULL DEFAULT 0,
  series_id BIGINT REFERENCES pooling_series(id),
  reason TEXT NOT NULL DEFAULT '',
  decided_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX pooling_bookings_resource ON pooling_bookings(resource_id, holds_slot, starts_at);
CREATE INDEX pooling_bookings_hub_start ON pooling_bookings(hub_id, starts_at);
CREATE INDEX pooling_bookings_member ON pooling_bookings(hub_id, member_id, starts_at);

-- The longest booking holding a slot per hub: availability searches look back this far.
CREATE TABLE pooling_hub_state (
  hub_id BIGINT PRIMARY KEY REFERENCES hubs_hubs(id),
  longest_booking_seconds BIGINT NOT NULL DEFAULT 0,
  netting INTEGER NOT NULL DEFAULT 0,
  default_exposure_limit BIGINT NOT NULL DEFAULT 1000000
);

CREATE TABLE pooling_feed_tokens (
  token TEXT PRIMARY KEY,                    -- a capability: 32 random bytes, base64url
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  subject TEXT NOT NULL,                     -- 'resource:<id>' or 'member:<id>'
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX pooling_feed_tokens_subject ON pooling_feed_tokens(hub_id, subject);

CREATE TABLE pooling_agreements (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  resource_id BIGINT REFERENCES pooling_resources(id),
  provider_member_id BIGINT NOT NULL REFERENCES members_members(id),
  beneficiary_member_id BIGINT NOT NULL REFERENCES members_members(id),
  what TEXT NOT NULL,
  hours_hundredths BIGINT NOT NULL DEFAULT 0,
  amount_cents BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  delivered_on TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pooling_agreements_hub ON pooling_agreements(hub_id, delivered_on);

CREATE TABLE pooling_placements (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  employer_member_id BIGINT NOT NULL REFERENCES members_members(id),
  host_member_id BIGINT NOT NULL REFERENCES members_members(id),
  person TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  weekly_hours_hundredths BIGINT NOT NULL,
  hourly_cost_cents BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pooling_placements_hub ON pooling_placements(hub_id);

CREATE TABLE pooling_placement_months (
  placement_id BIGINT NOT NULL REFERENCES pooling_placements(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  month TEXT NOT NULL,
  hours_hundredths BIGINT NOT NULL,
  charge_cents BIGINT NOT NULL,
  declared_by BIGINT NOT NULL,
  declared_at BIGINT NOT NULL,
  validated_by BIGINT,
  validated_at BIGINT,
  PRIMARY KEY (placement_id, month)
);
CREATE INDEX pooling_placement_months_hub ON pooling_placement_months(hub_id, month);

CREATE TABLE pooling_advances (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  lender_member_id BIGINT REFERENCES members_members(id),
  borrower_member_id BIGINT NOT NULL REFERENCES members_members(id),
  amount_cents BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  installments_count BIGINT NOT NULL,
  first_due_on TEXT NOT NULL,
  approved_by BIGINT,
  approved_at BIGINT,
  approved_on TEXT,                          -- local date of approval: the month it counts in
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pooling_advances_hub ON pooling_advances(hub_id, borrower_member_id);

CREATE TABLE pooling_installments (
  advance_id BIGINT NOT NULL REFERENCES pooling_advances(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  seq BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (advance_id, seq)
);
CREATE INDEX pooling_installments_hub ON pooling_installments(hub_id, due_on);

CREATE TABLE pooling_repayments (
  id {{id}},
  advance_id BIGINT NOT NULL REFERENCES pooling_advances(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  paid_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX pooling_repayments_advance ON pooling_repayments(advance_id);
CREATE INDEX pooling_repayments_hub ON pooling_repayments(hub_id, paid_on);

CREATE TABLE pooling_exposure_limits (
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  limit_cents BIGINT NOT NULL,
  PRIMARY KEY (hub_id, member_id)
);

CREATE TABLE pooling_leases (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  tenant_member_id BIGINT NOT NULL REFERENCES members_members(id),
  resource_id BIGINT REFERENCES pooling_resources(id),
  space TEXT NOT NULL,
  monthly_rent_cents BIGINT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  precarious INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX pooling_leases_hub ON pooling_leases(hub_id, starts_on);

-- Payments recorded against a month's statement, per (debtor, creditor); 0 = the hub.
CREATE TABLE pooling_settlements (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  month TEXT NOT NULL,
  debtor_member_id BIGINT NOT NULL,
  creditor_member_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX pooling_settlements_hub ON pooling_settlements(hub_id, month);
)SQL"},
      // PostgreSQL also refuses overlapping slots itself, whatever the code does: the
      // exclusion constraint is the last line of defence behind the per-resource lock.
      {"pooling", 2, R"SQL(
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE pooling_bookings ADD CONSTRAINT pooling_bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, int8range(starts_at, ends_at) WITH &&) WHERE (holds_slot = 1);
)SQL",
       db::Dialect::kPostgres},
      {"pooling", 3, R"SQL(
-- Bumped with every write to pooling_resources: tells each server's in-memory catalogue of
-- bookable resources (availability searches) when to rebuild.
CREATE TABLE pooling_catalogue_versions (
  hub_id BIGINT PRIMARY KEY REFERENCES hubs_hubs(id),
  version BIGINT NOT NULL
);
-- Monthly statements sum a month of confirmed bookings per (booker, owner): this index
-- holds every column they read, so the table itself is not visited.
CREATE INDEX pooling_bookings_statement ON pooling_bookings(hub_id, status, starts_at, member_id, owner_member_id,
                                                           price_cents);
-- Availability searches read, for a window of start times, which resources are busy: the
-- window index now holds what they read.
DROP INDEX pooling_bookings_hub_start;
CREATE INDEX pooling_bookings_hub_start ON pooling_bookings(hub_id, starts_at, ends_at, resource_id, holds_slot);
)SQL"},
  };
}

}  // namespace coopole::pooling
