#pragma once

#include <string>

#include "coopole/http/http.h"

namespace coopole::http {

// Loads every file under `dir` into memory once (with a gzip copy of text assets and an
// ETag) and returns an inline handler for a route "/static/{path*}". Unknown paths get 404;
// paths cannot escape `dir` since only the loaded names are served.
Handler ServeStaticDirectory(const std::string& dir);

}  // namespace coopole::http
