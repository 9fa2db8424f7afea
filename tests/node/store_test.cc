#include "node/store/store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "node/store/internal/migrations.h"
#include "node/store/internal/raw_access.h"
#include "temp_dir.h"

namespace tandem::node::store {
namespace {

using tandem::testing::ReadWholeFile;
using tandem::testing::TempDir;
using tandem::testing::WriteWholeFile;

crypto::SecretBytes Key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(fill);
  auto key = crypto::SecretBytes::Copy(bytes);
  EXPECT_TRUE(key);
  return std::move(*key);
}

Store::Options Create() {
  Store::Options options;
  options.create_if_missing = true;
  return options;
}

ContentHash Hash(std::uint8_t fill) {
  ContentHash hash;
  hash.fill(fill);
  return hash;
}

// Adds `count` records of kind "police_nominals" in one import; returns the import id.
std::int64_t AddRecords(Store& store, int count, const std::string& prefix = "N") {
  auto txn = store.Begin();
  EXPECT_TRUE(txn);
  auto import_id = store.AddImport("police_nominals", "2024-01-02T03:04:05Z");
  EXPECT_TRUE(import_id);
  for (int i = 0; i < count; ++i) {
    const std::string ref = prefix + std::to_string(1000000 + i);
    const std::string fields = R"({"nominal_id":")" + ref + R"(","surname":"Quarrington"})";
    EXPECT_TRUE(store.InsertRecord({.export_kind = "police_nominals",
                                    .ref = ref,
                                    .person_ref = ref,
                                    .fields = fields,
                                    .identity = R"({"surname":"quarrington"})",
                                    .content_hash = Hash(static_cast<std::uint8_t>(i)),
                                    .import_id = *import_id}));
  }
  EXPECT_TRUE(txn->Commit());
  return *import_id;
}

TEST(StoreTest, CreatesAStoreAtTheLatestSchemaVersion) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE((*store)->encrypted());
  EXPECT_EQ((*store)->schema_version(), internal::LatestSchemaVersion());
}

TEST(StoreTest, RefusesToOpenAMissingStoreUnlessAskedToCreate) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "store.db"));
}

TEST(StoreTest, CreatesTheFileReadableByItsOwnerOnly) {
  TempDir dir;
  ASSERT_TRUE(Store::Open(dir / "store.db", Key(1), Create()));
  struct stat st {};
  ASSERT_EQ(::stat((dir / "store.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(StoreTest, ReopeningWithTheSameKeyKeepsTheData) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store);
    AddRecords(**store, 10);
  }
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_TRUE(store) << store.error().message;
  auto record = (*store)->GetRecord("police_nominals", "N1000003");
  ASSERT_TRUE(record);
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->person_ref, "N1000003");
  EXPECT_EQ((*record)->identity, R"({"surname":"quarrington"})");
  EXPECT_EQ((*record)->content_hash, Hash(3));
  EXPECT_EQ((*record)->first_import, (*record)->last_import);
}

TEST(StoreTest, RefusesAWrongKeyClearly) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store);
    AddRecords(**store, 3);
  }
  auto store = Store::Open(dir / "store.db", Key(2), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
  EXPECT_NE(store.error().message.find("wrong key, or not a Tandem store"), std::string::npos)
      << store.error().message;
}

TEST(StoreTest, RefusesAKeyOfTheWrongSize) {
  TempDir dir;
  auto short_key = crypto::SecretBytes::Random(16);
  ASSERT_TRUE(short_key);
  auto store = Store::Open(dir / "store.db", *short_key, Create());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kInvalidArgument);
}

TEST(StoreTest, RefusesRandomBytesAsADatabase) {
  TempDir dir;
  auto noise = crypto::SecretBytes::Random(64 * 1024);
  ASSERT_TRUE(noise);
  WriteWholeFile(dir / "store.db",
                 std::string(reinterpret_cast<const char*>(noise->data()), noise->size()));
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
  EXPECT_NE(store.error().message.find("not a Tandem store"), std::string::npos);
}

TEST(StoreTest, RefusesAPlainSqliteDatabase) {
  TempDir dir;
  ASSERT_TRUE(Store::OpenUnencrypted(dir / "store.db", Create()));
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
}

