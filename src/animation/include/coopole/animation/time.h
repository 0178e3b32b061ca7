// Animation, collective time: attendance durations and other time logged (validated by the coordinator), valued at hourly rates, compensated, totalled per person, organisation, group, kind, month and year; the share of the hub's FTE spent on animation.
// (Contract comments: what each use case does, who may call it, which errors it returns.)
#pragma once

#include <vector>

#include "coopole/animation/animation.h"
#include "coopole/db/migrations.h"

namespace coopole::animation {

class TimeService {
 public:
  TimeService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory);

  static std::vector<db::Migration> Migrations();

 private:
  db::Pool& pool_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  Directory directory_;
};

}  // namespace coopole::animation
