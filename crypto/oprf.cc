#include "crypto/oprf.h"

#include <sodium.h>

#include <string>

#include "crypto/internal/dleq.h"
#include "crypto/internal/evaluation.h"
#include "crypto/internal/ristretto.h"

namespace tandem::crypto {
namespace {

using internal::Element;
using internal::kScalarBytes;

constexpr std::uint8_t ModeByte(OprfMode mode) { return static_cast<std::uint8_t>(mode); }

// kInvalidArgument unless `secret` is a canonical, non-zero 32-byte scalar.
Status CheckSecretScalar(const SecretBytes& secret, std::string_view what) {
  if (secret.size() != kScalarBytes) {
    return Fail(Code::kInvalidArgument, std::string(what) + " is " + std::to_string(secret.size()) +
                                            " bytes; a ristretto255 scalar is 32");
  }
  if (!internal::IsCanonicalScalar(internal::ScalarView(secret))) {
    return Fail(Code::kInvalidArgument,
                std::string(what) + " is not a canonical scalar (it is not below the group order)");
  }
  if (internal::IsZeroScalar(internal::ScalarView(secret))) {
    return Fail(Code::kInvalidArgument, std::string(what) + " is zero");
  }
  return Ok();
}

Status CheckElement(const OprfElement& element, std::string_view what) {
  if (auto e = internal::DeserializeElement(element, what); !e) return tl::unexpected(e.error());
  return Ok();
}

}  // namespace

Result<OprfElement> ParseOprfElement(std::span<const std::uint8_t> bytes) {
  return internal::DeserializeElement(bytes, "element");
}

Result<OprfProof> ParseOprfProof(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kOprfProofSize) {
    return Fail(Code::kInvalidArgument, "a proof is 64 bytes, not " + std::to_string(bytes.size()));
  }
  OprfProof proof{};
  std::copy(bytes.begin(), bytes.end(), proof.begin());
  const std::span<const std::uint8_t, kScalarBytes> c(proof.data(), kScalarBytes);
  const std::span<const std::uint8_t, kScalarBytes> s(proof.data() + kScalarBytes, kScalarBytes);
  if (!internal::IsCanonicalScalar(c) || !internal::IsCanonicalScalar(s)) {
    return Fail(Code::kInvalidArgument, "the proof holds a scalar that is not canonical");
  }
  return proof;
}

// ---- OprfKey ----

Result<OprfKey> OprfKey::Generate() {
  auto scalar = internal::NewSecretScalar();
  if (!scalar) return tl::unexpected(scalar.error());
  const Element public_key = internal::BaseMult(internal::ScalarView(*scalar));
  return OprfKey(std::move(*scalar), public_key);
}

Result<OprfKey> OprfKey::Derive(OprfMode mode, std::span<const std::uint8_t> seed,
                                std::span<const std::uint8_t> info) {
  if (seed.empty()) return Fail(Code::kInvalidArgument, "DeriveKeyPair needs a non-empty seed");
  if (info.size() > 0xffff) {
    return Fail(Code::kInvalidArgument, "DeriveKeyPair info is over 65535 bytes");
  }
  auto scalar = internal::ZeroSecretScalar();
  if (!scalar) return tl::unexpected(scalar.error());
  const auto dst = internal::Dst("DeriveKeyPair", ModeByte(mode));
  const std::array<std::uint8_t, 2> info_len = {static_cast<std::uint8_t>(info.size() >> 8),
                                                static_cast<std::uint8_t>(info.size() & 0xff)};
  // deriveInput = seed || I2OSP(len(info), 2) || info; try counters 0..255 until non-zero.
  for (unsigned counter = 0; counter <= 255; ++counter) {
    const auto c = static_cast<std::uint8_t>(counter);
    internal::HashToScalar({seed, info_len, info, {&c, 1}}, dst, internal::ScalarSpan(*scalar));
    if (!internal::IsZeroScalar(internal::ScalarView(*scalar))) {
      const Element public_key = internal::BaseMult(internal::ScalarView(*scalar));
      return OprfKey(std::move(*scalar), public_key);
    }
  }
  return Fail(Code::kInternal, "DeriveKeyPair found no non-zero scalar in 256 tries");
}

