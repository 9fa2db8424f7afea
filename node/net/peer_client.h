// A client for one peer node's peer listener over mutual TLS 1.3 (cpp-httplib's SSLClient):
// presents this node's certificate and accepts the server only when its certificate chains to
// the partnership CA AND its SHA-256 fingerprint equals the pin of the party it meant to reach.
// One persistent (keep-alive) connection per client, reopened when the peer has closed it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/net/tls_context.h"

namespace tandem::node::net {

namespace internal {
class PeerConnection;
}

struct PeerEndpoint {
  std::string node_id;  // for error messages: the party the pin belongs to
  std::string host;     // address or name of its peer listener
  std::uint16_t port = 0;
  std::string pin;  // SHA-256 fingerprint of its certificate, 64 lower-case hex digits
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{2000};  // TCP connect and TLS handshake, each
  std::chrono::milliseconds read_timeout{10000};    // waiting for the response (and writing)
  // Connection attempts per call; between attempts the wait doubles from first_backoff. Only a
  // connection that could not be made is retried: once a request was sent it never is (the
  // receiver would refuse a re-sent envelope as a replay).
  int max_attempts = 3;
  std::chrono::milliseconds first_backoff{100};
  // A kept-alive connection unused this long is closed before the next request, which opens a
  // new one. A peer closes an idle connection after its read timeout (10 s by default), and a
  // request sent just as it does is lost: once sent, it is never sent again.
  std::chrono::milliseconds idle_limit{5000};
};

struct PeerReply {
  int status = 0;
  std::string body;
  // From Retry-After (delta-seconds or an HTTP-date) on a 429 or 503 answer.
  std::optional<std::chrono::seconds> retry_after;
};

class PeerClient {
 public:
  // Reads the TLS files; does not connect yet. Errors: kInvalidArgument when a TLS file is
  // missing or unusable, the pin is not 64 lower-case hex digits, or the port is 0.
  static Result<std::unique_ptr<PeerClient>> Create(const TlsFiles& files, PeerEndpoint endpoint,
                                                    ClientOptions options = {});

  PeerClient(const PeerClient&) = delete;
  PeerClient& operator=(const PeerClient&) = delete;
  ~PeerClient();

  // Sends one request and returns the peer's answer, whatever its status. Errors (messages
  // name the peer's node id and host:port and say why):
  //  - kUnavailable: no connection after max_attempts ("peer 'housing' at 127.0.0.1:9443
  //    unreachable after 3 attempts: connection refused"), or the request was sent but the
  //    answer did not arrive (not retried: the caller decides);
  //  - kUnauthenticated: the server's certificate is not from the CA or not the pinned one,
  //    or the server refused this node's certificate.
  // Thread-safe: calls are serialised on the one connection.
  Result<PeerReply> Post(std::string_view path, std::string_view body,
                         std::string_view content_type = "application/json");
  Result<PeerReply> Get(std::string_view path);

  const PeerEndpoint& endpoint() const;

 private:
  explicit PeerClient(std::unique_ptr<internal::PeerConnection> connection);
  std::unique_ptr<internal::PeerConnection> connection_;
};

}  // namespace tandem::node::net
