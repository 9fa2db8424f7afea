// The OpenSSL context of one listener: TLS 1.3 only, the node's certificate and key, and for a
// peer listener the partnership CA as the only trust anchor plus the pin check.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/result.h"
#include "node/net/https_server.h"
#include "node/net/tls_context.h"

namespace tandem::node::net::internal {

// For ClientAuth::kRequiredPinned the handshake fails unless the client presents a
// certificate that chains to `files.ca_cert` and whose fingerprint `pins` knows. Errors:
// kInvalidArgument naming the TLS file that cannot be used.
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerContext(
    const TlsFiles& files, ClientAuth client_auth, std::shared_ptr<const PeerPins> pins);

}  // namespace tandem::node::net::internal
