// The 256-bit key that opens a node's encrypted store, from one of two sources: Argon2id over
// a passphrase (libsodium crypto_pwhash, ALG_ARGON2ID13) with a stored salt and parameters, or
// a key file holding 32 raw bytes or 64 hex digits. Every key comes back in SecretBytes.
// All functions are thread-safe (they share no state; libsodium is initialised once).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::crypto {

inline constexpr std::size_t kStoreKeySize = 32;   // bytes: SQLCipher's AES-256 raw key
inline constexpr std::size_t kStoreSaltSize = 16;  // bytes: crypto_pwhash_SALTBYTES

using StoreSalt = std::array<std::uint8_t, kStoreSaltSize>;

// Argon2id cost. The defaults are libsodium's "moderate" limits: 3 passes over 256 MiB, about
// a second on a small server, paid once when a node opens its store.
struct Argon2idParams {
  std::uint64_t opslimit = 3;
  std::uint64_t memlimit = 256ULL * 1024 * 1024;  // bytes
};

// kInvalidArgument unless libsodium accepts the parameters for Argon2id and memlimit is at
// most 4 GiB (a bound that keeps a tampered parameter file from exhausting memory).
Status ValidateArgon2idParams(const Argon2idParams& params);

// A fresh random salt from the OS CSPRNG.
StoreSalt NewStoreSalt();

// The store key = Argon2id(passphrase, salt, params), 32 bytes. Deterministic: the same
// passphrase, salt and parameters always give the same key. Errors: kInvalidArgument for an
// empty passphrase or bad parameters; kInternal when the memory Argon2id needs cannot be had.
Result<SecretBytes> DeriveStoreKey(const SecretBytes& passphrase,
                                   std::span<const std::uint8_t> salt,
                                   const Argon2idParams& params);

// Reads a store key file: exactly 32 raw bytes, or 64 hex digits (an optional trailing newline
// allowed). Errors: kPermissionDenied when the file is readable or writable by group or others
// (the message says to run chmod 600), or is not a regular file; kNotFound when it does not
// exist; kInvalidArgument when its content is neither form. The file's bytes only ever pass
// through secure memory.
Result<SecretBytes> ReadStoreKeyFile(const std::filesystem::path& path);

}  // namespace tandem::crypto
