#include "node/identity_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "../temp_dir.h"

namespace tandem::node {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;
using testing::WriteWholeFile;

TEST(IdentityKeyTest, WritesAKeyThatReadsBackTheSame) {
  TempDir dir;
  auto key = crypto::SigningKey::Generate();
  ASSERT_TRUE(key);
  const auto path = dir / "identity.key";
  ASSERT_TRUE(WriteIdentityKey(path, *key));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string text = ReadWholeFile(path);
  EXPECT_EQ(text.size(), 65u);
  EXPECT_EQ(text.back(), '\n');
  auto read = ReadIdentityKey(path);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->verifying_key(), key->verifying_key());
  // Nothing else is left in the folder (no temporary file).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(IdentityKeyTest, NeverOverwritesAKey) {
  TempDir dir;
  const auto path = dir / "identity.key";
  auto first = crypto::SigningKey::Generate();
  auto second = crypto::SigningKey::Generate();
  ASSERT_TRUE(WriteIdentityKey(path, *first));
  auto st = WriteIdentityKey(path, *second);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, Code::kInvalidArgument);
  EXPECT_EQ(ReadIdentityKey(path)->verifying_key(), first->verifying_key());
}

TEST(IdentityKeyTest, RefusesAKeyFileOthersCanRead) {
  TempDir dir;
  const auto path = dir / "identity.key";
  WriteWholeFile(path, std::string(64, '1') + "\n");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto key = ReadIdentityKey(path);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kPermissionDenied);
  EXPECT_NE(key.error().message.find("chmod 600"), std::string::npos);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(ReadIdentityKey(path));
}

TEST(IdentityKeyTest, RefusesAnythingButSixtyFourLowerCaseHexDigits) {
  TempDir dir;
  const auto path = dir / "identity.key";
  for (const std::string& content :
       {std::string(63, 'a') + "\n", std::string(64, 'A') + "\n", std::string(65, 'a'),
        std::string(64, 'a') + "\n\n", std::string(64, 'g'), std::string()}) {
    WriteWholeFile(path, content);
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    auto key = ReadIdentityKey(path);
    ASSERT_FALSE(key) << content;
    EXPECT_EQ(key.error().code, Code::kInvalidArgument) << content;
  }
  WriteWholeFile(path, std::string(64, 'a'));  // without the newline is accepted
  EXPECT_TRUE(ReadIdentityKey(path));
}

TEST(IdentityKeyTest, ReportsAMissingFile) {
  TempDir dir;
  auto key = ReadIdentityKey(dir / "none.key");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, Code::kNotFound);
}

}  // namespace
}  // namespace tandem::node
