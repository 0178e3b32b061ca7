#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <regex>
#include <stdexcept>

namespace coopole::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string Dechunk(const std::string& body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto eol = body.find("\r\n", pos);
    if (eol == std::string::npos) break;
    std::size_t size = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    if (size == 0) break;
    out += body.substr(eol + 2, size);
    pos = eol + 2 + size + 2;
  }
  return out;
}

}  // namespace

std::string HttpResponse::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

std::vector<std::string> HttpResponse::Headers(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers) {
    if (k == name) out.push_back(v);
  }
  return out;
}

HttpResponse Send(int port, const HttpRequest& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect to port " + std::to_string(port) + " failed");
  }
  std::string wire = request.method + " " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  bool has_length = false;
  for (const auto& [k, v] : request.headers) {
    wire += k + ": " + v + "\r\n";
    has_length = has_length || Lower(k) == "content-length";
  }
  if (!has_length && (!request.body.empty() || request.method == "POST" || request.method == "PATCH" ||
                      request.method == "PUT")) {
    wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  wire += "\r\n" + request.body;
  std::size_t sent = 0;
  while (sent < wire.size()) {
    auto n = ::send(fd, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer early (413) and close
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[65536];
  while (true) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  auto header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos) throw std::runtime_error("no HTTP response from the server");
  HttpResponse res;
  std::string head = raw.substr(0, header_end);
  res.body = raw.substr(header_end + 4);
  auto first_eol = head.find("\r\n");
  std::string status_line = head.substr(0, first_eol);
  res.status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = first_eol == std::string::npos ? head.size() : first_eol + 2;
  while (pos < head.size()) {
    auto eol = head.find("\r\n", pos);
    if (eol == std::string::npos) eol = head.size();
    std::string line = head.substr(pos, eol - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      res.headers.emplace_back(Lower(line.substr(0, colon)), value);
    }
    pos = eol + 2;
  }
  if (Lower(res.Header("transfer-encoding")) == "chunked") res.body = Dechunk(res.body);
  return res;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += Encode(k) + "=" + Encode(v);
  }
  return out;
}

void Browser::Remember(const HttpResponse& res) {
  for (const auto& cookie : res.Headers("set-cookie")) {
    auto eq = cookie.find('=');
    auto semi = cookie.find(';');
    std::string name = cookie.substr(0, eq);
    std::string value = cookie.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    if (value.empty() || cookie.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  // Pages carry the CSRF token in their forms; keep the latest one seen.
  static const std::regex kCsrf(R"re(name="csrf" value="([^"]+)")re");
  std::smatch m;
  if (std::regex_search(res.body, m, kCsrf)) csrf_ = m[1];
}

std::string Browser::Cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

HttpResponse Browser::Request(HttpRequest request) {
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
  auto res = Send(port_, request);
  Remember(res);
  return res;
}

HttpResponse Browser::Get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers) {
  return Request({"GET", target, std::move(headers), ""});
}

HttpResponse Browser::PostForm(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
                               bool with_csrf) {
  if (with_csrf) fields.emplace_back("csrf", csrf_);
  return Request({"POST", target, {{"Content-Type", "application/x-www-form-urlencoded"}}, FormEncode(fields)});
}

HttpResponse Browser::SignIn(const std::string& email, const std::string& password) {
  Get("/login");
  return PostForm("/login", {{"email", email}, {"password", password}, {"next", "/"}});
}

}  // namespace coopole::testing
