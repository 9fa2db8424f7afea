#include "node/store/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "node/store/key_params.h"
#include "temp_dir.h"

namespace tandem::node::store {
namespace {

using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;
using tandem::testing::WriteWholeFile;

KeyOptions Passphrase(std::string text) {
  KeyOptions key;
  key.passphrase = [text](bool) {
    return crypto::SecretBytes::Copy(
        {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  };
  key.new_store_argon2id = {.opslimit = 1, .memlimit = 8 * 1024 * 1024};
  return key;
}

DataDirOptions Create() { return {.create_if_missing = true}; }

mode_t Mode(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

TEST(DataDirTest, CreatesAPassphraseStoreAndReopensIt) {
  TempDir tmp;
  const auto dir = tmp / "node";
  {
    auto opened = OpenDataDir(dir, Passphrase("a long enough passphrase"), Create());
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_TRUE(opened->created);
  }
  auto opened = OpenDataDir(dir, Passphrase("a long enough passphrase"), {});
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_FALSE(opened->created);
  EXPECT_TRUE(opened->store->encrypted());
}

TEST(DataDirTest, RefusesAWrongPassphraseClearly) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  auto opened = OpenDataDir(tmp / "node", Passphrase("another long passphrase"), {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kCorruption);
  EXPECT_NE(opened.error().message.find("wrong key"), std::string::npos);
}

TEST(DataDirTest, RestrictsTheDirectoryAndFilesToTheOwner) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  EXPECT_EQ(Mode(tmp / "node"), 0700u);
  EXPECT_EQ(Mode(tmp.path() / "node" / kStoreFileName), 0600u);
  EXPECT_EQ(Mode(tmp.path() / "node" / kKeyParamsFileName), 0600u);
}

TEST(DataDirTest, KeyParametersHoldTheSaltAndCostButNotThePassphrase) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  const auto path = tmp.path() / "node" / kKeyParamsFileName;
  auto params = ReadKeyParams(path);
  ASSERT_TRUE(params) << params.error().message;
  EXPECT_EQ(params->source, KeySource::kPassphrase);
  EXPECT_EQ(params->argon2id.opslimit, 1u);
  EXPECT_EQ(params->argon2id.memlimit, 8u * 1024 * 1024);
  EXPECT_NE(params->salt, crypto::StoreSalt{});
  EXPECT_EQ(ReadWholeFile(path).find("long enough"), std::string::npos);
}

TEST(DataDirTest, TwoStoresWithOnePassphraseGetDifferentSalts) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "a", Passphrase("a long enough passphrase"), Create()));
  ASSERT_TRUE(OpenDataDir(tmp / "b", Passphrase("a long enough passphrase"), Create()));
  auto a = ReadKeyParams(tmp.path() / "a" / kKeyParamsFileName);
  auto b = ReadKeyParams(tmp.path() / "b" / kKeyParamsFileName);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->salt, b->salt);
}

TEST(DataDirTest, RefusesAShortPassphraseForANewStoreAndCreatesNothing) {
  TempDir tmp;
  auto opened = OpenDataDir(tmp / "node", Passphrase("short"), Create());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(tmp / "node"));
}

TEST(DataDirTest, DoesNotCreateAStoreUnlessAsked) {
  TempDir tmp;
  auto opened = OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(tmp / "node"));
}

TEST(DataDirTest, OpensAKeyFileStoreOnlyWithItsKeyFile) {
  TempDir tmp;
  const auto key_path = tmp / "store.key";
  WriteWholeFile(key_path, std::string(64, 'a'));
  ::chmod(key_path.c_str(), 0600);
  KeyOptions with_file;
  with_file.key_file = key_path;
  ASSERT_TRUE(OpenDataDir(tmp / "node", with_file, Create()));

  auto reopened = OpenDataDir(tmp / "node", with_file, {});
  ASSERT_TRUE(reopened) << reopened.error().message;

  auto by_passphrase = OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), {});
  ASSERT_FALSE(by_passphrase);
  EXPECT_EQ(by_passphrase.error().code, Code::kInvalidArgument);
  EXPECT_NE(by_passphrase.error().message.find("--key-file"), std::string::npos);

  WriteWholeFile(key_path, std::string(64, 'b'));
  auto wrong = OpenDataDir(tmp / "node", with_file, {});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Code::kCorruption);
}

TEST(DataDirTest, RefusesAKeyFileForAPassphraseStore) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  const auto key_path = tmp / "store.key";
  WriteWholeFile(key_path, std::string(32, 'k'));
  ::chmod(key_path.c_str(), 0600);
  KeyOptions with_file;
  with_file.key_file = key_path;
  auto opened = OpenDataDir(tmp / "node", with_file, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kInvalidArgument);
}

TEST(DataDirTest, RefusesAKeyFileOthersCanReadAndCreatesNothing) {
  TempDir tmp;
  const auto key_path = tmp / "store.key";
  WriteWholeFile(key_path, std::string(32, 'k'));
  ::chmod(key_path.c_str(), 0644);
  KeyOptions with_file;
  with_file.key_file = key_path;
  auto opened = OpenDataDir(tmp / "node", with_file, Create());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(tmp / "node"));
}

TEST(DataDirTest, RefusesADamagedKeyParametersFile) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  WriteWholeFile(tmp.path() / "node" / kKeyParamsFileName, "{not json");
  auto opened = OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kCorruption);
  EXPECT_NE(opened.error().message.find("key parameters"), std::string::npos);
}

TEST(DataDirTest, ExplainsAMissingKeyParametersFile) {
  TempDir tmp;
  ASSERT_TRUE(OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), Create()));
  std::filesystem::remove(tmp.path() / "node" / kKeyParamsFileName);
  auto opened = OpenDataDir(tmp / "node", Passphrase("a long enough passphrase"), {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Code::kNotFound);
  EXPECT_NE(opened.error().message.find("backup"), std::string::npos);
}

TEST(DataDirTest, KeyParametersRoundTrip) {
  TempDir tmp;
  KeyParams params;
  params.salt = crypto::NewStoreSalt();
  params.argon2id = {.opslimit = 4, .memlimit = 64 * 1024 * 1024};
  ASSERT_TRUE(WriteKeyParams(tmp / "k.json", params));
  auto read = ReadKeyParams(tmp / "k.json");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->salt, params.salt);
  EXPECT_EQ(read->argon2id.opslimit, 4u);
  EXPECT_EQ(read->argon2id.memlimit, 64u * 1024 * 1024);
}

TEST(DataDirTest, RefusesKeyParametersWithAnAbsurdCost) {
  TempDir tmp;
  WriteWholeFile(tmp / "k.json",
                 R"({"tandem_store_key":1,"source":"passphrase","kdf":"argon2id13",)"
                 R"("salt":"00112233445566778899aabbccddeeff","opslimit":3,)"
                 R"("memlimit":999999999999999})");
  auto read = ReadKeyParams(tmp / "k.json");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Code::kCorruption);
}

}  // namespace
}  // namespace tandem::node::store
