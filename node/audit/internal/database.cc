#include "node/audit/internal/database.h"

#include <sqlite3.h>

#include <array>
#include <string>

#include "node/store/internal/database_file.h"

namespace tandem::node::audit::internal {
namespace {

using store::internal::Connection;
using store::internal::Migration;

constexpr std::array<Migration, 1> kAuditMigrations = {{
    {1, "audit log: entries, tree hashes, checkpoints, co-signatures, witness records",
     R"sql(
PRAGMA application_id = 1413567812;
CREATE TABLE meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entries (
  idx INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX entries_by_time ON entries (at);
CREATE TABLE nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE checkpoints (
  tree_size INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  root BLOB NOT NULL,
  sig BLOB NOT NULL
);
CREATE TABLE cosignatures (
  tree_size INTEGER NOT NULL,
  witness TEXT NOT NULL,
  witness_key BLOB NOT NULL,
  sig BLOB NOT NULL,
  PRIMARY KEY (tree_size, witness)
) WITHOUT ROWID;
CREATE TABLE witnessed (
  peer TEXT PRIMARY KEY,
  checkpoint TEXT NOT NULL
) WITHOUT ROWID;
)sql"},
}};

const store::internal::Schema kAuditSchema{kAuditMigrations, kAuditApplicationId, "audit log"};

}  // namespace

std::span<const Migration> AuditMigrations() { return kAuditMigrations; }

Result<Connection> OpenAuditDatabase(const std::filesystem::path& path,
                                     const crypto::SecretBytes* key, bool create_if_missing) {
  store::internal::DatabaseFileOptions file;
  file.what = "audit log";
  file.create_if_missing = create_if_missing;
  file.empty_file_is_new = create_if_missing;
  // The writer only appends (the right edge of each table and index) and the WAL checkpointer
  // copies pages without caching them, so 1 MiB is plenty for both. A larger cache would keep
  // every page the log ever wrote until it filled, which reads as memory growing with the log
  // (docs/soak.md). The proof reader sets its own, larger bound (AuditLog::Options).
  file.settings =
      "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1024;";
  auto opened = store::internal::OpenDatabaseFile(path, key, file);
  if (!opened) return tl::unexpected(opened.error());
  Connection db = std::move(*opened);
  if (auto ours = store::internal::CheckApplicationId(db.get(), kAuditSchema); !ours)
    return tl::unexpected(ours.error());
  if (auto migrated =
          store::internal::Migrate(db.get(), kAuditSchema, kAuditMigrations.back().version);
      !migrated)
    return tl::unexpected(migrated.error());
  return db;
}

}  // namespace tandem::node::audit::internal
