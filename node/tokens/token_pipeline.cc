#include "node/tokens/token_pipeline.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <system_error>

#include "crypto/oprf.h"

namespace tandem::node::tokens {
namespace {

constexpr std::size_t kDigestKeyBytes = crypto_generichash_KEYBYTES;
constexpr std::size_t kBytesPerValue = 64;  // typical encoded key values are 20-50 bytes

}  // namespace

Result<std::unique_ptr<TokenPipeline>> TokenPipeline::Start(const Tokeniser& tokeniser,
                                                            unsigned threads,
                                                            std::size_t batch_size) {
  if (auto init = crypto::InitSodium(); !init) return tl::unexpected(init.error());
  auto key = crypto::SecretBytes::Random(kDigestKeyBytes);
  if (!key) return tl::unexpected(key.error());
  batch_size = std::clamp<std::size_t>(batch_size, 1, crypto::kOprfMaxInputSize);
  std::unique_ptr<TokenPipeline> pipeline(
      new TokenPipeline(tokeniser, batch_size, std::move(*key)));
  threads = std::max(threads, 1u);
  pipeline->queue_limit_ = std::size_t{2} * threads;
  try {
    for (unsigned i = 0; i < threads; ++i)
      pipeline->workers_.emplace_back([p = pipeline.get()] { p->Work(); });
  } catch (const std::system_error& e) {
    return Fail(Code::kInternal, std::string("cannot start a tokenising thread: ") + e.what());
  }
  return pipeline;
}

TokenPipeline::~TokenPipeline() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  queue_changed_.notify_all();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
}

Status TokenPipeline::FirstError() {
  std::lock_guard lock(mutex_);
  if (error_) return tl::unexpected(*error_);
  return Ok();
}

Status TokenPipeline::StartBatch(std::size_t min_bytes) {
  auto bytes = crypto::SecretBytes::Zeroed(std::max(batch_size_ * kBytesPerValue, min_bytes));
  if (!bytes) return tl::unexpected(bytes.error());
  Batch batch;
  batch.index = next_batch_++;
  batch.first_id = next_id_;
  batch.bytes = std::move(*bytes);
  batch.spans.reserve(batch_size_);
  current_ = std::move(batch);
  return Ok();
}

Status TokenPipeline::Submit() {
  if (!current_ || current_->spans.empty()) return Ok();
  std::unique_lock lock(mutex_);
  queue_changed_.wait(lock, [&] { return queue_.size() < queue_limit_ || error_.has_value(); });
  if (error_) return tl::unexpected(*error_);
  queue_.push_back(std::move(*current_));
  current_.reset();
  lock.unlock();
  queue_changed_.notify_all();
  return Ok();
}

Status TokenPipeline::Add(const adapters::MatchKeyValues& values, std::vector<KeyEntry>& entries) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::span<const std::uint8_t> input = values.input(i);
    ++values_seen_;
    if (input.size() > crypto::kOprfMaxInputSize) {
      ++too_long_;  // cannot be an OPRF input; such a name is not a name
      continue;
    }
    std::array<std::uint8_t, 16> out{};
    crypto_generichash(out.data(), out.size(), input.data(), input.size(), digest_key_.data(),
                       digest_key_.size());
    Digest digest;
    std::memcpy(&digest.hi, out.data(), 8);
    std::memcpy(&digest.lo, out.data() + 8, 8);
    sodium_memzero(out.data(), out.size());
    const auto [it, inserted] = ids_.try_emplace(digest, next_id_);
    entries.push_back(KeyEntry{it->second, static_cast<std::uint8_t>(values.key_index(i))});
    if (!inserted) continue;

    if (current_ && (current_->spans.size() >= batch_size_ ||
                     current_->used + input.size() > current_->bytes.size())) {
      if (auto s = Submit(); !s) return s;
    }
    if (!current_) {
      if (auto s = FirstError(); !s) return s;
      if (auto s = StartBatch(input.size()); !s) return s;
    }
    std::memcpy(current_->bytes.data() + current_->used, input.data(), input.size());
    current_->spans.emplace_back(static_cast<std::uint32_t>(current_->used),
                                 static_cast<std::uint32_t>(input.size()));
    current_->used += input.size();
    ++next_id_;
  }
  return Ok();
}

void TokenPipeline::Work() {
  while (true) {
    std::unique_lock lock(mutex_);
    queue_changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
    if (queue_.empty()) return;  // closing and drained
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    queue_changed_.notify_all();

    std::vector<std::span<const std::uint8_t>> inputs;
    inputs.reserve(batch.spans.size());
    for (const auto& [offset, length] : batch.spans) {
      inputs.emplace_back(batch.bytes.data() + offset, length);
    }
    auto tokens = tokeniser_.Tokenise(inputs, batch.index);
    inputs.clear();
    const std::size_t count = batch.spans.size();
    batch.bytes = crypto::SecretBytes();  // the raw values are wiped here

    lock.lock();
    if (!tokens) {
      if (!error_) error_ = tokens.error();
      closing_ = true;
      queue_.clear();
      lock.unlock();
      queue_changed_.notify_all();
      return;
    }
    results_.emplace_back(batch.first_id, std::move(*tokens));
    lock.unlock();
    tokenised_ += count;
  }
}

Result<std::vector<Token>> TokenPipeline::Finish() {
  if (auto s = Submit(); !s) return tl::unexpected(s.error());
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  queue_changed_.notify_all();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(mutex_);
  if (error_) return tl::unexpected(*error_);
  ids_.clear();  // the digests are of no use past this point
  std::vector<Token> tokens(next_id_);
  std::size_t filled = 0;
  for (auto& [first, batch_tokens] : results_) {
    std::copy(batch_tokens.begin(), batch_tokens.end(), tokens.begin() + first);
    filled += batch_tokens.size();
  }
  results_.clear();
  if (filled != next_id_) {
    return Fail(Code::kInternal,
                std::to_string(next_id_ - filled) + " key values were not tokenised");
  }
  return tokens;
}

}  // namespace tandem::node::tokens
