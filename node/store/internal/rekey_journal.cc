#include "node/store/internal/rekey_journal.h"

#include <array>
#include <string_view>
#include <system_error>
#include <vector>

#include "node/store/atomic_file.h"
#include "node/store/data_dir.h"

namespace tandem::node::store::internal {
namespace {

namespace fs = std::filesystem;

// The files a key change replaces: the two databases, then the key parameters, which say how
// the new key is had and so move last.
constexpr std::array<const char*, 2> kDatabases = {kStoreFileName, kAuditDatabaseFileName};

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string Copy(std::string_view name) { return std::string(name) + kRekeySuffix; }

// A file a key change wrote: a copy (with SQLite's -journal, -wal or -shm beside it), the
// marker, or a temporary file of an atomic write (AtomicFileWriter's ".NAME.tmp-XXXXXX").
bool IsRekeyFile(std::string_view name) {
  for (const char* database : kDatabases) {
    if (StartsWith(name, Copy(database))) return true;
  }
  const std::string params = Copy(kKeyParamsFileName);
  return name == params || name == kRekeyCommitFileName ||
         StartsWith(name, "." + params + ".tmp-") ||
         StartsWith(name, std::string(".") + kRekeyCommitFileName + ".tmp-");
}

std::vector<fs::path> RekeyFiles(const fs::path& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsRekeyFile(it->path().filename().string())) found.push_back(it->path());
  }
  return found;
}

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

Status Remove(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return Fail(Code::kUnavailable, "cannot remove " + path.string() + ": " + ec.message());
  return Ok();
}

Status Rename(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    return Fail(Code::kUnavailable,
                "cannot rename " + from.string() + " to " + to.string() + ": " + ec.message());
  }
  return Ok();
}

Status RollForward(const fs::path& dir) {
  for (const char* database : kDatabases) {
    const fs::path copy = dir / Copy(database);
    if (!Exists(copy)) continue;  // renamed before an earlier crash, or no such database
    // The old database's log, index and rollback journal describe the old file: SQLite would
    // replay them into the new one. The copy was taken after the log was folded in.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      if (auto removed = Remove(dir / (std::string(database) + suffix)); !removed) return removed;
    }
    if (auto renamed = Rename(copy, dir / database); !renamed) return renamed;
  }
  const fs::path params = dir / Copy(kKeyParamsFileName);
  if (Exists(params)) {
    if (auto renamed = Rename(params, dir / kKeyParamsFileName); !renamed) return renamed;
  }
  for (const fs::path& left : RekeyFiles(dir)) {
    if (left.filename() == kRekeyCommitFileName) continue;
    if (auto removed = Remove(left); !removed) return removed;
  }
  if (auto synced = SyncFolder(dir); !synced) return synced;
  if (auto removed = Remove(dir / kRekeyCommitFileName); !removed) return removed;
  return SyncFolder(dir);
}

Status RollBack(const std::vector<fs::path>& files, const fs::path& dir) {
  for (const fs::path& file : files) {
    if (auto removed = Remove(file); !removed) return removed;
  }
  return SyncFolder(dir);
}

}  // namespace

std::string DescribeRecovery(RekeyRecovery recovery, const fs::path& dir) {
  switch (recovery) {
    case RekeyRecovery::kNothing:
      return "";
    case RekeyRecovery::kRolledBack:
      return "a key change of " + dir.string() +
             " was interrupted before it was committed and has been undone: the store and "
             "audit log still open with the old key";
    case RekeyRecovery::kRolledForward:
      return "a key change of " + dir.string() +
             " was interrupted after it was committed and has been finished: the store and "
             "audit log now open with the new key";
  }
  return "";
}

Result<RekeyRecovery> RecoverRekeyLocked(const fs::path& dir, const FileLock& /*held*/) {
  const std::vector<fs::path> files = RekeyFiles(dir);
  if (files.empty()) return RekeyRecovery::kNothing;
  if (Exists(dir / kRekeyCommitFileName)) {
    if (auto done = RollForward(dir); !done) return tl::unexpected(done.error());
    return RekeyRecovery::kRolledForward;
  }
  if (auto undone = RollBack(files, dir); !undone) return tl::unexpected(undone.error());
  return RekeyRecovery::kRolledBack;
}

Result<RekeyRecovery> RecoverRekey(const fs::path& dir) {
  if (RekeyFiles(dir).empty()) return RekeyRecovery::kNothing;
  auto lock = FileLock::TryAcquire(dir / kStoreLockFileName);
  if (!lock) return tl::unexpected(lock.error());
  if (!*lock) {
    return Fail(Code::kUnavailable, "a key change of " + dir.string() +
                                        " (tandem store rekey) is running; try again when it "
                                        "has finished");
  }
  return RecoverRekeyLocked(dir, **lock);
}

Status CommitRekey(const fs::path& dir, const FileLock& /*held*/) {
  if (auto marked = WriteFileAtomically(
          dir / kRekeyCommitFileName,
          "A committed key change: the *.rekey files replace the files of the same name.\n");
      !marked) {
    return marked;
  }
  return RollForward(dir);
}

}  // namespace tandem::node::store::internal
