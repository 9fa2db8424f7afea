#include "node/eval/evaluation_pseudonyms.h"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "crypto/hex.h"

namespace tandem::node::eval {
namespace {

void Wipe(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
}

}  // namespace

EvaluationPseudonyms::~EvaluationPseudonyms() {
  for (auto& entry : by_subject_) Wipe(entry.second);
}

std::string EvaluationPseudonyms::For(const std::string& subject_key) {
  std::lock_guard lock(mutex_);
  if (auto found = by_subject_.find(subject_key); found != by_subject_.end()) {
    return found->second;
  }
  std::string pseudonym;
  do {
    std::array<std::uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    pseudonym = crypto::EncodeHex(bytes);
  } while (issued_.contains(pseudonym));
  issued_.insert(pseudonym);
  by_subject_.emplace(subject_key, pseudonym);
  return pseudonym;
}

std::size_t EvaluationPseudonyms::size() const {
  std::lock_guard lock(mutex_);
  return by_subject_.size();
}

}  // namespace tandem::node::eval
