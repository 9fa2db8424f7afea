// A list of values with relative frequencies, drawn by binary search over cumulative weights.
// Built once from static data; immutable and thread-safe afterwards.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

struct Weighted {
  std::string_view value;
  std::uint32_t weight;
};

class WeightedList {
 public:
  // Precondition: `items` outlives the list and has a positive total weight.
  explicit WeightedList(std::span<const Weighted> items);

  // An index drawn with probability proportional to its weight.
  std::size_t PickIndex(Rng& rng) const;
  std::string_view Pick(Rng& rng) const { return items_[PickIndex(rng)].value; }

  std::span<const Weighted> items() const { return items_; }

 private:
  std::span<const Weighted> items_;
  std::vector<std::uint64_t> cumulative_;  // cumulative_[i] = sum of weights [0, i]
};

}  // namespace tandem::core::synth::internal
