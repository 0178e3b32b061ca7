// The demo hub's animation: groups.
#include "demo.h"

namespace coopole::app {

void LoadGroupsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids) {
  (void)app;
  (void)admin;
  (void)hub;
  (void)ids;
}

}  // namespace coopole::app
