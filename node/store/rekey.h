// Changing the key of a node's data directory (`tandem store rekey`): the store (store.db) and
// the audit log (audit.db), which share one key, are re-encrypted under a new key, and the key
// parameters file (store-key.json) is rewritten to say how the new key is had — a key file, or
// a new passphrase with a fresh Argon2id salt. The change is safe against a crash at any point:
// afterwards exactly one of the two keys opens everything, with nothing lost
// (internal/rekey_journal.h says how). It needs the data directory to itself: a running node
// or another command that has a database open makes it stop with nothing changed.
// Free function; safe between processes (it takes store.lock and exclusive database locks).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "node/store/data_dir.h"
#include "node/store/key_params.h"

namespace tandem::node::store {

struct RekeyReport {
  KeySource from = KeySource::kPassphrase;
  KeySource to = KeySource::kPassphrase;
  std::vector<std::string> databases;  // the files re-encrypted: "store.db", maybe "audit.db"
};

// Moves the data directory `dir` from the key `current` gives (as for OpenDataDir) to a new key
// from `replacement`: its key file, or else a new passphrase from its passphrase callback
// (ReadNewStorePassphrase when unset) at least kMinNewPassphraseLength long, derived with a
// fresh salt and `replacement.new_store_argon2id`. A new key file is read and checked before
// anything is written. Errors, after each of which the directory is as it was:
//   kNotFound         no store in `dir`;
//   kInvalidArgument  a key option that does not fit the store, a new key equal to the current
//                     one (also the same passphrase again), a bad or too short new key;
//   kPermissionDenied a new key file that group or others can access;
//   kCorruption       "wrong key ...": the current key does not open a database;
//   kUnavailable      another process has a database open (a running node), another key
//                     change is running, or a file cannot be written (disk full).
// A failure after the change is committed is kUnavailable saying so; the next open of the
// directory finishes it. `current.notice` is told when an earlier interrupted change is
// finished or undone first. `audit_entry` (an encoded entry, node/audit/local_entry.h) is
// queued in the audit outbox of the store's copy under the new key, so the store holds it
// exactly when the change committed.
Result<RekeyReport> RekeyDataDir(const std::filesystem::path& dir, const KeyOptions& current,
                                 const KeyOptions& replacement, std::string_view audit_entry);

}  // namespace tandem::node::store
