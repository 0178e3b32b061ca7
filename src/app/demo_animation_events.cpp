// The demo hub's animation: events.
#include "demo.h"

namespace coopole::app {

void LoadEventsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids) {
  (void)app;
  (void)admin;
  (void)hub;
  (void)ids;
}

}  // namespace coopole::app
