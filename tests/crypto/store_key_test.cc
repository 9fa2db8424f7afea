#include "crypto/store_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace tandem::crypto {
namespace {

// Cheap parameters keep the tests quick; the derivation is the same function.
constexpr Argon2idParams kFast{.opslimit = 1, .memlimit = 8 * 1024 * 1024};

SecretBytes Secret(std::string_view text) {
  auto secret =
      SecretBytes::Copy({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  EXPECT_TRUE(secret);
  return std::move(*secret);
}

StoreSalt Salt(std::uint8_t fill) {
  StoreSalt salt;
  salt.fill(fill);
  return salt;
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tandem-keyfile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path Write(std::string_view name, std::string_view content, mode_t mode) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    ::chmod(path.c_str(), mode);
    return path;
  }

  std::filesystem::path dir_;
};

TEST(StoreKeyTest, SamePassphraseAndSaltGiveTheSameKey) {
  auto a = DeriveStoreKey(Secret("correct horse battery"), Salt(7), kFast);
  auto b = DeriveStoreKey(Secret("correct horse battery"), Salt(7), kFast);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->size(), kStoreKeySize);
  EXPECT_TRUE(a->Equals(*b));
}

TEST(StoreKeyTest, DifferentSaltGivesADifferentKey) {
  auto a = DeriveStoreKey(Secret("correct horse battery"), Salt(7), kFast);
  auto b = DeriveStoreKey(Secret("correct horse battery"), Salt(8), kFast);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->Equals(*b));
}

TEST(StoreKeyTest, DifferentPassphraseGivesADifferentKey) {
  auto a = DeriveStoreKey(Secret("correct horse battery"), Salt(7), kFast);
  auto b = DeriveStoreKey(Secret("correct horse battery!"), Salt(7), kFast);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->Equals(*b));
}

TEST(StoreKeyTest, DifferentCostGivesADifferentKey) {
  auto a = DeriveStoreKey(Secret("correct horse battery"), Salt(7), kFast);
  auto b = DeriveStoreKey(Secret("correct horse battery"), Salt(7),
                          Argon2idParams{.opslimit = 2, .memlimit = kFast.memlimit});
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(a->Equals(*b));
}

TEST(StoreKeyTest, MatchesTheArgon2idKnownAnswer) {
  // Argon2id v1.3, t=1, m=8 MiB, p=1, 32-byte output, computed independently with the
  // reference argon2 command-line tool: echo -n password | argon2 somesaltsomesalt -id -t 1
  // -k 8192 -p 1 -l 32.
  auto key = DeriveStoreKey(
      Secret("password"),
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>("somesaltsomesalt"), 16),
      kFast);
  ASSERT_TRUE(key);
  const std::uint8_t expected[32] = {0x84, 0xfb, 0x00, 0x6b, 0xbc, 0x3c, 0xd6, 0x98,
                                     0x95, 0x72, 0x2b, 0x64, 0xb5, 0xbf, 0x73, 0x52,
                                     0x51, 0xa9, 0xe8, 0xe9, 0xf3, 0xec, 0xb9, 0x3f,
                                     0xf5, 0x95, 0xb9, 0x8a, 0xeb, 0x7a, 0xcc, 0xb7};
  ASSERT_EQ(key->size(), 32u);
  EXPECT_TRUE(std::equal(key->view().begin(), key->view().end(), expected));
}

TEST(StoreKeyTest, RefusesAnEmptyPassphrase) {
  auto key = DeriveStoreKey(SecretBytes(), Salt(1), kFast);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kInvalidArgument);
}

TEST(StoreKeyTest, RefusesAShortSalt) {
  const std::uint8_t salt[8] = {};
  auto key = DeriveStoreKey(Secret("correct horse battery"), salt, kFast);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kInvalidArgument);
}

TEST(StoreKeyTest, RefusesParametersOutOfRange) {
  EXPECT_FALSE(ValidateArgon2idParams({.opslimit = 0, .memlimit = kFast.memlimit}));
  EXPECT_FALSE(ValidateArgon2idParams({.opslimit = 1, .memlimit = 1024}));
  EXPECT_FALSE(ValidateArgon2idParams({.opslimit = 1, .memlimit = 64ULL << 30}));
  EXPECT_TRUE(ValidateArgon2idParams(Argon2idParams{}));
}

TEST(StoreKeyTest, NewSaltsDiffer) { EXPECT_NE(NewStoreSalt(), NewStoreSalt()); }

TEST_F(KeyFileTest, ReadsThirtyTwoRawBytes) {
  std::string raw(32, '\0');
  for (int i = 0; i < 32; ++i) raw[i] = static_cast<char>(i * 7 + 1);
  auto key = ReadStoreKeyFile(Write("raw.key", raw, 0600));
  ASSERT_TRUE(key) << key.error().message;
  ASSERT_EQ(key->size(), 32u);
  EXPECT_EQ(key->data()[31], static_cast<std::uint8_t>(31 * 7 + 1));
}

TEST_F(KeyFileTest, ReadsSixtyFourHexDigitsWithANewline) {
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  auto key = ReadStoreKeyFile(Write("hex.key", hex + "\n", 0400));
  ASSERT_TRUE(key) << key.error().message;
  ASSERT_EQ(key->size(), 32u);
  for (std::size_t i = 0; i < 32; ++i) EXPECT_EQ(key->data()[i], i);
}

TEST_F(KeyFileTest, HexAndRawFormsOfOneKeyAgree) {
  std::string raw(32, '\0');
  for (int i = 0; i < 32; ++i) raw[i] = static_cast<char>(0xa0 + i);
  std::string hex;
  for (unsigned char c : raw) {
    constexpr char kDigits[] = "0123456789ABCDEF";
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  auto a = ReadStoreKeyFile(Write("raw.key", raw, 0600));
  auto b = ReadStoreKeyFile(Write("hex.key", hex, 0600));
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->Equals(*b));
}

TEST_F(KeyFileTest, RefusesAFileReadableByGroup) {
  const auto path = Write("group.key", std::string(32, 'k'), 0640);
  auto key = ReadStoreKeyFile(path);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kPermissionDenied);
  EXPECT_NE(key.error().message.find("chmod 600"), std::string::npos) << key.error().message;
}

TEST_F(KeyFileTest, RefusesAFileReadableByOthers) {
  auto key = ReadStoreKeyFile(Write("world.key", std::string(32, 'k'), 0604));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kPermissionDenied);
}

TEST_F(KeyFileTest, RefusesContentOfTheWrongLength) {
  auto key = ReadStoreKeyFile(Write("short.key", std::string(31, 'k'), 0600));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kInvalidArgument);
}

TEST_F(KeyFileTest, RefusesSixtyFourCharactersThatAreNotHex) {
  auto key = ReadStoreKeyFile(Write("nothex.key", std::string(64, 'z'), 0600));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kInvalidArgument);
}

TEST_F(KeyFileTest, ReportsAMissingFile) {
  auto key = ReadStoreKeyFile(dir_ / "absent.key");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kNotFound);
}

}  // namespace
}  // namespace tandem::crypto
