// Writes a file so that readers see either the old file or the whole new one, never a part:
// the bytes go to a temporary file beside the target, are flushed to disk, and the temporary
// file is renamed over the target. Used for the store's key parameters and for reject files.
// Not thread-safe; one writer per target.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string_view>

#include "core/result.h"

namespace tandem::node::store {

class AtomicFileWriter {
 public:
  // Creates the temporary file (mode `mode`, default owner-only) in the target's folder.
  // kUnavailable when it cannot be created (missing folder, permissions).
  static Result<std::unique_ptr<AtomicFileWriter>> Create(const std::filesystem::path& target,
                                                          mode_t mode = 0600);

  // Removes the temporary file unless Commit() succeeded.
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Appends bytes (buffered). kUnavailable on a write error (disk full).
  Status Write(std::string_view bytes);

  // Flushes, syncs, renames over the target and syncs the folder. After a failure the target is
  // untouched and the temporary file is removed.
  Status Commit();

  const std::filesystem::path& target() const { return target_; }

 private:
  AtomicFileWriter(std::filesystem::path target, std::filesystem::path temp, int fd);
  Status Flush();

  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_;
  std::string buffer_;
  bool committed_ = false;
};

// Writes `contents` to `target` atomically (a convenience over AtomicFileWriter).
Status WriteFileAtomically(const std::filesystem::path& target, std::string_view contents,
                           mode_t mode = 0600);

// Flushes a file's contents, or a folder's entries (names created, renamed or removed in it),
// to disk: fsync. kUnavailable when it cannot be opened or synced.
Status SyncFile(const std::filesystem::path& path);
Status SyncFolder(const std::filesystem::path& folder);

}  // namespace tandem::node::store
