// The DLEQ verifier on its own: a proof made over the variable-time composites verifies, and a
// statement holding a bytes string that is not an element is refused as bad input rather than
// reaching the arithmetic.
#include "crypto/internal/dleq.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <vector>

#include "crypto/internal/ristretto.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto::internal {
namespace {

class DleqTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSodium().has_value()); }
};

Element RandomElement() {
  Element e{};
  crypto_core_ristretto255_random(e.data());
  return e;
}

TEST_F(DleqTest, AProofOverTenPairsVerifiesAndFailsForAnotherKey) {
  auto k = NewSecretScalar();
  ASSERT_TRUE(k.has_value());
  const Element b = BaseMult(ScalarView(*k));
  std::vector<Element> c;
  std::vector<Element> d;
  for (int i = 0; i < 10; ++i) {
    c.push_back(RandomElement());
    d.push_back(Mult(ScalarView(*k), c.back()));
  }
  const auto proof = GenerateProof(kModeVoprf, *k, {Generator(), b, c, d}, nullptr);
  ASSERT_TRUE(proof.has_value());
  EXPECT_TRUE(VerifyProof(kModeVoprf, {Generator(), b, c, d}, *proof).has_value());
  const Element other = RandomElement();
  const auto wrong = VerifyProof(kModeVoprf, {Generator(), other, c, d}, *proof);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, Code::kUnauthenticated);
}

TEST_F(DleqTest, RefusesAStatementHoldingANonElement) {
  auto k = NewSecretScalar();
  ASSERT_TRUE(k.has_value());
  const Element b = BaseMult(ScalarView(*k));
  Element not_an_element{};
  not_an_element[0] = 1;  // a negative field element
  Element top_bit = Generator();
  top_bit[31] |= 0x80;  // libsodium 1.0.18 would read this as G
  const Proof proof{};
  for (const Element& bad : {not_an_element, top_bit}) {
    const std::vector<Element> c = {bad};
    const std::vector<Element> d = {RandomElement()};
    const auto result = VerifyProof(kModeVoprf, {Generator(), b, c, d}, proof);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, Code::kInvalidArgument);
    const auto swapped = VerifyProof(kModeVoprf, {Generator(), b, d, c}, proof);
    ASSERT_FALSE(swapped.has_value());
    EXPECT_EQ(swapped.error().code, Code::kInvalidArgument);
    const auto as_key = VerifyProof(kModeVoprf, {Generator(), bad, d, d}, proof);
    ASSERT_FALSE(as_key.has_value());
    EXPECT_EQ(as_key.error().code, Code::kInvalidArgument);
  }
}

}  // namespace
}  // namespace tandem::crypto::internal
