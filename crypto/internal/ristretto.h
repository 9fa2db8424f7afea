// The ristretto255 group and its scalar field as RFC 9497's ristretto255-SHA512 suite uses
// them, on libsodium's crypto_core_ristretto255 and crypto_scalarmult_ristretto255.
// Elements are handled in their 32-byte canonical encoding. Every element that arrives from
// outside goes through DeserializeElement; the arithmetic below assumes valid encodings and
// treats anything else as a broken invariant. Secret scalars stay in SecretBytes or
// caller-owned memory that the caller wipes. Thread-safe (no shared state but the operation
// counters, which are relaxed atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/internal/expand_message.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {

inline constexpr std::size_t kElementBytes = 32;  // Ne
inline constexpr std::size_t kScalarBytes = 32;   // Ns
inline constexpr std::size_t kHashBytes = 64;     // Nh (SHA-512)

using Element = std::array<std::uint8_t, kElementBytes>;
using Scalar = std::array<std::uint8_t, kScalarBytes>;  // public scalars only

inline constexpr std::uint8_t kModeOprf = 0x00;
inline constexpr std::uint8_t kModeVoprf = 0x01;

// contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || "ristretto255-SHA512".
std::vector<std::uint8_t> ContextString(std::uint8_t mode);

// prefix || contextString, e.g. "HashToGroup-" || contextString.
std::vector<std::uint8_t> Dst(std::string_view prefix, std::uint8_t mode);

// hash_to_ristretto255 (RFC 9380): expand_message_xmd to 64 bytes, then the ristretto255
// one-way map (crypto_core_ristretto255_from_hash).
Element HashToGroup(ByteParts msg, std::span<const std::uint8_t> dst);

// expand_message_xmd to 64 bytes read as a little-endian integer, reduced mod the group order.
// Writes 32 bytes to `out`, which may be secure memory; the wide buffer is wiped.
void HashToScalar(ByteParts msg, std::span<const std::uint8_t> dst,
                  std::span<std::uint8_t, kScalarBytes> out);

// The group's generator G (the ristretto255 base point).
const Element& Generator();

// The identity element encodes as 32 zero bytes.
bool IsIdentity(const Element& element);

// A canonical, non-identity ristretto255 element. kInvalidArgument otherwise, naming `what`.
Result<Element> DeserializeElement(std::span<const std::uint8_t> bytes, std::string_view what);

// True when 32 little-endian bytes are below the group order (constant time).
bool IsCanonicalScalar(std::span<const std::uint8_t, kScalarBytes> scalar);
bool IsZeroScalar(std::span<const std::uint8_t, kScalarBytes> scalar);

// scalar * element and scalar * G. The identity may come out (a zero scalar); both run in
// constant time in the scalar (libsodium's ladder).
Element Mult(std::span<const std::uint8_t, kScalarBytes> scalar, const Element& element);
Element BaseMult(std::span<const std::uint8_t, kScalarBytes> scalar);
Element Add(const Element& a, const Element& b);

// Small integers as scalars (Shamir x coordinates).
Scalar ScalarFromUint(std::uint32_t value);

// Counts of the group operations performed since start, for the benchmark's honest tally.
struct GroupOpCounts {
  std::uint64_t mult = 0;       // variable-base scalar multiplications
  std::uint64_t base_mult = 0;  // fixed-base scalar multiplications
  std::uint64_t add = 0;        // element additions
  std::uint64_t hash_to_group = 0;
  std::uint64_t msm = 0;        // variable-time multi-scalar multiplications (msm.h)
  std::uint64_t msm_terms = 0;  // their terms, summed
};
GroupOpCounts ReadGroupOpCounts();
void RecordMultiScalarMult(std::size_t terms);  // msm.h counts itself here

// A secret scalar that lives only inside one operation (a proof's nonce, c*k, a blind's
// inverse): on the stack and wiped when it goes out of scope. Long-lived secrets (keys, shares,
// blinds kept between Blind and Finalize) live in SecretBytes instead; a SecretBytes allocation
// (mmap, guard pages, mlock) costs about three scalar multiplications, which would dominate
// the protocol's cost if every temporary paid it.
class ScratchScalar {
 public:
  ScratchScalar() { bytes_.fill(0); }
  ~ScratchScalar();
  ScratchScalar(const ScratchScalar&) = delete;
  ScratchScalar& operator=(const ScratchScalar&) = delete;
  std::uint8_t* data() { return bytes_.data(); }
  std::span<const std::uint8_t, kScalarBytes> view() const { return bytes_; }
  std::span<std::uint8_t, kScalarBytes> span() { return bytes_; }

 private:
  Scalar bytes_;
};

// A 32-byte scalar in secure memory (for secrets: keys, shares, blinds).
Result<SecretBytes> NewSecretScalar();   // uniform in [1, order-1]
Result<SecretBytes> ZeroSecretScalar();  // 0, to be filled in

inline std::span<const std::uint8_t, kScalarBytes> ScalarView(const SecretBytes& s) {
  return std::span<const std::uint8_t, kScalarBytes>(s.data(), kScalarBytes);
}
inline std::span<std::uint8_t, kScalarBytes> ScalarSpan(SecretBytes& s) {
  return std::span<std::uint8_t, kScalarBytes>(s.data(), kScalarBytes);
}

}  // namespace tandem::crypto::internal
