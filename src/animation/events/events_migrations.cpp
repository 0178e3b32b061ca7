#include "coopole/animation/events.h"

namespace coopole::animation {

// Instants UTC seconds; dates 'YYYY-MM-DD' in the hub's zone. The columns of
// animation_events, animation_invitations and animation_attendance are read by the groups,
// notices and time parts: their names are fixed. animation_attendance is denormalized on
// purpose (on_date, kind, group_id copied from the event) so that the time part sums it
// without joining; the events part keeps the copies in step when an event changes.
std::vector<db::Migration> EventService::Migrations() {
  return {
      {"animation_events", 1, R"SQL(
CREATE TABLE animation_events (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  group_id BIGINT,
  newcomer_member_id BIGINT REFERENCES members_members(id),
  host_member_id BIGINT REFERENCES members_members(id),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  room_resource_id BIGINT,
  room_booking_id BIGINT,
  capacity BIGINT,
  status TEXT NOT NULL DEFAULT 'planned',
  minutes TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at),
  CHECK (capacity IS NULL OR capacity > 0)
);
CREATE INDEX animation_events_hub ON animation_events(hub_id, starts_at);
CREATE INDEX animation_events_group ON animation_events(group_id);
CREATE INDEX animation_events_newcomer ON animation_events(newcomer_member_id);

CREATE TABLE animation_invitations (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  event_id BIGINT NOT NULL REFERENCES animation_events(id),
  person_id BIGINT NOT NULL REFERENCES members_people(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  token TEXT NOT NULL UNIQUE,
  reply TEXT NOT NULL DEFAULT 'pending',
  waitlist_position BIGINT,
  invited_via TEXT NOT NULL,
  replied_at BIGINT,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (event_id, person_id)
);
CREATE INDEX animation_invitations_person ON animation_invitations(hub_id, person_id);

CREATE TABLE animation_attendance (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  event_id BIGINT NOT NULL REFERENCES animation_events(id),
  person_id BIGINT NOT NULL REFERENCES members_people(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  on_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  group_id BIGINT,
  minutes BIGINT NOT NULL,
  invited INTEGER NOT NULL DEFAULT 1,
  compensated INTEGER NOT NULL DEFAULT 0,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  UNIQUE (event_id, person_id),
  CHECK (minutes >= 0 AND minutes <= 1440)
);
CREATE INDEX animation_attendance_date ON animation_attendance(hub_id, on_date);
CREATE INDEX animation_attendance_person ON animation_attendance(hub_id, person_id, on_date);
)SQL"},
  };
}

}  // namespace coopole::animation
