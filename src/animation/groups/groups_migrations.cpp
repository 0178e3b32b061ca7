#include "coopole/animation/groups.h"

namespace coopole::animation {

// Instants UTC seconds; dates 'YYYY-MM-DD'. animation_groups, animation_group_members and
// animation_group_people are read by the events and time parts: their names and the columns
// of the contract in animation.h are fixed.
std::vector<db::Migration> GroupService::Migrations() {
  return {
      {"animation_groups", 1, R"SQL(
CREATE TABLE animation_groups (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,                 -- FoldForSearch(name): sorting
  search_text TEXT NOT NULL,                 -- FoldForSearch(name + ' ' + theme): search
  theme TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                      -- active, paused, closed
  lead_member_id BIGINT REFERENCES members_members(id),
  lead_person_id BIGINT REFERENCES members_people(id),
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX animation_groups_hub ON animation_groups(hub_id, status, name_folded);

CREATE TABLE animation_group_members (
  group_id BIGINT NOT NULL REFERENCES animation_groups(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  PRIMARY KEY (group_id, member_id)
);
CREATE INDEX animation_group_members_member ON animation_group_members(member_id);

CREATE TABLE animation_group_people (
  group_id BIGINT NOT NULL REFERENCES animation_groups(id),
  person_id BIGINT NOT NULL REFERENCES members_people(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX animation_group_people_person ON animation_group_people(person_id);

CREATE TABLE animation_group_decisions (
  id {{id}},
  group_id BIGINT NOT NULL REFERENCES animation_groups(id),
  decided_on TEXT NOT NULL,
  text TEXT NOT NULL,
  event_id BIGINT,                           -- animation_events(id), the meeting (no FK: created later)
  created_at BIGINT NOT NULL
);
CREATE INDEX animation_group_decisions_group ON animation_group_decisions(group_id, decided_on);

CREATE TABLE animation_group_links (
  id {{id}},
  group_id BIGINT NOT NULL REFERENCES animation_groups(id),
  label TEXT NOT NULL,
  url TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX animation_group_links_group ON animation_group_links(group_id, id);

-- The welcome checklist of a newcomer, created on its first change (one per member).
CREATE TABLE animation_welcome (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  charter_ticked INTEGER NOT NULL DEFAULT 0,
  introduced_on TEXT,
  buddy_member_id BIGINT REFERENCES members_members(id),
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (member_id)
);
CREATE INDEX animation_welcome_hub ON animation_welcome(hub_id, closed_at);
)SQL"},
      {"animation_groups", 2, R"SQL(
-- The newcomers already announced to their hub's coordinators (AnnounceNewcomers).
CREATE TABLE animation_welcome_announcements (
  member_id BIGINT PRIMARY KEY REFERENCES members_members(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  announced_at BIGINT NOT NULL
);
)SQL"},
  };
}

}  // namespace coopole::animation
