#include "node/store/store.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <system_error>
#include <utility>

#include "node/store/internal/database_file.h"
#include "node/store/internal/migrations.h"
#include "node/store/internal/restrictions.h"
#include "node/store/internal/sqlite.h"
#include "node/store/internal/store_impl.h"

namespace tandem::node::store {

using internal::Connection;
using internal::Exec;
using internal::InTransaction;
using internal::NeedsSchema;
using internal::QueryInt;
using internal::Statement;

namespace {

// The page size is part of the store's format: SQLCipher 3 does not record it in the file,
// so every open must set the same value before the first read.
constexpr int kPageSize = 4096;

constexpr std::string_view kRecordColumns =
    "export_kind, ref, person_ref, fields, identity, content_hash, first_import, last_import, id";

ContentHash HashFromColumn(std::span<const std::uint8_t> blob) {
  ContentHash hash{};
  std::copy_n(blob.begin(), std::min(blob.size(), hash.size()), hash.begin());
  return hash;
}

StoredRecord RecordFromRow(const Statement& row) {
  StoredRecord record;
  record.export_kind = row.ColumnText(0);
  record.ref = row.ColumnText(1);
  record.person_ref = row.ColumnText(2);
  record.fields = row.ColumnText(3);
  record.identity = row.ColumnText(4);
  record.content_hash = HashFromColumn(row.ColumnBlob(5));
  record.first_import = row.ColumnInt(6);
  record.last_import = row.ColumnInt(7);
  record.id = row.ColumnInt(8);
  return record;
}

// A store whose file is shorter than the page count its header records was truncated on disk.
// Only checked when the write-ahead log is empty: otherwise pages may legitimately live there.
Status CheckNotTruncated(sqlite3* db, const std::filesystem::path& path) {
  std::error_code ec;
  const auto wal_size = std::filesystem::file_size(path.string() + "-wal", ec);
  if (!ec && wal_size > 0) return Ok();
  const auto file_size = std::filesystem::file_size(path, ec);
  if (ec) return Fail(Code::kUnavailable, "cannot read the size of " + path.string());
  auto pages = QueryInt(db, "PRAGMA page_count", "reading the page count");
  if (!pages) return tl::unexpected(pages.error());
  const auto expected = static_cast<std::uintmax_t>(*pages) * kPageSize;
  if (file_size < expected || file_size % kPageSize != 0) {
    return Fail(Code::kCorruption, "the store file " + path.string() + " is damaged: it holds " +
                                       std::to_string(file_size) +
                                       " bytes but its header records " + std::to_string(expected) +
                                       " (truncated on disk?); restore it from a backup");
  }
  return Ok();
}

// The first column of every row of `stmt`, as text.
Result<std::vector<std::string>> ReadTexts(Statement& stmt, const char* what) {
  std::vector<std::string> texts;
  for (;;) {
    auto row = stmt.Step(what);
    if (!row) return tl::unexpected(row.error());
    if (!*row) return texts;
    texts.emplace_back(stmt.ColumnText(0));
  }
}

}  // namespace

namespace internal {

Status NeedsSchema(int version, int needed) {
  if (version < needed) {
    return Fail(Code::kInvalidArgument, "the store is at schema version " +
                                            std::to_string(version) + "; this needs " +
                                            std::to_string(needed));
  }
  return Ok();
}

Status InTransaction(sqlite3* db, const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db) == 0) return body();
  if (auto begun = Exec(db, "BEGIN IMMEDIATE", "starting a transaction"); !begun) return begun;
  Status done = body();
  if (done) done = Exec(db, "COMMIT", "committing");
  if (!done) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return done;
}

}  // namespace internal

Status Store::Impl::PrepareAll(int version) {
  const std::string cols(kRecordColumns);
  const std::string unrestricted = version >= internal::kRestrictionsSchemaVersion
                                       ? " AND " + std::string(internal::kUnrestrictedRecord)
                                       : std::string();
  const std::string get_sql =
      "SELECT " + cols + " FROM records r WHERE export_kind = ?1 AND ref = ?2";
  const std::string for_each_sql = "SELECT " + cols + " FROM records r WHERE export_kind = ?1";
  const std::array<std::pair<std::optional<Statement>*, std::string>, 9> table = {{
      {&find,
       "SELECT content_hash, first_import, last_import FROM records "
       "WHERE export_kind = ?1 AND ref = ?2"},
      {&insert,
       "INSERT INTO records (export_kind, ref, person_ref, fields, identity, content_hash, "
       "first_import, last_import) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"},
      {&update,
       "UPDATE records SET person_ref = ?3, fields = ?4, identity = ?5, content_hash = ?6, "
       "last_import = ?7 WHERE export_kind = ?1 AND ref = ?2"},
      {&get, get_sql + unrestricted},
      {&get_any, get_sql},
      {&for_each, for_each_sql + unrestricted + " ORDER BY ref"},
      {&for_each_any, for_each_sql + " ORDER BY ref"},
      {&add_import,
       "INSERT INTO imports (export_kind, file_sha256, imported_at) VALUES (?1, X'', ?2)"},
      {&set_counts,
       "UPDATE imports SET file_sha256 = ?2, rows_inserted = ?3, rows_updated = ?4, "
       "rows_unchanged = ?5, rows_rejected = ?6 WHERE id = ?1"},
  }};
  return internal::PrepareStatements(db.get(), table);
}

