#include "coopole/animation/groups.h"

namespace coopole::animation {

std::vector<db::Migration> GroupService::Migrations() { return {}; }

}  // namespace coopole::animation
