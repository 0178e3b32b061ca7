// The demo hub: about 25 organisations of the Grenoble area with people, so that every
// screen is meaningful on first run.
#pragma once

#include <vector>

#include "application.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"

namespace coopole::app {

using identity::MemberId;

struct DemoLogin {
  std::string email;
  std::string password;
};

// Loads the demo hub "demo" with its users. Throws std::runtime_error when a demo record is
// refused (it would mean the reference data changed). Returns the coordinator's login.
DemoLogin LoadDemo(Application& app);

// The cooperation parts of the demo hub, each in its own file (demo_<part>.cpp), loaded in
// this order after members and pooling: `ids` are the demo members in creation order.
void LoadBoardDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                   const std::vector<MemberId>& ids);
void LoadProjectsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                      const std::vector<MemberId>& ids);
void LoadBidsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids);

// The animation parts of the demo hub (demo_animation_<part>.cpp), loaded in this order after
// cooperation.
void LoadGroupsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                    const std::vector<MemberId>& ids);
void LoadEventsDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                    const std::vector<MemberId>& ids);
void LoadTimeDemo(Application& app, const identity::Actor& admin, const hubs::HubContext& hub,
                  const std::vector<MemberId>& ids);

// True when the installation has no hub yet.
bool IsEmpty(Application& app);

}  // namespace coopole::app
