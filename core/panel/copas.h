// The Copas rate of OGRS3 (docs/domain.md): a logarithmic rate of sanctions over a criminal
// career, and the reoffending-risk proxy Tandem uses when no OGRS3 assessment is available.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/date.h"
#include "core/panel/occurrence.h"

namespace tandem::core::panel {

struct CopasRate {
  int sanctions = 0;       // sanctions committed on or before the reference date
  int career_years = 0;    // whole years from the first to the latest sanction
  double rate = 0;         // ln((1 + previous) / (10 + career_years)), previous = sanctions - 1
  std::string first_id;    // the first sanction's occurrence
  std::string current_id;  // the latest sanction's occurrence
};

// The Copas rate over the sanctions (convicted, cautioned, community resolution) the person is
// accused of up to `reference_date`, dated by the committed date. OGRS3 takes "age at current
// sanction - age at first sanction"; that difference is the whole years between the two
// sanction dates, so no date of birth is needed. nullopt when there is no sanction.
std::optional<CopasRate> ComputeCopas(std::span<const Occurrence> occurrences,
                                      const Date& reference_date);

// The reoffending proxy: logistic(2.1217 + 1.25112 * copas), the OGRS3 formula keeping only
// its Copas term (the age, sex and offence-type terms are not in police data). With no
// sanction the rate of a first sanction today, ln(1/10), is used. In (0, 1). It ranks; it is
// not a calibrated probability.
double CopasRiskProxy(const std::optional<CopasRate>& copas);

}  // namespace tandem::core::panel
