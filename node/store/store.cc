#include "node/store/store.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <system_error>
#include <utility>

#include "node/store/internal/database_file.h"
#include "node/store/internal/migrations.h"
#include "node/store/internal/restrictions.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::store {

using internal::Connection;
using internal::Exec;
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

// Runs `body` in the caller's open transaction, or in one of its own.
Status InTransaction(sqlite3* db, const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db) == 0) return body();
  if (auto begun = Exec(db, "BEGIN IMMEDIATE", "starting a transaction"); !begun) return begun;
  Status done = body();
  if (done) done = Exec(db, "COMMIT", "committing");
  if (!done) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return done;
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

struct Store::Impl {
  std::optional<FileLock> held_lock;  // first, so that it is released after the database closes
  Connection db;
  std::optional<Statement> find;
  std::optional<Statement> insert;
  std::optional<Statement> update;
  std::optional<Statement> get;  // kHidden; the *_any statements kIncluded
  std::optional<Statement> get_any;
  std::optional<Statement> for_each;
  std::optional<Statement> for_each_any;
  std::optional<Statement> add_import;
  std::optional<Statement> set_counts;
  // Token index and key share (schema 3); prepared on first use.
  std::optional<Statement> add_token;
  std::optional<Statement> find_token;
  std::map<std::string, std::int64_t, std::less<>> key_type_ids;
  // Panel journal (schema 4).
  std::optional<Statement> append_journal;
  // Audit outbox (schema 5).
  std::optional<Statement> queue_audit;

  Result<Statement*> Prepared(std::optional<Statement>& slot, std::string_view sql) {
    if (!slot) {
      auto stmt = Statement::Prepare(db.get(), sql);
      if (!stmt) return tl::unexpected(stmt.error());
      slot.emplace(std::move(*stmt));
    }
    return &*slot;
  }

  Result<std::int64_t> KeyTypeId(std::string_view name) {
    if (auto it = key_type_ids.find(name); it != key_type_ids.end()) return it->second;
    auto insert =
        Statement::Prepare(db.get(), "INSERT OR IGNORE INTO token_key_types (name) VALUES (?1)");
    if (!insert) return tl::unexpected(insert.error());
    insert->Bind(1, name);
    if (auto run = insert->Run("recording a key type"); !run) return tl::unexpected(run.error());
    auto select = Statement::Prepare(db.get(), "SELECT id FROM token_key_types WHERE name = ?1");
    if (!select) return tl::unexpected(select.error());
    select->Bind(1, name);
    auto row = select->Step("reading a key type");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Fail(Code::kInternal, "a key type was not recorded");
    const std::int64_t id = select->ColumnInt(0);
    key_type_ids.emplace(std::string(name), id);
    return id;
  }

  // `version`: the store's schema version; before the restrictions table, no record is
  // restricted.
  Status PrepareAll(int version) {
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
};

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

// ---- Token index ----

namespace {

Status NeedsSchema(int version, int needed) {
  if (version < needed) {
    return Fail(Code::kInvalidArgument, "the store is at schema version " +
                                            std::to_string(version) + "; this needs " +
                                            std::to_string(needed));
  }
  return Ok();
}

}  // namespace

Status Store::AddTokens(std::span<const TokenEntry> entries) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return s;
  sqlite3* db = impl_->db.get();
  const bool own = sqlite3_get_autocommit(db) != 0;
  Status done = InTransaction(db, [&]() -> Status {
    auto stmt = impl_->Prepared(
        impl_->add_token,
        "INSERT OR IGNORE INTO tokens (token, record_id, key_type) VALUES (?1, ?2, ?3)");
    if (!stmt) return tl::unexpected(stmt.error());
    for (const TokenEntry& entry : entries) {
      if (entry.token == nullptr) return Fail(Code::kInvalidArgument, "a token row has no token");
      auto key_type = impl_->KeyTypeId(entry.key_type);
      if (!key_type) return tl::unexpected(key_type.error());
      (*stmt)->BindBlob(1, *entry.token).Bind(2, entry.record_id).Bind(3, *key_type);
      if (auto run = (*stmt)->Run("adding a token"); !run) {
        if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_FOREIGNKEY) {
          return Fail(Code::kInvalidArgument, "a token row names record id " +
                                                  std::to_string(entry.record_id) +
                                                  ", which is not stored");
        }
        return run;
      }
    }
    return Ok();
  });
  if (!done && own) impl_->key_type_ids.clear();
  return done;
}

