#include "coopole/animation/notices.h"

namespace coopole::animation {

// Instants are UTC seconds. A notice's text is a catalogue key (kind) and its params (a JSON
// object of strings), so it reads in each user's language. mailed_at is set when the digest
// holding the notice is queued (or when the user's frequency is "never"): the digest job
// picks notices where it is NULL.
std::vector<db::Migration> NoticeService::Migrations() {
  return {
      {"animation_notices", 1, R"SQL(
CREATE TABLE animation_notices (
  id {{id}},
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  user_id BIGINT NOT NULL REFERENCES identity_users(id),
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mailed_at BIGINT
);
CREATE INDEX animation_notices_user ON animation_notices(user_id, hub_id, read_at, created_at);
CREATE INDEX animation_notices_unmailed ON animation_notices(mailed_at, user_id, hub_id);

CREATE TABLE animation_digest_preferences (
  user_id BIGINT NOT NULL REFERENCES identity_users(id),
  hub_id BIGINT NOT NULL REFERENCES hubs_hubs(id),
  frequency TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, hub_id),
  CHECK (frequency IN ('immediate', 'daily', 'weekly', 'never'))
);
)SQL"},
  };
}

}  // namespace coopole::animation
