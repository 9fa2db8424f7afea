#include "core/eval/algorithm_validation.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace tandem::core::eval {
namespace {

Status CheckOutcomes(std::span<const RankedOutcome> outcomes) {
  std::unordered_set<int> ranks;
  std::unordered_set<std::string> subjects;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const RankedOutcome& o = outcomes[i];
    const std::string where = "ranked outcome " + std::to_string(i + 1) + ": ";
    if (o.rank <= 0) return Fail(Code::kInvalidArgument, where + "the rank must be 1 or more");
    if (!ranks.insert(o.rank).second) {
      return Fail(Code::kInvalidArgument, where + "rank " + std::to_string(o.rank) + " repeats");
    }
    if (!subjects.insert(o.subject).second) {
      return Fail(Code::kInvalidArgument, where + "the subject is ranked twice");
    }
    if (!std::isfinite(o.next_harm) || o.next_harm < 0.0) {
      return Fail(Code::kInvalidArgument, where + "the harm must be a non-negative number");
    }
    if (o.next_offences < 0) {
      return Fail(Code::kInvalidArgument, where + "the offence count must not be negative");
    }
  }
  return Ok();
}

OverlapResult Overlap(std::span<const RankedOutcome> outcomes, OverlapQuery query) {
  std::vector<const RankedOutcome*> by_harm;
  for (const RankedOutcome& o : outcomes) by_harm.push_back(&o);
  std::sort(by_harm.begin(), by_harm.end(), [](const RankedOutcome* a, const RankedOutcome* b) {
    if (a->next_harm != b->next_harm) return a->next_harm > b->next_harm;
    return a->subject < b->subject;
  });
  OverlapResult out;
  out.query = query;
  out.actual = std::min(by_harm.size(), static_cast<std::size_t>(query.actual_top));
  for (std::size_t i = 0; i < out.actual; ++i) {
    if (by_harm[i]->rank <= query.ranked_top) ++out.found;
  }
  if (out.actual > 0 && out.actual < by_harm.size()) {
    const double cutoff = by_harm[out.actual - 1]->next_harm;
    if (by_harm[out.actual]->next_harm == cutoff) {
      for (const RankedOutcome* o : by_harm) out.tied_at_cutoff += o->next_harm == cutoff ? 1 : 0;
    }
  }
  out.share =
      out.actual == 0 ? 0.0 : static_cast<double>(out.found) / static_cast<double>(out.actual);
  return out;
}

}  // namespace

Result<ValidationReport> ValidateRanking(std::span<const RankedOutcome> outcomes,
                                         const ValidationOptions& options) {
  if (auto status = CheckOutcomes(outcomes); !status) return tl::unexpected(status.error());
  for (const RankBand& band : options.bands) {
    if (band.first <= 0 || band.last < band.first) {
      return Fail(Code::kInvalidArgument, "rank band " + std::to_string(band.first) + "-" +
                                              std::to_string(band.last) + " is empty");
    }
  }
  for (const OverlapQuery& q : options.overlaps) {
    if (q.actual_top <= 0 || q.ranked_top <= 0) {
      return Fail(Code::kInvalidArgument, "top-N overlap sizes must be positive");
    }
  }
  ValidationReport out;
  out.people = outcomes.size();
  std::vector<double> ranks;
  std::vector<double> harm;
  std::vector<double> offences;
  for (const RankedOutcome& o : outcomes) {
    ranks.push_back(o.rank);
    harm.push_back(o.next_harm);
    offences.push_back(o.next_offences);
  }
  if (auto rho = Spearman(ranks, harm, options.spearman)) {
    out.rank_vs_harm = *rho;
  } else {
    out.rank_vs_harm_unavailable = rho.error().message;
  }
  if (auto rho = Spearman(ranks, offences, options.spearman)) {
    out.rank_vs_offences = *rho;
  } else {
    out.rank_vs_offences_unavailable = rho.error().message;
  }
  for (const RankBand& band : options.bands) {
    BandHarm row{band, 0, 0.0, 0.0};
    for (const RankedOutcome& o : outcomes) {
      if (o.rank < band.first || o.rank > band.last) continue;
      ++row.people;
      row.mean_harm += o.next_harm;
      row.mean_offences += o.next_offences;
    }
    if (row.people > 0) {
      row.mean_harm /= static_cast<double>(row.people);
      row.mean_offences /= static_cast<double>(row.people);
    }
    out.bands.push_back(row);
  }
  for (const OverlapQuery& q : options.overlaps) out.overlaps.push_back(Overlap(outcomes, q));
  return out;
}

Result<std::vector<RetentionSeries>> TopNRetention(std::span<const RankingRun> runs,
                                                   std::span<const int> tops) {
  if (runs.empty()) return Fail(Code::kInvalidArgument, "top-N retention needs at least one run");
  for (std::size_t r = 0; r < runs.size(); ++r) {
    std::unordered_set<std::string> seen;
    for (const std::string& s : runs[r]) {
      if (!seen.insert(s).second) {
        return Fail(Code::kInvalidArgument,
                    "ranking run " + std::to_string(r + 1) + " lists a subject twice");
      }
    }
  }
  std::vector<RetentionSeries> out;
  for (int top : tops) {
    if (top <= 0) return Fail(Code::kInvalidArgument, "top-N retention sizes must be positive");
    const auto n = static_cast<std::size_t>(top);
    RetentionSeries series;
    series.top = top;
    series.baseline = std::min(n, runs[0].size());
    const std::unordered_set<std::string> baseline(
        runs[0].begin(), runs[0].begin() + static_cast<std::ptrdiff_t>(series.baseline));
    for (std::size_t r = 0; r < runs.size(); ++r) {
      RetentionPoint point;
      point.run = r;
      const std::size_t m = std::min(n, runs[r].size());
      for (std::size_t i = 0; i < m; ++i) point.retained += baseline.count(runs[r][i]);
      point.share = series.baseline == 0 ? 0.0
                                         : static_cast<double>(point.retained) /
                                               static_cast<double>(series.baseline);
      series.points.push_back(point);
    }
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace tandem::core::eval
