// Timing helpers shared by the benchmarks. Thread CPU time: on a shared machine, time spent
// descheduled would otherwise land on whichever side of a ratio happened to be running.
#pragma once

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace tandem::bench {

struct ThreadCpuClock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<ThreadCpuClock, duration>;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec));
  }
};

inline double Seconds(ThreadCpuClock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// The middle value (upper middle for an even count). Precondition: `values` is not empty.
inline double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace tandem::bench
