#include "coopole/animation/notices.h"

namespace coopole::animation {

std::vector<db::Migration> NoticeService::Migrations() { return {}; }

}  // namespace coopole::animation
