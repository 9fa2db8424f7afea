#include "node/linkage/internal/candidates.h"

#include <algorithm>
#include <unordered_map>

namespace tandem::node::linkage::internal {

using core::matching::Agreement;
using core::matching::ComparisonPattern;

std::size_t IndexByToken(const std::vector<Token>& tokens, LinkRecords& records) {
  std::unordered_map<Token, std::uint32_t, TokenHash> index;
  index.reserve(tokens.size());
  std::vector<std::uint32_t> dense(tokens.size());
  for (std::size_t v = 0; v < tokens.size(); ++v) {
    const auto [it, inserted] =
        index.try_emplace(tokens[v], static_cast<std::uint32_t>(index.size()));
    dense[v] = it->second;
  }
  for (KeyEntry& e : records.entries) e.value = dense[e.value];
  for (std::size_t r = 0; r < records.size(); ++r) {
    std::sort(records.entries.begin() + records.offsets[r],
              records.entries.begin() + records.offsets[r + 1],
              [](const KeyEntry& x, const KeyEntry& y) {
                return x.key != y.key ? x.key < y.key : x.value < y.value;
              });
  }
  return index.size();
}

ComparisonPattern Compare(const LinkRecords& records, std::uint32_t a, std::uint32_t b,
                          std::size_t key_count) {
  ComparisonPattern pattern;
  const std::uint32_t both = records.present_mask[a] & records.present_mask[b];
  for (std::size_t k = 0; k < key_count; ++k) {
    if ((both >> k) & 1u) pattern.Set(k, Agreement::kDisagree);
  }
  auto i = records.entries.begin() + records.offsets[a];
  const auto i_end = records.entries.begin() + records.offsets[a + 1];
  auto j = records.entries.begin() + records.offsets[b];
  const auto j_end = records.entries.begin() + records.offsets[b + 1];
  while (i != i_end && j != j_end) {
    if (i->key != j->key) {
      (i->key < j->key ? i : j)++;
    } else if (i->value != j->value) {
      (i->value < j->value ? i : j)++;
    } else {
      pattern.Set(i->key, Agreement::kAgree);
      ++i;
      ++j;
    }
  }
  return pattern;
}

std::vector<CandidatePair> FindCandidatePairs(const LinkRecords& records, std::size_t token_count,
                                              std::size_t key_count, BlockingStats& stats) {
  // Postings: the records holding each token.
  std::vector<std::uint32_t> start(token_count + 1, 0);
  for (const KeyEntry& e : records.entries) ++start[e.value + 1];
  for (std::size_t t = 0; t < token_count; ++t) start[t + 1] += start[t];
  std::vector<std::uint32_t> holders(records.entries.size());
  std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
  for (std::uint32_t r = 0; r < records.size(); ++r) {
    for (std::uint32_t e = records.offsets[r]; e < records.offsets[r + 1]; ++e) {
      holders[fill[records.entries[e].value]++] = r;
    }
  }

  std::vector<std::uint64_t> pairs;
  for (std::size_t t = 0; t < token_count; ++t) {
    const std::uint32_t begin = start[t];
    const std::uint32_t end = start[t + 1];
    if (end - begin < 2) continue;
    stats.largest_block = std::max<std::uint64_t>(stats.largest_block, end - begin);
    bool cross = false;
    for (std::uint32_t x = begin; x < end; ++x) {
      for (std::uint32_t y = x + 1; y < end; ++y) {
        const std::uint32_t a = holders[x];
        const std::uint32_t b = holders[y];
        if (records.agency[a] == records.agency[b]) continue;
        cross = true;
        pairs.push_back((std::uint64_t{std::min(a, b)} << 32) | std::max(a, b));
      }
    }
    if (cross) ++stats.tokens_shared;
  }
  stats.pair_occurrences = pairs.size();
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  std::vector<CandidatePair> out;
  out.reserve(pairs.size());
  for (const std::uint64_t p : pairs) {
    const auto a = static_cast<std::uint32_t>(p >> 32);
    const auto b = static_cast<std::uint32_t>(p & 0xffffffffu);
    out.push_back(CandidatePair{a, b, Compare(records, a, b, key_count)});
  }
  return out;
}

}  // namespace tandem::node::linkage::internal
