// Turns the key values of many records into tokens while the records are still being read:
// identical values (across all records and agencies) are tokenised once, new values are
// copied into batches in secure memory, and worker threads push each full batch through the
// threshold OPRF (one batched proof per holder per batch), after which the batch's raw values
// are wiped. Values are recognised as identical by a keyed BLAKE2b digest whose key is drawn
// for this run and wiped with the pipeline, so the index of seen values cannot be turned back
// into identities. Add/Finish are for one thread; the workers are internal.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "agency-adapters/match_keys.h"
#include "core/result.h"
#include "crypto/secret_bytes.h"
#include "node/tokens/tokeniser.h"

namespace tandem::node::tokens {

// One key value of a record: which key type, and which distinct value (index into the tokens
// Finish returns).
struct KeyEntry {
  std::uint32_t value = 0;
  std::uint8_t key = 0;
};

class TokenPipeline {
 public:
  // Starts `threads` workers (at least one). kInternal when secure memory or a thread cannot
  // be had. `tokeniser` must outlive the pipeline.
  static Result<std::unique_ptr<TokenPipeline>> Start(const Tokeniser& tokeniser, unsigned threads,
                                                      std::size_t batch_size);
  ~TokenPipeline();
  TokenPipeline(const TokenPipeline&) = delete;
  TokenPipeline& operator=(const TokenPipeline&) = delete;

  // Appends one KeyEntry per value of `values` to `entries` and queues the values not seen
  // before. Blocks while the workers are behind. Errors: the first error of a worker.
  Status Add(const adapters::MatchKeyValues& values, std::vector<KeyEntry>& entries);

  // Tokenises what is left, stops the workers and returns the token of every distinct value,
  // by its index. Call once.
  Result<std::vector<Token>> Finish();

  std::uint64_t values_seen() const { return values_seen_; }
  std::uint64_t distinct_values() const { return next_id_; }
  std::uint64_t values_too_long() const { return too_long_; }
  std::uint64_t batches() const { return next_batch_; }
  std::uint64_t tokenised() const { return tokenised_.load(); }

 private:
  struct Digest {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    friend bool operator==(const Digest&, const Digest&) = default;
  };
  struct DigestHash {
    std::size_t operator()(const Digest& d) const { return static_cast<std::size_t>(d.lo); }
  };
  struct Batch {
    std::uint32_t index = 0;
    std::uint32_t first_id = 0;
    crypto::SecretBytes bytes;
    std::size_t used = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // offset, length
  };

  TokenPipeline(const Tokeniser& tokeniser, std::size_t batch_size, crypto::SecretBytes digest_key)
      : tokeniser_(tokeniser), batch_size_(batch_size), digest_key_(std::move(digest_key)) {}

  Status StartBatch(std::size_t min_bytes);
  Status Submit();
  void Work();
  Status FirstError();

  const Tokeniser& tokeniser_;
  const std::size_t batch_size_;
  crypto::SecretBytes digest_key_;
  std::unordered_map<Digest, std::uint32_t, DigestHash> ids_;
  std::optional<Batch> current_;
  std::uint32_t next_id_ = 0;
  std::uint32_t next_batch_ = 0;
  std::uint64_t values_seen_ = 0;
  std::uint64_t too_long_ = 0;
  std::atomic<std::uint64_t> tokenised_{0};

  std::mutex mutex_;
  std::condition_variable queue_changed_;
  std::deque<Batch> queue_;
  std::size_t queue_limit_ = 4;
  bool closing_ = false;
  std::optional<Error> error_;
  std::vector<std::pair<std::uint32_t, std::vector<Token>>> results_;  // first_id, tokens
  std::vector<std::thread> workers_;
};

}  // namespace tandem::node::tokens
