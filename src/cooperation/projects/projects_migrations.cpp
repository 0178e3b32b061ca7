#include "coopole/cooperation/projects.h"

namespace coopole::cooperation {

// Amounts are integer cents; FTE in hundredths; instants UTC seconds; dates 'YYYY-MM-DD'.
// cooperation_projects(id, hub_id, title, lead_member_id, stage, created_at) and
// cooperation_project_partners(project_id, member_id, role) are read by the network part:
// their names and those columns are fixed.
std::vector<db::Migration> ProjectService::Migrations() {
  return {
      {"cooperation_projects", 1, R"SQL(
CREATE TABLE cooperation_projects (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL DEFAULT '',
  lead_member_id BIGINT NOT NULL REFERENCES members_members(id),
  stage TEXT NOT NULL,
  abandon_reason TEXT NOT NULL DEFAULT '',
  start_on TEXT,
  jobs_fte BIGINT NOT NULL DEFAULT 0,
  jobs_insertion_fte BIGINT NOT NULL DEFAULT 0,
  public_share_max BIGINT NOT NULL DEFAULT 80,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cooperation_projects_hub ON cooperation_projects(hub_id, stage);

CREATE TABLE cooperation_project_partners (
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  role TEXT NOT NULL DEFAULT '',
  added_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, member_id)
);
CREATE INDEX cooperation_project_partners_member ON cooperation_project_partners(member_id);

CREATE TABLE cooperation_project_budget (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  label TEXT NOT NULL,
  amount BIGINT NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX cooperation_project_budget_project ON cooperation_project_budget(project_id);

CREATE TABLE cooperation_project_fundings (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  funder TEXT NOT NULL,
  is_public INTEGER NOT NULL,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX cooperation_project_fundings_project ON cooperation_project_fundings(project_id);

CREATE TABLE cooperation_project_milestones (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT
);
CREATE INDEX cooperation_project_milestones_project ON cooperation_project_milestones(project_id);

CREATE TABLE cooperation_project_documents (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  title TEXT NOT NULL,
  url TEXT NOT NULL
);
CREATE INDEX cooperation_project_documents_project ON cooperation_project_documents(project_id);

CREATE TABLE cooperation_project_history (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  at BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  skipped TEXT NOT NULL DEFAULT ''          -- unmet criteria keys, comma separated
);
CREATE INDEX cooperation_project_history_project ON cooperation_project_history(project_id, id);

CREATE TABLE cooperation_project_spreadings (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES cooperation_projects(id),
  target_hub_id BIGINT REFERENCES hubs_hubs(id),
  territory TEXT NOT NULL DEFAULT '',
  commune_insee TEXT NOT NULL DEFAULT '',
  spread_on TEXT NOT NULL,
  adaptations TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX cooperation_project_spreadings_project ON cooperation_project_spreadings(project_id);

CREATE TABLE cooperation_reviews (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  held_on TEXT NOT NULL,
  title TEXT NOT NULL,
  attendees TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cooperation_reviews_hub ON cooperation_reviews(hub_id, held_on);

CREATE TABLE cooperation_review_items (
  id {{id}},
  review_id BIGINT NOT NULL REFERENCES cooperation_reviews(id),
  project_id BIGINT REFERENCES cooperation_projects(id),
  title TEXT NOT NULL DEFAULT '',
  member_ids TEXT NOT NULL DEFAULT '',      -- organisations concerned, comma separated
  suggestion_key TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cooperation_review_items_review ON cooperation_review_items(review_id, id);

CREATE TABLE cooperation_review_followups (
  id {{id}},
  review_id BIGINT NOT NULL REFERENCES cooperation_reviews(id),
  item_id BIGINT NOT NULL REFERENCES cooperation_review_items(id),
  member_id BIGINT REFERENCES members_members(id),
  person TEXT NOT NULL DEFAULT '',
  what TEXT NOT NULL,
  due_on TEXT,
  done_on TEXT
);
CREATE INDEX cooperation_review_followups_review ON cooperation_review_followups(review_id, item_id);
)SQL"},
  };
}

}  // namespace coopole::cooperation
