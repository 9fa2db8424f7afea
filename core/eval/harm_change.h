// Offending and CCHI harm of an adopted cohort before and after adoption (the Dorset and
// Surrey outcome measures): per person, the shares who reduced and who stopped, the totals,
// the Wilcoxon signed-rank test on per-person harm and the money value of the harm change.
// Windows, for a member adopted on day A: before = [A - before_days, A), after =
// [A, A + after_days); an offence on the adoption day counts as after. A member whose after
// window ends later than `data_end` has not been followed up for the whole window and is left
// out (counted in `incomplete_follow_up`). Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/eval/cohort.h"
#include "core/eval/wilcoxon.h"
#include "core/result.h"

namespace tandem::core::eval {

struct HarmChangeOptions {
  int before_days = 365;
  int after_days = 365;
  // Offences are known up to, not including, this day; nullopt = follow-up assumed complete.
  std::optional<Date> data_end;
  // Value of one CCHI day in pounds: £24,000 a prison place a year / 365 = £65.75 (Surrey).
  double value_per_cchi_day = 65.75;
  WilcoxonOptions wilcoxon;
};

struct PersonHarmChange {
  std::string subject;
  int offences_before = 0;
  int offences_after = 0;
  double harm_before = 0.0;  // CCHI days
  double harm_after = 0.0;
};

struct HarmChangeReport {
  std::vector<PersonHarmChange> people;  // in cohort order, complete follow-up only
  std::size_t incomplete_follow_up = 0;
  std::size_t reduced_offending = 0;     // offences_after < offences_before
  std::size_t reduced_harm = 0;          // harm_after < harm_before
  std::size_t no_further_offences = 0;   // offences_after == 0
  double share_reduced_offending = 0.0;  // of people; 0 when people is empty
  double share_reduced_harm = 0.0;
  double share_no_further_offences = 0.0;
  int offences_before = 0;  // totals over people
  int offences_after = 0;
  double harm_before = 0.0;
  double harm_after = 0.0;
  // (after - before) / before; nullopt when before is 0. -0.55 for Dorset's 56 -> 25.
  std::optional<double> offences_relative_change;
  std::optional<double> harm_relative_change;
  // (harm_before - harm_after) x value_per_cchi_day: positive when harm fell.
  double value_of_harm_reduction = 0.0;
  // Wilcoxon on per-person harm (after vs before); absent when it could not be computed
  // (no person, or nobody's harm changed), with the reason in wilcoxon_unavailable.
  std::optional<WilcoxonResult> wilcoxon;
  std::string wilcoxon_unavailable;
};

// Success: the report above. kInvalidArgument when a window length is not positive, the value
// per day is negative or not finite, a subject appears twice in the cohort, or an offence has a
// negative or non-finite weight (the message names the position, never the subject).
Result<HarmChangeReport> ComputeHarmChange(std::span<const CohortMember> cohort,
                                           std::span<const OffenceEvent> offences,
                                           const HarmChangeOptions& options = {});

}  // namespace tandem::core::eval
