#include "coopole/core/text.h"
#include "coopole/http/http.h"

namespace coopole::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Matches `path` against `pattern`; fills `params`. Returns a specificity score (higher is
// more literal) or -1 when it does not match.
int MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  auto pat = Segments(pattern);
  auto got = Segments(path);
  int score = 0;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    auto p = pat[i];
    if (p.size() > 3 && p.front() == '{' && p.substr(p.size() - 2) == "*}") {
      std::string rest;
      for (std::size_t j = i; j < got.size(); ++j) {
        if (j > i) rest += '/';
        rest += got[j];
      }
      if (rest.empty()) return -1;
      params.emplace(std::string(p.substr(1, p.size() - 3)), std::move(rest));
      return score;
    }
    if (i >= got.size()) return -1;
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (got[i].empty()) return -1;
      params.emplace(std::string(p.substr(1, p.size() - 2)), std::string(got[i]));
    } else if (p == got[i]) {
      score += 1 << (16 - static_cast<int>(std::min<std::size_t>(i, 15)));
    } else {
      return -1;
    }
  }
  return pat.size() == got.size() ? score : -1;
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  routes_.push_back(std::make_unique<Route>(Route{method, std::move(pattern), std::move(handler), std::move(options)}));
}

void Router::SetFallback(Handler handler) {
  RouteOptions options;
  options.public_route = true;
  fallback_ = std::make_unique<Route>(Route{Method::kGet, "", std::move(handler), options});
}

Match Router::Find(Method method, std::string_view path) const {
  Match best;
  int best_score = -1;
  Method lookup = method == Method::kHead ? Method::kGet : method;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    int score = MatchPattern(route->pattern, path, params);
    if (score < 0) continue;
    if (route->method != lookup) {
      best.path_exists = true;
      continue;
    }
    if (score > best_score) {
      best_score = score;
      best.route = route.get();
      best.params = std::move(params);
    }
  }
  return best;
}

Response Router::Dispatch(const Route& route, Request& req) const {
  req.route = &route;
  if (route.options.execution == Execution::kInline) return route.handler(req);
  return RunChain(0, route, req);
}

Response Router::RunChain(std::size_t index, const Route& route, Request& req) const {
  if (index == middleware_.size()) return route.handler(req);
  return middleware_[index](req, [this, index, &route](Request& r) { return RunChain(index + 1, route, r); });
}

}  // namespace coopole::http
