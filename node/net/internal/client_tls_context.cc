#include "node/net/internal/client_tls_context.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <string>

#include "node/net/internal/openssl_util.h"

namespace tandem::node::net::internal {
namespace {

// The slot of an SSL_CTX that points at its ServerCheck.
int CheckIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

int VerifyServer(int preverified, X509_STORE_CTX* store) {
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* check =
      ssl != nullptr
          ? static_cast<ServerCheck*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), CheckIndex()))
          : nullptr;
  if (check == nullptr) return 0;
  if (preverified != 1) {
    if (check->failure.empty()) {
      check->failure = std::string("its certificate does not chain to the partnership CA (") +
                       X509_verify_cert_error_string(X509_STORE_CTX_get_error(store)) + ")";
    }
    return 0;
  }
  if (X509_STORE_CTX_get_error_depth(store) != 0) return 1;
  const std::string fingerprint = FingerprintOf(X509_STORE_CTX_get_current_cert(store));
  if (fingerprint != check->expected_pin) {
    check->failure = "its certificate (sha256 " + fingerprint + ") is not the pinned one (sha256 " +
                     check->expected_pin + ")";
    X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
    return 0;
  }
  return 1;
}

}  // namespace

Status ConfigureClientContext(SSL_CTX* ctx, const TlsFiles& files, ServerCheck* check) {
  if (ctx == nullptr) return Fail(Code::kInternal, "no TLS context to configure");
  if (Status ok = RestrictToTls13(ctx); !ok) return ok;
  // A fresh store: only the partnership CA, never the system's trust anchors.
  X509_STORE* store = X509_STORE_new();
  if (store == nullptr) return Fail(Code::kInternal, "cannot create a certificate store");
  SSL_CTX_set_cert_store(ctx, store);
  if (SSL_CTX_load_verify_locations(ctx, files.ca_cert.c_str(), nullptr) != 1) {
    return Fail(Code::kInvalidArgument,
                "TLS CA certificate '" + files.ca_cert.string() +
                    "' cannot be used: " + TakeOpenSslError("not a PEM certificate"));
  }
  if (SSL_CTX_set_ex_data(ctx, CheckIndex(), check) != 1) {
    return Fail(Code::kInternal, "cannot attach the server check to the TLS context");
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, &VerifyServer);
  return Ok();
}

}  // namespace tandem::node::net::internal
