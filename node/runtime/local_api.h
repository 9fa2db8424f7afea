// The local listener's router: the agency's own users reach their node here, with role-bound
// API tokens (node/exchange/api_tokens.h). Routes are a table of (method, path, roles, handler);
// a route with no roles is open (only /health is). Answers: 404 for an unknown path, 405 for a
// known path with another method, 401 without a valid token, 403 when the user's role is not
// one the route allows — in that order, and before any handler runs.
// Thread-safe when the handlers are.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "node/exchange/api_tokens.h"
#include "node/net/http_message.h"
#include "node/runtime/metrics.h"

namespace tandem::node::runtime {

struct LocalRoute {
  std::string method;
  // Matched against the target without its query string, segment by segment: a segment written
  // "{name}" matches any one non-empty segment (the handler reads it from the target), every
  // other segment must be equal.
  std::string path;
  std::vector<exchange::Role> roles;  // empty: open
  std::function<net::HttpResponse(const net::HttpRequest&, const exchange::ApiUser*)> handler;
};

net::Handler LocalApiHandler(std::shared_ptr<const exchange::ApiTokens> tokens,
                             std::vector<LocalRoute> routes, Metrics* metrics);

}  // namespace tandem::node::runtime
