#include "node/store/internal/reencrypt.h"

#include <cstdint>
#include <string>
#include <vector>

#include "node/store/atomic_file.h"
#include "node/store/internal/database_file.h"
#include "node/store/internal/migrations.h"
#include "node/store/internal/raw_key.h"

namespace tandem::node::store::internal {
namespace {

// A name as an SQL identifier in double quotes.
std::string Quoted(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

Result<std::vector<std::string>> TableNames(sqlite3* db) {
  auto statement = Statement::Prepare(
      db, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  if (!statement) return tl::unexpected(statement.error());
  std::vector<std::string> names;
  for (;;) {
    auto row = statement->Step("listing the tables");
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    names.emplace_back(statement->ColumnText(0));
  }
  return names;
}

Status Attach(sqlite3* db, const std::filesystem::path& target, const crypto::SecretBytes& key) {
  auto raw_key = SqlCipherRawKey(key);
  if (!raw_key) return tl::unexpected(raw_key.error());
  // The copy is attached as schema "rekey".
  auto attach = Statement::Prepare(db, "ATTACH DATABASE ?1 AS rekey KEY ?2");
  if (!attach) return tl::unexpected(attach.error());
  const std::string path = target.string();
  attach->Bind(1, path).BindBlob(2, {raw_key->data(), raw_key->size()});
  auto attached = attach->Run("attaching the copy");
  attach->Reset();
  if (!attached) return attached;
  return Exec(db, "PRAGMA rekey.cipher_page_size = 4096", "setting the copy's page size");
}

// What a copy must keep besides its tables: PRAGMA user_version and application_id.
struct Header {
  std::int64_t user_version = 0;
  std::int64_t application_id = 0;
};

Result<Header> ReadHeader(sqlite3* db) {
  auto version = QueryInt(db, "PRAGMA main.user_version", "reading the schema version");
  if (!version) return tl::unexpected(version.error());
  auto application = QueryInt(db, "PRAGMA main.application_id", "reading the application id");
  if (!application) return tl::unexpected(application.error());
  return Header{*version, *application};
}

// Copies every table, index, trigger and view and the header into the attached copy in one
// transaction, then compares row counts.
Status Export(sqlite3* db, const Header& header, std::string_view what) {
  if (auto begun = Exec(db, "BEGIN", "starting the copy"); !begun) return begun;
  const std::string finish =
      "PRAGMA rekey.user_version = " + std::to_string(header.user_version) +
      "; PRAGMA rekey.application_id = " + std::to_string(header.application_id) + "; COMMIT";
  Status done = Ok();
  if (auto exported =
          QueryInt(db, "SELECT sqlcipher_export('rekey')", "copying the " + std::string(what));
      !exported) {
    done = tl::unexpected(exported.error());
  } else {
    done = Exec(db, finish.c_str(), "finishing the copy");
  }
  if (!done) {
    static_cast<void>(Exec(db, "ROLLBACK", "abandoning the copy"));
    return done;
  }
  auto tables = TableNames(db);
  if (!tables) return tl::unexpected(tables.error());
  for (const std::string& table : *tables) {
    auto original = QueryInt(db, "SELECT count(*) FROM main." + Quoted(table), "counting rows");
    if (!original) return tl::unexpected(original.error());
    auto copied = QueryInt(db, "SELECT count(*) FROM rekey." + Quoted(table), "counting rows");
    if (!copied) return tl::unexpected(copied.error());
    if (*original != *copied) {
      return Fail(Code::kCorruption,
                  "the copy of the " + std::string(what) + " lacks rows of table " + table);
    }
  }
  return Ok();
}

// Opens the finished copy afresh with the new key and reads every page of it.
Status CheckCopy(const std::filesystem::path& target, const crypto::SecretBytes& key,
                 const Header& header, std::string_view what) {
  auto copy = OpenForCopy(target, key, what);
  if (!copy) return tl::unexpected(copy.error());
  auto statement = Statement::Prepare(copy->get(), "PRAGMA integrity_check");
  if (!statement) return tl::unexpected(statement.error());
  auto row = statement->Step("checking the copy");
  if (!row) return tl::unexpected(row.error());
  const bool intact = *row && statement->ColumnText(0) == "ok";
  auto copy_header = ReadHeader(copy->get());
  if (!intact || !copy_header || copy_header->user_version != header.user_version ||
      copy_header->application_id != header.application_id) {
    return Fail(Code::kCorruption,
                "the copy of the " + std::string(what) + " under the new key does not check out");
  }
  return Ok();
}

}  // namespace

Result<Connection> OpenForCopy(const std::filesystem::path& path, const crypto::SecretBytes& key,
                               std::string_view what) {
  DatabaseFileOptions file;
  file.what = what;
  file.settings = "PRAGMA temp_store = MEMORY;";
  return OpenDatabaseFile(path, &key, file);
}

Status HoldExclusively(sqlite3* db, const std::filesystem::path& path, std::string_view what) {
  // Leaving WAL mode needs an exclusive lock on the file, which no other connection may hold
  // (every open connection keeps a shared one): this is the check that no node is running.
  auto mode = Statement::Prepare(db, "PRAGMA journal_mode = DELETE");
  if (!mode) return tl::unexpected(mode.error());
  auto row = mode->Step("taking the " + std::string(what) + " for the key change");
  const bool left_wal = row && *row && mode->ColumnText(0) == "delete";
  mode->Reset();
  if (!left_wal) {
    return Fail(Code::kUnavailable,
                "the " + std::string(what) + " " + path.string() +
                    " is in use by another process (is the node running? stop it first); "
                    "nothing was changed");
  }
  // Keep the exclusive lock until the connection closes: nobody reads or writes the old file
  // while its copy is made and renamed over it.
  return Exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;",
              "locking the " + std::string(what));
}

Status WriteReencryptedCopy(sqlite3* source, const std::filesystem::path& target,
                            const crypto::SecretBytes& new_key, std::string_view what) {
  auto header = ReadHeader(source);
  if (!header) return tl::unexpected(header.error());
  if (auto created = CreateDatabaseFile(target, what); !created) return created;
  if (auto attached = Attach(source, target, new_key); !attached) return attached;
  Status exported = Export(source, *header, what);
  static_cast<void>(Exec(source, "DETACH DATABASE rekey", "detaching the copy"));
  if (!exported) return exported;
  if (auto checked = CheckCopy(target, new_key, *header, what); !checked) return checked;
  // Closing the checking connection folded its log into the copy and removed it.
  std::error_code ec;
  if (std::filesystem::exists(target.string() + "-wal", ec)) {
    return Fail(Code::kUnavailable,
                "the copy of the " + std::string(what) + " still has a write-ahead log");
  }
  return SyncFile(target);
}

}  // namespace tandem::node::store::internal
