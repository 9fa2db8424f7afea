#include "core/eval/internal/offence_index.h"

#include <algorithm>

namespace tandem::core::eval::internal {

OffenceIndex::OffenceIndex(std::span<const OffenceEvent> offences) {
  for (const OffenceEvent& o : offences) {
    by_subject_[o.subject].push_back({o.date.DaysSinceEpoch(), o.cchi_days});
  }
  for (auto& [subject, entries] : by_subject_) {
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.day < b.day; });
  }
}

WindowTotals OffenceIndex::Count(const std::string& subject, std::int32_t from_day,
                                 std::int32_t to_day) const {
  WindowTotals out;
  const auto it = by_subject_.find(subject);
  if (it == by_subject_.end()) return out;
  const auto& entries = it->second;
  auto first = std::lower_bound(entries.begin(), entries.end(), from_day,
                                [](const Entry& e, std::int32_t day) { return e.day < day; });
  for (; first != entries.end() && first->day < to_day; ++first) {
    ++out.offences;
    out.harm += first->cchi_days;
  }
  return out;
}

}  // namespace tandem::core::eval::internal
