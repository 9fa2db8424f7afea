#include "core/synth/internal/weighted_list.h"

#include <algorithm>

#include "core/check.h"

namespace tandem::core::synth::internal {

WeightedList::WeightedList(std::span<const Weighted> items) : items_(items) {
  cumulative_.reserve(items.size());
  std::uint64_t total = 0;
  for (const Weighted& item : items) {
    total += item.weight;
    cumulative_.push_back(total);
  }
  TANDEM_CHECK(total > 0);
}

std::size_t WeightedList::PickIndex(Rng& rng) const {
  const std::uint64_t target = rng.Below(cumulative_.back());
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  return static_cast<std::size_t>(it - cumulative_.begin());
}

}  // namespace tandem::core::synth::internal
