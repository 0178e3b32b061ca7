// The Beast/Asio HTTP/1.1 server. The only file of the project that includes Beast: keeping
// it here keeps compile times down and the rest of the code free of Asio types.
#include <utility>  // before Asio: Boost 1.74 with g++ 12 in C++20 needs it

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <list>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "coopole/http/http.h"
#include "gzip.h"

namespace coopole::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

namespace {

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

// Runs `fn` on `pool` and resumes the awaiting coroutine on its own executor with the
// result, or rethrows what `fn` threw.
template <typename F>
awaitable<Response> RunOnPool(asio::thread_pool& pool, F fn) {
  co_return co_await asio::async_initiate<decltype(use_awaitable), void(std::exception_ptr, Response)>(
      [&pool, fn = std::move(fn)](auto handler) mutable {
        auto ex = asio::get_associated_executor(handler);
        asio::post(pool, [fn = std::move(fn), handler = std::move(handler), ex]() mutable {
          std::exception_ptr error;
          Response res;
          try {
            res = fn();
          } catch (...) {
            error = std::current_exception();
          }
          asio::post(ex, [handler = std::move(handler), error, res = std::move(res)]() mutable {
            handler(error, std::move(res));
          });
        });
      },
      use_awaitable);
}

Response ErrorResponse(const Request& req, int status, std::string_view code, std::string_view message) {
  if (req.WantsJson()) {
    std::string body = "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" + std::string(message) +
                       "\",\"fields\":{}}}";
    return Response::Json(std::move(body), status);
  }
  return Response::Text(std::string(message) + "\n", status);
}

}  // namespace

// One open connection, shared between its coroutine and the shutdown logic.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being handled; touched only on the stream's strand
};

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  AccessLogger logger;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> queued{0};
  std::mutex connections_mutex;
  std::list<std::weak_ptr<Connection>> connections;
  std::atomic<std::uint64_t> request_counter{0};
  std::uint32_t request_prefix;

  Impl(ServerOptions opts, std::shared_ptr<const Router> r, AccessLogger log)
      : options(std::move(opts)),
        router(std::move(r)),
        logger(std::move(log)),
        ioc(options.io_threads),
        workers(static_cast<std::size_t>(options.worker_threads)),
        acceptor(ioc),
        signals(ioc) {
    std::random_device rd;
    request_prefix = rd();
  }

  std::string NextRequestId() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08x-%06llx", request_prefix,
                  static_cast<unsigned long long>(request_counter.fetch_add(1) & 0xFFFFFF));
    return buf;
  }

  awaitable<void> Accept();
  awaitable<void> Serve(std::shared_ptr<Connection> conn);
  awaitable<Response> Handle(Request& req, const Match& match);
  void BeginShutdown();
};

awaitable<void> Server::Impl::Accept() {
  while (!stopping) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      continue;  // transient (EMFILE, ECONNABORTED): keep accepting
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex);
      connections.remove_if([](const auto& w) { return w.expired(); });
      connections.push_back(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Serve(conn), asio::detached);
  }
}

awaitable<Response> Server::Impl::Handle(Request& req, const Match& match) {
  if (!match.route) {
    if (match.path_exists) co_return ErrorResponse(req, 405, "method_not_allowed", "Method not allowed");
    // Unknown paths go through the router's fallback (a localised 404 page), if any.
    if (const Route* fallback = router->fallback()) {
      co_return co_await RunOnPool(workers, [this, &req, fallback] { return router->Dispatch(*fallback, req); });
    }
    co_return ErrorResponse(req, 404, "not_found", "Not found");
  }
  req.path_params = match.params;
  const Route& route = *match.route;
  if (route.options.execution == Execution::kInline) co_return router->Dispatch(route, req);
  if (queued.load() >= options.max_queued_requests) {
    co_return ErrorResponse(req, 503, "overloaded", "Server busy, retry shortly");
  }
  ++queued;
  struct Done {
    std::atomic<std::size_t>& q;
    ~Done() { --q; }
  } done{queued};
  co_return co_await RunOnPool(workers, [this, &req, &route] { return router->Dispatch(route, req); });
}

awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> conn) {
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  std::string remote;
  {
    auto ep = conn->stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // The body limit depends on the route, known only once the header is read; Beast checks
    // Content-Length against the limit while parsing the header, so lift it until then.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    conn->stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
    co_await bhttp::async_read_header(conn->stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (ec == bhttp::error::header_limit) {
        bhttp::response<bhttp::string_body> res{bhttp::status::request_header_fields_too_large, 11};
        res.set(bhttp::field::connection, "close");
        res.body() = "Request header too large\n";
        res.prepare_payload();
        co_await bhttp::async_write(conn->stream, res, asio::redirect_error(use_awaitable, ec));
      } else if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
                 ec != asio::error::operation_aborted && ec != asio::error::eof &&
                 ec != asio::error::connection_reset) {
        bhttp::response<bhttp::string_body> res{bhttp::status::bad_request, 11};
        res.set(bhttp::field::connection, "close");
        res.body() = "Bad request\n";
        res.prepare_payload();
        co_await bhttp::async_write(conn->stream, res, asio::redirect_error(use_awaitable, ec));
      }
      break;
    }
    conn->busy = true;
    auto start = std::chrono::steady_clock::now();
    const auto& header = parser.get();
    Request req;
    req.method = ToMethod(header.method());
    req.target = std::string(header.target());
    auto qpos = req.target.find('?');
    req.path = UrlDecode(std::string_view(req.target).substr(0, qpos), false);
    if (qpos != std::string::npos) req.query_string = req.target.substr(qpos + 1);
    for (const auto& field : header) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.remote_address = remote;
    if (options.trust_proxy_headers) {
      auto forwarded = req.Header("x-forwarded-for");
      if (!forwarded.empty()) {
        auto comma = forwarded.rfind(',');
        req.remote_address = std::string(coopole::http::UrlDecode(
            forwarded.substr(comma == std::string_view::npos ? 0 : comma + 1), false));
        while (!req.remote_address.empty() && req.remote_address.front() == ' ') req.remote_address.erase(0, 1);
      }
      auto incoming_id = req.Header("x-request-id");
      if (!incoming_id.empty() && incoming_id.size() <= 64) req.request_id = std::string(incoming_id);
    }
    if (req.request_id.empty()) req.request_id = NextRequestId();
    bool keep_alive = header.keep_alive();
    unsigned version = header.version();

    Match match = router->Find(req.method, req.path);
    std::size_t limit = match.route ? match.route->options.body_limit : (1 << 20);
    Response res;
    bool body_ok = true;
    if (auto length = parser.content_length(); length && *length > limit) {
      res = ErrorResponse(req, 413, "payload_too_large", "Request body too large");
      body_ok = false;
      keep_alive = false;
    } else {
      parser.body_limit(limit);
      conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      if (!parser.is_done()) {
        co_await bhttp::async_read(conn->stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      }
      if (ec == bhttp::error::body_limit) {
        res = ErrorResponse(req, 413, "payload_too_large", "Request body too large");
        body_ok = false;
        keep_alive = false;
      } else if (ec) {
        conn->busy = false;
        break;
      }
    }
    if (body_ok) {
      req.body = std::move(parser.get().body());
      try {
        res = co_await Handle(req, match);
      } catch (const std::exception& e) {
        if (logger) logger(req, 500, 0, -1);
        std::fprintf(stderr, "request %s failed: %s\n", req.request_id.c_str(), e.what());
        res = ErrorResponse(req, 500, "internal", "Internal error (request " + req.request_id + ")");
      }
    }
    if (stopping) keep_alive = false;

    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "coopole");
    out.set(bhttp::field::content_type, res.content_type);
    out.set("X-Request-Id", req.request_id);
    bool has_encoding = false;
    for (const auto& [k, v] : res.headers) {
      out.insert(k, v);
      if (k == "Content-Encoding") has_encoding = true;
    }
    if (!has_encoding && res.body.size() >= 1024 && IsCompressible(res.content_type) &&
        AcceptsGzip(req.Header("accept-encoding"))) {
      if (auto gz = Gzip(res.body, 1)) {
        res.body = std::move(*gz);
        out.set(bhttp::field::content_encoding, "gzip");
        out.set(bhttp::field::vary, "Accept-Encoding");
      }
    }
    std::size_t bytes = res.body.size();
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    if (req.method == Method::kHead) {
      out.body().clear();
      out.set(bhttp::field::content_length, std::to_string(bytes));
    }
    conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    bhttp::serializer<false, bhttp::string_body> sr{out};
    if (req.method == Method::kHead) {
      co_await bhttp::async_write_header(conn->stream, sr, asio::redirect_error(use_awaitable, ec));
    } else {
      co_await bhttp::async_write(conn->stream, sr, asio::redirect_error(use_awaitable, ec));
    }
    conn->busy = false;
    if (logger) {
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      logger(req, res.status, bytes, ms);
    }
    if (ec || !keep_alive) break;
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.close();
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  boost::system::error_code ec;
  acceptor.close(ec);
  // Close idle keep-alive connections now; busy ones close after their response.
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex);
    for (auto& w : connections) {
      if (auto c = w.lock()) open.push_back(std::move(c));
    }
  }
  for (auto& c : open) {
    asio::post(c->stream.get_executor(), [c] {
      // The non-throwing form: the peer may have closed the socket meanwhile.
      boost::system::error_code ignored;
      if (!c->busy) c->stream.socket().cancel(ignored);
    });
  }
  // Stop the loop once every connection is gone, or when the grace period ends.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
  auto timer = std::make_shared<asio::steady_timer>(ioc);
  auto check = std::make_shared<std::function<void()>>();
  *check = [this, timer, deadline, check] {
    bool any = false;
    {
      std::lock_guard lock(connections_mutex);
      for (auto& w : connections) any = any || !w.expired();
    }
    if (!any || std::chrono::steady_clock::now() >= deadline) {
      ioc.stop();
      *check = nullptr;  // break the self-reference
      return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([check](const boost::system::error_code&) {
      if (*check) (*check)();
    });
  };
  (*check)();
}

Server::Server(ServerOptions options, std::shared_ptr<const Router> router, AccessLogger logger)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), std::move(logger))) {}

Server::~Server() {
  impl_->workers.join();
}

int Server::Listen() {
  auto& o = impl_->options;
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("listen address must be host:port: " + o.listen);
  std::string host = o.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = std::stoi(o.listen.substr(colon + 1));
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) throw std::runtime_error("invalid listen host: " + host);
  tcp::endpoint endpoint{address, static_cast<unsigned short>(port)};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint, ec);
  if (ec) throw std::runtime_error("cannot listen on " + o.listen + ": " + ec.message());
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void Server::Run() {
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::HandleSignals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
}

void Server::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginShutdown(); });
}

}  // namespace coopole::http
