// Latency summaries shared by the benchmarks: p50, p99 and max of a set of samples in
// microseconds, printed with their ratio to a baseline measured in the same run.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <vector>

namespace tandem::bench {

struct Percentiles {
  double p50, p99, max;
};

// `micros` must not be empty.
inline Percentiles Summarise(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[std::min(micros.size() - 1, static_cast<std::size_t>(q * micros.size()))];
  };
  return {at(0.50), at(0.99), micros.back()};
}

inline void Report(const char* what, const Percentiles& p, double baseline_micros) {
  std::printf("%-48s p50 %8.2f us  p99 %8.2f us  max %8.2f us  p50/baseline %.2fx\n", what, p.p50,
              p.p99, p.max, p.p50 / baseline_micros);
}

}  // namespace tandem::bench
