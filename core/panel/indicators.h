// Contextual indicators: rules that put a person forward to the panel even when the RFGV score
// is low (stalking, coercive control, non-fatal strangulation, escalation, breaches of orders,
// serial abuse), as the Dorset unit selects people "because of contextual indicators ... not
// captured in conventional scoring tools". The rules are a table (DefaultIndicatorRules()) a
// partnership can change. Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/occurrence.h"
#include "core/result.h"

namespace tandem::core::panel {

enum class IndicatorKind {
  // At least min_count accused occurrences with an offence in `offence_codes` committed in
  // the last window_months.
  kOffenceInWindow,
  // Escalation: with P = period_months, compare the incidents committed in (ref - P, ref]
  // ("recent") with those in (ref - 2P, ref - P] ("previous"). Escalating when
  //   the recent count is at least min_count and greater than the previous count, or
  //   there was a previous incident and the recent gravest CCHI days exceed the previous.
  kEscalation,
  // At least min_count distinct victim references in the last window_months.
  kDistinctVictims,
};

struct IndicatorRule {
  std::string id;      // "stalking", stable: decisions and reports cite it
  std::string reason;  // what the panel reads: "stalking in the last 24 months"
  IndicatorKind kind = IndicatorKind::kOffenceInWindow;
  std::vector<std::string> offence_codes;  // kOffenceInWindow only
  bool domestic_only = false;              // count only occurrences flagged domestic abuse
  int window_months = 24;                  // kOffenceInWindow, kDistinctVictims
  int period_months = 6;                   // kEscalation
  int min_count = 1;
};

// stalking, coercive-control, strangulation, breach-of-order (any such accusation in 24
// months), escalation (domestic abuse, 6-month periods, at least 2 recent incidents), serial
// (2 distinct domestic abuse victims in 36 months). docs/panel.md gives the sources.
std::vector<IndicatorRule> DefaultIndicatorRules();

// Ok, or kInvalidArgument naming the rule: an empty or repeated id, an empty reason, an
// offence rule without codes or with a code not in `offences`, windows or periods outside
// 1-120 months, min_count below 1.
Status ValidateIndicatorRules(std::span<const IndicatorRule> rules, const OffenceTable& offences);

struct IndicatorHit {
  std::string rule_id;
  std::string reason;                       // the rule's reason
  std::string detail;                       // what matched: "OC12 STALKING on 2026-03-02"
  std::vector<std::string> occurrence_ids;  // the incidents behind it
};

// The rules that fire for these occurrences at `reference_date`, in rule order. Occurrences
// the person is not accused of are ignored.
// Errors: kInvalidArgument as ValidateIndicatorRules, or an occurrence whose code `offences`
// lacks.
Result<std::vector<IndicatorHit>> EvaluateIndicators(std::span<const Occurrence> occurrences,
                                                     const Date& reference_date,
                                                     std::span<const IndicatorRule> rules,
                                                     const OffenceTable& offences);

}  // namespace tandem::core::panel
