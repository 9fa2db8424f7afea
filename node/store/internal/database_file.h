// Opening one of a node's SQLCipher database files (the store, the audit log) the same way:
// the file created owner-only when asked, a missing, foreign or empty file refused with a
// message naming it, the 256-bit raw key applied through sqlite3_key, a first read that fails
// on a wrong key, WAL mode, the caller's settings and a busy timeout. Schema checks and
// migrations are the caller's (migrations.h). Free function; the connection is the caller's.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/store/internal/sqlite.h"

namespace tandem::node::store::internal {

struct DatabaseFileOptions {
  std::string_view what;  // "store", "audit log": for messages
  bool create_if_missing = false;
  // An existing empty file is taken as new (left by a crash before the first schema step);
  // otherwise it is reported as truncated.
  bool empty_file_is_new = false;
  // PRAGMAs run after WAL mode is set, e.g. "PRAGMA synchronous = FULL; ...".
  std::string settings;
};

// Errors: kNotFound (missing, not to be created), kInvalidArgument (not a regular file),
// kCorruption (empty, wrong key, not a database), kUnavailable (cannot be created, used or put
// in WAL mode).
Result<Connection> OpenDatabaseFile(const std::filesystem::path& path,
                                    const crypto::SecretBytes* key,
                                    const DatabaseFileOptions& options);

// Creates an empty file at `path` for a new database, mode 0600; fails when the file exists.
// kUnavailable with a message naming the `what` ("store") when it cannot be created.
Status CreateDatabaseFile(const std::filesystem::path& path, std::string_view what);

}  // namespace tandem::node::store::internal
