// The variable-time multi-scalar multiplication equals the sum of libsodium's constant-time
// products, for every size from 1 to 64 terms and for the awkward inputs: zero scalars, the
// identity, repeated points, the largest scalars.
#include "crypto/internal/msm.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <vector>

#include "crypto/internal/hex.h"
#include "crypto/internal/ristretto.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {
namespace {

Scalar RandomScalar() {
  Scalar s{};
  crypto_core_ristretto255_scalar_random(s.data());
  return s;
}

Element RandomElement() {
  Element e{};
  crypto_core_ristretto255_random(e.data());
  return e;
}

// The scalar reduced mod the group order (libsodium's ladder reads only 255 bits).
Scalar Reduced(const Scalar& s) {
  std::array<std::uint8_t, 64> wide{};
  std::copy(s.begin(), s.end(), wide.begin());
  Scalar out{};
  crypto_core_ristretto255_scalar_reduce(out.data(), wide.data());
  return out;
}

// sum scalars[i] * points[i] with libsodium's constant-time multiplication and addition.
Element Reference(const std::vector<Scalar>& scalars, const std::vector<Element>& points) {
  Element acc{};
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    acc = Add(acc, Mult(Reduced(scalars[i]), points[i]));
  }
  return acc;
}

class MsmTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSodium().has_value()); }
};

TEST_F(MsmTest, EqualsTheSumOfLibsodiumProductsForOneToSixtyFourTerms) {
  for (int round = 0; round < 2; ++round) {
    for (std::size_t n = 1; n <= 64; ++n) {
      std::vector<Scalar> scalars(n);
      std::vector<Element> points(n);
      for (std::size_t i = 0; i < n; ++i) {
        scalars[i] = RandomScalar();
        points[i] = RandomElement();
      }
      EXPECT_EQ(EncodeHex(MultiScalarMult(scalars, points)), EncodeHex(Reference(scalars, points)))
          << n << " terms";
    }
  }
}

TEST_F(MsmTest, HandlesZeroScalarsTheIdentityAndRepeatedPoints) {
  const Element p = RandomElement();
  const Element q = RandomElement();
  const Scalar zero{};
  const Scalar a = RandomScalar();
  const Scalar b = RandomScalar();
  const std::vector<std::pair<std::vector<Scalar>, std::vector<Element>>> cases = {
      {{zero}, {p}},
      {{zero, zero}, {p, q}},
      {{a}, {Element{}}},
      {{a, b}, {Element{}, q}},
      {{a, zero, b}, {p, q, p}},
      {{a, b, a, b}, {p, p, p, p}},
      {{a, a}, {q, q}},
      {{ScalarFromUint(1)}, {p}},
      {{ScalarFromUint(2), ScalarFromUint(3)}, {p, q}},
  };
  for (const auto& [scalars, points] : cases) {
    EXPECT_EQ(EncodeHex(MultiScalarMult(scalars, points)), EncodeHex(Reference(scalars, points)));
  }
  EXPECT_EQ(MultiScalarMult({}, {}), Element{});
}

TEST_F(MsmTest, CancelsAScalarAgainstItsNegation) {
  const Element p = RandomElement();
  const Scalar a = RandomScalar();
  Scalar minus_a{};
  crypto_core_ristretto255_scalar_negate(minus_a.data(), a.data());
  const std::vector<Scalar> scalars = {a, minus_a};
  const std::vector<Element> points = {p, p};
  EXPECT_EQ(MultiScalarMult(scalars, points), Element{});
}

TEST_F(MsmTest, HandlesTheLargestScalarsReducedOrNot) {
  Scalar order_minus_one{};  // L - 1
  crypto_core_ristretto255_scalar_negate(order_minus_one.data(), ScalarFromUint(1).data());
  Scalar all_ones{};
  all_ones.fill(0xff);  // 2^256 - 1, not reduced: its width-5 form has 257 digits
  Scalar top_bit_only{};
  top_bit_only[31] = 0x80;
  for (int i = 0; i < 20; ++i) {
    Scalar random_wide{};
    randombytes_buf(random_wide.data(), random_wide.size());
    const std::vector<Scalar> scalars = {order_minus_one, all_ones, top_bit_only, random_wide};
    const std::vector<Element> points = {RandomElement(), RandomElement(), RandomElement(),
                                         RandomElement()};
    EXPECT_EQ(EncodeHex(MultiScalarMult(scalars, points)), EncodeHex(Reference(scalars, points)));
  }
}

TEST_F(MsmTest, DecodesTheGeneratorAndRejectsInvalidElements) {
  EXPECT_EQ(EncodeElement(GeneratorPoint()), Generator());
  Element bad{};
  bad[0] = 1;  // a negative field element
  EXPECT_FALSE(DecodeElement(bad).has_value());
}

TEST_F(MsmTest, CountsItsCallsAndTerms) {
  const GroupOpCounts before = ReadGroupOpCounts();
  const std::vector<Scalar> scalars = {RandomScalar(), RandomScalar(), RandomScalar()};
  const std::vector<Element> points = {RandomElement(), RandomElement(), RandomElement()};
  MultiScalarMult(scalars, points);
  const GroupOpCounts after = ReadGroupOpCounts();
  EXPECT_EQ(after.msm - before.msm, 1u);
  EXPECT_EQ(after.msm_terms - before.msm_terms, 3u);
}

}  // namespace
}  // namespace tandem::crypto::internal
