#include "node/exchange/nonce_cache.h"

#include <algorithm>
#include <chrono>

namespace tandem::node::exchange {
namespace {

// Sweeping on every call would make each request O(cache); once a second is enough to keep the
// cache at about (rate x horizon) entries.
constexpr std::chrono::seconds kSweepEvery{1};

std::string PairKey(std::string_view sender, const protocol::Nonce& nonce) {
  std::string key(sender);
  key.push_back('\0');
  key.append(nonce.bytes().begin(), nonce.bytes().end());
  return key;
}

}  // namespace

Status NonceCache::Remember(std::string_view sender, const protocol::Nonce& nonce,
                            protocol::Seconds forget_after, protocol::Seconds now) {
  std::lock_guard lock(mutex_);
  DropExpired(now);
  auto [it, inserted] = seen_.try_emplace(PairKey(sender, nonce), forget_after);
  if (!inserted) {
    return Fail(Code::kUnauthenticated,
                "replayed envelope: this nonce was already used by the sender");
  }
  return Ok();
}

void NonceCache::Seed(std::string_view sender, const protocol::Nonce& nonce,
                      protocol::Seconds forget_after) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = seen_.try_emplace(PairKey(sender, nonce), forget_after);
  if (!inserted) it->second = std::max(it->second, forget_after);
}

std::size_t NonceCache::size() const {
  std::lock_guard lock(mutex_);
  return seen_.size();
}

void NonceCache::DropExpired(protocol::Seconds now) {
  if (now < next_sweep_) return;
  next_sweep_ = now + kSweepEvery;
  std::erase_if(seen_, [now](const auto& entry) { return entry.second < now; });
}

}  // namespace tandem::node::exchange