Result<OprfKey> OprfKey::FromSecret(const SecretBytes& secret) {
  if (auto s = CheckSecretScalar(secret, "the OPRF key"); !s) return tl::unexpected(s.error());
  auto scalar = SecretBytes::Copy(secret.view());
  if (!scalar) return tl::unexpected(scalar.error());
  const Element public_key = internal::BaseMult(internal::ScalarView(*scalar));
  return OprfKey(std::move(*scalar), public_key);
}

Result<SecretBytes> OprfKey::ExportSecret() const { return SecretBytes::Copy(scalar_.view()); }

Result<OprfElement> OprfKey::BlindEvaluate(const OprfElement& blinded) const {
  if (auto s = CheckElement(blinded, "the blinded element"); !s) return tl::unexpected(s.error());
  return internal::Mult(internal::ScalarView(scalar_), blinded);
}

Result<VerifiableEvaluation> OprfKey::BlindEvaluateWithProof(
    std::span<const OprfElement> blinded) const {
  return internal::EvaluateWithProof(scalar_, public_key_, blinded, nullptr);
}

Result<VerifiableEvaluation> OprfKey::BlindEvaluateWithProof(
    std::span<const OprfElement> blinded, const SecretBytes& proof_scalar) const {
  return internal::EvaluateWithProof(scalar_, public_key_, blinded, &proof_scalar);
}

Result<OprfOutput> OprfKey::Evaluate(OprfMode mode, std::span<const std::uint8_t> input) const {
  if (auto s = internal::CheckInputSize(input); !s) return tl::unexpected(s.error());
  const auto dst = internal::Dst("HashToGroup-", ModeByte(mode));
  const Element input_element = internal::HashToGroup({input}, dst);
  if (internal::IsIdentity(input_element)) {
    return Fail(Code::kInvalidArgument, "the input maps to the identity element");
  }
  return internal::FinalizeHash(input,
                                internal::Mult(internal::ScalarView(scalar_), input_element));
}

// ---- OprfClient ----

Result<BlindedInput> OprfClient::Blind(std::span<const std::uint8_t> input) const {
  auto blind = internal::NewSecretScalar();
  if (!blind) return tl::unexpected(blind.error());
  return BlindOwned(input, std::move(*blind));
}

Result<BlindedInput> OprfClient::Blind(std::span<const std::uint8_t> input,
                                       const SecretBytes& blind) const {
  if (auto s = CheckSecretScalar(blind, "the blind"); !s) return tl::unexpected(s.error());
  auto kept = SecretBytes::Copy(blind.view());
  if (!kept) return tl::unexpected(kept.error());
  return BlindOwned(input, std::move(*kept));
}

Result<BlindedInput> OprfClient::BlindOwned(std::span<const std::uint8_t> input,
                                            SecretBytes blind) const {
  if (auto s = internal::CheckInputSize(input); !s) return tl::unexpected(s.error());
  const auto dst = internal::Dst("HashToGroup-", ModeByte(mode_));
  const Element input_element = internal::HashToGroup({input}, dst);
  if (internal::IsIdentity(input_element)) {
    return Fail(Code::kInvalidArgument, "the input maps to the identity element");
  }
  BlindedInput out;
  out.blinded_element = internal::Mult(internal::ScalarView(blind), input_element);
  out.blind = std::move(blind);
  return out;
}

Result<OprfOutput> OprfClient::Finalize(std::span<const std::uint8_t> input,
                                        const BlindedInput& blinded,
                                        const OprfElement& evaluated) const {
  if (auto s = internal::CheckInputSize(input); !s) return tl::unexpected(s.error());
  if (auto s = CheckElement(evaluated, "the evaluated element"); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = CheckSecretScalar(blinded.blind, "the blind"); !s) return tl::unexpected(s.error());
  internal::ScratchScalar inverse;
  if (crypto_core_ristretto255_scalar_invert(inverse.data(), blinded.blind.data()) != 0) {
    return Fail(Code::kInvalidArgument, "the blind has no inverse");
  }
  return internal::FinalizeHash(input, internal::Mult(inverse.view(), evaluated));
}

