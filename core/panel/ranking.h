// The ranking algorithm (Surrey; docs/domain.md): for each person
//   priority = risk x ln(1 + vulnerability-adjusted CCHI over the window), x 1.5 when any
//   occurrence in the window is high harm,
// where risk is the OGRS3 two-year probability when probation assessed it, otherwise the Copas
// proxy of core/panel/copas.h. The Copas rate is kept as the secondary measure. A run is a
// value (RankingRun) kept in a RankingHistory so top-N retention can be measured between runs.
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/copas.h"
#include "core/panel/occurrence.h"
#include "core/result.h"

namespace tandem::core::panel {

struct RankingParameters {
  int harm_window_months = 24;
  double high_harm_factor = 1.5;       // Surrey
  double domestic_abuse_weight = 1.0;  // vulnerability adjustment; Surrey's is unpublished
};

// Ok, or kInvalidArgument naming the parameter: window outside 1-120 months, factor below 1
// or above 10, weight below 1 or above 10.
Status ValidateRankingParameters(const RankingParameters& parameters);

struct RankingInput {
  std::string subject;  // the node's subject key (pseudonymous token or local person ref)
  std::vector<Occurrence> occurrences;
  std::optional<int> ogrs3_2yr_percent;  // probation's assessment, 0-99, when known
};

enum class RiskSource { kOgrs3, kCopasProxy };
std::string_view RiskSourceName(RiskSource source);  // "ogrs3", "copas-proxy"

struct RankedEntry {
  std::size_t rank = 0;  // 1 = highest priority
  std::string subject;
  double priority = 0;
  int harm_cchi_days = 0;
  double harm_adjusted = 0;
  double harm_component = 0;  // ln(1 + harm_adjusted)
  double risk = 0;
  RiskSource risk_source = RiskSource::kCopasProxy;
  bool high_harm = false;  // the 1.5 factor applied
  std::vector<std::string> high_harm_ids;
  std::optional<CopasRate> copas;  // the secondary measure; nullopt with no sanction
};

struct RankingRun {
  std::string id;
  Date run_on = Date::FromDaysSinceEpoch(0);
  RankingParameters parameters;
  std::vector<RankedEntry> entries;  // by priority, highest first
};

// Ranks everyone with harm in the window (harm_window_months up to `run_on`); people with none
// are left out; harm is weighed by `offences`. Ties: higher harm first, then subject key.
// Errors: kInvalidArgument for an empty run id, invalid parameters, an empty or repeated subject,
// an OGRS3 percentage outside 0-99, or an occurrence whose offence code `offences` lacks (each
// message names the subject).
Result<RankingRun> RunRanking(std::string run_id, const Date& run_on,
                              const RankingParameters& parameters,
                              std::span<const RankingInput> people, const OffenceTable& offences);

// The subjects of the first n entries (fewer when the run is shorter), in rank order.
std::vector<std::string> TopN(const RankingRun& run, std::size_t n);

// Every run the partnership made, in the order they were added. Thread-compatible.
class RankingHistory {
 public:
  // kInvalidArgument when a run with the same id is already kept, or the run is dated before
  // the last kept run.
  Status Add(RankingRun run);
  const std::vector<RankingRun>& runs() const { return runs_; }
  // nullptr when no run has that id.
  const RankingRun* Find(std::string_view id) const;

 private:
  std::vector<RankingRun> runs_;
};

}  // namespace tandem::core::panel