Result<std::vector<TokenMatch>> Store::LookupTokens(std::span<const TokenBytes> tokens) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  std::string sql =
      "SELECT t.record_id, t.key_type, k.name, r.export_kind, r.ref, r.person_ref "
      "FROM tokens t JOIN records r ON r.id = t.record_id "
      "JOIN token_key_types k ON k.id = t.key_type WHERE t.token = ?1";
  if (schema_version_ >= internal::kRestrictionsSchemaVersion) {
    sql += " AND " + std::string(internal::kUnrestrictedRecord);
  }
  auto stmt = impl_->Prepared(impl_->find_token, sql);
  if (!stmt) return tl::unexpected(stmt.error());
  struct Found {
    TokenMatch match;
    std::map<std::int64_t, std::string> key_types;
  };
  std::map<std::int64_t, Found> by_record;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    (*stmt)->BindBlob(1, tokens[i]);
    for (;;) {
      auto row = (*stmt)->Step("looking up a token");
      if (!row) {
        (*stmt)->Reset();
        return tl::unexpected(row.error());
      }
      if (!*row) break;
      Found& found = by_record[(*stmt)->ColumnInt(0)];
      if (found.match.record_id == 0) {
        found.match.record_id = (*stmt)->ColumnInt(0);
        found.match.export_kind = (*stmt)->ColumnText(3);
        found.match.ref = (*stmt)->ColumnText(4);
        found.match.person_ref = (*stmt)->ColumnText(5);
      }
      found.key_types.emplace((*stmt)->ColumnInt(1), (*stmt)->ColumnText(2));
      if (found.match.query_indices.empty() || found.match.query_indices.back() != i) {
        found.match.query_indices.push_back(i);
      }
    }
    (*stmt)->Reset();
  }
  std::vector<TokenMatch> out;
  out.reserve(by_record.size());
  for (auto& [id, found] : by_record) {
    for (auto& [key_id, name] : found.key_types) found.match.key_types.push_back(std::move(name));
    out.push_back(std::move(found.match));
  }
  return out;
}

Result<std::int64_t> Store::CountTokens() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  return QueryInt(impl_->db.get(), "SELECT count(*) FROM tokens", "counting tokens");
}

Result<std::vector<TokenBytes>> Store::TokensOfRecord(std::string_view export_kind,
                                                      std::string_view ref) {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  auto stmt =
      Statement::Prepare(impl_->db.get(),
                         "SELECT t.token FROM tokens t JOIN records r ON r.id = t.record_id "
                         "WHERE r.export_kind = ?1 AND r.ref = ?2 ORDER BY t.token");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, export_kind).Bind(2, ref);
  std::vector<TokenBytes> tokens;
  for (;;) {
    auto row = stmt->Step("reading a record's tokens");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return tokens;
    const auto blob = stmt->ColumnBlob(0);
    if (blob.size() != std::tuple_size_v<TokenBytes>) {
      return Fail(Code::kCorruption, "a token in the index is not 64 bytes");
    }
    std::ranges::copy(blob, tokens.emplace_back().begin());
  }
}

Result<std::int64_t> Store::CountTokenRecords() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  return QueryInt(impl_->db.get(), "SELECT count(DISTINCT record_id) FROM tokens",
                  "counting records with tokens");
}

Status Store::ClearTokens() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return s;
  return InTransaction(impl_->db.get(), [&]() -> Status {
    return Exec(impl_->db.get(), "DELETE FROM tokens", "clearing the token index");
  });
}

// ---- OPRF key share ----

