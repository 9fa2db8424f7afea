// `tandem store rekey` through the real executable: a data directory with an imported store and
// an audit log moves between passphrases and key files; afterwards the old key opens nothing,
// the new key opens both databases with every record, and the audit log verifies. Bad input
// changes nothing, byte for byte. The two states a crash can leave (copies without the commit
// marker, and with it) are built by hand and the next command must undo or finish the change.
// StoreRekeyCrashTest kills the command with SIGKILL at spread-out moments and requires the
// directory to open afterwards with exactly one of the two keys and to hold everything.
//
// Environment: TANDEM_CRASH_TRIALS kills (default 8), TANDEM_CRASH_SEED seed of the delays.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../node/audit/audit_fixture.h"
#include "../node/audit/queued_entries.h"
#include "../node/temp_dir.h"
#include "node/audit/audit_log.h"
#include "node/audit/local_entry.h"
#include "node/store/data_dir.h"
#include "tandem_process.h"

namespace tandem {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::ProcessResult;
using testing::ReadWholeFile;
using testing::RunTandem;
using testing::TempDir;
using testing::WriteWholeFile;

constexpr int kAuditEntries = 12;
constexpr const char* kKinds[] = {"police_nominals", "police_occurrences"};

// One way to give a key: a passphrase or a key file.
struct Key {
  std::string passphrase;
  fs::path file;
};

std::vector<std::string> Args(std::vector<std::string> args, const fs::path& data_dir,
                              const Key& key) {
  args.insert(args.end(), {"--data-dir", data_dir.string()});
  if (!key.file.empty()) args.insert(args.end(), {"--key-file", key.file.string()});
  return args;
}

std::map<std::string, std::string> Env(const Key& key) {
  if (key.passphrase.empty()) return {};
  return {{"TANDEM_STORE_PASSPHRASE", key.passphrase}};
}

node::store::KeyOptions Options(const Key& key) {
  node::store::KeyOptions options;
  if (!key.file.empty()) options.key_file = key.file;
  const std::string passphrase = key.passphrase;
  options.passphrase = [passphrase](bool) {
    return crypto::SecretBytes::Copy(
        {reinterpret_cast<const std::uint8_t*>(passphrase.data()), passphrase.size()});
  };
  return options;
}

// Every record of the store, as text, per export kind; empty when the key does not open it.
using Content = std::map<std::string, std::vector<std::string>>;

Content ReadContent(const fs::path& data_dir, const Key& key) {
  Content content;
  auto opened = node::store::OpenDataDir(data_dir, Options(key), {});
  if (!opened) return content;
  for (const char* kind : kKinds) {
    auto& rows = content[kind];
    const auto visited =
        opened->store->ForEachRecord(kind, [&rows](const node::store::StoredRecord& r) {
          rows.push_back(r.ref + '\x1f' + r.person_ref + '\x1f' + r.fields + '\x1f' + r.identity +
                         '\x1f' + std::to_string(r.first_import));
          return Ok();
        });
    EXPECT_TRUE(visited) << visited.error().message;
  }
  return content;
}

// The processing of every key-change entry queued in the store's audit outbox, oldest first.
std::vector<std::string> KeyChangesQueued(const fs::path& data_dir, const Key& key) {
  std::vector<std::string> changes;
  auto opened = node::store::OpenDataDir(data_dir, Options(key), {});
  EXPECT_TRUE(opened) << opened.error().message;
  if (!opened) return changes;
  for (const auto& entry : testing::QueuedEntries(*opened->store)) {
    if (entry.kind == node::audit::kKeyChangeKind) changes.push_back(entry.processing);
  }
  return changes;
}

// Name -> bytes of every file in the directory but the (empty) lock file a key change takes.
using Snapshot = std::map<std::string, std::string>;

Snapshot TakeSnapshot(const fs::path& dir) {
  Snapshot files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name != "store.lock") files[name] = ReadWholeFile(entry.path());
  }
  return files;
}

