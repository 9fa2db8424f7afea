#include "node/audit/internal/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>
#include <system_error>

#include "node/store/internal/raw_key.h"

namespace tandem::node::audit::internal {
namespace {

using store::internal::Connection;
using store::internal::Exec;
using store::internal::Migration;
using store::internal::SqliteError;
using store::internal::Statement;

constexpr int kBusyTimeoutMs = 5000;

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

int LatestVersion() { return kAuditMigrations.back().version; }

Result<int> ReadVersion(sqlite3* db) { return store::internal::ReadSchemaVersion(db); }

Status CheckAuditApplicationId(sqlite3* db) {
  auto version = ReadVersion(db);
  if (!version) return tl::unexpected(version.error());
  if (*version == 0) return Ok();
  auto stmt = Statement::Prepare(db, "PRAGMA application_id");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->Step("reading the application id");
  if (!row) return tl::unexpected(row.error());
  if (!*row || stmt->ColumnInt(0) != kAuditApplicationId) {
    return Fail(Code::kCorruption,
                "wrong key, or not a Tandem audit log (the database belongs to another "
                "application)");
  }
  return Ok();
}

Status MigrateAudit(sqlite3* db) {
  auto current = ReadVersion(db);
  if (!current) return tl::unexpected(current.error());
  if (*current > LatestVersion()) {
    return Fail(Code::kInvalidArgument,
                "the audit log has schema version " + std::to_string(*current) +
                    ", newer than this tandem understands (up to " +
                    std::to_string(LatestVersion()) + "); use a newer tandem");
  }
  for (const Migration& step : kAuditMigrations) {
    if (step.version <= *current) continue;
    if (auto begun = Exec(db, "BEGIN IMMEDIATE", "starting an audit schema migration"); !begun) {
      return begun;
    }
    auto applied = Exec(db, step.sql, "applying an audit schema migration");
    if (applied) {
      const std::string sql = "PRAGMA user_version = " + std::to_string(step.version) + "; COMMIT;";
      applied = Exec(db, sql.c_str(), "recording the audit schema version");
    }
    if (!applied) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return Fail(applied.error().code,
                  "audit schema migration to version " + std::to_string(step.version) + " (" +
                      std::string(step.summary) + ") failed: " + applied.error().message);
    }
  }
  return Ok();
}

Status CreateEmptyFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    return Fail(Code::kUnavailable, "cannot create the audit log " + path.string() + ": " +
                                        std::generic_category().message(err));
  }
  ::close(fd);
  return Ok();
}

}  // namespace

std::span<const Migration> AuditMigrations() { return kAuditMigrations; }

Result<Connection> OpenAuditDatabase(const std::filesystem::path& path,
                                     const crypto::SecretBytes* key, bool create_if_missing) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    if (!create_if_missing) {
      return Fail(Code::kNotFound, "there is no audit log at " + path.string());
    }
    if (auto created = CreateEmptyFile(path); !created) return tl::unexpected(created.error());
  } else if (!std::filesystem::is_regular_file(status)) {
    return Fail(Code::kInvalidArgument, path.string() + " is not a regular file");
  } else if (std::filesystem::file_size(path, ec) == 0 && !ec && !create_if_missing) {
    return Fail(Code::kCorruption, "the audit log " + path.string() +
                                       " is empty (truncated?); restore it from a backup");
  }

  sqlite3* raw_db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(raw_db);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db.get(), rc, "opening the audit log"));
  sqlite3_extended_result_codes(db.get(), 1);

  if (key != nullptr) {
    auto raw_key = store::internal::SqlCipherRawKey(*key);
    if (!raw_key) return tl::unexpected(raw_key.error());
    const int key_rc = sqlite3_key(db.get(), raw_key->data(), static_cast<int>(raw_key->size()));
    if (key_rc != SQLITE_OK) {
      return tl::unexpected(SqliteError(db.get(), key_rc, "applying the store key"));
    }
    if (auto set = Exec(db.get(), "PRAGMA cipher_page_size = 4096", "setting the page size");
        !set) {
      return tl::unexpected(set.error());
    }
  } else if (auto set = Exec(db.get(), "PRAGMA page_size = 4096", "setting the page size"); !set) {
    return tl::unexpected(set.error());
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);

  // The first read: with a wrong key, or a file that is not a database, SQLCipher fails here.
  if (auto read = Exec(db.get(), "SELECT count(*) FROM sqlite_master", "opening the audit log");
      !read) {
    return tl::unexpected(read.error());
  }
  auto mode = Statement::Prepare(db.get(), "PRAGMA journal_mode = WAL");
  if (!mode) return tl::unexpected(mode.error());
  auto mode_row = mode->Step("switching to WAL mode");
  if (!mode_row) return tl::unexpected(mode_row.error());
  if (!*mode_row || mode->ColumnText(0) != "wal") {
    return Fail(Code::kUnavailable, "the audit log cannot use write-ahead logging here");
  }
  mode->Reset();
  if (auto set = Exec(db.get(),
                      "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; "
                      "PRAGMA cache_size = -16384;",
                      "configuring the audit log");
      !set) {
    return tl::unexpected(set.error());
  }
  if (auto ours = CheckAuditApplicationId(db.get()); !ours) return tl::unexpected(ours.error());
  if (auto migrated = MigrateAudit(db.get()); !migrated) return tl::unexpected(migrated.error());
  return db;
}

}  // namespace tandem::node::audit::internal
