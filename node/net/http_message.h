// The request and response the HTTPS server hands to, and takes from, a listener's Handler.
// Plain values: no Beast or OpenSSL types cross this boundary.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tandem::node::net {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... (only the listener's allowed methods reach a Handler)
  std::string target;  // starts with '/', at most 2 KiB
  std::map<std::string, std::string> headers;  // names lower-case; repeated fields joined by ", "
  std::string body;
  // Node id of the pinned client certificate on a peer listener; "" on a local listener.
  std::string peer;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Extra header fields (e.g. Retry-After). Content-Type, Content-Length and Connection are set
  // by the server.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Turns a request into a response. Called on the server's handler threads, possibly for several
// requests at once (it must be thread-safe), and may block for tens of milliseconds (a durable
// audit commit) without holding up other connections. Must not throw: an exception is answered
// with a 500 and no detail.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace tandem::node::net
