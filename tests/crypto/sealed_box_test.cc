// Sealed boxes to Ed25519 identity keys: round trip, only the recipient opens, every altered
// byte is refused, malformed boxes are refused with a clear error.
#include "crypto/sealed_box.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

namespace tandem::crypto {
namespace {

constexpr std::array<std::uint8_t, 32> kSecret = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                                  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                                  23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

TEST(SealedBoxTest, TheRecipientOpensWhatWasSealedToIt) {
  auto recipient = SigningKey::Generate();
  ASSERT_TRUE(recipient);
  auto box = SealTo(recipient->verifying_key(), kSecret);
  ASSERT_TRUE(box) << box.error().message;
  EXPECT_EQ(box->size(), kSecret.size() + kSealedBoxOverhead);
  EXPECT_EQ(std::search(box->begin(), box->end(), kSecret.begin(), kSecret.end()), box->end());
  auto opened = OpenSealed(*recipient, *box);
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_EQ(opened->size(), kSecret.size());
  EXPECT_TRUE(std::equal(kSecret.begin(), kSecret.end(), opened->data()));
}

TEST(SealedBoxTest, TwoSealsOfOneSecretDifferAndBothOpen) {
  auto recipient = SigningKey::Generate();
  ASSERT_TRUE(recipient);
  auto a = SealTo(recipient->verifying_key(), kSecret);
  auto b = SealTo(recipient->verifying_key(), kSecret);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);  // a fresh ephemeral key each time
  EXPECT_TRUE(OpenSealed(*recipient, *a));
  EXPECT_TRUE(OpenSealed(*recipient, *b));
}

TEST(SealedBoxTest, AnotherKeyCannotOpenIt) {
  auto recipient = SigningKey::Generate();
  auto other = SigningKey::Generate();
  ASSERT_TRUE(recipient && other);
  auto box = SealTo(recipient->verifying_key(), kSecret);
  ASSERT_TRUE(box);
  auto opened = OpenSealed(*other, *box);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kUnauthenticated);
}

TEST(SealedBoxTest, EveryAlteredByteIsRefused) {
  auto recipient = SigningKey::Generate();
  ASSERT_TRUE(recipient);
  auto box = SealTo(recipient->verifying_key(), kSecret);
  ASSERT_TRUE(box);
  for (std::size_t i = 0; i < box->size(); ++i) {
    std::vector<std::uint8_t> altered = *box;
    altered[i] ^= 0x01;
    auto opened = OpenSealed(*recipient, altered);
    ASSERT_FALSE(opened) << "byte " << i;
    EXPECT_EQ(opened.error().code, Code::kUnauthenticated) << "byte " << i;
  }
}

TEST(SealedBoxTest, TruncatedBoxesAreRefused) {
  auto recipient = SigningKey::Generate();
  ASSERT_TRUE(recipient);
  auto box = SealTo(recipient->verifying_key(), kSecret);
  ASSERT_TRUE(box);
  const std::vector<std::uint8_t> short_box(box->begin(), box->begin() + kSealedBoxOverhead - 1);
  auto too_short = OpenSealed(*recipient, short_box);
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().code, Code::kInvalidArgument);
  const std::vector<std::uint8_t> cut(box->begin(), box->end() - 1);
  auto opened = OpenSealed(*recipient, cut);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kUnauthenticated);
}

}  // namespace
}  // namespace tandem::crypto
