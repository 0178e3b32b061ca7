#include <algorithm>
#include <stdexcept>

#include "coopole/http/http.h"

namespace coopole::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const char* MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string UrlDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (c == '+' && plus_is_space) ? ' ' : c;
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

FormFields ParseUrlEncoded(std::string_view text) {
  FormFields fields;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    auto part = text.substr(start, end - start);
    if (!part.empty()) {
      auto eq = part.find('=');
      if (eq == std::string_view::npos) {
        fields.emplace_back(UrlDecode(part), "");
      } else {
        fields.emplace_back(UrlDecode(part.substr(0, eq)), UrlDecode(part.substr(eq + 1)));
      }
    }
    start = end + 1;
  }
  return fields;
}

std::optional<std::string> FormValue(const FormFields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> FormValues(const FormFields& fields, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  return FormValue(ParseUrlEncoded(query_string), name);
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  return FormValues(ParseUrlEncoded(query_string), name);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    auto end = all.find(';');
    auto part = all.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return std::nullopt;
}

const std::string& Request::Param(const std::string& name) const {
  auto it = path_params.find(name);
  if (it == path_params.end()) throw std::logic_error("no path parameter " + name);
  return it->second;
}

bool Request::WantsJson() const {
  return path.rfind("/api/", 0) == 0 || Header("accept").find("application/json") != std::string_view::npos;
}

Response& Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response Response::Html(std::string body, int status) {
  return Response{status, "text/html; charset=utf-8", {}, std::move(body)};
}

Response Response::Json(std::string body, int status) {
  return Response{status, "application/json", {}, std::move(body)};
}

Response Response::Text(std::string body, int status) {
  return Response{status, "text/plain; charset=utf-8", {}, std::move(body)};
}

Response Response::Redirect(std::string location, int status) {
  Response r{status, "text/plain; charset=utf-8", {}, {}};
  r.SetHeader("Location", std::move(location));
  return r;
}

Response Response::Download(std::string body, std::string content_type, std::string filename) {
  Response r{200, std::move(content_type), {}, std::move(body)};
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"; filename*=UTF-8''" + UrlEncode(filename));
  return r;
}

}  // namespace coopole::http
