#include "node/store/data_dir.h"

#include <sys/stat.h>

#include <string>
#include <system_error>

#include "node/store/internal/rekey_journal.h"
#include "node/store/internal/store_keys.h"
#include "node/store/key_params.h"

namespace tandem::node::store {
namespace {

Status EnsureDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec)) {
      return Fail(Code::kInvalidArgument, dir.string() + " exists and is not a directory");
    }
    return Ok();
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Fail(Code::kUnavailable,
                "cannot create the data directory " + dir.string() + ": " + ec.message());
  }
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Fail(Code::kUnavailable, "cannot restrict the data directory " + dir.string());
  }
  return Ok();
}

// The key for a store that is about to be created: reads the key file or the passphrase
// first, so that a refused key leaves nothing behind; then creates the directory and writes
// the key parameters file.
Result<crypto::SecretBytes> NewStoreKey(const std::filesystem::path& dir, const KeyOptions& key) {
  auto made = internal::MakeNewKey(key);
  if (!made) return tl::unexpected(made.error());
  if (auto created = EnsureDirectory(dir); !created) return tl::unexpected(created.error());
  if (auto written = WriteKeyParams(dir / kKeyParamsFileName, made->params); !written) {
    return tl::unexpected(written.error());
  }
  return std::move(made->key);
}

// Finishes or undoes a key change a crash interrupted, and says so.
Status Recover(const std::filesystem::path& dir, const KeyOptions& key) {
  auto recovered = internal::RecoverRekey(dir);
  if (!recovered) return tl::unexpected(recovered.error());
  if (*recovered != internal::RekeyRecovery::kNothing && key.notice) {
    key.notice(internal::DescribeRecovery(*recovered, dir));
  }
  return Ok();
}

// The shared opener lock on store.lock, which a key change needs exclusively: while a store is
// open no key change can start, and while one runs no store opens.
Result<FileLock> HoldAsOpener(const std::filesystem::path& dir) {
  auto lock = FileLock::TryAcquireShared(dir / internal::kStoreLockFileName);
  if (!lock) return tl::unexpected(lock.error());
  if (!*lock) {
    return Fail(Code::kUnavailable, "a key change of " + dir.string() +
                                        " (tandem store rekey) is running; try again when it "
                                        "has finished");
  }
  return std::move(**lock);
}

}  // namespace

bool HasStore(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / kStoreFileName, ec);
}

Result<OpenedStore> OpenDataDir(const std::filesystem::path& dir, const KeyOptions& key,
                                const DataDirOptions& options) {
  if (auto recovered = Recover(dir, key); !recovered) return tl::unexpected(recovered.error());
  const bool creating = !HasStore(dir);
  if (creating && !options.create_if_missing) {
    return Fail(Code::kNotFound,
                "there is no store in " + dir.string() + " (a first `tandem import` creates one)");
  }
  // A new store's key is made (and its directory created) before the lock can be taken; an
  // existing store's key is read under the lock, so a key change cannot slip in between.
  auto store_key = creating ? NewStoreKey(dir, key) : Result<crypto::SecretBytes>();
  if (!store_key) return tl::unexpected(store_key.error());
  auto lock = HoldAsOpener(dir);
  if (!lock) return tl::unexpected(lock.error());
  if (!creating) store_key = internal::ExistingKey(dir, key);
  if (!store_key) return tl::unexpected(store_key.error());

  Store::Options store_options;
  store_options.create_if_missing = creating;
  store_options.cache_kib = options.cache_kib;
  auto store = Store::Open(dir / kStoreFileName, *store_key, store_options);
  if (!store) return tl::unexpected(store.error());
  (*store)->HoldWhileOpen(std::move(*lock));
  return OpenedStore{std::move(*store), creating};
}

Result<DataDirKey> ReadDataDirKey(const std::filesystem::path& dir, const KeyOptions& key) {
  if (auto recovered = Recover(dir, key); !recovered) return tl::unexpected(recovered.error());
  // A directory without a database holds nothing a key change could move: no lock is taken
  // (and no lock file made there).
  std::optional<FileLock> opener;
  std::error_code ec;
  if (HasStore(dir) || std::filesystem::exists(dir / kAuditDatabaseFileName, ec)) {
    auto lock = HoldAsOpener(dir);
    if (!lock) return tl::unexpected(lock.error());
    opener.emplace(std::move(*lock));
  }
  auto store_key = internal::ExistingKey(dir, key);
  if (!store_key) return tl::unexpected(store_key.error());
  return DataDirKey{std::move(*store_key), std::move(opener)};
}

}  // namespace tandem::node::store
