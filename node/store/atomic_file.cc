#include "node/store/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

namespace tandem::node::store {
namespace {

constexpr std::size_t kBufferLimit = 1 << 20;

}  // namespace

Status SyncFolder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Fail(Code::kUnavailable, "cannot open folder " + folder.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Fail(Code::kUnavailable, "cannot sync folder " + folder.string());
  return Ok();
}

Status SyncFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(Code::kUnavailable, "cannot open " + path.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Fail(Code::kUnavailable, "cannot sync " + path.string() + " to disk");
  return Ok();
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target, std::filesystem::path temp, int fd)
    : target_(std::move(target)), temp_(std::move(temp)), fd_(fd) {}

Result<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Create(
    const std::filesystem::path& target, mode_t mode) {
  if (target.filename().empty()) {
    return Fail(Code::kInvalidArgument, "'" + target.string() + "' does not name a file");
  }
  std::filesystem::path folder = target.parent_path();
  if (folder.empty()) folder = ".";
  std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    return Fail(Code::kUnavailable, "cannot create a file in " + folder.string() + ": " +
                                        std::generic_category().message(err));
  }
  if (::fchmod(fd, mode) != 0) {
    ::close(fd);
    ::unlink(name.data());
    return Fail(Code::kUnavailable, "cannot set the mode of a file in " + folder.string());
  }
  return std::unique_ptr<AtomicFileWriter>(
      new AtomicFileWriter(target, std::filesystem::path(name.data()), fd));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

Status AtomicFileWriter::Write(std::string_view bytes) {
  if (fd_ < 0) return Fail(Code::kInternal, "the file has already been committed");
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferLimit) return Flush();
  return Ok();
}

Status AtomicFileWriter::Flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      return Fail(Code::kUnavailable,
                  "cannot write " + target_.string() + ": " + std::generic_category().message(err));
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  return Ok();
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0) return Fail(Code::kInternal, "the file has already been committed");
  if (auto flushed = Flush(); !flushed) return flushed;
  if (::fsync(fd_) != 0) {
    return Fail(Code::kUnavailable, "cannot sync " + target_.string() + " to disk");
  }
  ::close(fd_);
  fd_ = -1;
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    return Fail(Code::kUnavailable,
                "cannot write " + target_.string() + ": " + std::generic_category().message(err));
  }
  committed_ = true;
  std::filesystem::path folder = target_.parent_path();
  return SyncFolder(folder.empty() ? std::filesystem::path(".") : folder);
}

Status WriteFileAtomically(const std::filesystem::path& target, std::string_view contents,
                           mode_t mode) {
  auto writer = AtomicFileWriter::Create(target, mode);
  if (!writer) return tl::unexpected(writer.error());
  if (auto written = (*writer)->Write(contents); !written) return written;
  return (*writer)->Commit();
}

}  // namespace tandem::node::store