TEST(StoreTest, RefusesAFileTruncatedOnDisk) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store);
    AddRecords(**store, 2000);
  }
  const auto size = std::filesystem::file_size(dir / "store.db");
  ASSERT_GT(size, 40'000u);
  std::filesystem::resize_file(dir / "store.db", size / 2);
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
  EXPECT_NE(store.error().message.find("damaged"), std::string::npos) << store.error().message;
}

TEST(StoreTest, RefusesAFileTruncatedInsideAPage) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store);
    AddRecords(**store, 500);
  }
  const auto size = std::filesystem::file_size(dir / "store.db");
  std::filesystem::resize_file(dir / "store.db", size - 100);
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
}

TEST(StoreTest, RefusesAnEmptyFile) {
  TempDir dir;
  WriteWholeFile(dir / "store.db", "");
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
}

TEST(StoreTest, CheckFindsATamperedPage) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store);
    AddRecords(**store, 2000);
  }
  std::string bytes = ReadWholeFile(dir / "store.db");
  ASSERT_GT(bytes.size(), 20u * 4096);
  bytes[10 * 4096 + 100] ^= 0x01;  // one bit in the middle of a data page
  WriteWholeFile(dir / "store.db", bytes);

  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_TRUE(store) << store.error().message;  // page 1 is intact
  auto report = (*store)->Check();
  if (report) {
    EXPECT_FALSE(report->problems.empty());
  } else {
    EXPECT_EQ(report.error().code, Code::kCorruption) << report.error().message;
  }
}

TEST(StoreTest, CheckPassesAHealthyStore) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  AddRecords(**store, 100);
  auto report = (*store)->Check();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->problems.empty());
  EXPECT_FALSE(report->cipher_version.empty());
  EXPECT_EQ(report->page_size, 4096);
  EXPECT_EQ(report->schema_version, internal::LatestSchemaVersion());
}

TEST(StoreTest, MigratesAnOlderSchemaToTheCurrentOne) {
  TempDir dir;
  {
    Store::Options old = Create();
    old.schema_version = 1;
    auto store = Store::Open(dir / "store.db", Key(1), old);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ((*store)->schema_version(), 1);
    AddRecords(**store, 5);
  }
  const auto key = Key(1);
  auto old_version = internal::QueryIntOnFile(dir / "store.db", &key, "PRAGMA user_version");
  ASSERT_TRUE(old_version);
  EXPECT_EQ(*old_version, 1);
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->schema_version(), internal::LatestSchemaVersion());
  auto record = (*store)->GetRecord("police_nominals", "N1000004");
  ASSERT_TRUE(record && record->has_value());

  store->reset();
  auto index = internal::QueryIntOnFile(
      dir / "store.db", &key,
      "SELECT count(*) FROM sqlite_master WHERE name = 'occurrences_by_nominal'");
  ASSERT_TRUE(index) << index.error().message;
  EXPECT_EQ(*index, 1);
}

TEST(StoreTest, RefusesASchemaNewerThanItKnows) {
  TempDir dir;
  ASSERT_TRUE(Store::Open(dir / "store.db", Key(1), Create()));
  const auto key = Key(1);
  ASSERT_TRUE(internal::ExecOnFile(dir / "store.db", &key, "PRAGMA user_version = 99"));
  auto store = Store::Open(dir / "store.db", Key(1), Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kInvalidArgument);
  EXPECT_NE(store.error().message.find("newer"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find("99"), std::string::npos);
}

TEST(StoreTest, RefusesADatabaseOfAnotherApplication) {
  TempDir dir;
  const auto key = Key(1);
  {
    auto store = Store::Open(dir / "store.db", key, Create());
    ASSERT_TRUE(store);
  }
  ASSERT_TRUE(internal::ExecOnFile(dir / "store.db", &key, "PRAGMA application_id = 42"));
  auto store = Store::Open(dir / "store.db", key, Store::Options{});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kCorruption);
  EXPECT_NE(store.error().message.find("not a Tandem store"), std::string::npos);
}

TEST(StoreTest, MigrationStepsAreNumberedInOrder) {
  int expected = 1;
  for (const auto& step : internal::Migrations()) EXPECT_EQ(step.version, expected++);
}

