// Where the store passphrase comes from: the environment variable TANDEM_STORE_PASSPHRASE (or
// TANDEM_STORE_NEW_PASSPHRASE for a key change), or a prompt with echo turned off when standard
// input is a terminal. Never the command line.
// Not thread-safe (it changes terminal settings for the length of the prompt).
#pragma once

#include <cstddef>

#include "core/result.h"
#include "crypto/secret_bytes.h"

namespace tandem::node::store {

inline constexpr char kPassphraseVariable[] = "TANDEM_STORE_PASSPHRASE";
// The passphrase a key change (`tandem store rekey`) moves the store to.
inline constexpr char kNewPassphraseVariable[] = "TANDEM_STORE_NEW_PASSPHRASE";

// A passphrase that creates a store must be at least this long (bytes).
inline constexpr std::size_t kMinNewPassphraseLength = 12;

// The passphrase in secure memory. With `confirm` (a store is being created) the prompt asks
// twice. Errors: kInvalidArgument when the variable is unset and standard input is not a
// terminal, when the two entries differ, or when the passphrase is empty or too long.
Result<crypto::SecretBytes> ReadStorePassphrase(bool confirm);

// The passphrase a key change moves the store to: TANDEM_STORE_NEW_PASSPHRASE, or a prompt
// that asks twice. Errors as ReadStorePassphrase's.
Result<crypto::SecretBytes> ReadNewStorePassphrase();

}  // namespace tandem::node::store
