// Animation, notices: in-app notices to users, per-user digest preferences (immediately, daily, weekly, never) and the digest e-mails.
// (Contract comments: what each use case does, who may call it, which errors it returns.)
#pragma once

#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

class NoticeService {
 public:
  NoticeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
