// A node's data directory: the encrypted store (store.db, with SQLite's store.db-wal and
// store.db-shm beside it), the audit log (audit.db, keyed with the same key) and the key
// parameters file (store-key.json). OpenDataDir turns a key option (passphrase or key file)
// into the 256-bit store key and opens, or on first use creates, the store. Both it and
// ReadDataDirKey first finish or undo a key change that a crash interrupted
// (internal/rekey_journal.h). The directory is created with mode 0700, the files with 0600.
// Free functions; thread-safe as long as the passphrase callback is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "crypto/store_key.h"
#include "node/store/store.h"

namespace tandem::node::store {

inline constexpr char kStoreFileName[] = "store.db";
inline constexpr char kKeyParamsFileName[] = "store-key.json";
// The audit log's database (node/audit), keyed with the store key.
inline constexpr char kAuditDatabaseFileName[] = "audit.db";

struct KeyOptions {
  // The store is keyed by this key file (32 raw bytes or 64 hex digits, mode 0600); when
  // absent, by a passphrase.
  std::optional<std::filesystem::path> key_file;
  // Supplies the passphrase; `creating` is true when a new store is being made (so a prompt
  // asks twice). Unset: ReadStorePassphrase (environment variable or terminal prompt).
  std::function<Result<crypto::SecretBytes>(bool creating)> passphrase;
  // Argon2id cost for a store created now; an existing store keeps the cost it was made with.
  crypto::Argon2idParams new_store_argon2id{};
  // Told, in a sentence for the operator, when opening finished or undid an interrupted key
  // change. Unset: not told.
  std::function<void(std::string_view)> notice;
};

struct DataDirOptions {
  bool create_if_missing = false;
  std::int64_t cache_kib = 64 * 1024;
};

struct OpenedStore {
  std::unique_ptr<Store> store;
  bool created = false;  // true when this call made a new store
};

// True when `dir` holds a store database.
bool HasStore(const std::filesystem::path& dir);

// Opens the store in `dir`. Errors: kNotFound when there is no store and none is to be
// created; kInvalidArgument when the key option does not fit the store (a key file for a
// passphrase store or the reverse — the message says which option to use), or for a new
// store's passphrase shorter than kMinNewPassphraseLength; errors of ReadStoreKeyFile,
// ReadKeyParams, DeriveStoreKey and Store::Open otherwise (a wrong passphrase or key is
// kCorruption "wrong key, or not a Tandem store"); kUnavailable while a key change runs.
Result<OpenedStore> OpenDataDir(const std::filesystem::path& dir, const KeyOptions& key,
                                const DataDirOptions& options);

struct DataDirKey {
  crypto::SecretBytes key;
  // The shared opener lock: hold it for as long as a database opened with `key` is open. None
  // when the directory holds no database.
  std::optional<FileLock> opener;
};

// The 256-bit key of the existing store in `dir`, from the key file or the passphrase as its
// key parameters file says, without opening store.db: for audit.db, which is keyed with the
// same key. Errors as OpenDataDir's for the key (kNotFound when the parameters are missing).
Result<DataDirKey> ReadDataDirKey(const std::filesystem::path& dir, const KeyOptions& key);

}  // namespace tandem::node::store
