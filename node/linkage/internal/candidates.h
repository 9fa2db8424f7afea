// Blocking on shared tokens and comparing the blocked pairs: two records of different
// agencies become a candidate pair when they hold at least one token in common (any key
// type), and each candidate pair gets its comparison pattern: per key type AGREE when the two
// share a token of that type, DISAGREE when both have tokens of it but share none, MISSING
// otherwise. Pure functions over the records' token lists; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/matching/comparison.h"
#include "node/linkage/threshold_tokeniser.h"
#include "node/tokens/token_pipeline.h"

namespace tandem::node::linkage::internal {

using tokens::KeyEntry;

// Every person record read, with its tokens (entries[offsets[r] .. offsets[r + 1])).
struct LinkRecords {
  std::vector<std::uint8_t> agency;  // index into core::kAllAgencyKinds
  std::vector<std::string> ref;      // the export's own reference
  std::vector<std::uint32_t> offsets{0};
  std::vector<KeyEntry> entries;
  std::vector<std::uint32_t> present_mask;  // bit k: the record has key type k

  std::size_t size() const { return agency.size(); }
};

// Rewrites every entry's value from a distinct-value index to the index of its token among
// the distinct tokens (equal tokens share an index, whatever values they came from), and
// sorts each record's entries by key type then token. Returns the number of distinct tokens.
std::size_t IndexByToken(const std::vector<Token>& tokens, LinkRecords& records);

struct CandidatePair {
  std::uint32_t a = 0;  // record indices, a < b, of different agencies
  std::uint32_t b = 0;
  core::matching::ComparisonPattern pattern;
};

struct BlockingStats {
  std::uint64_t tokens_shared = 0;     // tokens held by records of two agencies or more
  std::uint64_t largest_block = 0;     // most records holding one token
  std::uint64_t pair_occurrences = 0;  // pairs found before removing repeats
};

// Candidate pairs, ordered by (a, b). `token_count` is IndexByToken's result.
std::vector<CandidatePair> FindCandidatePairs(const LinkRecords& records, std::size_t token_count,
                                              std::size_t key_count, BlockingStats& stats);

// The comparison pattern of records a and b over `key_count` key types.
core::matching::ComparisonPattern Compare(const LinkRecords& records, std::uint32_t a,
                                          std::uint32_t b, std::size_t key_count);

}  // namespace tandem::node::linkage::internal
