#include "gzip.h"

#include <zlib.h>

namespace coopole::http {

std::optional<std::string> Gzip(std::string_view data, int level) {
  z_stream zs{};
  // windowBits 15 + 16 asks zlib for a gzip header and trailer.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(zs.total_out);
  return out;
}

bool IsCompressible(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type.find("json") != std::string_view::npos ||
         type.find("javascript") != std::string_view::npos || type.find("svg") != std::string_view::npos ||
         type.find("calendar") != std::string_view::npos;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  auto pos = accept_encoding.find("gzip");
  if (pos == std::string_view::npos) return false;
  // Honour an explicit refusal: "gzip;q=0".
  auto rest = accept_encoding.substr(pos + 4);
  auto comma = rest.find(',');
  auto params = rest.substr(0, comma);
  return params.find("q=0") == std::string_view::npos || params.find("q=0.") != std::string_view::npos;
}

}  // namespace coopole::http