Status Store::PutOprfKeyShare(const OprfKeyShareRow& row, std::string_view audit_entry) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  if (row.share.size() != 32) {
    return Fail(Code::kInvalidArgument, "an OPRF key share is 32 bytes");
  }
  auto stmt = Statement::Prepare(
      impl_->db.get(),
      "INSERT OR REPLACE INTO oprf_key_share (id, holder_name, holder_index, epoch, share, "
      "public_key, imported_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, row.holder_name)
      .Bind(2, static_cast<std::int64_t>(row.holder_index))
      .Bind(3, static_cast<std::int64_t>(row.epoch))
      .BindBlob(4, row.share.view())
      .Bind(5, row.public_key_json)
      .Bind(6, row.imported_at);
  // A replaced share must not linger in the file: secure_delete (set at open) zeroes the freed
  // cell, and the checkpoint moves the new page into store.db and empties the WAL, which held
  // the old one.
  Status stored = InTransaction(impl_->db.get(), [&]() -> Status {
    if (auto put = stmt->Run("storing the OPRF key share"); !put) return put;
    return QueueAuditEntry(audit_entry);
  });
  if (!stored) return stored;
  // The share is committed either way; a running node reading the store can hold the checkpoint
  // back, and then its own next checkpoint empties the WAL.
  TruncateWal();
  return Ok();
}

Result<std::optional<OprfKeyShareRow>> Store::GetOprfKeyShare() {
  if (auto s = NeedsSchema(schema_version_, 3); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT holder_name, holder_index, epoch, share, public_key, "
                                 "imported_at FROM oprf_key_share WHERE id = 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the OPRF key share");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<OprfKeyShareRow>();
  const auto share = stmt->ColumnBlob(3);
  if (share.size() != 32) {
    return Fail(Code::kCorruption, "the stored OPRF key share is not 32 bytes");
  }
  auto secret = crypto::SecretBytes::Copy(share);
  if (!secret) return tl::unexpected(secret.error());
  OprfKeyShareRow out;
  out.holder_name = stmt->ColumnText(0);
  out.holder_index = static_cast<std::uint32_t>(stmt->ColumnInt(1));
  out.epoch = static_cast<std::uint32_t>(stmt->ColumnInt(2));
  out.share = std::move(*secret);
  out.public_key_json = stmt->ColumnText(4);
  out.imported_at = stmt->ColumnText(5);
  return std::optional<OprfKeyShareRow>(std::move(out));
}

// ---- Panel journal ----

Result<std::int64_t> Store::AppendJournal(std::string_view kind, std::string_view recorded_at,
                                          std::string_view body) {
  if (auto s = NeedsSchema(schema_version_, 4); !s) return tl::unexpected(s.error());
  if (kind.empty()) return Fail(Code::kInvalidArgument, "a journal entry needs a kind");
  if (body.empty()) return Fail(Code::kInvalidArgument, "a journal entry needs a body");
  auto stmt =
      impl_->Prepared(impl_->append_journal,
                      "INSERT INTO panel_journal (kind, recorded_at, body) VALUES (?1, ?2, ?3)");
  if (!stmt) return tl::unexpected(stmt.error());
  (*stmt)->Bind(1, kind).Bind(2, recorded_at).Bind(3, body);
  if (auto run = (*stmt)->Run("appending to the panel journal"); !run) {
    return tl::unexpected(run.error());
  }
  return sqlite3_last_insert_rowid(impl_->db.get());
}

Status Store::ForEachJournalEntry(std::span<const std::string_view> kinds,
                                  const std::function<Status(const JournalEntry&)>& visit) {
  if (auto s = NeedsSchema(schema_version_, 4); !s) return s;
  // The kinds are chosen in SQL, so that the entries of other kinds are not read at all.
  std::string sql = "SELECT id, kind, recorded_at, body FROM panel_journal";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    sql += (i == 0 ? " WHERE kind IN (?" : ", ?") + std::to_string(i + 1);
  }
  sql += kinds.empty() ? " ORDER BY id" : ") ORDER BY id";
  auto stmt = Statement::Prepare(impl_->db.get(), sql);
  if (!stmt) return tl::unexpected(stmt.error());
  for (std::size_t i = 0; i < kinds.size(); ++i) stmt->Bind(static_cast<int>(i + 1), kinds[i]);
  for (;;) {
    auto row = stmt->Step("reading the panel journal");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return Ok();
    const JournalEntry entry{stmt->ColumnInt(0), std::string(stmt->ColumnText(1)),
                             std::string(stmt->ColumnText(2)), std::string(stmt->ColumnText(3))};
    if (auto visited = visit(entry); !visited) return visited;
  }
}

