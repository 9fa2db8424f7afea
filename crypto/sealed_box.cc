#include "crypto/sealed_box.h"

#include <sodium.h>

#include <array>
#include <string>

namespace tandem::crypto {

static_assert(crypto_box_SEALBYTES == kSealedBoxOverhead);

namespace {

Result<std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES>> X25519Public(const VerifyingKey& key) {
  std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES> out{};
  if (crypto_sign_ed25519_pk_to_curve25519(out.data(), key.bytes().data()) != 0) {
    return Fail(Code::kInvalidArgument, "the Ed25519 key " + key.Hex() + " has no X25519 form");
  }
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> SealTo(const VerifyingKey& recipient,
                                         std::span<const std::uint8_t> secret) {
  if (auto s = InitSodium(); !s) return tl::unexpected(s.error());
  auto public_key = X25519Public(recipient);
  if (!public_key) return tl::unexpected(public_key.error());
  std::vector<std::uint8_t> box(secret.size() + kSealedBoxOverhead);
  if (crypto_box_seal(box.data(), secret.data(), secret.size(), public_key->data()) != 0) {
    return Fail(Code::kInternal, "sealing failed");
  }
  return box;
}

Result<SecretBytes> OpenSealed(const SigningKey& key, std::span<const std::uint8_t> box) {
  if (auto s = InitSodium(); !s) return tl::unexpected(s.error());
  if (box.size() < kSealedBoxOverhead) {
    return Fail(Code::kInvalidArgument, "a sealed box is at least " +
                                            std::to_string(kSealedBoxOverhead) + " bytes, not " +
                                            std::to_string(box.size()));
  }
  auto public_key = X25519Public(key.verifying_key());
  if (!public_key) return tl::unexpected(public_key.error());
  // The X25519 secret is derived from the Ed25519 seed in secure memory and wiped with it.
  auto seed = key.ExportSeed();
  if (!seed) return tl::unexpected(seed.error());
  auto ed_secret = SecretBytes::Zeroed(crypto_sign_SECRETKEYBYTES);
  auto x_secret = SecretBytes::Zeroed(crypto_box_SECRETKEYBYTES);
  auto plain = SecretBytes::Zeroed(box.size() - kSealedBoxOverhead);
  if (!ed_secret) return tl::unexpected(ed_secret.error());
  if (!x_secret) return tl::unexpected(x_secret.error());
  if (!plain) return tl::unexpected(plain.error());
  std::array<std::uint8_t, crypto_sign_PUBLICKEYBYTES> ed_public{};
  if (crypto_sign_seed_keypair(ed_public.data(), ed_secret->data(), seed->data()) != 0 ||
      crypto_sign_ed25519_sk_to_curve25519(x_secret->data(), ed_secret->data()) != 0) {
    return Fail(Code::kInternal, "deriving the X25519 key failed");
  }
  if (crypto_box_seal_open(plain->data(), box.data(), box.size(), public_key->data(),
                           x_secret->data()) != 0) {
    return Fail(Code::kUnauthenticated,
                "the sealed box does not open under this key (sealed to another node, or altered)");
  }
  return std::move(*plain);
}

}  // namespace tandem::crypto
