#include "node/net/internal/openssl_util.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <array>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace tandem::node::net::internal {

std::string FingerprintOf(const X509* cert) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (cert == nullptr || X509_digest(cert, EVP_sha256(), digest.data(), &length) != 1 ||
      length != 32) {
    ERR_clear_error();
    return "";
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(std::size_t{2} * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

bool IsFingerprint(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string TakeOpenSslError(std::string_view fallback) {
  unsigned long code = ERR_get_error();  // NOLINT(google-runtime-int): OpenSSL's type
  ERR_clear_error();
  if (code == 0) return std::string(fallback);
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? std::string(reason) : std::string(fallback);
}

Status CheckTlsFiles(const TlsFiles& files) {
  struct Named {
    const std::filesystem::path* path;
    const char* what;
  };
  const std::array<Named, 3> named = {{{&files.ca_cert, "CA certificate"},
                                       {&files.cert, "certificate"},
                                       {&files.key, "private key"}}};
  for (const Named& file : named) {
    std::error_code ec;
    if (file.path->empty()) {
      return Fail(Code::kInvalidArgument, std::string("no TLS ") + file.what + " file given");
    }
    if (!std::filesystem::is_regular_file(*file.path, ec)) {
      return Fail(Code::kInvalidArgument, std::string("TLS ") + file.what + " file '" +
                                              file.path->string() + "' does not exist");
    }
  }
  std::error_code ec;
  const auto perms = std::filesystem::status(files.key, ec).permissions();
  using std::filesystem::perms;
  if (ec || (perms & (perms::group_all | perms::others_all)) != perms::none) {
    return Fail(Code::kInvalidArgument, "TLS private key '" + files.key.string() +
                                            "' is readable by other users; run chmod 600 on it");
  }
  return Ok();
}

Status RestrictToTls13(SSL_CTX* ctx) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1) {
    return Fail(Code::kInternal,
                "cannot restrict TLS to version 1.3: " + TakeOpenSslError("unknown OpenSSL error"));
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(ctx, 0);
  return Ok();
}

}  // namespace tandem::node::net::internal
