// The connection behind a PeerClient: a cpp-httplib SSLClient whose OpenSSL context trusts
// only the partnership CA and accepts only the pinned server certificate, plus the retry
// policy. Kept out of peer_client.h so callers need no httplib build flags.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/net/internal/client_tls_context.h"
#include "node/net/peer_client.h"

namespace tandem::node::net::internal {

class PeerConnection {
 public:
  static Result<std::unique_ptr<PeerConnection>> Create(const TlsFiles& files,
                                                        PeerEndpoint endpoint,
                                                        ClientOptions options);
  ~PeerConnection();  // closes the connection (a TLS close_notify, without SIGPIPE)
  PeerConnection(const PeerConnection&) = delete;
  PeerConnection& operator=(const PeerConnection&) = delete;

  // method is "GET" or "POST".
  Result<PeerReply> Send(std::string_view method, std::string_view path, std::string_view body,
                         std::string_view content_type);
  const PeerEndpoint& endpoint() const { return endpoint_; }

 private:
  PeerConnection(PeerEndpoint endpoint, ClientOptions options);
  std::string Who() const;  // "peer 'housing' at 127.0.0.1:9443"

  std::mutex mutex_;
  PeerEndpoint endpoint_;
  ClientOptions options_;
  ServerCheck check_;
  std::unique_ptr<httplib::SSLClient> client_;
  std::optional<std::chrono::steady_clock::time_point> last_used_;  // the last request's end
};

}  // namespace tandem::node::net::internal
