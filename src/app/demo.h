// The demo hub: about 25 organisations of the Grenoble area with people, so that every
// screen is meaningful on first run.
#pragma once

#include "application.h"

namespace coopole::app {

struct DemoLogin {
  std::string email;
  std::string password;
};

// Loads the demo hub "demo" with its users. Throws std::runtime_error when a demo record is
// refused (it would mean the reference data changed). Returns the coordinator's login.
DemoLogin LoadDemo(Application& app);

// True when the installation has no hub yet.
bool IsEmpty(Application& app);

}  // namespace coopole::app
