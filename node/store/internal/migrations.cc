#include "node/store/internal/migrations.h"

#include <sqlite3.h>

#include <array>
#include <string>

#include "node/store/internal/sqlite.h"

namespace tandem::node::store::internal {
namespace {

constexpr std::array<Migration, 7> kMigrations = {{
    {1, "imports and records",
     R"sql(
PRAGMA application_id = 1413566020;
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  export_kind TEXT NOT NULL,
  file_sha256 BLOB NOT NULL,
  imported_at TEXT NOT NULL,
  rows_inserted INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  export_kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  person_ref TEXT NOT NULL,
  fields TEXT NOT NULL,
  identity TEXT,
  content_hash BLOB NOT NULL,
  first_import INTEGER NOT NULL REFERENCES imports(id),
  last_import INTEGER NOT NULL REFERENCES imports(id),
  UNIQUE (export_kind, ref)
);
)sql"},
    // Only rows about someone else's record need finding by person: police occurrences name
    // their nominal. Every other export's person_ref is its own ref, already indexed above.
    {2, "police occurrences by nominal",
     "CREATE INDEX occurrences_by_nominal ON records (person_ref) "
     "WHERE export_kind = 'police_occurrences';"},
    // The token index (node/tokens/): one row per (token, record, key type), kept in token
    // order (a WITHOUT ROWID table is its own index on token, so a match query is a range
    // lookup and the 64-byte tokens are stored once). Key type names once, in their own table.
    // The node's OPRF key share: at most one row, inside the encrypted database like
    // everything else, with the partnership's public key file it was imported against.
    {3, "token index and OPRF key share",
     R"sql(
CREATE TABLE token_key_types (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE tokens (
  token BLOB NOT NULL,
  record_id INTEGER NOT NULL REFERENCES records(id),
  key_type INTEGER NOT NULL REFERENCES token_key_types(id),
  PRIMARY KEY (token, record_id, key_type)
) WITHOUT ROWID;
CREATE TABLE oprf_key_share (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder_name TEXT NOT NULL,
  holder_index INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  share BLOB NOT NULL,
  public_key TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
)sql"},
    // The panel journal: what this node's panel work recorded, in order and append-only (but for
    // erasing received values whose retention ended, Store::ReplaceJournalBodies). At the
    // coordinator: the panel book's commands (the book is rebuilt by replaying them) and the
    // case packs it assembled; at an agency: the interventions and civil orders it delivered.
    {4, "panel journal",
     R"sql(
CREATE TABLE panel_journal (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX panel_journal_by_kind ON panel_journal (kind, id);
)sql"},
    // The audit outbox: entries of processing done by commands beside the node (an import, a
    // change of the OPRF key share), each written in the transaction of the change it records;
    // the node moves them into its audit log and deletes them (node/runtime/audit_outbox.h).
    {5, "audit outbox",
     R"sql(
CREATE TABLE audit_outbox (
  id INTEGER PRIMARY KEY,
  entry TEXT NOT NULL
);
)sql"},
    // The agreements the node has worked under: one row per ISA version put in force, each
    // written with its audit entry (node/isa/isa_history.h), so that a change of agreement is in
    // the log once, whether it came by a restart or a reload.
    {6, "ISA history",
     R"sql(
CREATE TABLE isa_history (
  id INTEGER PRIMARY KEY,
  isa_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  signed_sha256 TEXT NOT NULL,
  since TEXT NOT NULL
);
)sql"},
    // Restrictions of processing (node/importer/record_restriction.h): a record named here is
    // kept, but the store's reads for processing do not see it (internal/restrictions.h).
    {7, "restrictions of processing",
     R"sql(
CREATE TABLE restrictions (
  export_kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  request_ref TEXT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (export_kind, ref)
) WITHOUT ROWID;
)sql"},
}};

Status SetVersionAndCommit(sqlite3* db, int version) {
  const std::string sql = "PRAGMA user_version = " + std::to_string(version) + "; COMMIT;";
  return Exec(db, sql.c_str(), "recording the schema version");
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> ReadSchemaVersion(sqlite3* db) {
  auto stmt = Statement::Prepare(db, "PRAGMA user_version");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the schema version");
  if (!row) return tl::unexpected(row.error());
  if (!*row) return Fail(Code::kInternal, "PRAGMA user_version returned no row");
  return static_cast<int>(stmt->ColumnInt(0));
}

Schema StoreSchema() { return Schema{kMigrations, kApplicationId, "store"}; }

Status CheckApplicationId(sqlite3* db, const Schema& schema) {
  auto version = ReadSchemaVersion(db);
  if (!version) return tl::unexpected(version.error());
  if (*version == 0) return Ok();
  auto stmt = Statement::Prepare(db, "PRAGMA application_id");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the application id");
  if (!row) return tl::unexpected(row.error());
  if (!*row || stmt->ColumnInt(0) != schema.application_id) {
    return Fail(Code::kCorruption, "wrong key, or not a Tandem " + std::string(schema.what) +
                                       " (the database belongs to another application)");
  }
  return Ok();
}

Status CheckApplicationId(sqlite3* db) { return CheckApplicationId(db, StoreSchema()); }

Status Migrate(sqlite3* db, const Schema& schema, int target) {
  const int latest = schema.steps.back().version;
  if (target < 0 || target > latest) {
    return Fail(Code::kInvalidArgument,
                "schema version " + std::to_string(target) + " is not one this build knows");
  }
  auto current = ReadSchemaVersion(db);
  if (!current) return tl::unexpected(current.error());
  if (*current > latest) {
    return Fail(Code::kInvalidArgument, "the " + std::string(schema.what) + " has schema version " +
                                            std::to_string(*current) +
                                            ", newer than this tandem understands (up to " +
                                            std::to_string(latest) + "); use a newer tandem");
  }
  for (const Migration& step : schema.steps) {
    if (step.version <= *current || step.version > target) continue;
    if (auto begun = Exec(db, "BEGIN IMMEDIATE", "starting a schema migration"); !begun) {
      return begun;
    }
    auto applied = Exec(db, step.sql, "applying a schema migration");
    if (applied) applied = SetVersionAndCommit(db, step.version);
    if (!applied) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return Fail(applied.error().code, std::string(schema.what) + " schema migration to version " +
                                            std::to_string(step.version) + " (" +
                                            std::string(step.summary) +
                                            ") failed: " + applied.error().message);
    }
  }
  return Ok();
}

Status Migrate(sqlite3* db, int target) { return Migrate(db, StoreSchema(), target); }

Status Migrate(sqlite3* db) { return Migrate(db, LatestSchemaVersion()); }

}  // namespace tandem::node::store::internal
