// A node's encrypted agency store: one SQLCipher database holding the imported export records
// (keyed by export kind and the export's own reference) and a log of imports. The database is
// opened with a 256-bit raw key through sqlite3_key; the key never passes through a string or
// a PRAGMA. Opening a store applies pending schema migrations (see internal/migrations.h).
//
// Thread-safety: a Store is one SQLite connection and is not thread-safe; give each thread its
// own Store. Several Stores (also in other processes) may open the same file: the database is
// in WAL mode, so readers run alongside the single writer; a second writer waits up to five
// seconds, then gets kUnavailable.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/store/file_lock.h"

namespace tandem::node::store {

using ContentHash = std::array<std::uint8_t, 32>;

// One record as the store holds it. `fields` is a JSON object (column -> canonical value, in
// header order); `identity` is the normalised identity as JSON, empty for rows about no
// person (police occurrences).
struct StoredRecord {
  std::string export_kind;
  std::string ref;
  std::string person_ref;
  std::string fields;
  std::string identity;
  ContentHash content_hash{};
  std::int64_t first_import = 0;  // imports.id that inserted the record
  std::int64_t last_import = 0;   // imports.id that last inserted or changed it
  std::int64_t id = 0;            // the record's row id: stable for its life, what tokens name
};

// What change detection needs to know about a stored record.
struct RecordState {
  ContentHash content_hash{};
  std::int64_t first_import = 0;
  std::int64_t last_import = 0;
};

// A record to write. Views: the caller keeps the strings alive for the call.
struct RecordWrite {
  std::string_view export_kind;
  std::string_view ref;
  std::string_view person_ref;
  std::string_view fields;
  std::string_view identity;  // empty = none (stored as NULL)
  ContentHash content_hash{};
  std::int64_t import_id = 0;
};

struct ImportCounts {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
};

// Per export kind, for `tandem store summary`: counts and times only, no identifiers.
struct ExportKindSummary {
  std::string export_kind;
  std::int64_t records = 0;
  std::int64_t imports = 0;
  std::string last_import_at;  // ISO 8601 UTC, empty when never imported
};

struct CheckReport {
  int schema_version = 0;
  std::string cipher_version;  // empty for an unencrypted store
  std::int64_t page_size = 0;
  std::int64_t page_count = 0;
  std::vector<std::string> problems;  // from integrity_check and foreign_key_check; empty = ok
};

// A restriction of processing (schema step 7): the record (export_kind, ref) is kept, but the
// reads a node processes with do not see it, nor, for a police nominal, the occurrences naming
// it (node/importer/record_restriction.h).
struct Restriction {
  std::string export_kind;
  std::string ref;
  std::string request_ref;  // the controller's reference for the request
  std::string since;        // ISO 8601 UTC
};

// Whether a read sees restricted records. Matching, contributions, the panel and evaluation read
// kHidden; only keeping the data (the token index builder) and subject access read kIncluded.
enum class Restricted : std::uint8_t { kHidden, kIncluded };

// ---- Token index (schema step 3) ----

// A 64-byte token (node/tokens/token.h) as the index keeps it.
using TokenBytes = std::array<std::uint8_t, 64>;

// One row of the index: `record_id` (StoredRecord::id) holds `token` for key type `key_type`
// (a match-key name, agency-adapters/match_keys.h). Views: kept alive by the caller.
struct TokenEntry {
  const TokenBytes* token = nullptr;
  std::string_view key_type;
  std::int64_t record_id = 0;
};

// A record that holds at least one of the tokens looked up, and which key types agreed.
struct TokenMatch {
  std::int64_t record_id = 0;
  std::string export_kind;
  std::string ref;
  std::string person_ref;
  std::vector<std::string> key_types;      // distinct, in the order of the key table's ids
  std::vector<std::size_t> query_indices;  // positions in the looked-up list that matched
};

// The node's share of the partnership OPRF key as the store keeps it (encrypted with the rest
// of the database). Move-only: the share is in secure memory.
struct OprfKeyShareRow {
  std::string holder_name;  // node id, e.g. "probation"
  std::uint32_t holder_index = 0;
  std::uint32_t epoch = 0;
  crypto::SecretBytes share;    // 32-byte scalar
  std::string public_key_json;  // the ceremony's public-key.json, as imported
  std::string imported_at;      // ISO 8601 UTC
};

// An audit entry waiting in the store's outbox: `entry` is the encoded entry
// (node/audit/entry.h); the store does not read it.
struct QueuedAuditEntry {
  std::int64_t id = 0;
  std::string entry;
};

// One entry of the panel journal. `body` is the JSON the writer gave; `recorded_at` ISO 8601.
struct JournalEntry {
  std::int64_t id = 0;
  std::string kind;  // "panel-command", "case-pack", "delivered-intervention", ...
  std::string recorded_at;
  std::string body;
};

// One version of the agreement this node put in force (schema step 6).
struct IsaHistoryRow {
  std::string isa_id;
  std::int64_t version = 0;
  std::string signed_sha256;  // hex SHA-256 of the bytes every party signed
  std::string since;          // ISO 8601 UTC
};

class Store {
 public:
  struct Options {
    // Create the database file (mode 0600) when it does not exist; otherwise kNotFound.
    bool create_if_missing = false;
    // Page cache in KiB; large imports gain from more.
    std::int64_t cache_kib = 64 * 1024;
    // Apply schema steps up to this version (tests of migrations); 0 = the latest.
    int schema_version = 0;
  };