// The names of the files added, removed or changed between two snapshots.
std::vector<std::string> Changes(const Snapshot& before, const Snapshot& after) {
  std::vector<std::string> changed;
  for (const auto& [name, bytes] : before) {
    const auto now = after.find(name);
    if (now == after.end() || now->second != bytes) changed.push_back(name);
  }
  for (const auto& [name, bytes] : after) {
    if (!before.contains(name)) changed.push_back(name);
  }
  return changed;
}

// Files that are not a data directory's own after a key change has ended or been recovered.
// SQLite's own files beside a database are allowed: a change killed while it switched a
// database out of WAL mode can leave an inert (not hot) rollback journal of the old file.
std::vector<std::string> StrayFiles(const fs::path& dir) {
  static const std::set<std::string> kAllowed = {
      "store.db-journal", "audit.db-journal", "store.db",     "store.db-wal", "store.db-shm",
      "store-key.json",   "audit.db",         "audit.db-wal", "audit.db-shm", "store.lock"};
  std::vector<std::string> stray;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (!kAllowed.contains(name)) stray.push_back(name);
  }
  return stray;
}

std::string Source(const fs::path& data_dir) {
  const auto json = nlohmann::json::parse(ReadWholeFile(data_dir / "store-key.json"));
  return json.at("source").get<std::string>();
}

class StoreRekeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    exports_ = new TempDir();
    const auto synth =
        RunTandem({"synth", "--people", "80", "--seed", "41", "--out", exports_->path().string()},
                  {}, exports_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  static void TearDownTestSuite() {
    delete exports_;
    exports_ = nullptr;
  }

  void SetUp() override {
    key_a_ = {"", dir_ / "a.key"};
    WriteWholeFile(key_a_.file, std::string(64, 'a') + "\n");
    key_b_ = {"", dir_ / "b.key"};
    WriteWholeFile(key_b_.file, std::string(32, '\x5b'));
    for (const Key& key : {key_a_, key_b_}) ::chmod(key.file.c_str(), 0600);
  }

  ProcessResult Tandem(const std::vector<std::string>& args, const fs::path& data_dir,
                       const Key& key, std::map<std::string, std::string> env = {}) {
    env.merge(Env(key));
    return RunTandem(Args(args, data_dir, key), env, dir_.path());
  }

  // Imports the police exports into `data_dir` with `key` and writes kAuditEntries entries,
  // with a signed checkpoint, to its audit log.
  void MakeDataDir(const fs::path& data_dir, const Key& key) {
    const auto exports = exports_->path();
    const auto imported =
        Tandem({"import", "--agency", "police", (exports / "police_nominals.csv").string(),
                (exports / "police_occurrences.csv").string()},
               data_dir, key);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    auto store_key = node::store::ReadDataDirKey(data_dir, Options(key));
    ASSERT_TRUE(store_key) << store_key.error().message;
    node::audit::AuditLog::Options options;
    options.background_checkpoints = false;
    options.clock = clock_.Function();
    auto log =
        node::audit::AuditLog::Open(data_dir / node::audit::kAuditFileName, store_key->key,
                                    node::audit::testing::Node("police"), identity_, options);
    ASSERT_TRUE(log) << log.error().message;
    for (int i = 0; i < kAuditEntries; ++i) {
      ASSERT_TRUE((*log)->Append(node::audit::testing::SampleEntry(i)));
    }
    clock_.Advance(1);
    ASSERT_TRUE((*log)->Checkpoint());
  }

  // The key opens the store with every record and the audit log verifies with all entries.
  void ExpectOpens(const fs::path& data_dir, const Key& key, const Content& content) {
    EXPECT_EQ(ReadContent(data_dir, key), content);
    const auto check = Tandem({"store", "check"}, data_dir, key);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    const auto verify = Tandem({"audit", "verify"}, data_dir, key);
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find("entries         " + std::to_string(kAuditEntries)),
              std::string::npos)
        << verify.out;
  }

  // The key opens neither database.
  void ExpectRefused(const fs::path& data_dir, const Key& key) {
    const auto summary = Tandem({"store", "summary"}, data_dir, key);
    EXPECT_EQ(summary.exit_code, 1) << summary.out;
    const auto verify = Tandem({"audit", "verify"}, data_dir, key);
    EXPECT_NE(verify.exit_code, 0) << verify.out;
    auto store_key = node::store::ReadDataDirKey(data_dir, Options(key));
    if (!store_key) return;  // the wrong kind of key: refused before any database is read
    auto log = node::audit::AuditLog::Open(data_dir / node::audit::kAuditFileName, store_key->key,
                                           node::audit::testing::Node("police"), identity_, {});
    EXPECT_FALSE(log);
    if (!log) EXPECT_EQ(log.error().code, Code::kCorruption) << log.error().message;
  }

  static TempDir* exports_;
  TempDir dir_;
  fs::path data_ = dir_ / "data";
  Key key_a_;
  Key key_b_;
  Key old_passphrase_ = {"the old passphrase of the store", ""};
  Key new_passphrase_ = {"a new passphrase for the store", ""};
  node::audit::testing::FakeClock clock_;
  crypto::SigningKey identity_ = node::audit::testing::IdentityKey(1);
};

