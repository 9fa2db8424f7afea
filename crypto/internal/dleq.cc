#include "crypto/internal/dleq.h"

#include <sodium.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "core/check.h"

namespace tandem::crypto::internal {
namespace {

constexpr std::string_view kSeedPrefix = "Seed-";
constexpr std::string_view kHashToScalarPrefix = "HashToScalar-";

std::span<const std::uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

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

  // ComputeCompositesFast: M = sum d_i * C[i]; Z = k * M.
  const auto seed = CompositeSeed(mode, statement.b);
  Element m{};
  for (std::size_t i = 0; i < statement.c.size(); ++i) {
    const Scalar d = CompositeWeight(scalar_dst, seed, i, statement.c[i], statement.d[i]);
    m = Add(m, Mult(d, statement.c[i]));
  }
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

  // ComputeComposites: M = sum d_i * C[i]; Z = sum d_i * D[i].
  const auto seed = CompositeSeed(mode, statement.b);
  Element m{};
  Element z{};
  for (std::size_t i = 0; i < statement.c.size(); ++i) {
    const Scalar d = CompositeWeight(scalar_dst, seed, i, statement.c[i], statement.d[i]);
    m = Add(m, Mult(d, statement.c[i]));
    z = Add(z, Mult(d, statement.d[i]));
  }
  // t2 = s*A + c*B; t3 = s*M + c*Z.
  const Element t2 = Add(MultA(s, statement.a), Mult(c, statement.b));
  const Element t3 = Add(Mult(s, m), Mult(c, z));
  const Scalar expected = Challenge(scalar_dst, statement.b, m, z, t2, t3);
  if (sodium_memcmp(expected.data(), c.data(), kScalarBytes) != 0) {
    return Fail(Code::kUnauthenticated, "the evaluation proof does not verify");
  }
  return Ok();
}

}  // namespace tandem::crypto::internal
