// How a data directory's 256-bit store key is had: for a store keyed now (a key file, or a new
// passphrase with a fresh salt) or for an existing store (the option its key parameters file
// asks for). Shared by OpenDataDir, which creates and opens stores, and by RekeyDataDir, which
// moves a store to a new key. Free functions; thread-safe as long as the passphrase callback is.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/store/data_dir.h"
#include "node/store/key_params.h"

namespace tandem::node::store::internal {

// A key made now and the parameters that say how to make it again.
struct NewKey {
  KeyParams params;
  crypto::SecretBytes key;
  crypto::SecretBytes passphrase;  // the passphrase it was derived from; empty for a key file
};

// Reads the key file, or asks for a new passphrase (at least kMinNewPassphraseLength bytes)
// and derives the key with a fresh salt. Writes nothing. Errors of ReadStoreKeyFile, of the
// passphrase callback, of ValidateArgon2idParams and DeriveStoreKey; kInvalidArgument for a
// passphrase that is empty or too short.
Result<NewKey> MakeNewKey(const KeyOptions& key);

// The key of the existing store in `dir`, as its key parameters file says. Errors: see
// ReadDataDirKey (data_dir.h).
Result<crypto::SecretBytes> ExistingKey(const std::filesystem::path& dir, const KeyOptions& key);

}  // namespace tandem::node::store::internal
