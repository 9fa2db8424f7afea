#include "node/store/rekey.h"

#include <array>
#include <optional>
#include <system_error>
#include <utility>

#include "node/store/atomic_file.h"
#include "node/store/file_lock.h"
#include "node/store/internal/reencrypt.h"
#include "node/store/internal/rekey_journal.h"
#include "node/store/internal/store_keys.h"
#include "node/store/passphrase.h"
#include "node/store/store.h"

namespace tandem::node::store {
namespace {

namespace fs = std::filesystem;

struct Database {
  const char* file_name;
  const char* what;
};
constexpr std::array<Database, 2> kDatabases = {
    {{kStoreFileName, "store"}, {kAuditDatabaseFileName, "audit log"}}};

struct Held {
  const Database* database;
  internal::Connection connection;
};

fs::path CopyPath(const fs::path& dir, const char* file_name) {
  return dir / (std::string(file_name) + internal::kRekeySuffix);
}

// Opens every database of `dir` with the current key, changing nothing.
Result<std::vector<Held>> OpenDatabases(const fs::path& dir, const crypto::SecretBytes& key) {
  std::vector<Held> held;
  for (const Database& database : kDatabases) {
    const fs::path path = dir / database.file_name;
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;  // a store without a node has no audit log
    auto connection = internal::OpenForCopy(path, key, database.what);
    if (!connection) {
      const Error& error = connection.error();
      if (error.code != Code::kCorruption) return tl::unexpected(error);
      return Fail(Code::kCorruption, "the current key does not open " + path.string() + ": " +
                                         error.message + "; nothing was changed");
    }
    held.push_back({&database, std::move(*connection)});
  }
  return held;
}

// The new key: the key file, or a new passphrase (TANDEM_STORE_NEW_PASSPHRASE by default).
Result<internal::NewKey> MakeReplacementKey(const KeyOptions& replacement) {
  KeyOptions options = replacement;
  if (!options.passphrase) options.passphrase = [](bool) { return ReadNewStorePassphrase(); };
  return internal::MakeNewKey(options);
}

// Refuses a new key that is the current one: the same key file, or the same passphrase again,
// which a fresh salt would only disguise.
Status RefuseCurrentKey(const fs::path& dir, const internal::NewKey& key,
                        const crypto::SecretBytes& current_key) {
  if (key.key.Equals(current_key)) {
    return Fail(Code::kInvalidArgument,
                "the new key is the store's current key; nothing was changed");
  }
  auto params = ReadKeyParams(dir / kKeyParamsFileName);
  if (!params || params->source != KeySource::kPassphrase || key.passphrase.empty()) return Ok();
  auto again = crypto::DeriveStoreKey(key.passphrase, params->salt, params->argon2id);
  if (!again) return tl::unexpected(again.error());
  if (again->Equals(current_key)) {
    return Fail(Code::kInvalidArgument,
                "the new passphrase is the store's current passphrase; nothing was changed");
  }
  return Ok();
}

// Queues `audit_entry` in the store's copy, under the new key, and syncs the copy: the entry
// becomes the store's when the copy does.
Status QueueInCopy(const fs::path& copy, const crypto::SecretBytes& key,
                   std::string_view audit_entry) {
  {
    auto store = Store::Open(copy, key, {});
    if (!store) return tl::unexpected(store.error());
    if (auto queued = (*store)->QueueAuditEntry(audit_entry); !queued) return queued;
  }  // closing folds the copy's write-ahead log back into it
  std::error_code ec;
  if (fs::exists(copy.string() + "-wal", ec)) {
    return Fail(Code::kUnavailable, "the copy of the store still has a write-ahead log");
  }
  return SyncFile(copy);
}

// Writes every copy, with the change's audit entry in the store's, and the new key
// parameters, and syncs them and the folder.
Status WriteCopies(const fs::path& dir, std::vector<Held>& held, const internal::NewKey& key,
                   std::string_view audit_entry) {
  for (Held& one : held) {
    const fs::path copy = CopyPath(dir, one.database->file_name);
    if (auto copied =
            internal::WriteReencryptedCopy(one.connection.get(), copy, key.key, one.database->what);
        !copied) {
      return copied;
    }
    if (one.database->file_name == std::string_view(kStoreFileName)) {
      if (auto queued = QueueInCopy(copy, key.key, audit_entry); !queued) return queued;
    }
  }
  if (auto written = WriteKeyParams(CopyPath(dir, kKeyParamsFileName), key.params); !written) {
    return written;
  }
  return SyncFolder(dir);
}

}  // namespace

Result<RekeyReport> RekeyDataDir(const fs::path& dir, const KeyOptions& current,
                                 const KeyOptions& replacement, std::string_view audit_entry) {
  if (!HasStore(dir)) return Fail(Code::kNotFound, "there is no store in " + dir.string());
  // A new key file is read and checked before anything else happens; a new passphrase is
  // asked for once the current key has opened the databases.
  std::optional<internal::NewKey> key;
  if (replacement.key_file) {
    auto made = MakeReplacementKey(replacement);
    if (!made) return tl::unexpected(made.error());
    key.emplace(std::move(*made));
  }

  auto lock = FileLock::TryAcquire(dir / internal::kStoreLockFileName);
  if (!lock) return tl::unexpected(lock.error());
  if (!*lock) {
    return Fail(Code::kUnavailable,
                "the store " + (dir / kStoreFileName).string() +
                    " is in use by another process (is the node running? stop it first), or "
                    "another key change of it is running; nothing was changed");
  }
  auto recovered = internal::RecoverRekeyLocked(dir, **lock);
  if (!recovered) return tl::unexpected(recovered.error());
  if (*recovered != internal::RekeyRecovery::kNothing && current.notice) {
    current.notice(internal::DescribeRecovery(*recovered, dir));
  }

  auto current_key = internal::ExistingKey(dir, current);
  if (!current_key) return tl::unexpected(current_key.error());
  auto held = OpenDatabases(dir, *current_key);
  if (!held) return tl::unexpected(held.error());
  if (!key) {
    auto made = MakeReplacementKey(replacement);
    if (!made) return tl::unexpected(made.error());
    key.emplace(std::move(*made));
  }
  if (auto refused = RefuseCurrentKey(dir, *key, *current_key); !refused) {
    return tl::unexpected(refused.error());
  }
  // Nothing has been written so far; from here on the old files are held and copied.
  for (const Held& one : *held) {
    if (auto taken = internal::HoldExclusively(one.connection.get(), dir / one.database->file_name,
                                               one.database->what);
        !taken) {
      return tl::unexpected(taken.error());
    }
  }

  RekeyReport report;
  report.from = current.key_file ? KeySource::kKeyFile : KeySource::kPassphrase;
  report.to = key->params.source;
  for (const Held& one : *held) report.databases.emplace_back(one.database->file_name);

  if (auto written = WriteCopies(dir, *held, *key, audit_entry); !written) {
    static_cast<void>(internal::RecoverRekeyLocked(dir, **lock));  // deletes the copies
    return Fail(written.error().code, written.error().message + "; nothing was changed");
  }
  // The commit point. The old databases stay locked until their copies have replaced them.
  if (auto committed = internal::CommitRekey(dir, **lock); !committed) {
    // Without the marker on disk the change never committed: undo it, as the next open would.
    std::error_code ec;
    if (!fs::exists(dir / internal::kRekeyCommitFileName, ec)) {
      static_cast<void>(internal::RecoverRekeyLocked(dir, **lock));  // deletes the copies
      return Fail(committed.error().code, committed.error().message + "; nothing was changed");
    }
    return Fail(Code::kUnavailable,
                "the key change is committed but could not be finished (" +
                    committed.error().message +
                    "); the next command that opens the data directory finishes it");
  }
  held->clear();
  return report;
}

}  // namespace tandem::node::store
