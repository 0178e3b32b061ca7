// Animation, events: kinds, dates in the hub's zone, place or pooled room, capacity, invitations, replies (signed link or app), waiting list, attendance, minutes.
// (Contract comments: what each use case does, who may call it, which errors it returns.)
#pragma once

#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

class EventService {
 public:
  EventService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
