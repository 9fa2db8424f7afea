// Local linkage of a partnership's six person exports (what `tandem link` runs): the exports
// are read strictly through the agency adapters, every record's match keys are derived
// (agency-adapters/match_keys.h) and tokenised at once through the threshold OPRF
// (threshold_tokeniser.h), records of different agencies that share a token become candidate
// pairs, a Fellegi–Sunter model is fitted by EM over all cross-agency pairs (candidates plus
// the exact count of the pairs blocking left out, core/matching/blocking.h), and each
// candidate pair is weighed and banded. docs/matching.md describes every step.
//
// Raw key values exist only inside the token pipeline's secure batches and are wiped once
// tokenised; nothing here logs. The report holds counts, the fitted model and the links
// (records named by the exports' own references).
//
// RunLinkage is safe to call from one thread at a time; it uses `threads` workers inside.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/matching/bands.h"
#include "core/matching/comparison.h"
#include "core/matching/em.h"
#include "core/result.h"

namespace tandem::node::linkage {

enum class LinkMode {
  kScored,         // the match-key table, EM and bands
  kExactBaseline,  // links pairs sharing a PNC ID, NHS number, NI number or exact name+DOB
};

struct LinkOptions {
  std::filesystem::path exports_dir;
  LinkMode mode = LinkMode::kScored;
  // Bands: a pair is auto when its posterior reaches auto_probability, review when it
  // reaches review_probability; a weight given in bits (log2 likelihood ratio) replaces the
  // threshold derived from the probability.
  double auto_probability = core::matching::kDefaultAutoMatchProbability;
  double review_probability = core::matching::kDefaultReviewProbability;
  std::optional<double> auto_weight;
  std::optional<double> review_weight;
  unsigned threads = 2;           // tokenising workers
  std::size_t batch_size = 2048;  // key values per OPRF request (one proof per holder each)
  std::uint32_t key_threshold = 3;
  std::uint32_t key_holders = 6;
  // Called now and then with a stage name ("reading and tokenising", "blocking", "fitting")
  // and progress within it.
  std::function<void(std::string_view stage, std::uint64_t done, std::uint64_t total)> on_progress;
};

// One linked pair of records, agency_a before agency_b in core::kAllAgencyKinds order.
struct ScoredLink {
  core::AgencyKind agency_a = core::AgencyKind::kPolice;
  std::string record_a;
  core::AgencyKind agency_b = core::AgencyKind::kPolice;
  std::string record_b;
  core::matching::Band band = core::matching::Band::kNonMatch;
  double weight = 0.0;
  core::matching::ComparisonPattern pattern;
};

struct LinkReport {
  // Set when a file had bad rows: nothing was linked.
  bool refused = false;
  std::uint64_t bad_rows = 0;
  std::uint64_t problems = 0;
  std::vector<std::string> first_problems;  // the adapters' descriptions, first ones

  std::array<std::uint64_t, 6> records{};  // person records per agency (kAllAgencyKinds order)
  std::uint64_t records_without_keys = 0;  // records with no key value at all
  std::uint64_t key_values = 0;            // values derived, over all records
  std::uint64_t distinct_values = 0;       // values tokenised (each once)
  std::uint64_t values_too_long = 0;       // not tokenisable (over 65535 bytes)
  std::uint64_t oprf_batches = 0;
  std::uint64_t distinct_tokens = 0;
  std::uint64_t candidate_pairs = 0;
  std::uint64_t largest_block = 0;

  std::vector<std::string> key_names;        // the key table in use, in pattern order
  std::optional<core::matching::EmFit> fit;  // scored mode only
  std::optional<core::matching::BandThresholds> thresholds;
  // Every candidate pair with its band (non-match included), ordered by agencies then records.
  std::vector<ScoredLink> links;

  std::chrono::duration<double> read_and_tokenise_time{};
  std::chrono::duration<double> blocking_time{};
  std::chrono::duration<double> fitting_time{};
  std::chrono::duration<double> total_time{};
};

// Runs the linkage. Returns a report with refused = true (and no links) when any export has
// bad rows. Errors: those of reading the exports (kNotFound for a missing directory or file,
// kInvalidArgument for a file that is not the expected export, kUnavailable); kInvalidArgument
// for thresholds out of range; errors of the OPRF (kUnauthenticated when a holder's proof
// fails) and of EM.
Result<LinkReport> RunLinkage(const LinkOptions& options);

}  // namespace tandem::node::linkage
