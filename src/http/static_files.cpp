#include "coopole/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "gzip.h"

namespace coopole::http {
namespace {

struct Asset {
  std::string content_type;
  std::string body;
  std::string gzipped;  // empty when not worth it
  std::string etag;
};

std::string ContentTypeFor(const std::filesystem::path& p) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".json", "application/json"},         {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"},
      {".html", "text/html; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// FNV-1a: a cheap content hash for the ETag (not a security measure).
std::string Fnv1a(const std::string& data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  std::ostringstream os;
  os << '"' << std::hex << h << '"';
  return os.str();
}

}  // namespace

Handler ServeStaticDirectory(const std::string& dir) {
  auto assets = std::make_shared<std::unordered_map<std::string, Asset>>();
  namespace fs = std::filesystem;
  if (fs::is_directory(dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      Asset asset{ContentTypeFor(entry.path()), std::move(body), {}, {}};
      asset.etag = Fnv1a(asset.body);
      if (IsCompressible(asset.content_type) && asset.body.size() > 1024) {
        if (auto gz = Gzip(asset.body, 9)) asset.gzipped = std::move(*gz);
      }
      assets->emplace(fs::relative(entry.path(), dir).generic_string(), std::move(asset));
    }
  }
  return [assets](Request& req) {
    auto it = assets->find(req.Param("path"));
    if (it == assets->end()) return Response::Text("Not found\n", 404);
    const Asset& a = it->second;
    Response res;
    res.content_type = a.content_type;
    res.SetHeader("ETag", a.etag);
    res.SetHeader("Cache-Control", "public, max-age=3600");
    if (req.Header("if-none-match") == a.etag) {
      res.status = 304;
      return res;
    }
    if (!a.gzipped.empty() && AcceptsGzip(req.Header("accept-encoding"))) {
      res.body = a.gzipped;
      res.SetHeader("Content-Encoding", "gzip");
      res.SetHeader("Vary", "Accept-Encoding");
    } else {
      res.body = a.body;
    }
    return res;
  };
}

}  // namespace coopole::http
