#include "core/panel/triage.h"

namespace tandem::core::panel {

Result<TriageAssessment> Triage(std::span<const Occurrence> occurrences, const Date& reference_date,
                                const TriageConfig& config) {
  Result<RfgvScore> score = ScoreRfgv(occurrences, reference_date, config.rfgv, config.offences);
  if (!score) return tl::unexpected(score.error());
  Result<std::vector<IndicatorHit>> hits =
      EvaluateIndicators(occurrences, reference_date, config.indicators, config.offences);
  if (!hits) return tl::unexpected(hits.error());

  TriageAssessment assessment;
  assessment.reference_date = reference_date;
  assessment.score = std::move(*score);
  assessment.indicators = std::move(*hits);
  const std::string total = "RFGV " + std::to_string(assessment.score.total) + " against a " +
                            "threshold of " + std::to_string(config.rfgv.threshold);
  if (assessment.score.above_threshold) assessment.reasons.push_back(total);
  for (const IndicatorHit& hit : assessment.indicators) {
    assessment.reasons.push_back(hit.rule_id + ": " + hit.reason + " (" + hit.detail + ")");
  }
  assessment.put_forward = !assessment.reasons.empty();
  if (!assessment.put_forward) {
    assessment.reasons.push_back(total + " and no contextual indicator");
  }
  return assessment;
}

}  // namespace tandem::core::panel