TempDir* StoreRekeyTest::exports_ = nullptr;

TEST_F(StoreRekeyTest, MovesFromOnePassphraseToAnother) {
  MakeDataDir(data_, old_passphrase_);
  const Content content = ReadContent(data_, old_passphrase_);
  ASSERT_GT(content.at("police_nominals").size(), 10u);
  const std::string old_params = ReadWholeFile(data_ / "store-key.json");

  const auto rekey = Tandem({"store", "rekey"}, data_, old_passphrase_,
                            {{"TANDEM_STORE_NEW_PASSPHRASE", new_passphrase_.passphrase}});
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  EXPECT_NE(rekey.out.find("store.db audit.db re-encrypted"), std::string::npos) << rekey.out;

  EXPECT_EQ(Source(data_), "passphrase");
  EXPECT_NE(ReadWholeFile(data_ / "store-key.json"), old_params);  // a fresh salt
  ExpectOpens(data_, new_passphrase_, content);
  ExpectRefused(data_, old_passphrase_);
  EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
  // The change waits in the store for the node to log it.
  EXPECT_EQ(KeyChangesQueued(data_, new_passphrase_),
            std::vector<std::string>{
                "change of the data directory's key, from a passphrase to a passphrase"});
}

TEST_F(StoreRekeyTest, MovesFromAPassphraseToAKeyFileAndBack) {
  MakeDataDir(data_, old_passphrase_);
  const Content content = ReadContent(data_, old_passphrase_);

  auto rekey =
      Tandem({"store", "rekey", "--new-key-file", key_a_.file.string()}, data_, old_passphrase_);
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  EXPECT_EQ(Source(data_), "key-file");
  ExpectOpens(data_, key_a_, content);
  ExpectRefused(data_, old_passphrase_);
  ExpectRefused(data_, key_b_);

  rekey = Tandem({"store", "rekey"}, data_, key_a_,
                 {{"TANDEM_STORE_NEW_PASSPHRASE", new_passphrase_.passphrase}});
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  EXPECT_EQ(Source(data_), "passphrase");
  ExpectOpens(data_, new_passphrase_, content);
  ExpectRefused(data_, key_a_);
  ExpectRefused(data_, old_passphrase_);
  EXPECT_EQ(KeyChangesQueued(data_, new_passphrase_),
            (std::vector<std::string>{
                "change of the data directory's key, from a passphrase to a key file",
                "change of the data directory's key, from a key file to a passphrase"}));
}

TEST_F(StoreRekeyTest, MovesFromOneKeyFileToAnother) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  const auto rekey =
      Tandem({"store", "rekey", "--new-key-file", key_b_.file.string()}, data_, key_a_);
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  EXPECT_EQ(Source(data_), "key-file");
  ExpectOpens(data_, key_b_, content);
  ExpectRefused(data_, key_a_);
  EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
}