Result<BlindedBatch> OprfClient::BlindBatch(
    std::span<const std::span<const std::uint8_t>> inputs) const {
  if (inputs.empty() || inputs.size() > 0xffff) {
    return Fail(Code::kInvalidArgument,
                "a batch holds 1..65535 inputs, not " + std::to_string(inputs.size()));
  }
  auto blinds = SecretBytes::Zeroed(inputs.size() * kScalarBytes);
  if (!blinds) return tl::unexpected(blinds.error());
  const auto dst = internal::Dst("HashToGroup-", ModeByte(mode_));
  BlindedBatch batch;
  batch.elements_.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (auto s = internal::CheckInputSize(inputs[i]); !s) return tl::unexpected(s.error());
    const Element input_element = internal::HashToGroup({inputs[i]}, dst);
    if (internal::IsIdentity(input_element)) {
      return Fail(Code::kInvalidArgument,
                  "input " + std::to_string(i + 1) + " maps to the identity element");
    }
    std::uint8_t* blind = blinds->data() + i * kScalarBytes;
    crypto_core_ristretto255_scalar_random(blind);
    batch.elements_.push_back(internal::Mult(
        std::span<const std::uint8_t, kScalarBytes>(blind, kScalarBytes), input_element));
  }
  batch.blinds_ = std::move(*blinds);
  return batch;
}

Result<std::vector<OprfOutput>> OprfClient::FinalizeBatch(
    std::span<const std::span<const std::uint8_t>> inputs, const BlindedBatch& batch,
    std::span<const OprfElement> evaluated) const {
  if (inputs.size() != batch.size() || evaluated.size() != batch.size()) {
    return Fail(Code::kInvalidArgument,
                std::to_string(inputs.size()) + " inputs and " + std::to_string(evaluated.size()) +
                    " evaluated elements for a batch of " + std::to_string(batch.size()));
  }
  if (auto s = internal::CheckElements(evaluated, "evaluated element"); !s) {
    return tl::unexpected(s.error());
  }
  std::vector<OprfOutput> outputs;
  outputs.reserve(inputs.size());
  internal::ScratchScalar inverse;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (auto s = internal::CheckInputSize(inputs[i]); !s) return tl::unexpected(s.error());
    if (crypto_core_ristretto255_scalar_invert(inverse.data(),
                                               batch.blinds_.data() + i * kScalarBytes) != 0) {
      return Fail(Code::kInvalidArgument, "a blind of the batch has no inverse");
    }
    outputs.push_back(
        internal::FinalizeHash(inputs[i], internal::Mult(inverse.view(), evaluated[i])));
  }
  return outputs;
}

Result<std::vector<OprfOutput>> OprfClient::Finalize(
    std::span<const std::span<const std::uint8_t>> inputs, std::span<const BlindedInput> blinded,
    const VerifiableEvaluation& evaluation, const OprfElement& public_key) const {
  if (mode_ != OprfMode::kVoprf) {
    return Fail(Code::kInvalidArgument, "only a VOPRF-mode client verifies proofs");
  }
  if (inputs.size() != blinded.size() || blinded.size() != evaluation.evaluated.size()) {
    return Fail(Code::kInvalidArgument,
                std::to_string(inputs.size()) + " inputs, " + std::to_string(blinded.size()) +
                    " blinded inputs and " + std::to_string(evaluation.evaluated.size()) +
                    " evaluated elements; they must pair up");
  }
  if (auto s = CheckElement(public_key, "the public key"); !s) return tl::unexpected(s.error());
  std::vector<Element> blinded_elements;
  blinded_elements.reserve(blinded.size());
  for (const auto& b : blinded) blinded_elements.push_back(b.blinded_element);
  if (auto s = internal::CheckElements(evaluation.evaluated, "evaluated element"); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = internal::VerifyProof(
          internal::kModeVoprf,
          {internal::Generator(), public_key, blinded_elements, evaluation.evaluated},
          evaluation.proof);
      !s) {
    return tl::unexpected(s.error());
  }
  std::vector<OprfOutput> outputs;
  outputs.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    auto out = Finalize(inputs[i], blinded[i], evaluation.evaluated[i]);
    if (!out) return tl::unexpected(out.error());
    outputs.push_back(*out);
  }
  return outputs;
}

}  // namespace tandem::crypto
