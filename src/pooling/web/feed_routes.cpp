#include "pooling_web.h"

namespace coopole::pooling::web {

// Placeholder until this part's routes are written.
void RegisterFeedRoutes(http::Router&, const Dependencies&) {}

}  // namespace coopole::pooling::web
