#include "node/linkage/linkage.h"

#include <algorithm>
#include <bit>
#include <memory>

#include "agency-adapters/match_keys.h"
#include "core/matching/blocking.h"
#include "node/linkage/internal/candidates.h"
#include "node/linkage/internal/export_set.h"
#include "node/linkage/threshold_tokeniser.h"
#include "node/tokens/token_pipeline.h"

namespace tandem::node::linkage {
namespace {

using Clock = std::chrono::steady_clock;
using core::matching::Band;
using core::matching::BandThresholds;
using core::matching::PatternCounts;
using core::matching::PresenceCounts;
using internal::CandidatePair;
using internal::LinkRecords;

constexpr std::size_t kAgencies = core::kAllAgencyKinds.size();
constexpr double kSmallestEpsilon = 1e-15;

std::size_t AgencyIndex(core::AgencyKind kind) {
  return static_cast<std::size_t>(
      std::find(core::kAllAgencyKinds.begin(), core::kAllAgencyKinds.end(), kind) -
      core::kAllAgencyKinds.begin());
}

Status CheckOptions(const LinkOptions& o) {
  const auto in_open_unit = [](double p) { return p > 0.0 && p < 1.0; };
  if (!in_open_unit(o.auto_probability) || !in_open_unit(o.review_probability)) {
    return Fail(Code::kInvalidArgument, "band probabilities must lie strictly between 0 and 1");
  }
  if (o.review_probability > o.auto_probability) {
    return Fail(Code::kInvalidArgument,
                "the review probability must not exceed the auto-match probability");
  }
  if (o.key_threshold < 1 || o.key_threshold > o.key_holders) {
    return Fail(Code::kInvalidArgument, "the key needs 1 <= threshold <= holders");
  }
  return Ok();
}

Result<BandThresholds> ChooseThresholds(const LinkOptions& o,
                                        const core::matching::MatchModel& model) {
  auto from_model =
      core::matching::ThresholdsForProbabilities(model, o.auto_probability, o.review_probability);
  if (!from_model) return from_model;
  const double auto_match = o.auto_weight.value_or(from_model->auto_match);
  const double review = o.review_weight.value_or(std::min(from_model->review, auto_match));
  auto made = core::matching::MakeBandThresholds(auto_match, review);
  if (!made) {
    return Fail(Code::kInvalidArgument,
                "the band thresholds do not fit together: " + made.error().message);
  }
  return made;
}

// The index of the unordered agency pair (x < y) among the 15.
std::size_t PairIndex(std::size_t x, std::size_t y) { return x * kAgencies + y; }

// EM over all cross-agency pairs: the candidates, and the pairs blocking left out, counted
// exactly from which key types each record has.
Result<core::matching::EmFit> FitModel(const std::vector<core::matching::KeyType>& key_types,
                                       const LinkRecords& records,
                                       const std::vector<CandidatePair>& candidates) {
  const std::size_t k = key_types.size();
  std::vector<PresenceCounts> presence(kAgencies, PresenceCounts(k));
  for (std::size_t r = 0; r < records.size(); ++r) {
    presence[records.agency[r]].Add(records.present_mask[r]);
  }
  std::vector<PatternCounts> by_pair(kAgencies * kAgencies, PatternCounts(k));
  core::matching::TrainingPairs training(k);
  for (const CandidatePair& c : candidates) {
    training.candidates.Add(c.pattern);
    by_pair[PairIndex(records.agency[c.a], records.agency[c.b])].Add(c.pattern);
  }
  for (std::size_t x = 0; x < kAgencies; ++x) {
    for (std::size_t y = x + 1; y < kAgencies; ++y) {
      auto rest =
          core::matching::NonCandidatePatterns(presence[x], presence[y], by_pair[PairIndex(x, y)]);
      if (!rest) return tl::unexpected(rest.error());
      training.non_candidates.Merge(*rest);
    }
  }
  // The clamp on m and u only keeps weights finite; it should not bind above the smallest
  // rate the data can show, half a pair in the whole population. With a billion pairs, the
  // chance that two people share a name and date of birth is far below the default 1e-6.
  core::matching::EmOptions em;
  const double population = training.candidates.Total() + training.non_candidates.Total();
  em.epsilon = std::clamp(0.5 / population, kSmallestEpsilon, em.epsilon);
  return core::matching::FitEm(key_types, training, em);
}

ScoredLink MakeLink(const LinkRecords& records, const CandidatePair& c, Band band, double weight) {
  ScoredLink link;
  link.agency_a = core::kAllAgencyKinds[records.agency[c.a]];
  link.record_a = records.ref[c.a];
  link.agency_b = core::kAllAgencyKinds[records.agency[c.b]];
  link.record_b = records.ref[c.b];
  link.band = band;
  link.weight = weight;
  link.pattern = c.pattern;
  return link;
}

}  // namespace

Result<LinkReport> RunLinkage(const LinkOptions& options) {
  const auto started = Clock::now();
  if (auto checked = CheckOptions(options); !checked) return tl::unexpected(checked.error());
  const bool scored = options.mode == LinkMode::kScored;
  const auto table = scored ? adapters::MatchKeyTable() : adapters::ExactBaselineKeyTable();
  const auto key_types = adapters::KeyTypesOf(table);
  const auto progress = [&](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    if (options.on_progress) options.on_progress(stage, done, total);
  };

  LinkReport report;
  for (const auto& key : key_types) report.key_names.push_back(key.name);

  // ---- Read, derive keys, tokenise ----
  auto tokeniser = ThresholdTokeniser::Create(options.key_threshold, options.key_holders);
  if (!tokeniser) return tl::unexpected(tokeniser.error());
  auto pipeline =
      tokens::TokenPipeline::Start(tokeniser->tokeniser(), options.threads, options.batch_size);
  if (!pipeline) return tl::unexpected(pipeline.error());

  LinkRecords records;
  adapters::MatchKeyValues values;
  const auto on_record = [&](core::AgencyKind agency, const adapters::Record& record) -> Status {
    const auto source = adapters::MatchKeySourceOf(record);
    if (!source) return Ok();
    if (auto derived = adapters::DeriveMatchKeys(table, *source, values); !derived) {
      return derived;
    }
    const std::size_t first = records.entries.size();
    Status added = (*pipeline)->Add(values, records.entries);
    values.Clear();  // the raw values are wiped as soon as they are queued
    if (!added) return added;
    std::uint32_t mask = 0;
    for (std::size_t e = first; e < records.entries.size(); ++e) {
      mask |= 1u << records.entries[e].key;
    }
    records.agency.push_back(static_cast<std::uint8_t>(AgencyIndex(agency)));
    records.ref.push_back(record.ref);
    records.offsets.push_back(static_cast<std::uint32_t>(records.entries.size()));
    records.present_mask.push_back(mask);
    ++report.records[AgencyIndex(agency)];
    if (mask == 0) ++report.records_without_keys;
    return Ok();
  };
  internal::ExportProblems problems;
  auto read = internal::ReadPersonExports(
      options.exports_dir, on_record,
      [&](std::uint64_t done, std::uint64_t total) {
        progress("reading and tokenising", done, total);
      },
      problems);
  if (!read) return tl::unexpected(read.error());
  if (problems.bad_rows > 0) {
    report.refused = true;
    report.bad_rows = problems.bad_rows;
    report.problems = problems.problems;
    report.first_problems = std::move(problems.first);
    report.records = {};
    report.total_time = Clock::now() - started;
    return report;
  }
  auto tokens = (*pipeline)->Finish();
  if (!tokens) return tl::unexpected(tokens.error());
  report.key_values = (*pipeline)->values_seen();
  report.distinct_values = (*pipeline)->distinct_values();
  report.values_too_long = (*pipeline)->values_too_long();
  report.oprf_batches = (*pipeline)->batches();
  pipeline->reset();
  const auto tokenised_at = Clock::now();
  report.read_and_tokenise_time = tokenised_at - started;

  // ---- Blocking and comparison ----
  progress("blocking", 0, 1);
  const std::size_t token_count = internal::IndexByToken(*tokens, records);
  tokens->clear();
  report.distinct_tokens = token_count;
  internal::BlockingStats stats;
  const std::vector<CandidatePair> candidates =
      internal::FindCandidatePairs(records, token_count, key_types.size(), stats);
  report.candidate_pairs = candidates.size();
  report.largest_block = stats.largest_block;
  const auto blocked_at = Clock::now();
  report.blocking_time = blocked_at - tokenised_at;

  // ---- Scoring ----
  if (scored) {
    progress("fitting", 0, 1);
    auto fit = FitModel(key_types, records, candidates);
    if (!fit) return tl::unexpected(fit.error());
    auto thresholds = ChooseThresholds(options, fit->model);
    if (!thresholds) return tl::unexpected(thresholds.error());
    for (const CandidatePair& c : candidates) {
      const double weight = fit->model.TotalWeight(c.pattern);
      const Band band = core::matching::ClassifyWeight(weight, *thresholds);
      report.links.push_back(MakeLink(records, c, band, weight));
    }
    report.fit = std::move(*fit);
    report.thresholds = *thresholds;
  } else {
    for (const CandidatePair& c : candidates) {
      const double agreeing = std::popcount(c.pattern.AgreeMask());
      report.links.push_back(MakeLink(records, c, Band::kAutoMatch, agreeing));
    }
  }
  std::sort(report.links.begin(), report.links.end(), [](const ScoredLink& x, const ScoredLink& y) {
    if (x.agency_a != y.agency_a) return x.agency_a < y.agency_a;
    if (x.agency_b != y.agency_b) return x.agency_b < y.agency_b;
    if (x.record_a != y.record_a) return x.record_a < y.record_a;
    return x.record_b < y.record_b;
  });
  report.fitting_time = Clock::now() - blocked_at;
  report.total_time = Clock::now() - started;
  return report;
}

}  // namespace tandem::node::linkage
