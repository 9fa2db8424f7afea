#include "crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace tandem::crypto {
namespace {

std::span<const std::uint8_t> Bytes(const std::array<std::uint8_t, 4>& a) { return a; }

TEST(SecretBytesTest, IsMoveOnly) {
  static_assert(!std::is_copy_constructible_v<SecretBytes>);
  static_assert(!std::is_copy_assignable_v<SecretBytes>);
  static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);
  static_assert(std::is_nothrow_move_assignable_v<SecretBytes>);
  static_assert(!std::is_convertible_v<SecretBytes, std::string>);
  SUCCEED();
}

TEST(SecretBytesTest, CopyHoldsTheGivenBytes) {
  const std::array<std::uint8_t, 4> raw = {1, 2, 3, 4};
  auto secret = SecretBytes::Copy(Bytes(raw));
  ASSERT_TRUE(secret);
  ASSERT_EQ(secret->size(), 4u);
  EXPECT_EQ(std::vector<std::uint8_t>(secret->view().begin(), secret->view().end()),
            std::vector<std::uint8_t>(raw.begin(), raw.end()));
}

TEST(SecretBytesTest, MoveLeavesTheSourceEmpty) {
  const std::array<std::uint8_t, 4> raw = {9, 8, 7, 6};
  auto secret = SecretBytes::Copy(Bytes(raw));
  ASSERT_TRUE(secret);
  const std::uint8_t* storage = secret->data();
  SecretBytes moved(std::move(*secret));
  EXPECT_TRUE(secret->empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(secret->data(), nullptr);
  EXPECT_EQ(moved.data(), storage);  // the bytes moved, they were not copied
  EXPECT_EQ(moved.size(), 4u);
}

TEST(SecretBytesTest, MoveAssignmentReleasesTheOldSecret) {
  auto a = SecretBytes::Random(16);
  auto b = SecretBytes::Random(32);
  ASSERT_TRUE(a && b);
  *a = std::move(*b);
  EXPECT_EQ(a->size(), 32u);
  EXPECT_TRUE(b->empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecretBytesTest, ZeroedIsAllZero) {
  auto secret = SecretBytes::Zeroed(64);
  ASSERT_TRUE(secret);
  for (std::uint8_t b : secret->view()) EXPECT_EQ(b, 0);
}

TEST(SecretBytesTest, RandomSecretsDiffer) {
  auto a = SecretBytes::Random(32);
  auto b = SecretBytes::Random(32);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->Equals(*b));
}

TEST(SecretBytesTest, EqualsComparesContentAndSize) {
  const std::array<std::uint8_t, 4> one = {1, 2, 3, 4};
  const std::array<std::uint8_t, 4> other = {1, 2, 3, 5};
  auto a = SecretBytes::Copy(Bytes(one));
  auto b = SecretBytes::Copy(Bytes(one));
  auto c = SecretBytes::Copy(Bytes(other));
  auto shorter = SecretBytes::Copy(std::span<const std::uint8_t>(one.data(), 3));
  ASSERT_TRUE(a && b && c && shorter);
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_FALSE(a->Equals(*c));
  EXPECT_FALSE(a->Equals(*shorter));
  EXPECT_TRUE(SecretBytes().Equals(SecretBytes()));
}

TEST(SecretBytesTest, EmptySecretHasNoStorage) {
  auto secret = SecretBytes::Zeroed(0);
  ASSERT_TRUE(secret);
  EXPECT_TRUE(secret->empty());
  EXPECT_EQ(secret->data(), nullptr);
}

}  // namespace
}  // namespace tandem::crypto
