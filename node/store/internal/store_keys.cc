#include "node/store/internal/store_keys.h"

#include <string>

#include "node/store/passphrase.h"

namespace tandem::node::store::internal {
namespace {

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

}  // namespace

Result<NewKey> MakeNewKey(const KeyOptions& key) {
  NewKey made;
  if (key.key_file) {
    made.params.source = KeySource::kKeyFile;
    auto read = crypto::ReadStoreKeyFile(*key.key_file);
    if (!read) return tl::unexpected(read.error());
    made.key = std::move(*read);
    return made;
  }
  if (auto valid = crypto::ValidateArgon2idParams(key.new_store_argon2id); !valid) {
    return tl::unexpected(valid.error());
  }
  auto passphrase = GetPassphrase(key, /*creating=*/true);
  if (!passphrase) return tl::unexpected(passphrase.error());
  made.params.source = KeySource::kPassphrase;
  made.params.salt = crypto::NewStoreSalt();
  made.params.argon2id = key.new_store_argon2id;
  auto derived = crypto::DeriveStoreKey(*passphrase, made.params.salt, made.params.argon2id);
  if (!derived) return tl::unexpected(derived.error());
  made.key = std::move(*derived);
  made.passphrase = std::move(*passphrase);
  return made;
}

Result<crypto::SecretBytes> ExistingKey(const std::filesystem::path& dir, const KeyOptions& key) {
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

}  // namespace tandem::node::store::internal
