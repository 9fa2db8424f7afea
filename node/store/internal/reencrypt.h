// The SQLCipher half of a key change: taking one of the data directory's databases for the
// change alone, and writing a copy of it encrypted under another key. The copy is made with
// sqlcipher_export into a new file ATTACHed with the new key (bound as a parameter, never
// written into SQL text), then checked: every table has as many rows as the original, the
// schema version and application id are the same, and the whole copy passes
// PRAGMA integrity_check opened afresh with the new key. Not thread-safe: one connection.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::store::internal {

// Opens the database at `path` with `key`, changing nothing. `what` ("store", "audit log")
// names it in messages. Errors: those of OpenDatabaseFile (kCorruption "wrong key" for a key
// that does not open it).
Result<Connection> OpenForCopy(const std::filesystem::path& path, const crypto::SecretBytes& key,
                               std::string_view what);

// Takes the database `db` (from OpenForCopy) for the key change alone until the connection is
// closed: its write-ahead log is folded into the file and removed (journal_mode = DELETE), and
// an exclusive lock keeps every other connection, in any process, from reading or writing it.
// kUnavailable when another connection has it open (a running node): nothing is changed then.
Status HoldExclusively(sqlite3* db, const std::filesystem::path& path, std::string_view what);

// Writes a copy of `source` (held by HoldExclusively) to `target`, which must not
// exist, encrypted with `new_key`, checks it as described above and syncs it to disk. On an
// error `target` may be left behind for the caller to remove. Errors: kUnavailable (disk
// full, I/O), kCorruption when the copy does not check out.
Status WriteReencryptedCopy(sqlite3* source, const std::filesystem::path& target,
                            const crypto::SecretBytes& new_key, std::string_view what);

}  // namespace tandem::node::store::internal
