#include "crypto/store_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace tandem::crypto {
namespace {

constexpr std::uint64_t kMaxMemlimit = 4ULL * 1024 * 1024 * 1024;
constexpr std::size_t kHexKeySize = 2 * kStoreKeySize;
// Room for 64 hex digits and a CRLF, plus one byte to detect longer files.
constexpr std::size_t kKeyFileReadLimit = kHexKeySize + 3;

// Closes a file descriptor on every path out of ReadStoreKeyFile.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_;
};

// Length of `bytes` without one trailing "\n" or "\r\n".
std::size_t WithoutLineEnd(const std::uint8_t* bytes, std::size_t size) {
  if (size > 0 && bytes[size - 1] == '\n') --size;
  if (size > 0 && bytes[size - 1] == '\r') --size;
  return size;
}

}  // namespace

Status ValidateArgon2idParams(const Argon2idParams& params) {
  if (params.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      params.opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    return Fail(Code::kInvalidArgument,
                "Argon2id opslimit " + std::to_string(params.opslimit) + " is out of range");
  }
  if (params.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || params.memlimit > kMaxMemlimit) {
    return Fail(Code::kInvalidArgument, "Argon2id memlimit " + std::to_string(params.memlimit) +
                                            " bytes is out of range (at most 4 GiB)");
  }
  return Ok();
}

StoreSalt NewStoreSalt() {
  static_assert(kStoreSaltSize == crypto_pwhash_SALTBYTES);
  StoreSalt salt{};
  if (InitSodium()) randombytes_buf(salt.data(), salt.size());
  return salt;
}

Result<SecretBytes> DeriveStoreKey(const SecretBytes& passphrase,
                                   std::span<const std::uint8_t> salt,
                                   const Argon2idParams& params) {
  if (passphrase.empty()) return Fail(Code::kInvalidArgument, "the store passphrase is empty");
  if (salt.size() != kStoreSaltSize) {
    return Fail(Code::kInvalidArgument, "the Argon2id salt must be " +
                                            std::to_string(kStoreSaltSize) + " bytes, not " +
                                            std::to_string(salt.size()));
  }
  if (auto valid = ValidateArgon2idParams(params); !valid) return tl::unexpected(valid.error());
  auto key = SecretBytes::Zeroed(kStoreKeySize);
  if (!key) return key;
  if (crypto_pwhash(key->data(), key->size(), reinterpret_cast<const char*>(passphrase.data()),
                    passphrase.size(), salt.data(), params.opslimit,
                    static_cast<std::size_t>(params.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(Code::kInternal, "Argon2id could not run (not enough memory for memlimit " +
                                     std::to_string(params.memlimit) + " bytes?)");
  }
  return key;
}

Result<SecretBytes> ReadStoreKeyFile(const std::filesystem::path& path) {
  const std::string shown = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Fail(Code::kNotFound, "key file " + shown + " does not exist");
    if (err == EACCES) {
      return Fail(Code::kPermissionDenied, "key file " + shown + " cannot be read (permission)");
    }
    return Fail(Code::kUnavailable,
                "key file " + shown + " cannot be opened: " + std::generic_category().message(err));
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Fail(Code::kUnavailable, "key file " + shown + " cannot be examined");
  }
  if (!S_ISREG(st.st_mode)) {
    return Fail(Code::kPermissionDenied, "key file " + shown + " is not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Fail(Code::kPermissionDenied,
                "key file " + shown +
                    " is accessible by group or others; restrict it with: chmod 600 " + shown);
  }

  auto buffer = SecretBytes::Zeroed(kKeyFileReadLimit);
  if (!buffer) return buffer;
  std::size_t size = 0;
  while (size < buffer->size()) {
    const ssize_t n = ::read(fd, buffer->data() + size, buffer->size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(Code::kUnavailable, "key file " + shown + " cannot be read");
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }

  if (size == kStoreKeySize) return SecretBytes::Copy({buffer->data(), kStoreKeySize});

  const std::size_t hex_size = WithoutLineEnd(buffer->data(), size);
  if (hex_size == kHexKeySize) {
    auto key = SecretBytes::Zeroed(kStoreKeySize);
    if (!key) return key;
    std::size_t decoded = 0;
    const char* hex_end = nullptr;
    if (sodium_hex2bin(key->data(), key->size(), reinterpret_cast<const char*>(buffer->data()),
                       hex_size, nullptr, &decoded, &hex_end) == 0 &&
        decoded == kStoreKeySize) {
      return key;
    }
  }
  return Fail(Code::kInvalidArgument,
              "key file " + shown + " must hold exactly 32 raw bytes or 64 hex digits");
}

}  // namespace tandem::crypto
