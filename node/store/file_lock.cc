#include "node/store/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

namespace tandem::node::store {
namespace {

// The open lock file's descriptor once `operation` (LOCK_EX or LOCK_SH, maybe | LOCK_NB)
// succeeds; -1 when a conflicting lock is held and `operation` does not wait.
Result<int> Lock(const std::filesystem::path& path, int operation) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    return Fail(Code::kUnavailable,
                "cannot open " + path.string() + ": " + std::generic_category().message(err));
  }
  while (::flock(fd, operation) != 0) {
    const int err = errno;
    if (err == EINTR) continue;
    ::close(fd);
    if (err == EWOULDBLOCK) return -1;
    return Fail(Code::kUnavailable,
                "cannot lock " + path.string() + ": " + std::generic_category().message(err));
  }
  return fd;
}

}  // namespace

Result<FileLock> FileLock::Acquire(const std::filesystem::path& path) {
  auto fd = Lock(path, LOCK_EX);
  if (!fd) return tl::unexpected(fd.error());
  return FileLock(*fd);
}

Result<std::optional<FileLock>> FileLock::TryAcquire(const std::filesystem::path& path) {
  auto fd = Lock(path, LOCK_EX | LOCK_NB);
  if (!fd) return tl::unexpected(fd.error());
  if (*fd < 0) return std::optional<FileLock>();
  return std::optional<FileLock>(FileLock(*fd));
}

Result<std::optional<FileLock>> FileLock::TryAcquireShared(const std::filesystem::path& path) {
  auto fd = Lock(path, LOCK_SH | LOCK_NB);
  if (!fd) return tl::unexpected(fd.error());
  if (*fd < 0) return std::optional<FileLock>();
  return std::optional<FileLock>(FileLock(*fd));
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace tandem::node::store
