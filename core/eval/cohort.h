// The plain records the evaluation metrics read. The node fills them from what each agency
// contributed under the ISA's evaluation purpose; `subject` is always an evaluation-only
// pseudonym, never an identifier or an operational token. Value types; thread-compatible.
#pragma once

#include <string>

#include "core/date.h"

namespace tandem::core::eval {

// One recorded offence of a subject, with its CCHI weight in days (the node looks the weight
// up in the CCHI table it loaded; core/offences.h holds the approximate synthetic table).
struct OffenceEvent {
  std::string subject;
  Date date;
  double cchi_days = 0.0;
};

// A person the unit adopted, and the day it did.
struct CohortMember {
  std::string subject;
  Date adopted;
};

}  // namespace tandem::core::eval
