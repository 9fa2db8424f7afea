#include "node/store/internal/raw_key.h"

#include <sodium.h>

namespace tandem::node::store::internal {

Result<crypto::SecretBytes> SqlCipherRawKey(const crypto::SecretBytes& key) {
  constexpr std::size_t kKeySize = 32;
  if (key.size() != kKeySize) {
    return Fail(Code::kInvalidArgument, "the store key must be 32 bytes");
  }
  // x ' <64 hex> ' plus room for the NUL that sodium_bin2hex writes after the digits.
  constexpr std::size_t kHexSize = 2 * kKeySize;
  constexpr std::size_t kStringSize = 2 + kHexSize + 1;
  auto buffer = crypto::SecretBytes::Zeroed(kStringSize + 1);
  if (!buffer) return buffer;
  std::uint8_t* out = buffer->data();
  out[0] = 'x';
  out[1] = '\'';
  sodium_bin2hex(reinterpret_cast<char*>(out + 2), kHexSize + 1, key.data(), key.size());
  out[2 + kHexSize] = '\'';
  // Hand back exactly the string's bytes (the trailing byte stays zero and is not counted).
  auto exact = crypto::SecretBytes::Copy({out, kStringSize});
  return exact;
}

}  // namespace tandem::node::store::internal
