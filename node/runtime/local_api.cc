#include "node/runtime/local_api.h"

#include <algorithm>

#include "node/net/http_error.h"

namespace tandem::node::runtime {
namespace {

// `pattern`'s "{name}" segments match any one non-empty segment of `path`.
bool PathMatches(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && !path.empty()) {
    const std::size_t p_end = std::min(pattern.find('/', 1), pattern.size());
    const std::size_t t_end = std::min(path.find('/', 1), path.size());
    const std::string_view p_segment = pattern.substr(0, p_end);
    const std::string_view t_segment = path.substr(0, t_end);
    const bool wildcard = p_segment.size() > 3 && p_segment[1] == '{' && p_segment.back() == '}';
    if (wildcard ? t_segment.size() < 2 : p_segment != t_segment) return false;
    pattern.remove_prefix(p_end);
    path.remove_prefix(t_end);
  }
  return pattern.empty() && path.empty();
}

}  // namespace

net::Handler LocalApiHandler(std::shared_ptr<const exchange::ApiTokens> tokens,
                             std::vector<LocalRoute> routes, Metrics* metrics) {
  return [tokens = std::move(tokens), routes = std::move(routes),
          metrics](const net::HttpRequest& request) -> net::HttpResponse {
    const std::string path = request.target.substr(0, request.target.find('?'));
    const auto count = [&](const std::string& route, int status) {
      metrics->Increment("tandem_local_requests_total",
                         {{"path", route}, {"status", std::to_string(status)}});
    };
    bool path_known = false;
    for (const LocalRoute& route : routes) {
      if (!PathMatches(route.path, path)) continue;
      path_known = true;
      if (route.method != request.method) continue;
      if (route.roles.empty()) {
        net::HttpResponse response = route.handler(request, nullptr);
        count(route.path, response.status);
        return response;
      }
      const auto header = request.headers.find("authorization");
      auto user = tokens->Authenticate(header == request.headers.end() ? "" : header->second);
      if (!user) {
        count(route.path, 401);
        net::HttpResponse response = net::ErrorResponse(user.error());
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
      }
      if (std::ranges::find(route.roles, user->role) == route.roles.end()) {
        count(route.path, 403);
        return net::ErrorResponse(
            Error{Code::kPermissionDenied, "the role '" + std::string(RoleName(user->role)) +
                                               "' may not use " + route.method + " " + route.path});
      }
      net::HttpResponse response = route.handler(request, &*user);
      count(route.path, response.status);
      return response;
    }
    if (path_known) {
      count("other", 405);
      return net::ErrorResponse(405, Code::kInvalidArgument, "method not allowed on this path");
    }
    count("other", 404);
    return net::ErrorResponse(404, Code::kNotFound, "no such endpoint");
  };
}

}  // namespace tandem::node::runtime