Store::Store(std::unique_ptr<Impl> impl, bool encrypted, int schema_version)
    : impl_(std::move(impl)), encrypted_(encrypted), schema_version_(schema_version) {}

Store::~Store() = default;

void Store::HoldWhileOpen(FileLock lock) { impl_->held_lock.emplace(std::move(lock)); }

Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& path,
                                           const crypto::SecretBytes& key, const Options& options) {
  if (key.size() != 32) return Fail(Code::kInvalidArgument, "the store key must be 32 bytes");
  return OpenWith(path, &key, options);
}

Result<std::unique_ptr<Store>> Store::OpenUnencrypted(const std::filesystem::path& path,
                                                      const Options& options) {
  return OpenWith(path, nullptr, options);
}

Result<std::unique_ptr<Store>> Store::OpenWith(const std::filesystem::path& path,
                                               const crypto::SecretBytes* key,
                                               const Options& options) {
  internal::DatabaseFileOptions file;
  file.what = "store";
  file.create_if_missing = options.create_if_missing;
  file.settings =
      "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON; "
      "PRAGMA foreign_keys = ON; PRAGMA cache_size = -" +
      std::to_string(std::max<std::int64_t>(options.cache_kib, 1024)) + ";";
  auto opened = internal::OpenDatabaseFile(path, key, file);
  if (!opened) return tl::unexpected(opened.error());
  Connection db = std::move(*opened);

  if (auto whole = CheckNotTruncated(db.get(), path); !whole) {
    return tl::unexpected(whole.error());
  }

  if (auto ours = internal::CheckApplicationId(db.get()); !ours) {
    return tl::unexpected(ours.error());
  }
  const int target =
      options.schema_version == 0 ? internal::LatestSchemaVersion() : options.schema_version;
  if (auto migrated = internal::Migrate(db.get(), target); !migrated) {
    return tl::unexpected(migrated.error());
  }
  auto version = internal::ReadSchemaVersion(db.get());
  if (!version) return tl::unexpected(version.error());

  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db);
  if (*version >= 1) {
    if (auto prepared = impl->PrepareAll(*version); !prepared)
      return tl::unexpected(prepared.error());
  }
  return std::unique_ptr<Store>(new Store(std::move(impl), key != nullptr, *version));
}

Store::Transaction::Transaction(Transaction&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)) {}

Store::Transaction::~Transaction() { Rollback(); }

Status Store::Transaction::Commit() {
  if (store_ == nullptr) return Fail(Code::kInternal, "the transaction has already ended");
  auto committed = Exec(store_->impl_->db.get(), "COMMIT", "committing");
  if (committed) store_ = nullptr;
  return committed;
}

void Store::Transaction::Rollback() {
  if (store_ == nullptr) return;
  sqlite3* db = store_->impl_->db.get();
  if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  store_->impl_->key_type_ids.clear();  // ids recorded in the rolled-back transaction are gone
  store_ = nullptr;
}

Result<Store::Transaction> Store::Begin() {
  if (auto begun = Exec(impl_->db.get(), "BEGIN IMMEDIATE", "starting a transaction"); !begun) {
    return tl::unexpected(begun.error());
  }
  return Transaction(this);
}

Result<std::int64_t> Store::AddImport(std::string_view export_kind, std::string_view imported_at) {
  auto& stmt = *impl_->add_import;
  stmt.Bind(1, export_kind).Bind(2, imported_at);
  if (auto run = stmt.Run("recording an import"); !run) return tl::unexpected(run.error());
  return sqlite3_last_insert_rowid(impl_->db.get());
}

Status Store::FinishImport(std::int64_t import_id, std::span<const std::uint8_t> file_sha256,
                           const ImportCounts& counts) {
  auto& stmt = *impl_->set_counts;
  stmt.Bind(1, import_id)
      .BindBlob(2, file_sha256)
      .Bind(3, counts.inserted)
      .Bind(4, counts.updated)
      .Bind(5, counts.unchanged)
      .Bind(6, counts.rejected);
  return stmt.Run("recording import counts");
}

