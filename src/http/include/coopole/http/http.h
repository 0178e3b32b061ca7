// Our own small HTTP vocabulary. Beast and Asio stay inside src/http/*.cpp; every other
// module sees only Request, Response and Router.
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coopole::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
const char* MethodName(Method m);

struct Route;

struct Request {
  Method method = Method::kGet;
  std::string target;        // as received: path and query
  std::string path;          // percent-decoded path without the query
  std::string query_string;  // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router: {hub} -> "demo"
  const Route* route = nullptr;                     // the matched route (its options guide middleware)
  // Per-request state set by middleware (the identity module stores the principal here).
  std::map<std::string, std::any> context;

  // Value of a header (name lowercase), empty if absent.
  std::string_view Header(std::string_view name) const;
  // First value of a query parameter, percent-decoded ('+' is a space).
  std::optional<std::string> Query(std::string_view name) const;
  // All values of a repeated query parameter (filters with several choices).
  std::vector<std::string> QueryAll(std::string_view name) const;
  // Value of a cookie.
  std::optional<std::string> Cookie(std::string_view name) const;
  const std::string& Param(const std::string& name) const;  // a path parameter; throws if absent
  bool IsHtmx() const { return Header("hx-request") == "true"; }
  bool WantsJson() const;
};

// Fields of an application/x-www-form-urlencoded body or query string, in order.
using FormFields = std::vector<std::pair<std::string, std::string>>;
FormFields ParseUrlEncoded(std::string_view text);
std::string UrlDecode(std::string_view text, bool plus_is_space = true);
std::string UrlEncode(std::string_view text);
// First value of `name` in `fields`, or nullopt.
std::optional<std::string> FormValue(const FormFields& fields, std::string_view name);
std::vector<std::string> FormValues(const FormFields& fields, std::string_view name);

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& SetHeader(std::string name, std::string value);
  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, int status = 200);
  // 303 See Other to `location` (after a POST), or an HX-Redirect for htmx requests.
  static Response Redirect(std::string location, int status = 303);
  static Response Download(std::string body, std::string content_type, std::string filename);
};

// Handlers run on the worker pool (they may block on the database) unless the route is
// declared kInline (cheap, never blocking: static files, liveness).
using Handler = std::function<Response(Request&)>;
// A middleware wraps the rest of the chain; it may answer early or call next(req).
using Next = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Next&)>;

enum class Execution { kWorkerPool, kInline };

struct RouteOptions {
  Execution execution = Execution::kWorkerPool;
  std::size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  bool public_route = false;         // reachable without signing in
};

struct Route {
  Method method;
  std::string pattern;  // "/hubs/{hub}/members/{member}"; a final "{rest*}" takes the remainder
  Handler handler;
  RouteOptions options;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_exists = false;  // some route has this path with another method (405)
};

// Routes by method and path pattern; literal segments win over parameters.
class Router {
 public:
  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  // Middleware applies to every worker-pool route, outermost first.
  void Use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
  Match Find(Method method, std::string_view path) const;
  // The handler for paths no route matches (runs through the middleware, public).
  void SetFallback(Handler handler);
  const Route* fallback() const { return fallback_.get(); }
  // Runs the middleware chain then the route's handler.
  Response Dispatch(const Route& route, Request& req) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  Response RunChain(std::size_t index, const Route& route, Request& req) const;

  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<Middleware> middleware_;
  std::unique_ptr<Route> fallback_;
};

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t max_header_bytes = 16 * 1024;
  int read_timeout_seconds = 30;   // whole request must arrive within this
  int idle_timeout_seconds = 60;   // keep-alive connection without a request
  int shutdown_grace_seconds = 20; // requests in flight get this long to finish
  std::size_t max_queued_requests = 1024;  // beyond, 503 rather than unbounded queueing
  std::string static_dir;          // served under /static/, loaded into memory at start
  bool trust_proxy_headers = false;  // take X-Forwarded-For / X-Request-Id from a reverse proxy
};

// Called for every response with the request, status, bytes and duration (access log).
using AccessLogger = std::function<void(const Request&, int status, std::size_t bytes, double millis)>;

// The HTTP/1.1 server. Runs until Stop() or SIGINT/SIGTERM (when HandleSignals() is used),
// then stops accepting, lets requests in flight finish, and returns from Run().
class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Router> router, AccessLogger logger = nullptr);
  ~Server();
  // Binds the listening socket; returns the bound port. Throws std::runtime_error.
  int Listen();
  // Serves until stopped. Blocks the calling thread.
  void Run();
  void HandleSignals();
  // Asks the server to stop gracefully; thread-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace coopole::http
