#include "coopole/hubs/hubs.h"

namespace coopole::hubs {

std::vector<db::Migration> HubService::Migrations() {
  return {
      {"hubs", 1, R"SQL(
CREATE TABLE hubs_hubs (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  territory TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  lead_member_id BIGINT,
  time_zone TEXT NOT NULL DEFAULT 'Europe/Paris',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
)SQL"},
  };
}

}  // namespace coopole::hubs
