// The replay guard of the request pipeline (docs/protocol.md, step 7): remembers every
// (sender, nonce) pair it has accepted until the envelope that carried it can no longer be
// fresh, and refuses a pair it has seen. It is memory only; a node rebuilds it at start from
// the exchanges its audit log recorded within the horizon (Seed), so a replay is refused across
// a restart too: an envelope is acknowledged only after its audit entry is durable.
//
// Thread-safe: Remember is atomic, so of two concurrent copies of one envelope exactly one
// passes.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "protocol/ids.h"
#include "protocol/timestamp.h"

namespace tandem::node::exchange {

class NonceCache {
 public:
  // Records the pair until `forget_after` (the envelope's expiry plus the allowed clock skew).
  // kUnauthenticated "replayed envelope" when the pair is already held. Pairs whose time has
  // passed at `now` are dropped as a side effect.
  Status Remember(std::string_view sender, const protocol::Nonce& nonce,
                  protocol::Seconds forget_after, protocol::Seconds now);

  // Adds a pair read back from the audit log; an already held pair keeps the later time.
  void Seed(std::string_view sender, const protocol::Nonce& nonce, protocol::Seconds forget_after);

  std::size_t size() const;

 private:
  void DropExpired(protocol::Seconds now);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, protocol::Seconds> seen_;  // sender '\0' nonce bytes
  protocol::Seconds next_sweep_{};
};

}  // namespace tandem::node::exchange
