// Tables of the board part (module "cooperation_board"). Dates are 'YYYY-MM-DD', instants
// UTC seconds. cooperation_cooperations and cooperation_cooperation_members are read by the
// network part: their names and columns are fixed.
#include "coopole/cooperation/board.h"

namespace coopole::cooperation {

std::vector<db::Migration> BoardService::Migrations() {
  return {
      {"cooperation_board", 1, R"SQL(
CREATE TABLE cooperation_posts (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  direction TEXT NOT NULL,                   -- 'need' or 'offer'
  kind TEXT NOT NULL,                        -- skill, equipment, premises, service, partnership, purchase, funding
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sectors TEXT NOT NULL DEFAULT '',          -- NAF codes separated by spaces
  commune_insee TEXT NOT NULL DEFAULT '',
  epci_siren TEXT NOT NULL DEFAULT '',
  quantity BIGINT,
  unit TEXT NOT NULL DEFAULT '',
  starts_on TEXT,
  ends_on TEXT,
  recurrence TEXT NOT NULL DEFAULT '',
  expires_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',       -- 'open' or 'closed'; expiry is read against today
  search_text TEXT NOT NULL,                 -- folded title, description
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cooperation_posts_hub ON cooperation_posts(hub_id, status, expires_on);
CREATE INDEX cooperation_posts_member ON cooperation_posts(hub_id, member_id);
CREATE INDEX cooperation_posts_open ON cooperation_posts(status, expires_on);

CREATE TABLE cooperation_comments (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  post_id BIGINT NOT NULL REFERENCES cooperation_posts(id),
  author_user_id BIGINT NOT NULL,
  author_name TEXT NOT NULL DEFAULT '',
  member_id BIGINT REFERENCES members_members(id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX cooperation_comments_post ON cooperation_comments(post_id, id);

CREATE TABLE cooperation_notifications (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  post_id BIGINT NOT NULL REFERENCES cooperation_posts(id),
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX cooperation_notifications_member ON cooperation_notifications(hub_id, member_id, read_at);

CREATE TABLE cooperation_suggestion_decisions (
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  suggestion_key TEXT NOT NULL,
  decision TEXT NOT NULL,                    -- 'dismissed' or 'accepted'
  reason TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  PRIMARY KEY (hub_id, suggestion_key)
);

CREATE TABLE cooperation_cooperations (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  kind TEXT NOT NULL,                        -- 'suggestion' or 'other'
  title TEXT NOT NULL,
  started_on TEXT NOT NULL,
  source_key TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX cooperation_cooperations_hub ON cooperation_cooperations(hub_id, started_on);

CREATE TABLE cooperation_cooperation_members (
  cooperation_id BIGINT NOT NULL REFERENCES cooperation_cooperations(id),
  member_id BIGINT NOT NULL REFERENCES members_members(id),
  PRIMARY KEY (cooperation_id, member_id)
);
CREATE INDEX cooperation_cooperation_members_member ON cooperation_cooperation_members(member_id);
)SQL"},
  };
}

}  // namespace coopole::cooperation
