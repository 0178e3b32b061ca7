#include "test_paths.h"

#include <cstdlib>

namespace coopole::testing {

std::string SourceDir() {
  const char* dir = std::getenv("COOPOLE_SOURCE_DIR");
  return dir && *dir ? dir : ".";
}

std::string ReferenceDir() {
  const char* dir = std::getenv("COOPOLE_REFERENCE_DIR");
  return dir && *dir ? dir : SourceDir() + "/build/reference";
}

}  // namespace coopole::testing
