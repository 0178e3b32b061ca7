#include "coopole/animation/time.h"

namespace coopole::animation {

// Minutes are integers; amounts integer cents; FTE hundredths; dates 'YYYY-MM-DD' in the
// hub's zone; instants UTC seconds. Attendance (animation_attendance) belongs to the events
// part: this part reads it and updates only its `compensated` column.
std::vector<db::Migration> TimeService::Migrations() {
  return {
      {"animation_time", 1, R"SQL(
CREATE TABLE animation_time_entries (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  person_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  on_date TEXT NOT NULL,
  minutes BIGINT NOT NULL,
  kind TEXT NOT NULL,                        -- preparation, travel, other
  event_id BIGINT,
  group_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending',    -- pending, validated, refused
  reason TEXT NOT NULL DEFAULT '',
  decided_by BIGINT,
  decided_at BIGINT,
  compensated INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (minutes > 0 AND minutes <= 1440)
);
CREATE INDEX animation_time_entries_hub_date ON animation_time_entries(hub_id, on_date);
CREATE INDEX animation_time_entries_person ON animation_time_entries(hub_id, person_id, on_date);

CREATE TABLE animation_time_settings (
  hub_id BIGINT PRIMARY KEY REFERENCES hubs_hubs(id),
  default_hourly_cents BIGINT,               -- NULL: records without a specific rate are not valued
  volunteer_hourly_cents BIGINT,
  staff_fte_hundredths BIGINT,
  carrier_member_id BIGINT,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE animation_member_rates (
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL,
  hourly_cost_cents BIGINT NOT NULL,
  PRIMARY KEY (hub_id, member_id)
);

CREATE TABLE animation_person_rates (
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  person_id BIGINT NOT NULL,
  volunteer INTEGER NOT NULL DEFAULT 0,
  hourly_cents BIGINT,
  PRIMARY KEY (hub_id, person_id)
);
)SQL"},
      // The totals read a year of a hub's attendance grouped per person (and kind, group or
      // month): an index covering those columns spares a table lookup per record (200,000 a
      // year in the benchmark's hub). animation_attendance belongs to the events part, whose
      // migration runs first; its own (hub_id, on_date) index stays for the other readers.
      {"animation_time", 2, R"SQL(
CREATE INDEX animation_attendance_time_totals ON animation_attendance(hub_id, on_date, person_id, member_id,
  compensated, kind, group_id, minutes);
CREATE INDEX animation_time_entries_totals ON animation_time_entries(hub_id, on_date, status, person_id, member_id,
  compensated, kind, group_id, minutes);
)SQL"},
  };
}

}  // namespace coopole::animation
