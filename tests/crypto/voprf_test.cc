// RFC 9497 VOPRF mode (ristretto255-SHA512): every Appendix A.1.2 vector including the batch of
// two, proof verification, and tamper tests (a flipped proof byte, a swapped or wrong element,
// the wrong public key).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "crypto/internal/hex.h"
#include "crypto/oprf.h"
#include "tests/crypto/rfc9497_vectors.h"

namespace tandem::crypto {
namespace {

using testing::LoadRfc9497Vectors;
using testing::Secret;

std::string Hex(std::span<const std::uint8_t> bytes) { return internal::EncodeHex(bytes); }

// Joins batch entries back into the vector file's "a,b" form.
template <class T>
std::string JoinHex(const std::vector<T>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + Hex(item);
  return out;
}

// One VOPRF exchange set up from an RFC vector, or from fresh randomness.
struct Exchange {
  std::vector<std::vector<std::uint8_t>> inputs;
  std::vector<BlindedInput> blinded;
  std::vector<OprfElement> blinded_elements;
  std::vector<std::span<const std::uint8_t>> input_views() const {
    return {inputs.begin(), inputs.end()};
  }
};

Exchange BlindAll(const OprfClient& client, std::vector<std::vector<std::uint8_t>> inputs) {
  Exchange x;
  x.inputs = std::move(inputs);
  for (const auto& in : x.inputs) {
    auto b = client.Blind(in);
    EXPECT_TRUE(b);
    x.blinded_elements.push_back(b->blinded_element);
    x.blinded.push_back(std::move(*b));
  }
  return x;
}

TEST(VoprfTest, DeriveKeyPairReproducesRfcKeys) {
  const auto modes = LoadRfc9497Vectors();
  const auto& voprf = modes.at("VOPRF");
  auto key = OprfKey::Derive(OprfMode::kVoprf, voprf.KeyBytes("Seed"), voprf.KeyBytes("KeyInfo"));
  ASSERT_TRUE(key);
  EXPECT_EQ(Hex(key->ExportSecret()->view()), voprf.key.at("skSm"));
  EXPECT_EQ(Hex(key->public_key()), voprf.key.at("pkSm"));
}

TEST(VoprfTest, PassesEveryRfcVectorIncludingTheBatchOfTwo) {
  const auto modes = LoadRfc9497Vectors();
  const auto& voprf = modes.at("VOPRF");
  ASSERT_EQ(voprf.vectors.size(), 3u) << "the RFC gives three VOPRF-mode vectors for this suite";
  auto key = OprfKey::FromSecret(Secret(voprf.KeyBytes("skSm")));
  ASSERT_TRUE(key);
  ASSERT_EQ(Hex(key->public_key()), voprf.key.at("pkSm"));
  const OprfClient client(OprfMode::kVoprf);
  int batch_two_vectors = 0;
  for (const auto& v : voprf.vectors) {
    SCOPED_TRACE("VOPRF test vector " + std::to_string(v.number));
    const auto inputs = v.Bytes("Input");
    const auto blinds = v.Bytes("Blind");
    ASSERT_EQ(inputs.size(), static_cast<std::size_t>(v.batch));
    ASSERT_EQ(blinds.size(), inputs.size());
    batch_two_vectors += v.batch == 2;

    std::vector<BlindedInput> blinded;
    std::vector<OprfElement> blinded_elements;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto b = client.Blind(inputs[i], Secret(blinds[i]));
      ASSERT_TRUE(b) << b.error().message;
      blinded_elements.push_back(b->blinded_element);
      blinded.push_back(std::move(*b));
    }
    EXPECT_EQ(JoinHex(blinded_elements), v.fields.at("BlindedElement"));

    auto evaluation =
        key->BlindEvaluateWithProof(blinded_elements, Secret(v.Bytes("ProofRandomScalar")[0]));
    ASSERT_TRUE(evaluation) << evaluation.error().message;
    EXPECT_EQ(JoinHex(evaluation->evaluated), v.fields.at("EvaluationElement"));
    EXPECT_EQ(Hex(evaluation->proof), v.fields.at("Proof"));

    std::vector<std::span<const std::uint8_t>> views(inputs.begin(), inputs.end());
    auto outputs = client.Finalize(views, blinded, *evaluation, key->public_key());
    ASSERT_TRUE(outputs) << outputs.error().message;
    EXPECT_EQ(JoinHex(*outputs), v.fields.at("Output"));
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      EXPECT_EQ(Hex(*key->Evaluate(OprfMode::kVoprf, inputs[i])), Hex((*outputs)[i]));
    }
  }
  EXPECT_EQ(batch_two_vectors, 1);
}

TEST(VoprfTest, RfcProofVerifiesAsPublished) {
  // Verification alone, from the published values: no private key involved.
  const auto modes = LoadRfc9497Vectors();
  const auto& voprf = modes.at("VOPRF");
  const OprfClient client(OprfMode::kVoprf);
  auto public_key = ParseOprfElement(voprf.KeyBytes("pkSm"));
  ASSERT_TRUE(public_key);
  for (const auto& v : voprf.vectors) {
    SCOPED_TRACE("VOPRF test vector " + std::to_string(v.number));
    const auto inputs = v.Bytes("Input");
    const auto blinds = v.Bytes("Blind");
    std::vector<BlindedInput> blinded;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      blinded.push_back(*client.Blind(inputs[i], Secret(blinds[i])));
    VerifiableEvaluation evaluation;
    for (const auto& e : v.Bytes("EvaluationElement"))
      evaluation.evaluated.push_back(*ParseOprfElement(e));
    evaluation.proof = *ParseOprfProof(v.Bytes("Proof")[0]);
    std::vector<std::span<const std::uint8_t>> views(inputs.begin(), inputs.end());
    auto outputs = client.Finalize(views, blinded, evaluation, *public_key);
    ASSERT_TRUE(outputs) << outputs.error().message;
    EXPECT_EQ(JoinHex(*outputs), v.fields.at("Output"));
  }
}

