// Small OpenSSL helpers shared by the server and client TLS setup.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/net/tls_context.h"

namespace tandem::node::net::internal {

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// Lower-case hex SHA-256 of the certificate's DER form; "" if OpenSSL fails.
std::string FingerprintOf(const X509* cert);

// True for 64 lower-case hex digits.
bool IsFingerprint(std::string_view text);

// The reason of the oldest error on this thread's OpenSSL error queue (or `fallback` when the
// queue is empty); clears the queue.
std::string TakeOpenSslError(std::string_view fallback);

// Checks that the three files exist and that the key is not readable by other users; the
// error (kInvalidArgument) names the file and what to do.
Status CheckTlsFiles(const TlsFiles& files);

// Restricts a context to TLS 1.3 and turns off session resumption (each connection runs the
// full certificate check, so a change of pins takes effect on the next handshake).
Status RestrictToTls13(SSL_CTX* ctx);

}  // namespace tandem::node::net::internal
