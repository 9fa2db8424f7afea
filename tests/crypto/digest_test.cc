#include "crypto/digest.h"

#include <gtest/gtest.h>

namespace tandem::crypto {
namespace {

// FIPS 180-2 examples.
TEST(DigestTest, Sha256MatchesTheStandardsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc")[0], 0xba);
}

}  // namespace
}  // namespace tandem::crypto
