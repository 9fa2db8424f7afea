// SecretBytes: key material in locked, guarded memory that is wiped when it goes away.
// Move-only; no printing, no implicit conversion to a string; compared in constant time.
// Thread-compatible (distinct objects may be used from distinct threads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/result.h"

namespace tandem::crypto {

class SecretBytes {
 public:
  // An empty secret (size 0).
  SecretBytes() = default;

  // `size` bytes from the OS CSPRNG. kInternal if secure memory cannot be allocated.
  static Result<SecretBytes> Random(std::size_t size);

  // A copy of `bytes` in secure memory. The caller should wipe its own copy.
  static Result<SecretBytes> Copy(std::span<const std::uint8_t> bytes);

  // `size` zero bytes, to be filled through data().
  static Result<SecretBytes> Zeroed(std::size_t size);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::span<const std::uint8_t> view() const { return {data_, size_}; }

  // Constant-time comparison; different sizes compare unequal.
  bool Equals(const SecretBytes& other) const;

 private:
  SecretBytes(std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  void Release();

  std::uint8_t* data_ = nullptr;  // sodium_malloc'd: guard pages, mlock'd, wiped on free
  std::size_t size_ = 0;
};

// Initialises libsodium once (idempotent, thread-safe). kInternal if it cannot start.
Status InitSodium();

}  // namespace tandem::crypto