Result<std::optional<RecordState>> Store::FindRecord(std::string_view export_kind,
                                                     std::string_view ref) {
  auto& stmt = *impl_->find;
  stmt.Bind(1, export_kind).Bind(2, ref);
  auto row = stmt.Step("looking up a record");
  if (!row) return tl::unexpected(row.error());
  std::optional<RecordState> state;
  if (*row) {
    state = RecordState{HashFromColumn(stmt.ColumnBlob(0)), stmt.ColumnInt(1), stmt.ColumnInt(2)};
  }
  stmt.Reset();
  return state;
}

namespace {

void BindRecord(Statement& stmt, const RecordWrite& record) {
  stmt.Bind(1, record.export_kind)
      .Bind(2, record.ref)
      .Bind(3, record.person_ref)
      .Bind(4, record.fields)
      .BindBlob(6, record.content_hash)
      .Bind(7, record.import_id);
  if (record.identity.empty()) {
    stmt.BindNull(5);
  } else {
    stmt.Bind(5, record.identity);
  }
}

}  // namespace

Status Store::InsertRecord(const RecordWrite& record) {
  auto& stmt = *impl_->insert;
  BindRecord(stmt, record);
  auto run = stmt.Run("inserting a record");
  if (!run && sqlite3_extended_errcode(impl_->db.get()) == SQLITE_CONSTRAINT_UNIQUE) {
    return Fail(Code::kInvalidArgument, "a record with this reference is already stored");
  }
  return run;
}

Status Store::UpdateRecord(const RecordWrite& record) {
  auto& stmt = *impl_->update;
  BindRecord(stmt, record);
  if (auto run = stmt.Run("updating a record"); !run) return run;
  if (sqlite3_changes(impl_->db.get()) != 1) {
    return Fail(Code::kNotFound, "there is no stored record with this reference to update");
  }
  return Ok();
}

Result<std::optional<StoredRecord>> Store::GetRecord(std::string_view export_kind,
                                                     std::string_view ref, Restricted restricted) {
  auto& stmt = restricted == Restricted::kHidden ? *impl_->get : *impl_->get_any;
  stmt.Bind(1, export_kind).Bind(2, ref);
  auto row = stmt.Step("reading a record");
  if (!row) return tl::unexpected(row.error());
  std::optional<StoredRecord> record;
  if (*row) record = RecordFromRow(stmt);
  stmt.Reset();
  return record;
}

Status Store::ForEachRecord(std::string_view export_kind,
                            const std::function<Status(const StoredRecord&)>& visit,
                            Restricted restricted) {
  auto& stmt = restricted == Restricted::kHidden ? *impl_->for_each : *impl_->for_each_any;
  stmt.Bind(1, export_kind);
  for (;;) {
    auto row = stmt.Step("reading records");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if (auto visited = visit(RecordFromRow(stmt)); !visited) {
      stmt.Reset();
      return visited;
    }
  }
  stmt.Reset();
  return Ok();
}

Result<std::vector<std::string>> Store::RecordRefs(std::string_view export_kind) {
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT ref FROM records WHERE export_kind = ?1 ORDER BY ref");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, export_kind);
  return ReadTexts(*stmt, "reading record references");
}

Result<std::vector<std::string>> Store::OccurrencesNaming(std::string_view nominal_ref) {
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT ref FROM records WHERE person_ref = ?1 AND "
                                 "export_kind = 'police_occurrences' ORDER BY ref");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, nominal_ref);
  return ReadTexts(*stmt, "reading the occurrences of a nominal");
}

Result<std::int64_t> Store::DeleteRecords(std::string_view export_kind,
                                          std::span<const std::string> refs) {
  if (refs.empty()) return 0;
  sqlite3* db = impl_->db.get();
  std::int64_t deleted = 0;
  Status done = InTransaction(db, [&]() -> Status {
    // The doomed ids in a temporary table (in memory), so that the token index, kept in token
    // order, is scanned once for all of them.
    if (auto made = Exec(db,
                         "CREATE TEMP TABLE IF NOT EXISTS doomed_records (id INTEGER PRIMARY KEY);"
                         "DELETE FROM doomed_records;",
                         "preparing a deletion");
        !made) {
      return made;
    }
    auto mark = Statement::Prepare(db,
                                   "INSERT OR IGNORE INTO doomed_records SELECT id FROM records "
                                   "WHERE export_kind = ?1 AND ref = ?2");
    if (!mark) return tl::unexpected(mark.error());
    for (const std::string& ref : refs) {
      mark->Bind(1, export_kind).Bind(2, ref);
      if (auto run = mark->Run("marking a record for deletion"); !run) return run;
      deleted += sqlite3_changes(db);
    }
    return Exec(db,
                "DELETE FROM tokens WHERE record_id IN (SELECT id FROM doomed_records);"
                "DELETE FROM records WHERE id IN (SELECT id FROM doomed_records);"
                "DELETE FROM doomed_records;",
                "deleting records");
  });
  if (!done) return tl::unexpected(done.error());
  return deleted;
}