TEST(StoreTest, EncryptedFileHasNoSqliteHeaderButPlainFileDoes) {
  TempDir dir;
  {
    auto encrypted = Store::Open(dir / "secret.db", Key(1), Create());
    auto plain = Store::OpenUnencrypted(dir / "plain.db", Create());
    ASSERT_TRUE(encrypted && plain);
    AddRecords(**encrypted, 50);
    AddRecords(**plain, 50);
  }
  const std::string secret = ReadWholeFile(dir / "secret.db");
  const std::string plain = ReadWholeFile(dir / "plain.db");
  EXPECT_NE(secret.find("SQLite format 3"), 0u);
  EXPECT_EQ(secret.find("Quarrington"), std::string::npos);
  EXPECT_EQ(plain.find("SQLite format 3"), 0u);
  EXPECT_NE(plain.find("Quarrington"), std::string::npos);  // the search itself works
}

TEST(StoreTest, AnUpdatedRecordLeavesNoOldValueInTheFilesEvenAfterADeletion) {
  TempDir dir;
  auto store = Store::OpenUnencrypted(dir / "plain.db", Create());
  ASSERT_TRUE(store);
  const auto in_files = [&](const std::string& text) {
    (*store)->TruncateWal();
    return (ReadWholeFile(dir / "plain.db") + ReadWholeFile(dir / "plain.db-wal")).find(text) !=
           std::string::npos;
  };
  auto import_id = (*store)->AddImport("police_nominals", "2024-01-02T03:04:05Z");
  ASSERT_TRUE(import_id);
  // A value longer than a page, so that the update frees overflow pages.
  const std::string old_fields = R"({"address":")" + std::string(9000, 'a') + R"(OLDADDRESSTAIL"})";
  for (const char* ref : {"N1", "N2"}) {
    ASSERT_TRUE((*store)->InsertRecord({.export_kind = "police_nominals",
                                        .ref = ref,
                                        .person_ref = ref,
                                        .fields = old_fields,
                                        .content_hash = Hash(1),
                                        .import_id = *import_id}));
  }
  ASSERT_TRUE(in_files("OLDADDRESSTAIL"));
  // A deletion first: every write of the connection zeroes what it frees, not only deletions.
  const std::vector<std::string> doomed = {"N2"};
  ASSERT_EQ(*(*store)->DeleteRecords("police_nominals", doomed), 1);
  ASSERT_TRUE((*store)->UpdateRecord({.export_kind = "police_nominals",
                                      .ref = "N1",
                                      .person_ref = "N1",
                                      .fields = R"({"address":"new"})",
                                      .content_hash = Hash(2),
                                      .import_id = *import_id}));
  EXPECT_FALSE(in_files("OLDADDRESSTAIL"));
  EXPECT_FALSE(in_files(std::string(200, 'a')));
}

TEST(StoreTest, UsesWriteAheadLogging) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  AddRecords(**store, 5);
  EXPECT_TRUE(std::filesystem::exists(dir / "store.db-wal"));
}

TEST(StoreTest, TransactionNotCommittedIsRolledBack) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  {
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn);
    auto import_id = (*store)->AddImport("police_nominals", "2024-01-02T03:04:05Z");
    ASSERT_TRUE(import_id);
    ASSERT_TRUE((*store)->InsertRecord({.export_kind = "police_nominals",
                                        .ref = "N0000001",
                                        .person_ref = "N0000001",
                                        .fields = "{}",
                                        .content_hash = Hash(1),
                                        .import_id = *import_id}));
  }
  auto found = (*store)->FindRecord("police_nominals", "N0000001");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
  auto summary = (*store)->Summarise();
  ASSERT_TRUE(summary);
  EXPECT_TRUE(summary->empty());
}

TEST(StoreTest, InsertRefusesADuplicateAndUpdateRefusesAMissingRecord) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  const auto import_id = AddRecords(**store, 1);
  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn);
  RecordWrite duplicate{.export_kind = "police_nominals",
                        .ref = "N1000000",
                        .person_ref = "N1000000",
                        .fields = "{}",
                        .content_hash = Hash(9),
                        .import_id = import_id};
  auto inserted = (*store)->InsertRecord(duplicate);
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, Code::kInvalidArgument);
  duplicate.ref = "N9999999";
  auto updated = (*store)->UpdateRecord(duplicate);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, Code::kNotFound);
}

