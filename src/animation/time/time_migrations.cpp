#include "coopole/animation/time.h"

namespace coopole::animation {

std::vector<db::Migration> TimeService::Migrations() { return {}; }

}  // namespace coopole::animation