void Store::TruncateWal() {
  static_cast<void>(
      Exec(impl_->db.get(), "PRAGMA wal_checkpoint(TRUNCATE)", "checkpointing the WAL"));
}

Result<std::vector<ExportKindSummary>> Store::Summarise() {
  std::map<std::string, ExportKindSummary> by_kind;
  auto records = Statement::Prepare(
      impl_->db.get(), "SELECT export_kind, count(*) FROM records GROUP BY export_kind");
  if (!records) return tl::unexpected(records.error());
  for (;;) {
    auto row = records->Step("counting records");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto& entry = by_kind[std::string(records->ColumnText(0))];
    entry.records = records->ColumnInt(1);
  }
  auto imports = Statement::Prepare(
      impl_->db.get(),
      "SELECT export_kind, count(*), max(imported_at) FROM imports GROUP BY export_kind");
  if (!imports) return tl::unexpected(imports.error());
  for (;;) {
    auto row = imports->Step("counting imports");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto& entry = by_kind[std::string(imports->ColumnText(0))];
    entry.imports = imports->ColumnInt(1);
    entry.last_import_at = imports->ColumnText(2);
  }
  std::vector<ExportKindSummary> summary;
  for (auto& [name, entry] : by_kind) {
    entry.export_kind = name;
    summary.push_back(std::move(entry));
  }
  return summary;
}

Result<CheckReport> Store::Check() {
  CheckReport report;
  report.schema_version = schema_version_;
  sqlite3* db = impl_->db.get();
  auto page_size = QueryInt(db, "PRAGMA page_size", "reading the page size");
  if (!page_size) return tl::unexpected(page_size.error());
  report.page_size = *page_size;
  auto page_count = QueryInt(db, "PRAGMA page_count", "reading the page count");
  if (!page_count) return tl::unexpected(page_count.error());
  report.page_count = *page_count;

  if (encrypted_) {
    auto cipher = Statement::Prepare(db, "PRAGMA cipher_version");
    if (!cipher) return tl::unexpected(cipher.error());
    auto row = cipher->Step("reading the cipher version");
    if (!row) return tl::unexpected(row.error());
    if (*row) report.cipher_version = cipher->ColumnText(0);
  }

  auto integrity = Statement::Prepare(db, "PRAGMA integrity_check");
  if (!integrity) return tl::unexpected(integrity.error());
  for (;;) {
    auto row = integrity->Step("checking integrity");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if (integrity->ColumnText(0) != "ok") report.problems.emplace_back(integrity->ColumnText(0));
  }

  auto foreign = Statement::Prepare(db, "PRAGMA foreign_key_check");
  if (!foreign) return tl::unexpected(foreign.error());
  for (;;) {
    auto row = foreign->Step("checking references between tables");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    report.problems.push_back("table " + std::string(foreign->ColumnText(0)) + " row " +
                              std::to_string(foreign->ColumnInt(1)) + " refers to a missing " +
                              std::string(foreign->ColumnText(2)) + " row");
  }
  return report;
}

// ---- Restrictions ----

Status Store::AddRestriction(const Restriction& restriction) {
  if (auto s = NeedsSchema(schema_version_, internal::kRestrictionsSchemaVersion); !s) return s;
  return internal::InsertRestriction(impl_->db.get(), restriction);
}

Result<std::optional<Restriction>> Store::GetRestriction(std::string_view export_kind,
                                                         std::string_view ref) {
  if (auto s = NeedsSchema(schema_version_, internal::kRestrictionsSchemaVersion); !s) {
    return tl::unexpected(s.error());
  }
  return internal::ReadRestriction(impl_->db.get(), export_kind, ref);
}

Status Store::RemoveRestriction(std::string_view export_kind, std::string_view ref) {
  if (auto s = NeedsSchema(schema_version_, internal::kRestrictionsSchemaVersion); !s) return s;
  return internal::DeleteRestriction(impl_->db.get(), export_kind, ref);
}

Result<std::vector<Restriction>> Store::Restrictions() {
  if (auto s = NeedsSchema(schema_version_, internal::kRestrictionsSchemaVersion); !s) {
    return tl::unexpected(s.error());
  }
  return internal::ReadRestrictions(impl_->db.get());
}

}  // namespace tandem::node::store
