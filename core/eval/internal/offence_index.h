// Offences grouped by subject and sorted by date, for counting within day windows.
// Thread-compatible: const methods may be called from several threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/eval/cohort.h"

namespace tandem::core::eval::internal {

struct WindowTotals {
  int offences = 0;
  double harm = 0.0;
};

class OffenceIndex {
 public:
  explicit OffenceIndex(std::span<const OffenceEvent> offences);

  // Offences of `subject` with from_day <= day < to_day (days since 1970-01-01).
  WindowTotals Count(const std::string& subject, std::int32_t from_day, std::int32_t to_day) const;

 private:
  struct Entry {
    std::int32_t day;
    double cchi_days;
  };
  std::unordered_map<std::string, std::vector<Entry>> by_subject_;
};

}  // namespace tandem::core::eval::internal
