// Evaluation-only pseudonyms: every subject of one evaluation gets a fresh random value (128
// bits from libsodium's CSPRNG, as 32 hex digits). They are not derived from the subject key,
// from an operational token or from any key, so they cannot be linked to either or to the
// pseudonyms of another evaluation. The subject -> pseudonym map lives only in this object, in
// memory, for the evaluation's duration; it is freed with it (pseudonyms wiped) and never
// written out.
// Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "core/result.h"

namespace tandem::node::eval {

class EvaluationPseudonyms {
 public:
  EvaluationPseudonyms() = default;
  ~EvaluationPseudonyms();
  EvaluationPseudonyms(const EvaluationPseudonyms&) = delete;
  EvaluationPseudonyms& operator=(const EvaluationPseudonyms&) = delete;

  // The subject's pseudonym in this evaluation, drawn on first use. Never fails: the CSPRNG is
  // libsodium's (initialised by crypto::InitSodium before the node starts).
  std::string For(const std::string& subject_key);

  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> by_subject_;
  std::set<std::string> issued_;  // every pseudonym given, to rule out a repeat
};

}  // namespace tandem::node::eval
