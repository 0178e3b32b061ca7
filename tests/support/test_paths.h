// Where tests find the source tree and generated reference data.
#pragma once

#include <string>

namespace coopole::testing {

// The repository root: $COOPOLE_SOURCE_DIR (set by CTest), else the current directory.
std::string SourceDir();

// The generated reference data: $COOPOLE_REFERENCE_DIR, else SourceDir()/build/reference.
std::string ReferenceDir();

}  // namespace coopole::testing