TEST(VoprfTest, RandomBatchRoundTrips) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kVoprf);
  std::vector<std::vector<std::uint8_t>> inputs;
  inputs.reserve(10);
  for (int i = 0; i < 10; ++i) inputs.push_back({static_cast<std::uint8_t>(i), 'k', 'e', 'y'});
  Exchange x = BlindAll(client, inputs);
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  auto outputs = client.Finalize(x.input_views(), x.blinded, *evaluation, key->public_key());
  ASSERT_TRUE(outputs) << outputs.error().message;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ((*outputs)[i], *key->Evaluate(OprfMode::kVoprf, inputs[i]));
  }
}

TEST(VoprfTest, EveryFlippedProofByteIsRefused) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}, {'b'}});
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  for (std::size_t byte = 0; byte < kOprfProofSize; ++byte) {
    VerifiableEvaluation tampered = *evaluation;
    tampered.proof[byte] ^= 0x01;
    auto outputs = client.Finalize(x.input_views(), x.blinded, tampered, key->public_key());
    ASSERT_FALSE(outputs) << "byte " << byte;
    // A low-bit flip keeps a scalar canonical, so the proof itself fails; only in a scalar's
    // top byte can it push the value past the group order, which is refused as malformed.
    const bool top_byte = byte % 32 == 31;
    EXPECT_TRUE(outputs.error().code == Code::kUnauthenticated ||
                (top_byte && outputs.error().code == Code::kInvalidArgument))
        << "byte " << byte << ": " << outputs.error().message;
  }
}

TEST(VoprfTest, NonCanonicalProofScalarIsInvalidArgument) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}});
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  evaluation->proof[63] = 0xff;  // s >= group order
  EXPECT_EQ(
      client.Finalize(x.input_views(), x.blinded, *evaluation, key->public_key()).error().code,
      Code::kInvalidArgument);
  EXPECT_EQ(ParseOprfProof(evaluation->proof).error().code, Code::kInvalidArgument);
}

TEST(VoprfTest, WrongPublicKeyIsUnauthenticated) {
  auto key = OprfKey::Generate();
  auto other = OprfKey::Generate();
  ASSERT_TRUE(key && other);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}});
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  EXPECT_EQ(
      client.Finalize(x.input_views(), x.blinded, *evaluation, other->public_key()).error().code,
      Code::kUnauthenticated);
}

TEST(VoprfTest, EvaluationUnderAnotherKeyIsUnauthenticated) {
  auto key = OprfKey::Generate();
  auto other = OprfKey::Generate();
  ASSERT_TRUE(key && other);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}, {'b'}});
  auto honest = key->BlindEvaluateWithProof(x.blinded_elements);
  auto forged = other->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(honest && forged);
  // The other key's elements under the honest proof, and one element swapped in.
  VerifiableEvaluation mixed = *honest;
  mixed.evaluated[1] = forged->evaluated[1];
  EXPECT_EQ(client.Finalize(x.input_views(), x.blinded, mixed, key->public_key()).error().code,
            Code::kUnauthenticated);
  VerifiableEvaluation swapped = *honest;
  std::swap(swapped.evaluated[0], swapped.evaluated[1]);
  EXPECT_EQ(client.Finalize(x.input_views(), x.blinded, swapped, key->public_key()).error().code,
            Code::kUnauthenticated);
}

TEST(VoprfTest, RefusesMismatchedBatchLengthsAndBadElements) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}, {'b'}});
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  VerifiableEvaluation short_batch = *evaluation;
  short_batch.evaluated.pop_back();
  EXPECT_EQ(
      client.Finalize(x.input_views(), x.blinded, short_batch, key->public_key()).error().code,
      Code::kInvalidArgument);
  VerifiableEvaluation identity = *evaluation;
  identity.evaluated[0].fill(0);
  EXPECT_EQ(client.Finalize(x.input_views(), x.blinded, identity, key->public_key()).error().code,
            Code::kInvalidArgument);
  EXPECT_EQ(key->BlindEvaluateWithProof({}).error().code, Code::kInvalidArgument);
  OprfElement bad;
  bad.fill(0xff);
  EXPECT_EQ(key->BlindEvaluateWithProof(std::vector<OprfElement>{bad}).error().code,
            Code::kInvalidArgument);
}

TEST(VoprfTest, OprfModeClientDoesNotVerifyProofs) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kOprf);
  Exchange x = BlindAll(client, {{'a'}});
  auto evaluation = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(evaluation);
  EXPECT_EQ(
      client.Finalize(x.input_views(), x.blinded, *evaluation, key->public_key()).error().code,
      Code::kInvalidArgument);
}

TEST(VoprfTest, ProofsUseFreshRandomness) {
  auto key = OprfKey::Generate();
  ASSERT_TRUE(key);
  const OprfClient client(OprfMode::kVoprf);
  Exchange x = BlindAll(client, {{'a'}});
  auto p1 = key->BlindEvaluateWithProof(x.blinded_elements);
  auto p2 = key->BlindEvaluateWithProof(x.blinded_elements);
  ASSERT_TRUE(p1 && p2);
  EXPECT_EQ(p1->evaluated, p2->evaluated);
  EXPECT_NE(p1->proof, p2->proof);
}

}  // namespace
}  // namespace tandem::crypto