TEST_F(StoreRekeyTest, AWrongCurrentKeyChangesNothing) {
  MakeDataDir(data_, key_a_);
  const Snapshot before = TakeSnapshot(data_);
  auto rekey = Tandem({"store", "rekey", "--new-key-file", key_a_.file.string()}, data_, key_b_);
  EXPECT_EQ(rekey.exit_code, 1);
  EXPECT_NE(rekey.err.find("the current key does not open"), std::string::npos) << rekey.err;
  EXPECT_NE(rekey.err.find("wrong key"), std::string::npos) << rekey.err;
  EXPECT_NE(rekey.err.find("nothing was changed"), std::string::npos) << rekey.err;
  EXPECT_EQ(Changes(before, TakeSnapshot(data_)), std::vector<std::string>{});

  // A passphrase for a key-file store: refused naming the option to use.
  rekey = Tandem({"store", "rekey"}, data_, old_passphrase_,
                 {{"TANDEM_STORE_NEW_PASSPHRASE", new_passphrase_.passphrase}});
  EXPECT_EQ(rekey.exit_code, 1);
  EXPECT_NE(rekey.err.find("pass --key-file"), std::string::npos) << rekey.err;
  EXPECT_EQ(Changes(before, TakeSnapshot(data_)), std::vector<std::string>{});
  ExpectOpens(data_, key_a_, ReadContent(data_, key_a_));
}

TEST_F(StoreRekeyTest, ABadNewKeyIsRefusedBeforeAnythingIsWritten) {
  MakeDataDir(data_, key_a_);
  const Snapshot before = TakeSnapshot(data_);
  const auto open_key = dir_ / "open.key";
  WriteWholeFile(open_key, std::string(64, 'c'));
  ::chmod(open_key.c_str(), 0644);
  const auto short_key = dir_ / "short.key";
  WriteWholeFile(short_key, "0123456789abcdef");
  ::chmod(short_key.c_str(), 0600);
  const struct {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string message;
  } kCases[] = {
      {{"--new-key-file", open_key.string()}, {}, "chmod 600"},
      {{"--new-key-file", short_key.string()}, {}, "short.key"},
      {{"--new-key-file", (dir_ / "missing.key").string()}, {}, "missing.key"},
      {{}, {{"TANDEM_STORE_NEW_PASSPHRASE", "too short"}}, "at least 12"},
      {{}, {}, "TANDEM_STORE_NEW_PASSPHRASE"},
      {{"--new-key-file", key_a_.file.string()}, {}, "the new key is the store's current key"},
  };
  for (const auto& c : kCases) {
    std::vector<std::string> args = {"store", "rekey"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto rekey = Tandem(args, data_, key_a_, c.env);
    EXPECT_EQ(rekey.exit_code, 1) << c.message;
    EXPECT_NE(rekey.err.find(c.message), std::string::npos) << rekey.err;
    EXPECT_EQ(Changes(before, TakeSnapshot(data_)), std::vector<std::string>{}) << c.message;
  }
}

TEST_F(StoreRekeyTest, TheSamePassphraseAgainIsRefused) {
  MakeDataDir(data_, old_passphrase_);
  const Snapshot before = TakeSnapshot(data_);
  const auto rekey = Tandem({"store", "rekey"}, data_, old_passphrase_,
                            {{"TANDEM_STORE_NEW_PASSPHRASE", old_passphrase_.passphrase}});
  EXPECT_EQ(rekey.exit_code, 1);
  EXPECT_NE(rekey.err.find("the store's current passphrase"), std::string::npos) << rekey.err;
  EXPECT_EQ(Changes(before, TakeSnapshot(data_)), std::vector<std::string>{});
}

TEST_F(StoreRekeyTest, IsRefusedWhileAnotherProcessHasTheStoreOpen) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  {
    auto opened = node::store::OpenDataDir(data_, Options(key_a_), {});
    ASSERT_TRUE(opened) << opened.error().message;
    const auto rekey =
        Tandem({"store", "rekey", "--new-key-file", key_b_.file.string()}, data_, key_a_);
    EXPECT_EQ(rekey.exit_code, 1);
    EXPECT_NE(rekey.err.find("is in use by another process"), std::string::npos) << rekey.err;
  }
  EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
  ExpectOpens(data_, key_a_, content);
  ExpectRefused(data_, key_b_);
}

