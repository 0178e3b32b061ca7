#include "coopole/identity/identity.h"

namespace coopole::identity {

std::vector<db::Migration> IdentityService::Migrations() {
  return {
      {"identity", 1, R"SQL(
CREATE TABLE identity_users (
  id {{id}},
  email TEXT NOT NULL UNIQUE,          -- stored lowercased
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  disabled_at BIGINT
);
CREATE TABLE identity_hub_roles (
  user_id BIGINT NOT NULL REFERENCES identity_users(id),
  hub_id BIGINT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'member', 'observer')),
  member_id BIGINT,
  PRIMARY KEY (user_id, hub_id)
);
CREATE INDEX identity_hub_roles_hub ON identity_hub_roles(hub_id);
CREATE TABLE identity_sessions (
  token_digest TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES identity_users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX identity_sessions_expiry ON identity_sessions(expires_at);
CREATE TABLE identity_api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES identity_users(id),
  name TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE identity_login_failures (
  subject TEXT NOT NULL,               -- "email:..." or "addr:..."
  at BIGINT NOT NULL
);
CREATE INDEX identity_login_failures_subject ON identity_login_failures(subject, at);
CREATE TABLE identity_audit_log (
  id {{id}},
  hub_id BIGINT,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  request_id TEXT NOT NULL
);
CREATE INDEX identity_audit_log_hub ON identity_audit_log(hub_id, id);
)SQL"},
  };
}

}  // namespace coopole::identity
