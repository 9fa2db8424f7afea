#include "crypto/internal/evaluation.h"

#include <sodium.h>

#include <string>

#include "crypto/internal/dleq.h"

namespace tandem::crypto::internal {

Status CheckElements(std::span<const Element> elements, std::string_view what) {
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const std::string name =
        std::string(what) + " " + std::to_string(i + 1) + " of " + std::to_string(elements.size());
    if (auto e = DeserializeElement(elements[i], name); !e) return tl::unexpected(e.error());
  }
  return Ok();
}

Result<VerifiableEvaluation> EvaluateWithProof(const SecretBytes& k, const Element& public_key,
                                               std::span<const Element> blinded,
                                               const SecretBytes* proof_scalar) {
  if (blinded.empty()) return Fail(Code::kInvalidArgument, "no blinded elements to evaluate");
  if (auto s = CheckElements(blinded, "blinded element"); !s) return tl::unexpected(s.error());
  VerifiableEvaluation out;
  out.evaluated.reserve(blinded.size());
  for (const Element& b : blinded) out.evaluated.push_back(Mult(ScalarView(k), b));
  auto proof =
      GenerateProof(kModeVoprf, k, {Generator(), public_key, blinded, out.evaluated}, proof_scalar);
  if (!proof) return tl::unexpected(proof.error());
  out.proof = *proof;
  return out;
}

Status CheckInputSize(std::span<const std::uint8_t> input) {
  if (input.size() > kOprfMaxInputSize) {
    return Fail(Code::kInvalidArgument, "an OPRF input is " + std::to_string(input.size()) +
                                            " bytes; at most 65535 are allowed");
  }
  return Ok();
}

OprfOutput FinalizeHash(std::span<const std::uint8_t> input, const Element& unblinded) {
  const std::array<std::uint8_t, 2> len_input = {static_cast<std::uint8_t>(input.size() >> 8),
                                                 static_cast<std::uint8_t>(input.size() & 0xff)};
  const std::array<std::uint8_t, 2> len_element = {0, kElementBytes};
  static constexpr std::string_view kFinalize = "Finalize";
  crypto_hash_sha512_state state;
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, len_input.data(), len_input.size());
  if (!input.empty()) crypto_hash_sha512_update(&state, input.data(), input.size());
  crypto_hash_sha512_update(&state, len_element.data(), len_element.size());
  crypto_hash_sha512_update(&state, unblinded.data(), unblinded.size());
  crypto_hash_sha512_update(&state, reinterpret_cast<const std::uint8_t*>(kFinalize.data()),
                            kFinalize.size());
  OprfOutput out{};
  crypto_hash_sha512_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

}  // namespace tandem::crypto::internal
