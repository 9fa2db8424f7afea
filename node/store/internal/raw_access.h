// Direct SQL on a store file, bypassing Store: for tests that must build states a Store never
// makes (a schema from the future, a store at an old version) and for checks of the schema.
// Each call opens and closes its own connection. Thread-compatible.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::node::store::internal {

// Runs `sql` (no parameters) on the database at `path`, keyed with the 32-byte `key`, or
// unencrypted when `key` is null.
Status ExecOnFile(const std::filesystem::path& path, const crypto::SecretBytes* key,
                  const std::string& sql);

// The first column of the first row of `sql` as an integer (kNotFound when there is no row).
Result<std::int64_t> QueryIntOnFile(const std::filesystem::path& path,
                                    const crypto::SecretBytes* key, const std::string& sql);

}  // namespace tandem::node::store::internal
