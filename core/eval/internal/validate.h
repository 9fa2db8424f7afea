// Input checks shared by the metrics. Messages give positions, never subjects.
#pragma once

#include <span>

#include "core/eval/cohort.h"
#include "core/result.h"

namespace tandem::core::eval::internal {

// kInvalidArgument when an offence has a negative or non-finite CCHI weight.
Status ValidateOffences(std::span<const OffenceEvent> offences);

// kInvalidArgument when a subject appears twice.
Status ValidateUniqueMembers(std::span<const CohortMember> cohort);

}  // namespace tandem::core::eval::internal
