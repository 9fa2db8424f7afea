#include "core/panel/copas.h"

#include <cmath>

namespace tandem::core::panel {

std::optional<CopasRate> ComputeCopas(std::span<const Occurrence> occurrences,
                                      const Date& reference_date) {
  const Occurrence* first = nullptr;
  const Occurrence* current = nullptr;
  int sanctions = 0;
  for (const Occurrence& o : occurrences) {
    if (!IsAccused(o) || !IsSanction(o.outcome) || reference_date < o.committed_on) continue;
    ++sanctions;
    if (first == nullptr || o.committed_on < first->committed_on) first = &o;
    if (current == nullptr || current->committed_on < o.committed_on) current = &o;
  }
  if (sanctions == 0) return std::nullopt;
  CopasRate copas;
  copas.sanctions = sanctions;
  copas.career_years = current->committed_on.YearsSince(first->committed_on);
  copas.rate = std::log(static_cast<double>(sanctions) / (10.0 + copas.career_years));
  copas.first_id = first->id;
  copas.current_id = current->id;
  return copas;
}

double CopasRiskProxy(const std::optional<CopasRate>& copas) {
  const double rate = copas ? copas->rate : std::log(1.0 / 10.0);
  const double y = 2.1217 + 1.25112 * rate;
  return 1.0 / (1.0 + std::exp(-y));
}

}  // namespace tandem::core::panel
