// An exclusive advisory lock (flock) on a lock file, held for the lifetime of a FileLock and
// released by the kernel when the process ends, also by SIGKILL: a crashed holder never leaves
// a stale lock. Used for ISA installs (isa.json.lock) and key changes of the store
// (store.lock). The lock file is created (mode 0600) when missing and never removed.
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
