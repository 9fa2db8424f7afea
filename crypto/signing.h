// Ed25519 identity keys (RFC 8032, libsodium crypto_sign): each node signs its envelopes and
// audit checkpoints with one; the ISA lists every party's public key.
//
// SigningKey holds the secret in SecretBytes and serialises it only into SecretBytes (the
// 32-byte seed). VerifyingKey is public: bytes, hex, and Verify. Errors: kInvalidArgument for
// malformed keys or signatures of the wrong length; kUnauthenticated when a signature does not
// verify; kInternal when secure memory runs out. Thread-compatible; const methods may run
// concurrently.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto {

inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;
inline constexpr std::size_t kEd25519SeedSize = 32;

using Ed25519Signature = std::array<std::uint8_t, kEd25519SignatureSize>;

class VerifyingKey {
 public:
  // 32 bytes that encode a valid Ed25519 point of the prime-order subgroup (not of small
  // order); kInvalidArgument otherwise.
  static Result<VerifyingKey> FromBytes(std::span<const std::uint8_t> bytes);
  // 64 hex digits; kInvalidArgument otherwise.
  static Result<VerifyingKey> FromHex(std::string_view hex);

  const std::array<std::uint8_t, kEd25519PublicKeySize>& bytes() const { return bytes_; }
  std::string Hex() const;

  // Success when `signature` is a valid Ed25519 signature of `message` by this key.
  // kInvalidArgument when the signature is not 64 bytes; kUnauthenticated otherwise.
  Status Verify(std::span<const std::uint8_t> message,
                std::span<const std::uint8_t> signature) const;

  bool operator==(const VerifyingKey&) const = default;

 private:
  VerifyingKey() = default;
  std::array<std::uint8_t, kEd25519PublicKeySize> bytes_{};
};

class SigningKey {
 public:
  // A fresh key pair from the OS CSPRNG.
  static Result<SigningKey> Generate();
  // The key pair of a 32-byte seed (the form ExportSeed writes). kInvalidArgument otherwise.
  static Result<SigningKey> FromSeed(const SecretBytes& seed);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;

  const VerifyingKey& verifying_key() const { return verifying_key_; }

  // The detached signature of `message` (deterministic, as Ed25519 is).
  Ed25519Signature Sign(std::span<const std::uint8_t> message) const;

  // The 32-byte seed, for keeping the key (encrypted) in the node's store.
  Result<SecretBytes> ExportSeed() const;

 private:
  SigningKey(SecretBytes secret_key, const VerifyingKey& verifying_key)
      : secret_key_(std::move(secret_key)), verifying_key_(verifying_key) {}

  SecretBytes secret_key_;  // libsodium's 64-byte form: seed || public key
  VerifyingKey verifying_key_;
};

}  // namespace tandem::crypto
