// Triage of one person from police occurrences: the RFGV score and the contextual indicators
// together decide whether the person goes forward to the panel, and say why. Pure; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/offences.h"
#include "core/panel/indicators.h"
#include "core/panel/occurrence.h"
#include "core/panel/rfgv.h"
#include "core/result.h"

namespace tandem::core::panel {

struct TriageConfig {
  RfgvConfig rfgv = DefaultRfgvConfig();
  std::vector<IndicatorRule> indicators = DefaultIndicatorRules();
  // The partnership's offence table; the panel's ranking and harm history weigh by it too.
  OffenceTable offences = OffenceTable::Approximate();
};

struct TriageAssessment {
  Date reference_date = Date::FromDaysSinceEpoch(0);
  RfgvScore score;
  std::vector<IndicatorHit> indicators;
  // Forward when the score reaches the threshold or any indicator fires.
  bool put_forward = false;
  // One line per reason ("RFGV 12 of threshold 10", "stalking: OC4 STALKING on ..."); when not
  // put forward, the one line saying why not.
  std::vector<std::string> reasons;
};

// Errors: kInvalidArgument for an invalid configuration or an occurrence whose offence code the
// configuration's table lacks (the message names it).
Result<TriageAssessment> Triage(std::span<const Occurrence> occurrences, const Date& reference_date,
                                const TriageConfig& config);

}  // namespace tandem::core::panel
