#include "node/net/tls_context.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

#include "node/net/internal/openssl_util.h"

namespace tandem::node::net {

TlsFiles TlsFiles::InDirectory(const std::filesystem::path& dir) {
  return TlsFiles{dir / "ca.crt", dir / "node.crt", dir / "node.key"};
}

Result<std::string> CertificateFingerprint(const std::filesystem::path& pem_cert) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(pem_cert, ec)) {
    return Fail(Code::kNotFound, "certificate file '" + pem_cert.string() + "' does not exist");
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(pem_cert.c_str(), "r"), &BIO_free);
  if (!bio) {
    ERR_clear_error();
    return Fail(Code::kNotFound, "cannot open certificate file '" + pem_cert.string() + "'");
  }
  internal::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    return Fail(Code::kInvalidArgument,
                "'" + pem_cert.string() + "' holds no PEM certificate (BEGIN CERTIFICATE)");
  }
  std::string fingerprint = internal::FingerprintOf(cert.get());
  if (fingerprint.empty()) {
    return Fail(Code::kInternal, "cannot hash the certificate in '" + pem_cert.string() + "'");
  }
  return fingerprint;
}

PeerPins::PeerPins(std::map<std::string, std::string> fingerprint_to_node) {
  Replace(std::move(fingerprint_to_node));
}

void PeerPins::Replace(std::map<std::string, std::string> pins) {
  std::map<std::string, std::string, std::less<>> table(std::make_move_iterator(pins.begin()),
                                                        std::make_move_iterator(pins.end()));
  std::unique_lock lock(mutex_);
  pins_.swap(table);
}

std::optional<std::string> PeerPins::PartyFor(std::string_view fingerprint) const {
  std::shared_lock lock(mutex_);
  auto it = pins_.find(fingerprint);
  if (it == pins_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tandem::node::net
