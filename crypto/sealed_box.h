// Anonymous public-key encryption of a small secret to a node, under the Ed25519 identity key
// the ISA lists for it (libsodium's crypto_box_seal: X25519 with an ephemeral sender key,
// XSalsa20-Poly1305). The Ed25519 keys are mapped to their X25519 forms
// (crypto_sign_ed25519_pk_to_curve25519 / _sk_to_curve25519), so no second key has to be
// distributed; docs/threat-model.md says why that reuse is acceptable here. The sender is not
// authenticated by the box: whoever needs that signs the sealed bytes.
//
// Used to carry sub-shares of an OPRF share refresh from one holder to another over any
// channel. Errors: kInvalidArgument for a recipient key without an X25519 form or a box of the
// wrong size; kUnauthenticated when a box does not open under the key (wrong recipient or
// altered bytes); kInternal when secure memory runs out. Free functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "crypto/signing.h"

namespace tandem::crypto {

// Bytes a box adds to its plaintext (ephemeral public key and MAC).
inline constexpr std::size_t kSealedBoxOverhead = 48;

// `secret` sealed so that only the holder of `recipient`'s signing key can open it.
Result<std::vector<std::uint8_t>> SealTo(const VerifyingKey& recipient,
                                         std::span<const std::uint8_t> secret);

// The plaintext of a box sealed to `key`'s verifying key, in secure memory.
Result<SecretBytes> OpenSealed(const SigningKey& key, std::span<const std::uint8_t> box);

}  // namespace tandem::crypto
