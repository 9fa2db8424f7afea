// The client side of mutual TLS towards a peer: TLS 1.3 only, this node's certificate, and a
// server check that requires a chain to the partnership CA and the expected pin.
#pragma once

#include <openssl/ssl.h>

#include <string>

#include "core/result.h"
#include "node/net/tls_context.h"

namespace tandem::node::net::internal {

// What the server-certificate check saw during the last handshake. The verify callback writes
// `failure` on the thread that runs the handshake; the owner serialises handshakes.
struct ServerCheck {
  std::string expected_pin;
  std::string failure;  // "" while nothing failed
};

// Configures `ctx` (which already holds the client certificate and key): TLS 1.3 only, trust
// only `files.ca_cert`, and fail the handshake unless the server's certificate chains to it
// and its fingerprint is `check->expected_pin`. `check` must outlive every handshake on `ctx`.
// Errors: kInvalidArgument when the CA file cannot be used.
Status ConfigureClientContext(SSL_CTX* ctx, const TlsFiles& files, ServerCheck* check);

}  // namespace tandem::node::net::internal
