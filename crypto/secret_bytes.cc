#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <utility>

namespace tandem::crypto {

Status InitSodium() {
  if (sodium_init() < 0) return Fail(Code::kInternal, "libsodium failed to initialise");
  return Ok();
}

Result<SecretBytes> SecretBytes::Zeroed(std::size_t size) {
  if (auto s = InitSodium(); !s) return tl::unexpected(s.error());
  if (size == 0) return SecretBytes();
  auto* p = static_cast<std::uint8_t*>(sodium_malloc(size));
  if (p == nullptr) return Fail(Code::kInternal, "cannot allocate secure memory");
  sodium_memzero(p, size);
  return SecretBytes(p, size);
}

Result<SecretBytes> SecretBytes::Random(std::size_t size) {
  auto secret = Zeroed(size);
  if (secret && size > 0) randombytes_buf(secret->data(), size);
  return secret;
}

Result<SecretBytes> SecretBytes::Copy(std::span<const std::uint8_t> bytes) {
  auto secret = Zeroed(bytes.size());
  if (secret && !bytes.empty()) std::memcpy(secret->data(), bytes.data(), bytes.size());
  return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { Release(); }

void SecretBytes::Release() {
  if (data_ != nullptr) sodium_free(data_);  // wipes before freeing
  data_ = nullptr;
  size_ = 0;
}

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace tandem::crypto
