#include "node/importer/internal/hashing_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace tandem::node::importer::internal {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{256} * 1024;

}  // namespace

Result<std::unique_ptr<HashingFileBuf>> HashingFileBuf::Open(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    const std::string shown = path.string();
    if (err == ENOENT) return Fail(Code::kNotFound, shown + " does not exist");
    if (err == EACCES) return Fail(Code::kPermissionDenied, shown + " cannot be read (permission)");
    return Fail(Code::kUnavailable,
                shown + " cannot be opened: " + std::generic_category().message(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(Code::kInvalidArgument, path.string() + " is not a regular file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<HashingFileBuf>(
      new HashingFileBuf(fd, static_cast<std::uint64_t>(st.st_size)));
}

HashingFileBuf::HashingFileBuf(int fd, std::uint64_t size)
    : fd_(fd), size_(size), buffer_(kChunkBytes) {
  crypto_hash_sha256_init(&sha_);
  setg(buffer_.data(), buffer_.data(), buffer_.data());
}

HashingFileBuf::~HashingFileBuf() { ::close(fd_); }

bool HashingFileBuf::ReadChunk() {
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) read_error_ = true;
    if (n <= 0) {
      setg(buffer_.data(), buffer_.data(), buffer_.data());
      return false;
    }
    crypto_hash_sha256_update(&sha_, reinterpret_cast<const unsigned char*>(buffer_.data()),
                              static_cast<unsigned long long>(n));
    bytes_read_ += static_cast<std::uint64_t>(n);
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return true;
  }
}

HashingFileBuf::int_type HashingFileBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!ReadChunk()) return traits_type::eof();
  return traits_type::to_int_type(*gptr());
}

Result<std::array<std::uint8_t, 32>> HashingFileBuf::FinishDigest() {
  while (ReadChunk()) {
  }
  if (read_error_) return Fail(Code::kUnavailable, "a read error occurred in an export file");
  std::array<std::uint8_t, 32> digest{};
  crypto_hash_sha256_final(&sha_, digest.data());
  return digest;
}

}  // namespace tandem::node::importer::internal