TEST(StoreTest, UpdateChangesContentAndLastImportOnly) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  const auto first = AddRecords(**store, 1);
  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn);
  auto second = (*store)->AddImport("police_nominals", "2024-02-02T03:04:05Z");
  ASSERT_TRUE(second);
  ASSERT_TRUE((*store)->UpdateRecord({.export_kind = "police_nominals",
                                      .ref = "N1000000",
                                      .person_ref = "N1000000",
                                      .fields = R"({"changed":"yes"})",
                                      .content_hash = Hash(42),
                                      .import_id = *second}));
  ASSERT_TRUE(txn->Commit());
  auto state = (*store)->FindRecord("police_nominals", "N1000000");
  ASSERT_TRUE(state && state->has_value());
  EXPECT_EQ((*state)->first_import, first);
  EXPECT_EQ((*state)->last_import, *second);
  EXPECT_EQ((*state)->content_hash, Hash(42));
}

TEST(StoreTest, SummaryCountsRecordsAndImportsPerExportKind) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  AddRecords(**store, 7);
  AddRecords(**store, 3, "M");
  auto summary = (*store)->Summarise();
  ASSERT_TRUE(summary);
  ASSERT_EQ(summary->size(), 1u);
  EXPECT_EQ((*summary)[0].export_kind, "police_nominals");
  EXPECT_EQ((*summary)[0].records, 10);
  EXPECT_EQ((*summary)[0].imports, 2);
  EXPECT_EQ((*summary)[0].last_import_at, "2024-01-02T03:04:05Z");
}

TEST(StoreTest, ForEachRecordVisitsInReferenceOrder) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store);
  AddRecords(**store, 5);
  std::vector<std::string> refs;
  ASSERT_TRUE((*store)->ForEachRecord("police_nominals", [&](const StoredRecord& record) {
    refs.push_back(record.ref);
    return Ok();
  }));
  EXPECT_EQ(refs,
            (std::vector<std::string>{"N1000000", "N1000001", "N1000002", "N1000003", "N1000004"}));
}

std::vector<std::string> JournalBodies(Store& store, std::vector<std::string_view> kinds) {
  std::vector<std::string> bodies;
  EXPECT_TRUE(store.ForEachJournalEntry(kinds, [&](const JournalEntry& entry) -> Status {
    bodies.push_back(entry.kind + ":" + entry.body);
    return Ok();
  }));
  return bodies;
}

TEST(StoreTest, JournalKeepsEntriesInOrderAcrossReopeningAndFiltersByKind) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store) << store.error().message;
    auto first = (*store)->AppendJournal("panel-command", "2026-01-05T10:00:00Z", "{\"a\":1}");
    auto second = (*store)->AppendJournal("case-pack", "2026-01-05T10:01:00Z", "{\"b\":2}");
    auto third = (*store)->AppendJournal("panel-command", "2026-01-05T10:02:00Z", "{\"c\":3}");
    ASSERT_TRUE(first && second && third);
    EXPECT_LT(*first, *second);
    EXPECT_LT(*second, *third);
  }
  auto store = Store::Open(dir / "store.db", Key(1), {});
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(JournalBodies(**store, {}),
            (std::vector<std::string>{"panel-command:{\"a\":1}", "case-pack:{\"b\":2}",
                                      "panel-command:{\"c\":3}"}));
  EXPECT_EQ(JournalBodies(**store, {"panel-command"}),
            (std::vector<std::string>{"panel-command:{\"a\":1}", "panel-command:{\"c\":3}"}));
}

TEST(StoreTest, JournalRefusesAnEntryWithoutKindOrBody) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store) << store.error().message;
  auto no_kind = (*store)->AppendJournal("", "2026-01-05T10:00:00Z", "{}");
  ASSERT_FALSE(no_kind);
  EXPECT_EQ(no_kind.error().code, Code::kInvalidArgument);
  auto no_body = (*store)->AppendJournal("panel-command", "2026-01-05T10:00:00Z", "");
  ASSERT_FALSE(no_body);
  EXPECT_EQ(no_body.error().code, Code::kInvalidArgument);
  EXPECT_TRUE(JournalBodies(**store, {}).empty());
}

TEST(StoreTest, JournalEntriesOfARolledBackTransactionAreGone) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store) << store.error().message;
  {
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn);
    ASSERT_TRUE((*store)->AppendJournal("panel-command", "2026-01-05T10:00:00Z", "{}"));
  }
  EXPECT_TRUE(JournalBodies(**store, {}).empty());
}

