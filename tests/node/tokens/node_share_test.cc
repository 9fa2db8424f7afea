// The node's OPRF key share in its store: import, load, never readable in the file without
// the store key, and the command line's import-share / show.
#include "node/tokens/node_share.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include "crypto/digest.h"
#include "node/audit/entry.h"
#include "token_test_support.h"

namespace tandem::node::tokens {
namespace {

using testing::ReadWholeFile;
using testing::TempDir;

store::Store::Options Create() {
  store::Store::Options options;
  options.create_if_missing = true;
  return options;
}

std::string ShareHexOf(const std::filesystem::path& share_file) {
  const std::string text = ReadWholeFile(share_file);
  const auto at = text.find("\"share\": \"");
  return text.substr(at + 10, 64);
}

TEST(NodeShareTest, AnImportedShareLoadsBackWithItsPublicKeyAndQueuesItsAuditEntry) {
  TempDir dir;
  auto ceremony = testing::RunCeremony(dir / "ceremony");
  const auto key = testing::StoreKey();
  auto store = store::Store::Open(dir / "store.db", key, Create());
  ASSERT_TRUE(store) << store.error().message;
  auto none = LoadNodeShare(**store);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  ASSERT_TRUE(
      ImportShare(**store, ceremony.shares[2], "2026-11-22T10:00:00Z", ShareChange::kImport));
  auto loaded = LoadNodeShare(**store);
  ASSERT_TRUE(loaded && *loaded) << (loaded ? "none" : loaded.error().message);
  EXPECT_EQ((*loaded)->node, "nhs");
  EXPECT_EQ((*loaded)->share.holder(), 3u);
  EXPECT_EQ((*loaded)->share.public_share(), ceremony.shares[2].share.public_share());
  EXPECT_EQ((*loaded)->partnership.key.group_public_key(),
            ceremony.result.key.key.group_public_key());
  // The loaded share evaluates like the original.
  auto a = (*loaded)->share.ExportSecret();
  auto b = ceremony.shares[2].share.ExportSecret();
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->Equals(*b));
  // A data directory belongs to one node.
  auto other =
      ImportShare(**store, ceremony.shares[0], "2026-11-22T10:01:00Z", ShareChange::kImport);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, Code::kInvalidArgument);
  ASSERT_FALSE(ImportShare(**store, ceremony.shares[2], "22/11/2026", ShareChange::kImport));

  // The stored share queued its audit entry; the refused imports queued none.
  auto queued = (*store)->QueuedAuditEntries(10);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 1u);
  auto entry = audit::DecodeEntry(queued->front().entry);
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(entry->kind, "key-change");
  EXPECT_EQ(entry->processing, "import of the OPRF key share of holder 3 of 6, epoch 0");
  EXPECT_EQ(entry->request_sha256, crypto::Sha256Hex(PublicKeyJson(ceremony.result.key)));
  EXPECT_EQ(entry->at, *protocol::ParseTimestamp("2026-11-22T10:00:00Z"));
  EXPECT_EQ(queued->front().entry.find(ShareHexOf(ceremony.result.share_files[2])),
            std::string::npos);
}

TEST(NodeShareTest, TheShareIsNotInTheStoreFilesWithoutTheKey) {
  TempDir dir;
  auto ceremony = testing::RunCeremony(dir / "ceremony");
  auto secret = ceremony.shares[1].share.ExportSecret();
  ASSERT_TRUE(secret);
  const std::string hex = ShareHexOf(ceremony.result.share_files[1]);
  const auto search = [&](const std::filesystem::path& db) {
    std::string bytes = ReadWholeFile(db);
    bytes += ReadWholeFile(db.string() + "-wal");
    return testing::Contains(bytes, secret->view()) || bytes.find(hex) != std::string::npos;
  };
  {
    const auto key = testing::StoreKey();
    auto store = store::Store::Open(dir / "store.db", key, Create());
    ASSERT_TRUE(store);
    ASSERT_TRUE(
        ImportShare(**store, ceremony.shares[1], "2026-11-22T10:00:00Z", ShareChange::kImport));
    EXPECT_FALSE(search(dir / "store.db"));  // with the WAL not yet checkpointed
  }
  EXPECT_FALSE(search(dir / "store.db"));  // and after the store is closed
  // The search finds the share when the same code writes to an unencrypted database, so the
  // absence above is the encryption's doing.
  {
    auto plain = store::Store::OpenUnencrypted(dir / "plain.db", Create());
    ASSERT_TRUE(plain);
    ASSERT_TRUE(
        ImportShare(**plain, ceremony.shares[1], "2026-11-22T10:00:00Z", ShareChange::kImport));
  }
  EXPECT_TRUE(search(dir / "plain.db"));
}

int RunTandem(const std::string& command, std::string* output) {
  const auto out_file = std::filesystem::temp_directory_path() /
                        ("tandem-key-test-" + std::to_string(::getpid()) + ".txt");
  const std::string full = command + " > " + out_file.string() + " 2>&1";
  const int status = std::system(full.c_str());  // NOLINT(cert-env33-c): test harness
  *output = ReadWholeFile(out_file);
  std::filesystem::remove(out_file);
  return WEXITSTATUS(status);
}

TEST(KeyCommandTest, CeremonyImportShareWithDeleteAndShowNeverPrintTheShare) {
  TempDir dir;
  const std::string tandem = TANDEM_BINARY;
  const auto key_file = dir / "store.key";
  tandem::testing::WriteWholeFile(key_file, std::string(64, 'a') + "\n");
  std::filesystem::permissions(
      key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::string out;
  ASSERT_EQ(RunTandem(tandem +
                          " key ceremony --threshold 3 --holders "
                          "police,probation,nhs,housing,substance-misuse,victim-advocacy --out " +
                          (dir / "c").string(),
                      &out),
            0)
      << out;
  const auto share_file = dir / "c" / "share-housing.json";
  const std::string hex = ShareHexOf(share_file);
  ASSERT_EQ(hex.size(), 64u);
  EXPECT_EQ(out.find(hex), std::string::npos);

  const std::string data =
      " --data-dir " + (dir / "node").string() + " --key-file " + key_file.string();
  ASSERT_EQ(RunTandem(tandem + " key import-share" + data + " --share " + share_file.string() +
                          " --delete",
                      &out),
            0)
      << out;
  EXPECT_FALSE(std::filesystem::exists(share_file));
  EXPECT_NE(out.find("Deleted"), std::string::npos) << out;

  ASSERT_EQ(RunTandem(tandem + " key show" + data, &out), 0) << out;
  EXPECT_NE(out.find("node housing: holder 4 of 6, threshold 3, epoch 0"), std::string::npos)
      << out;
  EXPECT_EQ(out.find(hex), std::string::npos);
  EXPECT_NE(out.find("(this node)"), std::string::npos);

  // Without --delete the command tells the user to delete the file, and keeps it.
  const auto police = dir / "c" / "share-police.json";
  const std::string other_data =
      " --data-dir " + (dir / "node2").string() + " --key-file " + key_file.string();
  ASSERT_EQ(
      RunTandem(tandem + " key import-share" + other_data + " --share " + police.string(), &out), 0)
      << out;
  EXPECT_TRUE(std::filesystem::exists(police));
  EXPECT_NE(out.find("Now delete"), std::string::npos) << out;
}

}  // namespace
}  // namespace tandem::node::tokens
