// Oblivious pseudorandom functions: RFC 9497 in OPRF mode (0x00) and VOPRF mode (0x01) for the
// suite ristretto255-SHA512, on libsodium. A client blinds its input, a key holder evaluates
// the blinded element without learning the input, and the client unblinds and hashes the
// result into a 64-byte output equal to Evaluate(key, input). In VOPRF mode the key holder
// also returns a (batched) DLEQ proof that it used the key behind its public key.
//
// Tandem's tokens are OPRF-mode outputs: token = Finalize(key type || normalised value).
// The partnership key is never held whole in operation (see threshold_oprf.h); OprfKey is
// used for tests, known-answer vectors and the `tandem oprf evaluate` command.
//
// Errors: kInvalidArgument for bad input (an element that is not a canonical non-identity
// ristretto255 encoding, a non-canonical or zero scalar, an input over 65535 bytes, batch
// lists of different lengths); kUnauthenticated when a proof does not verify; kInternal when
// secure memory cannot be had. Secrets (keys, blinds) live only in SecretBytes.
// Thread-safety: every type is thread-compatible; const methods may run concurrently.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto {

enum class OprfMode : std::uint8_t { kOprf = 0x00, kVoprf = 0x01 };

inline constexpr std::size_t kOprfElementSize = 32;  // Ne
inline constexpr std::size_t kOprfScalarSize = 32;   // Ns
inline constexpr std::size_t kOprfOutputSize = 64;   // Nh
inline constexpr std::size_t kOprfProofSize = 64;    // c || s
inline constexpr std::size_t kOprfMaxInputSize = 0xffff;

// A serialised ristretto255 element. Public: blinded and evaluated elements, public keys.
using OprfElement = std::array<std::uint8_t, kOprfElementSize>;
// The protocol output (Finalize). Secret-ish: it is the pseudonymous token.
using OprfOutput = std::array<std::uint8_t, kOprfOutputSize>;
// A DLEQ proof: two serialised scalars c || s.
using OprfProof = std::array<std::uint8_t, kOprfProofSize>;

// An element from the wire: kInvalidArgument unless `bytes` is 32 bytes, canonical and not
// the identity.
Result<OprfElement> ParseOprfElement(std::span<const std::uint8_t> bytes);

// A proof from the wire: kInvalidArgument unless 64 bytes holding two canonical scalars.
Result<OprfProof> ParseOprfProof(std::span<const std::uint8_t> bytes);

// BlindEvaluate's answer in VOPRF mode: one evaluated element per blinded element, in order,
// and one proof for the whole batch.
struct VerifiableEvaluation {
  std::vector<OprfElement> evaluated;
  OprfProof proof{};
};

// A private key skS (a non-zero scalar in secure memory) with its public key pkS = skS*G.
// Move-only; the scalar is wiped when the key goes away.
class OprfKey {
 public:
  // A fresh key from the CSPRNG (GenerateKeyPair).
  static Result<OprfKey> Generate();
  // DeriveKeyPair(seed, info) for `mode` (RFC 9497 3.2.1). The seed should carry 32 bytes of
  // entropy. kInvalidArgument when seed is empty or info is over 65535 bytes.
  static Result<OprfKey> Derive(OprfMode mode, std::span<const std::uint8_t> seed,
                                std::span<const std::uint8_t> info);
  // A key from its 32-byte little-endian scalar. kInvalidArgument unless the scalar is
  // canonical and not zero.
  static Result<OprfKey> FromSecret(const SecretBytes& secret);

  OprfKey(OprfKey&&) noexcept = default;
  OprfKey& operator=(OprfKey&&) noexcept = default;
  OprfKey(const OprfKey&) = delete;
  OprfKey& operator=(const OprfKey&) = delete;

  const OprfElement& public_key() const { return public_key_; }

  // The 32-byte scalar, for storing the key (encrypted) in a node's store.
  Result<SecretBytes> ExportSecret() const;

