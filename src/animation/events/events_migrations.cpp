#include "coopole/animation/events.h"

namespace coopole::animation {

std::vector<db::Migration> EventService::Migrations() { return {}; }

}  // namespace coopole::animation
