// SQLCipher's raw-key form: the key string x'<64 hex digits>' handed to sqlite3_key, which
// makes SQLCipher use the 32 bytes as the AES key with no PBKDF2 of its own.
#pragma once

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::node::store::internal {

// The 67-byte string x'…' (no terminating NUL counted in size()) built in secure memory.
// kInvalidArgument unless `key` is 32 bytes.
Result<crypto::SecretBytes> SqlCipherRawKey(const crypto::SecretBytes& key);

}  // namespace tandem::node::store::internal
