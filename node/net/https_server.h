// The node's HTTPS server (Boost.Beast over OpenSSL, TLS 1.3 only). One server runs several
// listeners, each with its own Handler:
//  - a peer listener (ClientAuth::kRequiredPinned): mutual TLS; a client certificate that does
//    not chain to the partnership CA, or whose fingerprint is not in PeerPins, fails the
//    handshake, so no handler ever sees it; HttpRequest::peer is the pinned node id;
//  - a local listener (ClientAuth::kNone): TLS with the node's certificate only; users
//    authenticate with bearer tokens, which the Handler checks.
// Every connection has a read timeout (the whole request, headers and body, must arrive within
// it; idle keep-alive connections are closed after it too), an 8 KiB header limit (431), a body
// limit (413), a cap on open connections (further connections are closed at once), HTTP/1.1
// keep-alive; methods outside the listener's list get 405, targets not starting with '/' or
// longer than 2 KiB get 400. These answers carry the JSON error body of http_error.h; after a
// malformed or over-limit request the connection is closed. Nothing is logged.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "node/net/http_message.h"
#include "node/net/tls_context.h"

namespace tandem::node::net {

namespace internal {
class ServerRuntime;
}

enum class ClientAuth {
  kNone,            // local users: server certificate only
  kRequiredPinned,  // peers: client certificate from the CA, with a pinned fingerprint
};

struct ListenerOptions {
  std::string address = "127.0.0.1";  // numeric IPv4 or IPv6 address
  std::uint16_t port = 0;             // 0: an ephemeral port (see HttpsServer::port)
  ClientAuth client_auth = ClientAuth::kRequiredPinned;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds read_timeout{10};
  std::size_t max_connections = 256;
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_target_bytes = 2 * 1024;
  std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE"};  // others: 405
};

class HttpsServer {
 public:
  // Binds every listener and starts serving on `threads` network threads, with
  // `handler_threads` more threads (0: as many as `threads`) to run Handlers, so a Handler that
  // blocks holds up only its own connection. Handlers that wait on a durable commit want many
  // more handler threads than cores: the waits overlap and the commits group.
  // Errors: kInvalidArgument when a TLS file is missing or unusable (the message names it), an
  // address is not numeric, a listener has no handler, or threads < 1; kUnavailable when a
  // port cannot be bound (in use, or not permitted).
  static Result<std::unique_ptr<HttpsServer>> Start(
      const TlsFiles& files, const std::shared_ptr<const PeerPins>& pins,
      std::vector<std::pair<ListenerOptions, Handler>> listeners, int threads,
      int handler_threads = 0);

  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;
  ~HttpsServer();  // Stop()s

  // The bound port of listener `listener` (index into the vector given to Start).
  std::uint16_t port(std::size_t listener) const;

  // Connections now open on listener `listener` (for tests and status pages).
  std::size_t connections(std::size_t listener) const;

  // Stops accepting, closes idle connections, lets requests whose Handler is running finish
  // and writes their responses (with Connection: close), then stops the threads. Waits at most
  // the longest read timeout plus 5 s for in-flight responses. Idempotent; not to be called
  // from a Handler.
  void Stop();

 private:
  explicit HttpsServer(std::unique_ptr<internal::ServerRuntime> runtime);
  std::unique_ptr<internal::ServerRuntime> runtime_;
};

}  // namespace tandem::node::net
