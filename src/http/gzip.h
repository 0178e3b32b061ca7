// gzip compression of response bodies (zlib), private to the http module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace coopole::http {

// Returns the gzip member for `data`, or nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view data, int level);

// True for content types worth compressing (text, JSON, JavaScript, SVG, CSS).
bool IsCompressible(std::string_view content_type);

// True if the Accept-Encoding header value admits gzip.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace coopole::http
