#include "coopole/members/members.h"

namespace coopole::members {

std::vector<db::Migration> MemberService::Migrations() {
  return {
      {"members", 1, R"SQL(
CREATE TABLE members_members (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,               -- FoldForSearch(name): accent-insensitive sorting
  siret TEXT NOT NULL DEFAULT '',          -- 14 digits or ''
  legal_form TEXT NOT NULL,
  is_ess INTEGER NOT NULL DEFAULT 0,
  insertion_type TEXT NOT NULL DEFAULT '',
  sectors TEXT NOT NULL DEFAULT '',        -- ' 88.99B 01.11Z ': filtered with LIKE '% 88.99B %'
  commune_insee TEXT NOT NULL DEFAULT '',
  commune_name TEXT NOT NULL DEFAULT '',
  commune_folded TEXT NOT NULL DEFAULT '', -- FoldForSearch(commune_name): sorting by commune
  epci_siren TEXT NOT NULL DEFAULT '',
  epci_name TEXT NOT NULL DEFAULT '',
  priority_area INTEGER NOT NULL DEFAULT 0,
  fte_hundredths BIGINT,
  insertion_headcount BIGINT,
  join_date TEXT,                          -- 'YYYY-MM-DD'
  college TEXT NOT NULL DEFAULT '',
  charter_accepted_on TEXT,                -- 'YYYY-MM-DD'
  website TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL,               -- folded name, commune, EPCI, description, SIRET, college
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX members_members_hub_name ON members_members(hub_id, name_folded);
CREATE UNIQUE INDEX members_members_hub_siret ON members_members(hub_id, siret) WHERE siret <> '';
CREATE INDEX members_members_hub_epci ON members_members(hub_id, epci_siren);
CREATE TABLE members_people (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  archived_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX members_people_member ON members_people(hub_id, member_id);
)SQL"},
      {"members", 2, R"SQL(
-- Bumped with every write to members_members: tells the in-memory directory index of each
-- application server when to rebuild.
CREATE TABLE members_directory_versions (
  hub_id BIGINT PRIMARY KEY REFERENCES hubs_hubs(id),
  version BIGINT NOT NULL
);
)SQL"},
  };
}

}  // namespace coopole::members
