// Ed25519 identity keys: RFC 8032 section 7.1 known answers, round trips, tamper tests.
#include "crypto/signing.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "crypto/internal/hex.h"

namespace tandem::crypto {
namespace {

std::vector<std::uint8_t> Hex(std::string_view hex) {
  return internal::DecodeHex(hex, "test value").value();
}

struct Rfc8032Vector {
  std::string_view seed;
  std::string_view public_key;
  std::string_view message;
  std::string_view signature;
};

constexpr std::array<Rfc8032Vector, 3> kRfc8032 = {{
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984d"
     "c6594a7c15e9716ed28dc027beceea1ec40a"},
}};

TEST(SigningTest, MatchesRfc8032Vectors) {
  for (const auto& v : kRfc8032) {
    auto key = SigningKey::FromSeed(*SecretBytes::Copy(Hex(v.seed)));
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(key->verifying_key().Hex(), v.public_key);
    const auto message = Hex(v.message);
    const auto signature = key->Sign(message);
    EXPECT_EQ(internal::EncodeHex(signature), v.signature);
    auto verifying = VerifyingKey::FromHex(v.public_key);
    ASSERT_TRUE(verifying);
    EXPECT_TRUE(verifying->Verify(message, Hex(v.signature)));
  }
}

TEST(SigningTest, SignsAndVerifiesAFreshKey) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  const std::vector<std::uint8_t> message = {'e', 'n', 'v', 'e', 'l', 'o', 'p', 'e'};
  const auto signature = key->Sign(message);
  EXPECT_TRUE(key->verifying_key().Verify(message, signature));
}

TEST(SigningTest, EveryFlippedSignatureByteIsUnauthenticated) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  const std::vector<std::uint8_t> message = {1, 2, 3};
  const auto signature = key->Sign(message);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    auto tampered = signature;
    tampered[i] ^= 0x01;
    auto status = key->verifying_key().Verify(message, tampered);
    ASSERT_FALSE(status) << "byte " << i;
    EXPECT_EQ(status.error().code, Code::kUnauthenticated) << "byte " << i;
  }
}

TEST(SigningTest, TamperedMessageIsUnauthenticated) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  std::vector<std::uint8_t> message = {1, 2, 3};
  const auto signature = key->Sign(message);
  message[1] ^= 0x80;
  EXPECT_EQ(key->verifying_key().Verify(message, signature).error().code, Code::kUnauthenticated);
  message.push_back(0);
  EXPECT_EQ(key->verifying_key().Verify(message, signature).error().code, Code::kUnauthenticated);
}

TEST(SigningTest, OtherKeyIsUnauthenticated) {
  auto a = SigningKey::Generate();
  auto b = SigningKey::Generate();
  ASSERT_TRUE(a && b);
  const std::vector<std::uint8_t> message = {9};
  EXPECT_EQ(b->verifying_key().Verify(message, a->Sign(message)).error().code,
            Code::kUnauthenticated);
  EXPECT_NE(a->verifying_key(), b->verifying_key());
}

TEST(SigningTest, SeedRoundTripsThroughSecureMemory) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  auto seed = key->ExportSeed();
  ASSERT_TRUE(seed);
  EXPECT_EQ(seed->size(), kEd25519SeedSize);
  auto again = SigningKey::FromSeed(*seed);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->verifying_key(), key->verifying_key());
  const std::vector<std::uint8_t> message = {4, 5};
  EXPECT_EQ(again->Sign(message), key->Sign(message));
}

TEST(SigningTest, PublicKeyRoundTripsThroughHexAndBytes) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  auto from_hex = VerifyingKey::FromHex(key->verifying_key().Hex());
  auto from_bytes = VerifyingKey::FromBytes(key->verifying_key().bytes());
  ASSERT_TRUE(from_hex && from_bytes);
  EXPECT_EQ(*from_hex, key->verifying_key());
  EXPECT_EQ(*from_bytes, key->verifying_key());
}

TEST(SigningTest, RejectsMalformedKeysSeedsAndSignatures) {
  EXPECT_EQ(VerifyingKey::FromHex("abc").error().code, Code::kInvalidArgument);
  EXPECT_EQ(VerifyingKey::FromHex(std::string(64, 'g')).error().code, Code::kInvalidArgument);
  EXPECT_EQ(VerifyingKey::FromBytes(std::vector<std::uint8_t>(31, 1)).error().code,
            Code::kInvalidArgument);
  // The identity point (small order) is refused as a public key.
  std::vector<std::uint8_t> identity(32, 0);
  identity[0] = 1;
  EXPECT_EQ(VerifyingKey::FromBytes(identity).error().code, Code::kInvalidArgument);
  EXPECT_EQ(SigningKey::FromSeed(*SecretBytes::Random(31)).error().code, Code::kInvalidArgument);
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key);
  const std::vector<std::uint8_t> message = {1};
  const auto signature = key->Sign(message);
  EXPECT_EQ(key->verifying_key()
                .Verify(message, std::span<const std::uint8_t>(signature.data(), 63))
                .error()
                .code,
            Code::kInvalidArgument);
}

}  // namespace
}  // namespace tandem::crypto
