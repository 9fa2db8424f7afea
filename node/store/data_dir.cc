#include "node/store/data_dir.h"

#include <sys/stat.h>

#include <string>
#include <system_error>

#include "node/store/key_params.h"
#include "node/store/passphrase.h"

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

Result<crypto::SecretBytes> GetPassphrase(const KeyOptions& key, bool creating) {
  auto passphrase = key.passphrase ? key.passphrase(creating) : ReadStorePassphrase(creating);
  if (!passphrase) return passphrase;
  if (passphrase->empty()) return Fail(Code::kInvalidArgument, "the store passphrase is empty");
  if (creating && passphrase->size() < kMinNewPassphraseLength) {
    return Fail(Code::kInvalidArgument, "a new store's passphrase must be at least " +
                                            std::to_string(kMinNewPassphraseLength) +
                                            " characters long");
  }
  return passphrase;
}

// The key for a store that is about to be created: reads the key file or the passphrase
// first, so that a refused key leaves nothing behind; then creates the directory and writes
// the key parameters file.
Result<crypto::SecretBytes> NewStoreKey(const std::filesystem::path& dir, const KeyOptions& key) {
  KeyParams params;
  Result<crypto::SecretBytes> store_key = crypto::SecretBytes();
  if (key.key_file) {
    params.source = KeySource::kKeyFile;
    store_key = crypto::ReadStoreKeyFile(*key.key_file);
  } else {
    if (auto valid = crypto::ValidateArgon2idParams(key.new_store_argon2id); !valid) {
      return tl::unexpected(valid.error());
    }
    auto passphrase = GetPassphrase(key, /*creating=*/true);
    if (!passphrase) return passphrase;
    params.source = KeySource::kPassphrase;
    params.salt = crypto::NewStoreSalt();
    params.argon2id = key.new_store_argon2id;
    store_key = crypto::DeriveStoreKey(*passphrase, params.salt, params.argon2id);
  }
  if (!store_key) return store_key;
  if (auto made = EnsureDirectory(dir); !made) return tl::unexpected(made.error());
  if (auto written = WriteKeyParams(dir / kKeyParamsFileName, params); !written) {
    return tl::unexpected(written.error());
  }
  return store_key;
}

// The key for an existing store, from the option its key parameters file asks for.
Result<crypto::SecretBytes> ExistingStoreKey(const std::filesystem::path& dir,
                                             const KeyOptions& key) {
  auto params = ReadKeyParams(dir / kKeyParamsFileName);
  if (!params) {
    // A key-file store can still be opened with its key file when the parameters are lost.
    if (params.error().code == Code::kNotFound && key.key_file) {
      return crypto::ReadStoreKeyFile(*key.key_file);
    }
    if (params.error().code == Code::kNotFound) {
      return Fail(Code::kNotFound, params.error().message +
                                       "; without it a passphrase cannot open the store "
                                       "(restore it from a backup)");
    }
    return tl::unexpected(params.error());
  }
  if (params->source == KeySource::kKeyFile) {
    if (!key.key_file) {
      return Fail(Code::kInvalidArgument,
                  "the store in " + dir.string() + " is opened with a key file: pass --key-file");
    }
    return crypto::ReadStoreKeyFile(*key.key_file);
  }
  if (key.key_file) {
    return Fail(Code::kInvalidArgument, "the store in " + dir.string() +
                                            " is opened with a passphrase, not a key file: set " +
                                            kPassphraseVariable + " or enter it when asked");
  }
  auto passphrase = GetPassphrase(key, /*creating=*/false);
  if (!passphrase) return passphrase;
  return crypto::DeriveStoreKey(*passphrase, params->salt, params->argon2id);
}

}  // namespace

bool HasStore(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / kStoreFileName, ec);
}

Result<OpenedStore> OpenDataDir(const std::filesystem::path& dir, const KeyOptions& key,
                                const DataDirOptions& options) {
  const bool creating = !HasStore(dir);
  if (creating && !options.create_if_missing) {
    return Fail(Code::kNotFound,
                "there is no store in " + dir.string() + " (a first `tandem import` creates one)");
  }
  auto store_key = creating ? NewStoreKey(dir, key) : ExistingStoreKey(dir, key);
  if (!store_key) return tl::unexpected(store_key.error());

  Store::Options store_options;
  store_options.create_if_missing = creating;
  store_options.cache_kib = options.cache_kib;
  auto store = Store::Open(dir / kStoreFileName, *store_key, store_options);
  if (!store) return tl::unexpected(store.error());
  return OpenedStore{std::move(*store), creating};
}

Result<crypto::SecretBytes> ReadDataDirKey(const std::filesystem::path& dir,
                                           const KeyOptions& key) {
  return ExistingStoreKey(dir, key);
}

}  // namespace tandem::node::store