  // OPRF-mode BlindEvaluate: skS * blindedElement.
  Result<OprfElement> BlindEvaluate(const OprfElement& blinded) const;

  // VOPRF-mode BlindEvaluate over a batch, with one proof for all of it. kInvalidArgument when
  // `blinded` is empty, longer than 65535 or holds an invalid element.
  Result<VerifiableEvaluation> BlindEvaluateWithProof(std::span<const OprfElement> blinded) const;
  // The same with the proof's random scalar given: deterministic, for known-answer tests only.
  Result<VerifiableEvaluation> BlindEvaluateWithProof(std::span<const OprfElement> blinded,
                                                      const SecretBytes& proof_scalar) const;

  // Evaluate(skS, input): the PRF computed directly by a holder of the whole key.
  Result<OprfOutput> Evaluate(OprfMode mode, std::span<const std::uint8_t> input) const;

 private:
  OprfKey(SecretBytes scalar, const OprfElement& public_key)
      : scalar_(std::move(scalar)), public_key_(public_key) {}

  SecretBytes scalar_;
  OprfElement public_key_{};
};

// The client's state between Blind and Finalize: the secret blind and the element to send.
// Move-only; the blind is wiped when it goes away.
struct BlindedInput {
  SecretBytes blind;
  OprfElement blinded_element{};
};

// The client's state for a batch (a referral's match keys, an import's records): every blind
// in one secure allocation, and the blinded elements to send, in input order. Move-only.
class BlindedBatch {
 public:
  std::size_t size() const { return elements_.size(); }
  const std::vector<OprfElement>& elements() const { return elements_; }

 private:
  friend class OprfClient;
  SecretBytes blinds_;  // 32 bytes per input
  std::vector<OprfElement> elements_;
};

// The client side of one mode. Cheap to copy; holds no secrets.
class OprfClient {
 public:
  explicit OprfClient(OprfMode mode) : mode_(mode) {}
  OprfMode mode() const { return mode_; }

  // Blind(input) with a fresh random blind.
  Result<BlindedInput> Blind(std::span<const std::uint8_t> input) const;
  // Blind(input) with the blind given (32-byte canonical non-zero scalar): deterministic, for
  // known-answer tests.
  Result<BlindedInput> Blind(std::span<const std::uint8_t> input, const SecretBytes& blind) const;

  // Blind for every input with fresh blinds. kInvalidArgument when `inputs` is empty, over
  // 65535 long, or holds an input over 65535 bytes.
  Result<BlindedBatch> BlindBatch(std::span<const std::span<const std::uint8_t>> inputs) const;

  // OPRF-mode Finalize for a batch: evaluated[i] belongs to inputs[i] (same order and length as
  // the batch). The last step of the threshold protocol, after CombinePartialEvaluations.
  Result<std::vector<OprfOutput>> FinalizeBatch(
      std::span<const std::span<const std::uint8_t>> inputs, const BlindedBatch& batch,
      std::span<const OprfElement> evaluated) const;

  // OPRF-mode Finalize: unblinds `evaluated` and hashes it with the input. Also the last step
  // of the threshold protocol, after CombinePartialEvaluations.
  Result<OprfOutput> Finalize(std::span<const std::uint8_t> input, const BlindedInput& blinded,
                              const OprfElement& evaluated) const;

  // VOPRF-mode Finalize over a batch: verifies the proof against `public_key` for every
  // (blinded, evaluated) pair first, then finalises each input. kUnauthenticated when the
  // proof fails; kInvalidArgument when this client is not in VOPRF mode or the lists differ
  // in length.
  Result<std::vector<OprfOutput>> Finalize(std::span<const std::span<const std::uint8_t>> inputs,
                                           std::span<const BlindedInput> blinded,
                                           const VerifiableEvaluation& evaluation,
                                           const OprfElement& public_key) const;

 private:
  Result<BlindedInput> BlindOwned(std::span<const std::uint8_t> input, SecretBytes blind) const;

  OprfMode mode_;
};

}  // namespace tandem::crypto