TEST(StoreTest, ReplacingJournalBodiesChangesThemAndQueuesTheEntryTogetherOrNotAtAll) {
  TempDir dir;
  auto store = Store::Open(dir / "store.db", Key(1), Create());
  ASSERT_TRUE(store) << store.error().message;
  auto first = (*store)->AppendJournal("case-pack", "2026-01-05T10:00:00Z", "{\"a\":1}");
  auto second = (*store)->AppendJournal("panel-command", "2026-01-05T10:01:00Z", "{\"b\":2}");
  ASSERT_TRUE(first && second);

  // A wrong kind, an unknown id or an empty body: nothing changes and nothing is queued.
  const std::vector<std::vector<JournalEntry>> refused = {
      {{*first, "case-pack", "", "{\"a\":0}"}, {*second, "case-pack", "", "{\"b\":0}"}},
      {{*first, "case-pack", "", "{\"a\":0}"}, {*second + 1, "case-pack", "", "{}"}},
      {{*first, "case-pack", "", ""}},
  };
  for (const auto& batch : refused) {
    auto replaced = (*store)->ReplaceJournalBodies(batch, "entry");
    ASSERT_FALSE(replaced);
    EXPECT_EQ(replaced.error().code,
              batch.back().body.empty() ? Code::kInvalidArgument : Code::kNotFound);
    EXPECT_EQ(JournalBodies(**store, {}),
              (std::vector<std::string>{"case-pack:{\"a\":1}", "panel-command:{\"b\":2}"}));
    EXPECT_EQ(*(*store)->CountQueuedAuditEntries(), 0);
  }

  const std::vector<JournalEntry> batch = {{*first, "case-pack", "", "{\"a\":0}"}};
  ASSERT_TRUE((*store)->ReplaceJournalBodies(batch, "entry"));
  EXPECT_EQ(JournalBodies(**store, {}),
            (std::vector<std::string>{"case-pack:{\"a\":0}", "panel-command:{\"b\":2}"}));
  auto queued = (*store)->QueuedAuditEntries(10);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ((*queued)[0].entry, "entry");
}

TEST(StoreTest, TheIsaHistoryKeepsEachVersionWithItsQueuedEntryAcrossReopening) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "store.db", Key(1), Create());
    ASSERT_TRUE(store) << store.error().message;
    auto none = (*store)->LastIsaInForce();
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_FALSE(none->has_value());

    // A row without an id, digest, time or version: nothing is written or queued.
    const IsaHistoryRow whole{"hhpp-dorset", 1, std::string(64, 'a'), "2026-11-24T09:00:00Z"};
    std::vector<IsaHistoryRow> incomplete(4, whole);
    incomplete[0].isa_id.clear();
    incomplete[1].version = 0;
    incomplete[2].signed_sha256.clear();
    incomplete[3].since.clear();
    for (const IsaHistoryRow& row : incomplete) {
      auto refused = (*store)->AppendIsaHistory(row, "entry");
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, Code::kInvalidArgument);
    }
    // An empty entry is refused inside the transaction: the row goes too.
    ASSERT_FALSE((*store)->AppendIsaHistory(whole, ""));
    EXPECT_FALSE((*store)->LastIsaInForce()->has_value());
    EXPECT_EQ(*(*store)->CountQueuedAuditEntries(), 0);

    ASSERT_TRUE((*store)->AppendIsaHistory(whole, "entry 1"));
    ASSERT_TRUE((*store)->AppendIsaHistory(
        {"hhpp-dorset", 2, std::string(64, 'b'), "2026-11-25T09:00:00Z"}, "entry 2"));
  }
  auto store = Store::Open(dir / "store.db", Key(1), {});
  ASSERT_TRUE(store) << store.error().message;
  auto last = (*store)->LastIsaInForce();
  ASSERT_TRUE(last && last->has_value());
  EXPECT_EQ((*last)->isa_id, "hhpp-dorset");
  EXPECT_EQ((*last)->version, 2);
  EXPECT_EQ((*last)->signed_sha256, std::string(64, 'b'));
  EXPECT_EQ((*last)->since, "2026-11-25T09:00:00Z");
  auto queued = (*store)->QueuedAuditEntries(10);
  ASSERT_TRUE(queued);
  ASSERT_EQ(queued->size(), 2u);
  EXPECT_EQ((*queued)[0].entry, "entry 1");
  EXPECT_EQ((*queued)[1].entry, "entry 2");
}

}  // namespace
}  // namespace tandem::node::store
