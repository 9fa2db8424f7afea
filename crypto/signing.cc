#include "crypto/signing.h"

#include <sodium.h>

#include <utility>

#include "crypto/internal/hex.h"

namespace tandem::crypto {

static_assert(crypto_sign_PUBLICKEYBYTES == kEd25519PublicKeySize);
static_assert(crypto_sign_BYTES == kEd25519SignatureSize);
static_assert(crypto_sign_SEEDBYTES == kEd25519SeedSize);

// ---- VerifyingKey ----

Result<VerifyingKey> VerifyingKey::FromBytes(std::span<const std::uint8_t> bytes) {
  if (auto s = InitSodium(); !s) return tl::unexpected(s.error());
  if (bytes.size() != kEd25519PublicKeySize) {
    return Fail(Code::kInvalidArgument,
                "an Ed25519 public key is 32 bytes, not " + std::to_string(bytes.size()));
  }
  if (crypto_core_ed25519_is_valid_point(bytes.data()) != 1) {
    return Fail(Code::kInvalidArgument,
                "the Ed25519 public key is not a valid point of the prime-order subgroup");
  }
  VerifyingKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  return key;
}

Result<VerifyingKey> VerifyingKey::FromHex(std::string_view hex) {
  auto bytes = internal::DecodeHex(hex, "Ed25519 public key");
  if (!bytes) return tl::unexpected(bytes.error());
  return FromBytes(*bytes);
}

std::string VerifyingKey::Hex() const { return internal::EncodeHex(bytes_); }

Status VerifyingKey::Verify(std::span<const std::uint8_t> message,
                            std::span<const std::uint8_t> signature) const {
  if (signature.size() != kEd25519SignatureSize) {
    return Fail(Code::kInvalidArgument,
                "an Ed25519 signature is 64 bytes, not " + std::to_string(signature.size()));
  }
  if (crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                  bytes_.data()) != 0) {
    return Fail(Code::kUnauthenticated, "the signature does not verify under key " + Hex());
  }
  return Ok();
}

// ---- SigningKey ----

Result<SigningKey> SigningKey::Generate() {
  auto seed = SecretBytes::Random(kEd25519SeedSize);
  if (!seed) return tl::unexpected(seed.error());
  return FromSeed(*seed);
}

Result<SigningKey> SigningKey::FromSeed(const SecretBytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return Fail(Code::kInvalidArgument,
                "an Ed25519 seed is 32 bytes, not " + std::to_string(seed.size()));
  }
  auto secret_key = SecretBytes::Zeroed(crypto_sign_SECRETKEYBYTES);
  if (!secret_key) return tl::unexpected(secret_key.error());
  std::array<std::uint8_t, kEd25519PublicKeySize> public_key{};
  if (crypto_sign_seed_keypair(public_key.data(), secret_key->data(), seed.data()) != 0) {
    return Fail(Code::kInternal, "libsodium could not derive an Ed25519 key pair");
  }
  auto verifying_key = VerifyingKey::FromBytes(public_key);
  if (!verifying_key) return tl::unexpected(verifying_key.error());
  return SigningKey(std::move(*secret_key), *verifying_key);
}

Ed25519Signature SigningKey::Sign(std::span<const std::uint8_t> message) const {
  Ed25519Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key_.data());
  return signature;
}

Result<SecretBytes> SigningKey::ExportSeed() const {
  auto seed = SecretBytes::Zeroed(kEd25519SeedSize);
  if (!seed) return seed;
  if (crypto_sign_ed25519_sk_to_seed(seed->data(), secret_key_.data()) != 0) {
    return Fail(Code::kInternal, "libsodium could not extract the Ed25519 seed");
  }
  return seed;
}

}  // namespace tandem::crypto
