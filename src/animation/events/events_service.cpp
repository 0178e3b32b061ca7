#include "coopole/animation/events.h"

namespace coopole::animation {

EventService::EventService(db::Pool& pool, const Clock& clock, identity::IdentityService& identity, Directory directory)
    : pool_(pool), clock_(clock), identity_(identity), directory_(std::move(directory)) {}

}  // namespace coopole::animation
