// The store's key parameters file (store-key.json in the data directory): which kind of key
// opens the store and, for a passphrase, the Argon2id salt and cost. None of it is secret; it
// lets the same passphrase give the same key on every start. Written atomically.
// Value type and free functions; thread-compatible.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "crypto/store_key.h"

namespace tandem::node::store {

enum class KeySource { kPassphrase, kKeyFile };

struct KeyParams {
  KeySource source = KeySource::kPassphrase;
  crypto::StoreSalt salt{};           // passphrase only
  crypto::Argon2idParams argon2id{};  // passphrase only
};

// Reads and validates the file. Errors: kNotFound when it is missing; kCorruption when it is
// not a key parameters file Tandem wrote (bad JSON, unknown format, salt or cost out of range).
Result<KeyParams> ReadKeyParams(const std::filesystem::path& path);

// Writes the file atomically, mode 0600.
Status WriteKeyParams(const std::filesystem::path& path, const KeyParams& params);

}  // namespace tandem::node::store
