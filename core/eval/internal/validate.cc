#include "core/eval/internal/validate.h"

#include <cmath>
#include <string>
#include <unordered_set>

namespace tandem::core::eval::internal {

Status ValidateOffences(std::span<const OffenceEvent> offences) {
  for (std::size_t i = 0; i < offences.size(); ++i) {
    if (!std::isfinite(offences[i].cchi_days) || offences[i].cchi_days < 0.0) {
      return Fail(Code::kInvalidArgument, "offence " + std::to_string(i + 1) +
                                              ": the CCHI weight must be a non-negative number");
    }
  }
  return Ok();
}

Status ValidateUniqueMembers(std::span<const CohortMember> cohort) {
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < cohort.size(); ++i) {
    if (!seen.insert(cohort[i].subject).second) {
      return Fail(Code::kInvalidArgument, "cohort member " + std::to_string(i + 1) +
                                              " repeats a subject already in the cohort");
    }
  }
  return Ok();
}

}  // namespace tandem::core::eval::internal