TEST_F(StoreRekeyTest, IsRefusedWhileAnotherProcessHoldsOnlyTheAuditLogsKey) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  {
    auto key = node::store::ReadDataDirKey(data_, Options(key_a_));  // as `tandem audit` does
    ASSERT_TRUE(key) << key.error().message;
    const auto rekey =
        Tandem({"store", "rekey", "--new-key-file", key_b_.file.string()}, data_, key_a_);
    EXPECT_EQ(rekey.exit_code, 1);
    EXPECT_NE(rekey.err.find("is in use by another process"), std::string::npos) << rekey.err;
  }
  ExpectOpens(data_, key_a_, content);
  ExpectRefused(data_, key_b_);
}

TEST_F(StoreRekeyTest, NothingOpensTheDataDirectoryWhileAKeyChangeHoldsIt) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  {
    // The lock a running key change holds, taken here as `tandem store rekey` takes it.
    auto change = node::store::FileLock::TryAcquire(data_ / "store.lock");
    ASSERT_TRUE(change && *change);
    auto opened = node::store::OpenDataDir(data_, Options(key_a_), {});
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, Code::kUnavailable);
    EXPECT_NE(opened.error().message.find("(tandem store rekey) is running"), std::string::npos)
        << opened.error().message;
    auto key = node::store::ReadDataDirKey(data_, Options(key_a_));
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, Code::kUnavailable);
    const auto summary = Tandem({"store", "summary"}, data_, key_a_);
    EXPECT_EQ(summary.exit_code, 1);
    EXPECT_NE(summary.err.find("is running; try again when it has finished"), std::string::npos)
        << summary.err;
  }
  ExpectOpens(data_, key_a_, content);
}

TEST_F(StoreRekeyTest, CopiesWithoutTheCommitMarkerAreUndoneByTheNextCommand) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  // What a crash while the copies were written leaves: partial copies and a temporary file.
  WriteWholeFile(data_ / "store.db.rekey", std::string(4096, 'x'));
  WriteWholeFile(data_ / "store.db.rekey-journal", std::string(512, 'j'));
  WriteWholeFile(data_ / ".store-key.json.rekey.tmp-Ab12Cd", "{");

  const auto summary = Tandem({"store", "summary"}, data_, key_a_);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.err.find("has been undone"), std::string::npos) << summary.err;
  EXPECT_NE(summary.err.find("still open with the old key"), std::string::npos) << summary.err;
  EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
  ExpectOpens(data_, key_a_, content);
}

TEST_F(StoreRekeyTest, CopiesWithTheCommitMarkerAreFinishedByTheNextCommand) {
  MakeDataDir(data_, key_a_);
  const Content content = ReadContent(data_, key_a_);
  // A write-ahead log of the old store with frames in it, as its last writer left it: it must
  // not be replayed into the new file (its pages are encrypted with the old key).
  const auto stale_wal = dir_ / "stale-wal";
  {
    auto opened = node::store::OpenDataDir(data_, Options(key_a_), {});
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_TRUE(opened->store->AppendJournal("test", "2026-01-01T00:00:00Z", "{}"));
    fs::copy_file(data_ / "store.db-wal", stale_wal);
  }
  ASSERT_GT(fs::file_size(stale_wal), 4096u);
  // The copies a committed change had written: made by a whole change of a twin directory.
  const auto twin = dir_ / "twin";
  fs::copy(data_, twin);
  const auto rekey =
      Tandem({"store", "rekey", "--new-key-file", key_b_.file.string()}, twin, key_a_);
  ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  for (const char* name : {"store.db", "audit.db", "store-key.json"}) {
    fs::copy_file(twin / name, data_ / (std::string(name) + ".rekey"));
  }
  WriteWholeFile(data_ / "store-rekey.commit", "committed\n");
  fs::copy_file(stale_wal, data_ / "store.db-wal");

  const auto verify = Tandem({"audit", "verify"}, data_, key_b_);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.err.find("has been finished"), std::string::npos) << verify.err;
  EXPECT_NE(verify.err.find("now open with the new key"), std::string::npos) << verify.err;
  EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
  EXPECT_EQ(Source(data_), "key-file");
  ExpectOpens(data_, key_b_, content);
  ExpectRefused(data_, key_a_);
}