  // Opens the SQLCipher database at `path` with the 32-byte raw `key`. Errors: kInvalidArgument
  // for a key of the wrong size or a schema newer than this build knows; kNotFound when the
  // file is missing and not to be created; kCorruption "wrong key, or not a Tandem store" for a
  // wrong key or a file that is not a database; kCorruption for a file damaged or truncated on
  // disk; kUnavailable when the file cannot be used (permissions, locked, disk full).
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& path,
                                             const crypto::SecretBytes& key,
                                             const Options& options);

  // Keeps `lock` (the data directory's opener lock, data_dir.h) until the store is closed.
  void HoldWhileOpen(FileLock lock);

  // The same store code over the plain SQLite engine with no encryption at all. Exists only to
  // measure what encryption costs (bench/import_bench.cc) and in tests; a node never uses it.
  static Result<std::unique_ptr<Store>> OpenUnencrypted(const std::filesystem::path& path,
                                                        const Options& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  bool encrypted() const { return encrypted_; }
  int schema_version() const { return schema_version_; }

  // One write transaction (BEGIN IMMEDIATE). Rolled back when destroyed without Commit().
  // At most one live Transaction per Store.
  class Transaction {
   public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    Status Commit();
    void Rollback();

   private:
    friend class Store;
    explicit Transaction(Store* store) : store_(store) {}
    Store* store_;
  };
  Result<Transaction> Begin();

  // Records the start of an import of one file; returns its id, which the file's records
  // then carry. `imported_at` is ISO 8601 UTC.
  Result<std::int64_t> AddImport(std::string_view export_kind, std::string_view imported_at);
  // Records the file's SHA-256 and the import's row counts once the file is read.
  Status FinishImport(std::int64_t import_id, std::span<const std::uint8_t> file_sha256,
                      const ImportCounts& counts);

  // The state of record (export_kind, ref), nullopt when there is none.
  Result<std::optional<RecordState>> FindRecord(std::string_view export_kind, std::string_view ref);
  // Inserts a new record (first_import = last_import = import_id). kInvalidArgument when a
  // record with the same kind and reference exists.
  Status InsertRecord(const RecordWrite& record);
  // Replaces the content of the existing record (kind, ref); last_import = import_id.
  // kNotFound when there is no such record.
  Status UpdateRecord(const RecordWrite& record);

  // The whole record, nullopt when there is none (or, kHidden, when it is restricted).
  Result<std::optional<StoredRecord>> GetRecord(std::string_view export_kind, std::string_view ref,
                                                Restricted restricted = Restricted::kHidden);
  // Calls `visit` for every record of `export_kind` in reference order (kHidden: every one not
  // restricted); stops at its first error and returns it.
  Status ForEachRecord(std::string_view export_kind,
                       const std::function<Status(const StoredRecord&)>& visit,
                       Restricted restricted = Restricted::kHidden);
  // The references of every record of `export_kind`, in reference order.
  Result<std::vector<std::string>> RecordRefs(std::string_view export_kind);
  // The references of the police occurrences that name the nominal `nominal_ref`.
  Result<std::vector<std::string>> OccurrencesNaming(std::string_view nominal_ref);
  // Deletes the record (export_kind, ref) of each of `refs` together with its rows of the token
  // index, inside the caller's open Transaction when there is one; returns how many records
  // were deleted (a reference without a record is skipped). The space they held is zeroed
  // (secure_delete); TruncateWal after the commit empties the WAL of their earlier pages.
  Result<std::int64_t> DeleteRecords(std::string_view export_kind,
                                     std::span<const std::string> refs);
  // Checkpoints the WAL into the database file and empties it, unless a reader in another
  // connection holds that back (then that connection's next checkpoint does it).
  void TruncateWal();

  Result<std::vector<ExportKindSummary>> Summarise();

  // Adds rows to the token index: inside the caller's open Transaction when there is one,
  // otherwise in a transaction of its own (all rows or none). A row already present is kept
  // once. kInvalidArgument when a row has no token or names no stored record; kUnavailable as
  // for any write.
  Status AddTokens(std::span<const TokenEntry> entries);
  // The records holding any of `tokens`, each once, ordered by record id, with the key types
  // that agreed and which of the query's tokens matched. Tokens not in the index, and those of
  // restricted records, are ignored.
  Result<std::vector<TokenMatch>> LookupTokens(std::span<const TokenBytes> tokens);
  // The tokens the index holds for record (export_kind, ref), in token order; empty when the
  // record has none or does not exist.
  Result<std::vector<TokenBytes>> TokensOfRecord(std::string_view export_kind,
                                                 std::string_view ref);
  // Rows in the token index, and distinct records with at least one token.
  Result<std::int64_t> CountTokens();
  Result<std::int64_t> CountTokenRecords();
  // Empties the token index (before a rebuild); joins an open Transaction like AddTokens.
  Status ClearTokens();

  // Restrictions of processing (schema step 7), inside the caller's open Transaction when there
  // is one. AddRestriction: kInvalidArgument when the record is already restricted;
  // RemoveRestriction: kNotFound when it is not.
  Status AddRestriction(const Restriction& restriction);
  Result<std::optional<Restriction>> GetRestriction(std::string_view export_kind,
                                                    std::string_view ref);
  Status RemoveRestriction(std::string_view export_kind, std::string_view ref);
  // Every restriction, by export kind and reference.
  Result<std::vector<Restriction>> Restrictions();

  // Stores the node's OPRF key share, replacing any earlier one (a refresh or a re-import),
  // and queues `audit_entry` (QueueAuditEntry) in the same transaction. The old share's bytes
  // are zeroed in the file and the WAL is checkpointed and emptied (unless another process
  // reading the store holds that back).
  Status PutOprfKeyShare(const OprfKeyShareRow& row, std::string_view audit_entry);
  // The stored share, nullopt when none has been imported. kInternal when secure memory
  // cannot be had; kCorruption when the stored share is not 32 bytes.
  Result<std::optional<OprfKeyShareRow>> GetOprfKeyShare();

  // ---- Panel journal (schema step 4) ----

  // Appends an entry (inside the caller's open Transaction when there is one, otherwise on its
  // own) and returns its id, which grows with every append. kInvalidArgument for an empty kind
  // or body; kUnavailable as for any write.
  Result<std::int64_t> AppendJournal(std::string_view kind, std::string_view recorded_at,
                                     std::string_view body);
  // Calls `visit` for every entry whose kind is one of `kinds` (every entry when `kinds` is
  // empty) in id order; stops at its first error and returns it.
  Status ForEachJournalEntry(std::span<const std::string_view> kinds,
                             const std::function<Status(const JournalEntry&)>& visit);

  // Replaces the bodies of existing entries (the journal is otherwise append-only: this is for
  // erasing what may no longer be kept) and queues `audit_entry`, in one transaction; the old
  // bodies' space is zeroed (secure_delete) and the WAL emptied after the commit. Each entry of
  // `replaced` names an id, its kind (which must match) and the new body. kNotFound naming the
  // id when there is no such entry of that kind, kInvalidArgument for an empty body; either way
  // nothing changes.
  Status ReplaceJournalBodies(std::span<const JournalEntry> replaced, std::string_view audit_entry);
  // The same replacement inside the caller's open Transaction, which queues the audit entry
  // recording it together with the rest of its change (kInternal when no transaction is open);
  // the caller empties the WAL after its commit. Errors as ReplaceJournalBodies.
  Status RewriteJournalBodies(std::span<const JournalEntry> replaced);

  // ---- Audit outbox (schema step 5) ----

  // Queues an encoded audit entry (inside the caller's open Transaction when there is one,
  // so that it commits with the change it records). kInvalidArgument for an empty entry.
  Status QueueAuditEntry(std::string_view entry);
  // The oldest `limit` queued entries, in the order they were queued.
  Result<std::vector<QueuedAuditEntry>> QueuedAuditEntries(std::size_t limit);
  // How many entries wait for the node.
  Result<std::int64_t> CountQueuedAuditEntries();
  // Deletes the queued entries with id <= `last_id` (once they are in the audit log).
  Status DropQueuedAuditEntries(std::int64_t last_id);

  // ---- ISA history (schema step 6) ----

  // The agreement version recorded last, nullopt before the first.
  Result<std::optional<IsaHistoryRow>> LastIsaInForce();
  // Appends `row` and queues `audit_entry`, in one transaction. kInvalidArgument for an empty
  // id, digest or time, or a version below 1; nothing changes then.
  Status AppendIsaHistory(const IsaHistoryRow& row, std::string_view audit_entry);

  // Full check: PRAGMA integrity_check (which reads, decrypts and authenticates every page),
  // foreign_key_check, cipher version and page figures.
  Result<CheckReport> Check();

 private:
  struct Impl;
  Store(std::unique_ptr<Impl> impl, bool encrypted, int schema_version);
  static Result<std::unique_ptr<Store>> OpenWith(const std::filesystem::path& path,
                                                 const crypto::SecretBytes* key,
                                                 const Options& options);

  std::unique_ptr<Impl> impl_;
  bool encrypted_;
  int schema_version_;
};

}  // namespace tandem::node::store
