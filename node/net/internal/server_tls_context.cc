#include "node/net/internal/server_tls_context.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>
#include <utility>

#include "node/net/internal/openssl_util.h"

namespace tandem::node::net::internal {
namespace {

namespace ssl = boost::asio::ssl;

Status LoadIdentity(ssl::context& context, const TlsFiles& files) {
  boost::system::error_code ec;
  context.use_certificate_chain_file(files.cert.string(), ec);
  if (ec) {
    return Fail(Code::kInvalidArgument, "TLS certificate '" + files.cert.string() +
                                            "' cannot be used: " + TakeOpenSslError(ec.message()));
  }
  context.use_private_key_file(files.key.string(), ssl::context::pem, ec);
  if (ec) {
    return Fail(Code::kInvalidArgument, "TLS private key '" + files.key.string() +
                                            "' cannot be used: " + TakeOpenSslError(ec.message()));
  }
  if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
    return Fail(Code::kInvalidArgument, "TLS private key '" + files.key.string() +
                                            "' does not belong to the certificate '" +
                                            files.cert.string() + "'");
  }
  return Ok();
}

Status RequirePinnedClients(ssl::context& context, const TlsFiles& files,
                            std::shared_ptr<const PeerPins> pins) {
  SSL_CTX* native = context.native_handle();
  if (SSL_CTX_load_verify_locations(native, files.ca_cert.c_str(), nullptr) != 1) {
    return Fail(Code::kInvalidArgument,
                "TLS CA certificate '" + files.ca_cert.string() +
                    "' cannot be used: " + TakeOpenSslError("not a PEM certificate"));
  }
  // Tell clients which CA to present a certificate from.
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(files.ca_cert.c_str());
  if (names != nullptr) SSL_CTX_set_client_CA_list(native, names);
  ERR_clear_error();

  boost::system::error_code ec;
  context.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, ec);
  if (!ec) {
    // OpenSSL has checked the chain up to the CA (`preverified`); the leaf must also be pinned.
    context.set_verify_callback(
        [pins = std::move(pins)](bool preverified, ssl::verify_context& verify) {
          X509_STORE_CTX* store = verify.native_handle();
          if (!preverified) return false;
          if (X509_STORE_CTX_get_error_depth(store) != 0) return true;
          const std::string fingerprint = FingerprintOf(X509_STORE_CTX_get_current_cert(store));
          if (fingerprint.empty() || !pins->PartyFor(fingerprint)) {
            X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
            return false;
          }
          return true;
        },
        ec);
  }
  if (ec) {
    return Fail(Code::kInternal, "cannot set up client certificate checks: " + ec.message());
  }
  return Ok();
}

}  // namespace

Result<std::shared_ptr<ssl::context>> MakeServerContext(const TlsFiles& files,
                                                        ClientAuth client_auth,
                                                        std::shared_ptr<const PeerPins> pins) {
  if (Status ok = CheckTlsFiles(files); !ok) return tl::unexpected(ok.error());
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  if (Status ok = RestrictToTls13(context->native_handle()); !ok) {
    return tl::unexpected(ok.error());
  }
  if (Status ok = LoadIdentity(*context, files); !ok) return tl::unexpected(ok.error());
  if (client_auth == ClientAuth::kRequiredPinned) {
    if (!pins) return Fail(Code::kInvalidArgument, "a peer listener needs the peer pins");
    if (Status ok = RequirePinnedClients(*context, files, std::move(pins)); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  return context;
}

}  // namespace tandem::node::net::internal
