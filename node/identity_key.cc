// Identity key file I/O. The hex form of the seed is built and parsed in SecretBytes, and
// written with plain write(2) calls so no copy of it lands in an ordinary heap buffer.
#include "node/identity_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace tandem::node {
namespace {

constexpr std::size_t kHexSize = 2 * crypto::kEd25519SeedSize;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string ErrnoText(int err) { return std::generic_category().message(err); }

Status WriteAll(int fd, const std::uint8_t* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Code::kUnavailable, ErrnoText(errno));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return Ok();
}

}  // namespace

Result<crypto::SigningKey> ReadIdentityKey(const std::filesystem::path& path) {
  const std::string shown = path.string();
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return Fail(Code::kNotFound, "identity key " + shown +
                                       " does not exist (create one with 'tandem identity init')");
    }
    if (err == ELOOP) {
      return Fail(Code::kPermissionDenied, "identity key " + shown + " is a symbolic link");
    }
    if (err == EACCES) {
      return Fail(Code::kPermissionDenied,
                  "identity key " + shown + " cannot be read (permission)");
    }
    return Fail(Code::kUnavailable,
                "identity key " + shown + " cannot be opened: " + ErrnoText(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return Fail(Code::kUnavailable, "identity key " + shown + " cannot be examined");
  }
  if (!S_ISREG(st.st_mode)) {
    return Fail(Code::kPermissionDenied, "identity key " + shown + " is not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Fail(Code::kPermissionDenied,
                "identity key " + shown +
                    " is accessible by group or others; restrict it with: chmod 600 " + shown);
  }

  auto buffer = crypto::SecretBytes::Zeroed(kHexSize + 2);
  if (!buffer) return tl::unexpected(buffer.error());
  std::size_t size = 0;
  while (size < buffer->size()) {
    const ssize_t n = ::read(fd.get(), buffer->data() + size, buffer->size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Code::kUnavailable, "identity key " + shown + " cannot be read");
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  const bool newline = size == kHexSize + 1 && buffer->data()[kHexSize] == '\n';
  bool lower_hex = size >= kHexSize;
  for (std::size_t i = 0; lower_hex && i < kHexSize; ++i) {
    const auto c = buffer->data()[i];
    lower_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
  if (!lower_hex || (size != kHexSize && !newline)) {
    return Fail(Code::kInvalidArgument,
                "identity key " + shown +
                    " must hold exactly 64 lower-case hex digits (the Ed25519 seed) and a newline");
  }
  auto seed = crypto::SecretBytes::Zeroed(crypto::kEd25519SeedSize);
  if (!seed) return tl::unexpected(seed.error());
  std::size_t decoded = 0;
  if (sodium_hex2bin(seed->data(), seed->size(), reinterpret_cast<const char*>(buffer->data()),
                     kHexSize, nullptr, &decoded, nullptr) != 0 ||
      decoded != crypto::kEd25519SeedSize) {
    return Fail(Code::kInvalidArgument, "identity key " + shown + " is not valid hex");
  }
  return crypto::SigningKey::FromSeed(*seed);
}

Status WriteIdentityKey(const std::filesystem::path& path, const crypto::SigningKey& key) {
  const std::string shown = path.string();
  std::error_code ec;
  if (std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found) {
    return Fail(Code::kInvalidArgument,
                shown +
                    " already exists; an identity key is never overwritten (move it away "
                    "first if you mean to replace it)");
  }
  auto seed = key.ExportSeed();
  if (!seed) return tl::unexpected(seed.error());
  auto hex = crypto::SecretBytes::Zeroed(kHexSize + 2);  // digits, newline, NUL of bin2hex
  if (!hex) return tl::unexpected(hex.error());
  sodium_bin2hex(reinterpret_cast<char*>(hex->data()), kHexSize + 1, seed->data(), seed->size());
  hex->data()[kHexSize] = '\n';

  std::filesystem::path folder = path.parent_path();
  if (folder.empty()) folder = ".";
  std::string pattern = (folder / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> temp(pattern.begin(), pattern.end());
  temp.push_back('\0');
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) {
    return Fail(Code::kUnavailable,
                "cannot create a file in " + folder.string() + ": " + ErrnoText(errno));
  }
  const std::string temp_path(temp.data());
  const auto fail = [&](const std::string& what) {
    ::unlink(temp_path.c_str());
    return Fail(Code::kUnavailable, "cannot write identity key " + shown + ": " + what);
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail(ErrnoText(errno));
  if (auto st = WriteAll(fd.get(), hex->data(), kHexSize + 1); !st) return fail(st.error().message);
  if (::fsync(fd.get()) != 0) return fail(ErrnoText(errno));
  if (::close(fd.Release()) != 0) return fail(ErrnoText(errno));
  // link(2) instead of rename(2): it fails if a file appeared at `path` in the meantime.
  if (::link(temp_path.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_path.c_str());
    if (err == EEXIST) {
      return Fail(Code::kInvalidArgument, shown +
                                              " already exists; an identity key is never "
                                              "overwritten");
    }
    return Fail(Code::kUnavailable, "cannot write identity key " + shown + ": " + ErrnoText(err));
  }
  ::unlink(temp_path.c_str());
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
    return Fail(Code::kUnavailable, "cannot sync folder " + folder.string());
  }
  return Ok();
}

}  // namespace tandem::node
