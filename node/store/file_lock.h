// An advisory lock (flock) on a lock file, exclusive or shared, held for the lifetime of a
// FileLock and released by the kernel when the process ends, also by SIGKILL: a crashed holder
// never leaves a stale lock. Used for ISA installs (isa.json.lock, exclusive) and for the store
// (store.lock: shared by every opener of the data directory for as long as its store is open,
// exclusive for a key change). Two locks of one process on one file conflict like two
// processes' locks. The lock file is created (mode 0600) when missing and never removed.
// Move-only; not shared between threads.
#pragma once

#include <filesystem>
#include <optional>

#include "core/result.h"

namespace tandem::node::store {

class FileLock {
 public:
  // Waits until the lock is free. kUnavailable when the lock file cannot be opened or locked.
  static Result<FileLock> Acquire(const std::filesystem::path& path);
  // Takes the lock only when it is free now: nullopt when another process holds it.
  // kUnavailable as Acquire.
  static Result<std::optional<FileLock>> TryAcquire(const std::filesystem::path& path);
  // A shared lock, taken only when no exclusive one is held now: nullopt otherwise.
  static Result<std::optional<FileLock>> TryAcquireShared(const std::filesystem::path& path);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();  // closing the file releases the lock

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace tandem::node::store
