// Counting the cross-agency pairs that blocking did not produce, without enumerating them.
//
// Blocking pairs two records when they share at least one token of the model's key types, so
// a pair it leaves out agrees on no key: its pattern is DISAGREE on every key both records
// have and MISSING elsewhere. Its pattern therefore depends only on which key types each
// record has. Counting records per presence combination on each side gives the number of all
// pairs per combination; subtracting the candidate pairs leaves the exact non-candidate counts
// EM needs (TrainingPairs::non_candidates with scale 1). Cost: distinct presence combinations
// of one side times those of the other, independent of the number of records.
//
// Value types; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

#include "core/matching/comparison.h"
#include "core/result.h"

namespace tandem::core::matching {

// How many records of one agency have each combination of key types (bit k set = the record
// has at least one token of key type k).
class PresenceCounts {
 public:
  // Precondition: 1 <= key_count <= kMaxKeyTypes.
  explicit PresenceCounts(std::size_t key_count);

  std::size_t key_count() const { return key_count_; }

  // Adds `count` records with key types `present_mask`. Preconditions: no bit at or above
  // key_count(); count finite and >= 0.
  void Add(std::uint32_t present_mask, double count = 1.0);

  const std::map<std::uint32_t, double>& counts() const { return counts_; }

 private:
  std::size_t key_count_;
  std::map<std::uint32_t, double> counts_;
};

// The patterns of every pair (one record from `a`, one from `b`) that is not among
// `candidates`, where `candidates` are the blocked pairs between exactly these two record
// sets, found by pairing records that share any token of any of the model's key types (if
// blocking used only some key types, a non-candidate pair may agree on another: sample
// non-candidate pairs instead). kInvalidArgument when the key counts differ, or when the
// candidates with some set of compared keys outnumber all pairs with that set (the inputs do
// not describe the same two record sets).
Result<PatternCounts> NonCandidatePatterns(const PresenceCounts& a, const PresenceCounts& b,
                                           const PatternCounts& candidates);

}  // namespace tandem::core::matching