class StoreRekeyCrashTest : public StoreRekeyTest {};

TEST_F(StoreRekeyCrashTest, AKilledKeyChangeLeavesExactlyOneKeyThatOpensEverything) {
  const auto start = dir_ / "start";
  MakeDataDir(start, key_a_);
  const Content content = ReadContent(start, key_a_);
  const std::vector<std::string> rekey_args = {"store", "rekey", "--new-key-file",
                                               key_b_.file.string()};

  // How long a whole change takes here, the shorter of two: kills are spread over it.
  Clock::duration rekey_time = Clock::duration::max();
  for (int round = 0; round < 2; ++round) {
    fs::remove_all(data_);
    fs::copy(start, data_);
    const auto started = Clock::now();
    const auto rekey = Tandem(rekey_args, data_, key_a_);
    rekey_time = std::min(rekey_time, Clock::now() - started);
    ASSERT_EQ(rekey.exit_code, 0) << rekey.err;
  }

  const std::uint64_t trials = testing::EnvNumber("TANDEM_CRASH_TRIALS", 8);
  const std::uint64_t seed = testing::EnvNumber("TANDEM_CRASH_SEED", 20261123);
  std::mt19937_64 random(seed);
  int old_key = 0;
  int new_key = 0;
  int finished = 0;
  for (std::uint64_t trial = 0; trial < trials; ++trial) {
    const auto delay = testing::KillDelay(random, trial, trials, 1.1, rekey_time);
    SCOPED_TRACE(
        "TANDEM_CRASH_SEED=" + std::to_string(seed) + " trial " + std::to_string(trial) +
        ", kill after " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(delay).count()) +
        " ms");
    fs::remove_all(data_);
    fs::copy(start, data_);
    const auto started = Clock::now();
    const pid_t child =
        testing::StartTandem(Args(rekey_args, data_, key_a_), {}, dir_.path(), "rekey");
    ASSERT_GT(child, 0);
    const testing::Ending ending = testing::KillAfter(child, started, delay);
    if (!ending.killed) {
      ASSERT_EQ(ending.exit_code, 0) << ReadWholeFile(dir_ / "rekey.stderr");
    }

    // The first command recovers; then exactly one key opens the store and the audit log.
    const auto with_old = Tandem({"store", "check"}, data_, key_a_);
    const auto with_new = Tandem({"store", "check"}, data_, key_b_);
    ASSERT_NE(with_old.exit_code == 0, with_new.exit_code == 0)
        << "old key: " << with_old.err << "\nnew key: " << with_new.err;
    const Key& working = with_old.exit_code == 0 ? key_a_ : key_b_;
    const Key& refused = with_old.exit_code == 0 ? key_b_ : key_a_;
    EXPECT_EQ(Source(data_), "key-file");
    ExpectOpens(data_, working, content);
    ExpectRefused(data_, refused);
    EXPECT_EQ(StrayFiles(data_), std::vector<std::string>{});
    // The change's audit entry is in the store exactly when the change is.
    EXPECT_EQ(KeyChangesQueued(data_, working).size(), &working == &key_b_ ? 1u : 0u);
    if (!ending.killed) {
      EXPECT_EQ(&working, &key_b_) << "the change reported success but the old key still works";
      ++finished;
    } else {
      ++(&working == &key_a_ ? old_key : new_key);
    }
    if (HasFatalFailure()) return;
  }
  std::cout << "[ crash    ] " << trials << " kills (seed " << seed << ") over a "
            << std::chrono::duration_cast<std::chrono::milliseconds>(rekey_time).count()
            << " ms key change: " << old_key << " left the old key, " << new_key << " the new key, "
            << finished << " finished before the kill\n";
  EXPECT_EQ(old_key + new_key + finished, static_cast<int>(trials));
}

}  // namespace
}  // namespace tandem
