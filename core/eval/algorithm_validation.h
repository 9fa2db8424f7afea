// Does the ranking find the people who go on to cause harm? Surrey's tests of its algorithm:
// Spearman rho (with p-value) between rank and next-window CCHI harm and offence count, mean
// harm by rank band, overlap of the ranking's top N with the actual top N by harm, and top-N
// retention across ranking runs. Rank 1 is the highest priority, so a ranking that works gives
// a negative rho (Surrey: -0.31 with harm). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/eval/spearman.h"
#include "core/result.h"

namespace tandem::core::eval {

// One ranked subject and what they did in the window after the ranking run.
struct RankedOutcome {
  std::string subject;
  int rank = 0;            // 1 = top of the list; unique within a run
  double next_harm = 0.0;  // CCHI days in the next window
  int next_offences = 0;
};

struct RankBand {
  int first = 1;  // inclusive
  int last = 10;  // inclusive
};

// (N, M): the share of the actual top N by harm found in the ranking's top M.
struct OverlapQuery {
  int actual_top = 100;
  int ranked_top = 100;
};

struct ValidationOptions {
  std::vector<RankBand> bands = {{1, 10}, {11, 25}, {26, 50}, {51, 100}};
  std::vector<OverlapQuery> overlaps = {{10, 10}, {25, 25}, {50, 50}, {100, 100}, {100, 200}};
  SpearmanOptions spearman;
};

struct BandHarm {
  RankBand band;
  std::size_t people = 0;  // ranked subjects in the band
  double mean_harm = 0.0;  // 0 when people is 0
  double mean_offences = 0.0;
};

struct OverlapResult {
  OverlapQuery query;
  std::size_t actual = 0;  // size of the actual top set (fewer than N when fewer subjects)
  std::size_t found = 0;   // of them, inside the ranking's top M
  double share = 0.0;      // found / actual; 0 when actual is 0
  // Subjects whose harm equals the harm at the cut-off of the actual top N, in and out of the
  // set: when more than N - (those strictly above) tie there, the set is one of several.
  std::size_t tied_at_cutoff = 0;
};

struct ValidationReport {
  std::size_t people = 0;
  std::optional<SpearmanResult> rank_vs_harm;  // absent with the reason when undefined
  std::string rank_vs_harm_unavailable;
  std::optional<SpearmanResult> rank_vs_offences;
  std::string rank_vs_offences_unavailable;
  std::vector<BandHarm> bands;
  std::vector<OverlapResult> overlaps;
};

// The actual top N is the N subjects with the highest next-window harm; ties at the cut-off are
// broken by subject pseudonym (which carries no information about the ranking), and counted in
// tied_at_cutoff. Success: the report. kInvalidArgument when a rank is not positive or repeats,
// a subject repeats, a harm is negative or not finite, an offence count is negative, a band is
// empty (last < first) or a query size is not positive.
Result<ValidationReport> ValidateRanking(std::span<const RankedOutcome> outcomes,
                                         const ValidationOptions& options = {});

// One run of the ranking: subjects from the top (index 0 = rank 1).
using RankingRun = std::vector<std::string>;

struct RetentionPoint {
  std::size_t run = 0;       // index into the runs; 0 is the baseline
  std::size_t retained = 0;  // baseline top N subjects in this run's top N
  double share = 0.0;        // retained / baseline top size
};

struct RetentionSeries {
  int top = 0;                         // N
  std::size_t baseline = 0;            // min(N, size of the baseline run)
  std::vector<RetentionPoint> points;  // one per run, the baseline first (share 1)
};

// Top-N retention across ranking runs (Surrey Table 6: 90%, 83%, 79%, 73% of the top 100 after
// 6, 12, 18, 24 months). Success: one series per N. kInvalidArgument when there is no run, a
// run repeats a subject, or an N is not positive.
Result<std::vector<RetentionSeries>> TopNRetention(std::span<const RankingRun> runs,
                                                   std::span<const int> tops);

}  // namespace tandem::core::eval
