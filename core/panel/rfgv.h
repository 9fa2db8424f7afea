// The RFGV matrix (recency, frequency, gravity, victims) that scores a domestic abuse
// perpetrator from police occurrences, with the explanation of every point. No national
// weights are published (docs/domain.md): the matrix is configuration, and
// DefaultRfgvConfig() is Tandem's documented local default (docs/panel.md says where each
// number comes from). Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/occurrence.h"
#include "core/result.h"

namespace tandem::core::panel {

enum class RfgvDimension { kRecency, kFrequency, kGravity, kVictims };

// "recency", "frequency", "gravity", "victims".
std::string_view RfgvDimensionName(RfgvDimension dimension);

// One row of a dimension's table: a value in [low, high] (inclusive) gives `points`.
struct RfgvBand {
  int low = 0;
  int high = 0;
  int points = 0;
};

// What each dimension measures, over the domestic abuse occurrences the person is accused of
// in the window (ref - window_months, ref]:
//   recency   whole months from the last incident's committed date to the reference date
//   frequency the number of incidents
//   gravity   the largest CCHI days of one incident (the offence table, core/offences.h)
//   victims   the number of distinct victim references
// A value in no band gives 0 points.
struct RfgvConfig {
  int window_months = 24;
  std::vector<RfgvBand> recency;
  std::vector<RfgvBand> frequency;
  std::vector<RfgvBand> gravity;
  std::vector<RfgvBand> victims;
  // A total at or above this puts the person forward to the panel.
  int threshold = 10;
  // "Serial": at least serial_victims distinct victims within serial_months.
  int serial_victims = 2;
  int serial_months = 36;
};

// The documented local default (docs/panel.md): 24-month window, 1-4 points per dimension,
// threshold 10 of 16, serial = 2 victims in 36 months.
RfgvConfig DefaultRfgvConfig();

// Ok, or kInvalidArgument naming the dimension and band: a window or serial period outside
// 1-120 months, a band with low > high or negative points, bands of one dimension that
// overlap, a threshold below 1.
Status ValidateRfgvConfig(const RfgvConfig& config);

// Why a dimension scored what it did: the measured value, the band, and the incidents.
struct RfgvLine {
  RfgvDimension dimension = RfgvDimension::kRecency;
  int value = 0;
  int points = 0;
  std::vector<std::string> occurrence_ids;  // the incidents that gave the value
  std::string text;  // "recency: last incident OC7 on 2026-09-20, 1 month(s) before ... -> 4"
};

struct RfgvScore {
  int recency = 0;
  int frequency = 0;
  int gravity = 0;
  int victims = 0;
  int total = 0;
  bool serial = false;
  bool above_threshold = false;
  std::vector<RfgvLine> explanation;                // one line per dimension, in R, F, G, V order
  std::vector<std::string> counted_occurrence_ids;  // every incident in the window
};

// Scores the person whose occurrences these are at `reference_date`. Occurrences that are not
// domestic abuse, not accused (victim, witness), or committed outside the window are ignored.
// A person with no incident in the window scores 0 with an explanation saying so.
// Gravity is weighed by `offences`.
// Errors: kInvalidArgument for an invalid config (as ValidateRfgvConfig) or an occurrence
// whose offence code `offences` lacks (the message names the occurrence).
Result<RfgvScore> ScoreRfgv(std::span<const Occurrence> occurrences, const Date& reference_date,
                            const RfgvConfig& config, const OffenceTable& offences);

}  // namespace tandem::core::panel
