// The fixed parameters of one synthetic world: the seed and the dates everything is placed
// between. Value type; thread-safe to share.
#pragma once

#include <cstdint>

#include "core/synth/internal/days.h"

namespace tandem::core::synth::internal {

struct World {
  std::uint64_t seed = 1;
  Day reference = 0;     // "today"
  Day window_start = 0;  // 1 January eight years before today: police data start here
};

// Random-stream identifiers: each person has one independent stream per purpose, so what one
// stage draws never shifts another.
enum class Stream : std::uint64_t {
  kIdentity = 0,
  kOffending = 1,
  kServices = 2,
  kExportBase = 16,  // + AgencyIndex for each agency's noise; + 8 for duplicate records
};

}  // namespace tandem::core::synth::internal
