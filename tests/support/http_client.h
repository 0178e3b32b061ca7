// A minimal blocking HTTP/1.1 client for integration tests: one request per connection
// over loopback, so tests exercise the real server without another library.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace coopole::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;

  std::string Header(const std::string& name) const;
  std::vector<std::string> Headers(const std::string& name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Sends `request` to 127.0.0.1:`port` and reads the whole response (Connection: close).
// Throws std::runtime_error on socket errors. Decodes chunked bodies.
HttpResponse Send(int port, const HttpRequest& request);

// Keeps cookies between requests and sends the CSRF token with state-changing forms,
// like a browser session.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  HttpResponse Get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {});
  // POSTs a urlencoded form; adds the csrf field from the cookie/session unless `with_csrf` is false.
  HttpResponse PostForm(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
                        bool with_csrf = true);
  HttpResponse Request(HttpRequest request);
  // Signs in through the login form; returns the final response of POST /login.
  HttpResponse SignIn(const std::string& email, const std::string& password);
  const std::string& csrf() const { return csrf_; }
  std::string Cookie(const std::string& name) const;

 private:
  void Remember(const HttpResponse& res);
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace coopole::testing
