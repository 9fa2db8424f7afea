#include "crypto/internal/dleq.h"

#include <sodium.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/check.h"
#include "crypto/bytes.h"
#include "crypto/internal/msm.h"

namespace tandem::crypto::internal {
namespace {

constexpr std::string_view kSeedPrefix = "Seed-";
constexpr std::string_view kHashToScalarPrefix = "HashToScalar-";

std::array<std::uint8_t, 2> I2osp2(std::size_t value) {
  return {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value & 0xff)};
}

// seed = Hash(I2OSP(len(Bm), 2) || Bm || I2OSP(len(seedDST), 2) || seedDST)
std::array<std::uint8_t, kHashBytes> CompositeSeed(std::uint8_t mode, const Element& b) {
  const auto seed_dst = Dst(kSeedPrefix, mode);
  const auto len_b = I2osp2(b.size());
  const auto len_dst = I2osp2(seed_dst.size());
  crypto_hash_sha512_state state;
  crypto_hash_sha512_init(&state);
  crypto_hash_sha512_update(&state, len_b.data(), len_b.size());
  crypto_hash_sha512_update(&state, b.data(), b.size());
  crypto_hash_sha512_update(&state, len_dst.data(), len_dst.size());
  crypto_hash_sha512_update(&state, seed_dst.data(), seed_dst.size());
  std::array<std::uint8_t, kHashBytes> seed{};
  crypto_hash_sha512_final(&state, seed.data());
  return seed;
}

// d_i = HashToScalar(I2OSP(len(seed), 2) || seed || I2OSP(i, 2) || I2OSP(len(Ci), 2) || Ci ||
//                    I2OSP(len(Di), 2) || Di || "Composite")
Scalar CompositeWeight(std::span<const std::uint8_t> scalar_dst,
                       const std::array<std::uint8_t, kHashBytes>& seed, std::size_t i,
                       const Element& c, const Element& d) {
  const auto len_seed = I2osp2(seed.size());
  const auto index = I2osp2(i);
  const auto len_element = I2osp2(kElementBytes);
  Scalar weight{};
  HashToScalar({len_seed, seed, index, len_element, c, len_element, d, Bytes("Composite")},
               scalar_dst, weight);
  return weight;
}

// d_0 .. d_(n-1) for the statement's pairs.
std::vector<Scalar> CompositeWeights(std::span<const std::uint8_t> scalar_dst,
                                     const std::array<std::uint8_t, kHashBytes>& seed,
                                     const DleqStatement& statement) {
  std::vector<Scalar> weights(statement.c.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    weights[i] = CompositeWeight(scalar_dst, seed, i, statement.c[i], statement.d[i]);
  }
  return weights;
}

Scalar ToScalar(std::span<const std::uint8_t, kScalarBytes> bytes) {
  Scalar out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

constexpr std::string_view kNotAnElement =
    "the proof's statement holds an element that is not a canonical ristretto255 encoding";

// c = HashToScalar(I2OSP(32, 2) || Bm || ... || a3 || "Challenge")
Scalar Challenge(std::span<const std::uint8_t> scalar_dst, const Element& b, const Element& m,
                 const Element& z, const Element& t2, const Element& t3) {
  const auto len = I2osp2(kElementBytes);
  Scalar c{};
  HashToScalar({len, b, len, m, len, z, len, t2, len, t3, Bytes("Challenge")}, scalar_dst, c);
  return c;
}

// A is the generator in every use in Tandem (VOPRF and threshold partials); a fixed-base
// multiplication gives the same element at a third of the cost.
Element MultA(std::span<const std::uint8_t, kScalarBytes> scalar, const Element& a) {
  return a == Generator() ? BaseMult(scalar) : Mult(scalar, a);
}

}  // namespace

Status CheckStatementShape(const DleqStatement& statement) {
  if (statement.c.empty())
    return Fail(Code::kInvalidArgument, "a proof needs at least one element");
  if (statement.c.size() != statement.d.size()) {
    return Fail(Code::kInvalidArgument,
                std::to_string(statement.c.size()) + " blinded elements but " +
                    std::to_string(statement.d.size()) + " evaluated elements; they must pair up");
  }
  if (statement.c.size() > 0xffff) {
    return Fail(Code::kInvalidArgument, "a batch holds at most 65535 elements");
  }
  return Ok();
}

Result<Proof> GenerateProof(std::uint8_t mode, const SecretBytes& k, const DleqStatement& statement,
                            const SecretBytes* proof_scalar) {
  if (auto s = CheckStatementShape(statement); !s) return tl::unexpected(s.error());
  TANDEM_CHECK(k.size() == kScalarBytes);
  const auto scalar_dst = Dst(kHashToScalarPrefix, mode);

  // ComputeCompositesFast: M = sum d_i * C[i]; Z = k * M. The weights d_i are public hash
  // outputs, so M may use the variable-time multi-scalar multiplication; k stays on libsodium.
  const auto seed = CompositeSeed(mode, statement.b);
  const std::vector<Scalar> weights = CompositeWeights(scalar_dst, seed, statement);
  const Element m = MultiScalarMult(weights, statement.c);
  const Element z = Mult(ScalarView(k), m);

  ScratchScalar r;
  if (proof_scalar == nullptr) {
    crypto_core_ristretto255_scalar_random(r.data());
  } else {
    if (proof_scalar->size() != kScalarBytes || !IsCanonicalScalar(ScalarView(*proof_scalar))) {
      return Fail(Code::kInvalidArgument, "the proof scalar is not a canonical 32-byte scalar");
    }
    std::copy_n(proof_scalar->data(), kScalarBytes, r.data());
  }
  const Element t2 = MultA(r.view(), statement.a);
  const Element t3 = Mult(r.view(), m);

  const Scalar c = Challenge(scalar_dst, statement.b, m, z, t2, t3);
  // s = r - c * k; r and c*k are wiped when this returns.
  ScratchScalar ck;
  crypto_core_ristretto255_scalar_mul(ck.data(), c.data(), k.data());
  Proof proof{};
  std::copy(c.begin(), c.end(), proof.begin());
  crypto_core_ristretto255_scalar_sub(proof.data() + kScalarBytes, r.data(), ck.data());
  return proof;
}

Status VerifyProof(std::uint8_t mode, const DleqStatement& statement, const Proof& proof) {
  if (auto s = CheckStatementShape(statement); !s) return s;
  const std::span<const std::uint8_t, kScalarBytes> c(proof.data(), kScalarBytes);
  const std::span<const std::uint8_t, kScalarBytes> s(proof.data() + kScalarBytes, kScalarBytes);
  if (!IsCanonicalScalar(c) || !IsCanonicalScalar(s)) {
    return Fail(Code::kInvalidArgument, "the proof holds a scalar that is not canonical");
  }
  const auto scalar_dst = Dst(kHashToScalarPrefix, mode);

  // Every scalar below is public (hash outputs and the published proof), so every sum of
  // products is one variable-time multi-scalar multiplication (msm.h).
  std::vector<EdPoint> cs;
  std::vector<EdPoint> ds;
  cs.reserve(statement.c.size());
  ds.reserve(statement.d.size());
  for (std::size_t i = 0; i < statement.c.size(); ++i) {
    auto ci = DecodeElement(statement.c[i]);
    auto di = DecodeElement(statement.d[i]);
    if (!ci || !di) return Fail(Code::kInvalidArgument, std::string(kNotAnElement));
    cs.push_back(*ci);
    ds.push_back(*di);
  }
  const auto a = statement.a == Generator() ? GeneratorPoint() : DecodeElement(statement.a);
  const auto b = DecodeElement(statement.b);
  if (!a || !b) return Fail(Code::kInvalidArgument, std::string(kNotAnElement));

  // ComputeComposites: M = sum d_i * C[i]; Z = sum d_i * D[i].
  const auto seed = CompositeSeed(mode, statement.b);
  const std::vector<Scalar> weights = CompositeWeights(scalar_dst, seed, statement);
  const EdPoint m = MultiScalarMultPoints(weights, cs);
  const EdPoint z = MultiScalarMultPoints(weights, ds);
  // t2 = s*A + c*B; t3 = s*M + c*Z.
  const std::array<Scalar, 2> sc = {ToScalar(s), ToScalar(c)};
  const std::array<EdPoint, 2> ab = {*a, *b};
  const std::array<EdPoint, 2> mz = {m, z};
  const Element t2 = EncodeElement(MultiScalarMultPoints(sc, ab));
  const Element t3 = EncodeElement(MultiScalarMultPoints(sc, mz));
  const Scalar expected =
      Challenge(scalar_dst, statement.b, EncodeElement(m), EncodeElement(z), t2, t3);
  if (sodium_memcmp(expected.data(), c.data(), kScalarBytes) != 0) {
    return Fail(Code::kUnauthenticated, "the evaluation proof does not verify");
  }
  return Ok();
}

}  // namespace tandem::crypto::internal