Status Store::ReplaceJournalBodies(std::span<const JournalEntry> replaced,
                                   std::string_view audit_entry) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  for (const JournalEntry& entry : replaced) {
    if (entry.body.empty()) {
      return Fail(Code::kInvalidArgument,
                  "journal entry " + std::to_string(entry.id) + " cannot be given an empty body");
    }
  }
  sqlite3* db = impl_->db.get();
  auto stmt =
      Statement::Prepare(db, "UPDATE panel_journal SET body = ?3 WHERE id = ?1 AND kind = ?2");
  if (!stmt) return tl::unexpected(stmt.error());
  Status done = InTransaction(db, [&]() -> Status {
    for (const JournalEntry& entry : replaced) {
      stmt->Bind(1, entry.id).Bind(2, entry.kind).Bind(3, entry.body);
      if (auto run = stmt->Run("replacing a panel journal entry"); !run) return run;
      if (sqlite3_changes(db) != 1) {
        return Fail(Code::kNotFound, "the panel journal holds no entry " +
                                         std::to_string(entry.id) + " of kind " + entry.kind);
      }
    }
    return QueueAuditEntry(audit_entry);
  });
  if (!done) return done;
  TruncateWal();
  return Ok();
}

// ---- ISA history ----

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

Result<std::optional<IsaHistoryRow>> Store::LastIsaInForce() {
  if (auto s = NeedsSchema(schema_version_, 6); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(
      impl_->db.get(),
      "SELECT isa_id, version, signed_sha256, since FROM isa_history ORDER BY id DESC LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the ISA history");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<IsaHistoryRow>{};
  return IsaHistoryRow{std::string(stmt->ColumnText(0)), stmt->ColumnInt(1),
                       std::string(stmt->ColumnText(2)), std::string(stmt->ColumnText(3))};
}

Status Store::AppendIsaHistory(const IsaHistoryRow& row, std::string_view audit_entry) {
  if (auto s = NeedsSchema(schema_version_, 6); !s) return s;
  if (row.isa_id.empty() || row.signed_sha256.empty() || row.since.empty() || row.version < 1) {
    return Fail(Code::kInvalidArgument,
                "an ISA history row needs an id, a version of at least 1, a digest and a time");
  }
  sqlite3* db = impl_->db.get();
  auto stmt = Statement::Prepare(
      db,
      "INSERT INTO isa_history (isa_id, version, signed_sha256, since) VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return tl::unexpected(stmt.error());
  return InTransaction(db, [&]() -> Status {
    stmt->Bind(1, row.isa_id).Bind(2, row.version).Bind(3, row.signed_sha256).Bind(4, row.since);
    if (auto run = stmt->Run("recording the ISA in force"); !run) return run;
    return QueueAuditEntry(audit_entry);
  });
}

// ---- Audit outbox ----

Status Store::QueueAuditEntry(std::string_view entry) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  if (entry.empty()) return Fail(Code::kInvalidArgument, "a queued audit entry cannot be empty");
  auto stmt = impl_->Prepared(impl_->queue_audit, "INSERT INTO audit_outbox (entry) VALUES (?1)");
  if (!stmt) return tl::unexpected(stmt.error());
  (*stmt)->Bind(1, entry);
  return (*stmt)->Run("queueing an audit entry");
}

Result<std::vector<QueuedAuditEntry>> Store::QueuedAuditEntries(std::size_t limit) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(),
                                 "SELECT id, entry FROM audit_outbox ORDER BY id LIMIT ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, static_cast<std::int64_t>(limit));
  std::vector<QueuedAuditEntry> queued;
  for (;;) {
    auto row = stmt->Step("reading the audit outbox");
    if (!row) return tl::unexpected(row.error());
    if (!*row) return queued;
    queued.push_back({stmt->ColumnInt(0), std::string(stmt->ColumnText(1))});
  }
}

Result<std::int64_t> Store::CountQueuedAuditEntries() {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return tl::unexpected(s.error());
  auto stmt = Statement::Prepare(impl_->db.get(), "SELECT count(*) FROM audit_outbox");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("counting the audit outbox");
  if (!row) return tl::unexpected(row.error());
  return *row ? stmt->ColumnInt(0) : 0;
}

Status Store::DropQueuedAuditEntries(std::int64_t last_id) {
  if (auto s = NeedsSchema(schema_version_, 5); !s) return s;
  auto stmt = Statement::Prepare(impl_->db.get(), "DELETE FROM audit_outbox WHERE id <= ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->Bind(1, last_id);
  return stmt->Run("emptying the audit outbox");
}

}  // namespace tandem::node::store
