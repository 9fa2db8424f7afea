// The on-disk protocol of a key change (`tandem store rekey`, rekey.h), which makes it safe
// against a crash at any point. The change first writes complete copies under the new key
// beside the originals — store.db.rekey, audit.db.rekey, store-key.json.rekey — and syncs them;
// then writes the commit marker store-rekey.commit atomically; then renames each copy over its
// original and removes the marker. Whoever opens the data directory next (every command, the
// node) calls RecoverRekey first: with the marker present it finishes the renames (roll
// forward: the new key opens everything); with copies but no marker it deletes them (roll
// back: the old key still opens everything). A running key change holds store.lock
// (FileLock), so recovery never touches the files of a change still in progress.
// Free functions; safe between processes through the lock.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"
#include "node/store/file_lock.h"

namespace tandem::node::store::internal {

inline constexpr char kRekeySuffix[] = ".rekey";
inline constexpr char kRekeyCommitFileName[] = "store-rekey.commit";
inline constexpr char kStoreLockFileName[] = "store.lock";

enum class RekeyRecovery {
  kNothing,        // no interrupted key change
  kRolledBack,     // one was interrupted before its commit: undone, the old key opens the store
  kRolledForward,  // one was interrupted after its commit: finished, the new key opens it
};

// What a recovery did, as a sentence for the operator (empty for kNothing).
std::string DescribeRecovery(RekeyRecovery recovery, const std::filesystem::path& dir);

// Takes store.lock when `dir` holds files of a key change and recovers as described above.
// kUnavailable when a key change is running now (the lock is held) or a file cannot be
// renamed or removed (the next open tries again).
Result<RekeyRecovery> RecoverRekey(const std::filesystem::path& dir);

// The same, for a caller that already holds store.lock.
Result<RekeyRecovery> RecoverRekeyLocked(const std::filesystem::path& dir, const FileLock& held);

// Commits a key change whose copies are complete and synced: writes the marker, then renames
// the copies into place (removing the old databases' -wal, -shm and -journal first, which must not
// be applied to the new files) and removes the marker. Once the marker is written the change is
// done: a failure after it is finished by the next RecoverRekey.
Status CommitRekey(const std::filesystem::path& dir, const FileLock& held);

}  // namespace tandem::node::store::internal
