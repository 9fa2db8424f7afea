// The node's Ed25519 identity key file (identity.key in the data directory): the 32-byte seed
// as 64 lower-case hex digits and a newline, nothing else, mode 0600. The key signs the node's
// envelopes, audit checkpoints and its signature on the ISA.
//
// ReadIdentityKey refuses a file that group or others can access (kPermissionDenied, saying
// how to fix it) before reading a byte; the seed passes only through secure memory.
// WriteIdentityKey writes atomically (temporary file, fsync, rename, fsync of the folder) with
// mode 0600 and never replaces an existing file. Free functions; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"
#include "crypto/signing.h"

namespace tandem::node {

inline constexpr std::string_view kIdentityKeyFileName = "identity.key";

// The key in `path`. Errors: kNotFound (no file), kPermissionDenied (not a regular file, or
// accessible by group or others), kInvalidArgument (not 64 hex digits and an optional
// newline), kUnavailable (cannot be read).
Result<crypto::SigningKey> ReadIdentityKey(const std::filesystem::path& path);

// Writes `key` to `path`. kInvalidArgument when `path` already exists (a key is never
// overwritten); kUnavailable when the file cannot be written.
Status WriteIdentityKey(const std::filesystem::path& path, const crypto::SigningKey& key);

}  // namespace tandem::node
