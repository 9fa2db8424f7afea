// Measuring linkage quality against the synthetic generator's ground truth: pairwise
// precision, recall and F1 over cross-agency record pairs, overall and per agency pair, for
// the auto band and for auto + review. docs/scoring.md ("Linkage quality") defines every
// count; in short:
//   true pairs      all unordered pairs of records held by different agencies whose truth
//                   rows share a person_id (pairs within one agency are not counted);
//   predicted pairs the links in the selected bands between records of different agencies,
//                   as unordered pairs, each counted once however often it is listed (a pair
//                   listed in several bands takes its strongest band);
//   TP = predicted and true, FP = predicted and not true, FN = true and not predicted;
//   precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = their harmonic mean; each is
//   absent ("n/a") when its denominator is zero.
// A link naming a record that is not in the truth is an error in the input, not a false
// positive. Messages name lines and agencies, never record or person identifiers.
//
// Core does no I/O: parsers read a std::istream the caller opened. Everything here is
// single-threaded; LinkageEvaluator is thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/matching/bands.h"
#include "core/result.h"

namespace tandem::core::matching {

// One row of a links file: a scored pair of records.
struct Link {
  std::string agency_a;
  std::string record_a;
  std::string agency_b;
  std::string record_b;
  Band band = Band::kNonMatch;
  double weight = 0.0;
  int line = 0;  // line in the file it was read from; 0 when built in code
};

// One row of truth.csv: which person a record belongs to.
struct TruthRecord {
  std::string agency;
  std::string record_id;
  std::string person_id;
  int line = 0;  // line in the file it was read from; 0 when built in code
};

inline constexpr std::string_view kLinksHeader = "agency_a,record_a,agency_b,record_b,band,weight";
inline constexpr std::string_view kTruthHeader = "agency,record_id,person_id";
// Every candidate pair with its explanation (`tandem link --explanations`), and the same file
// once clerical reviewers have added their decision: same_person "yes" or "no", or empty for a
// pair not reviewed.
inline constexpr std::string_view kExplanationsHeader =
    "agency_a,record_a,agency_b,record_b,band,weight,explanation";
inline constexpr std::string_view kReviewedPairsHeader =
    "agency_a,record_a,agency_b,record_b,band,weight,explanation,same_person";

// Reads a links CSV (kLinksHeader first; fields may be double-quoted; blank lines skipped;
// CRLF accepted) and calls `sink` for each row in order; stops at the first error, either a
// parse error or one returned by `sink`. kInvalidArgument with the line number for a missing
// or wrong header, a wrong number of fields, an empty field, an unknown band (allowed: auto,
// review, non-match) or a weight that is not a finite number.
Status ReadLinksCsv(std::istream& in, const std::function<Status(const Link&)>& sink);

// ReadLinksCsv collected into a vector.
Result<std::vector<Link>> ParseLinksCsv(std::istream& in);

// Reads a truth CSV (kTruthHeader first; same CSV rules). kInvalidArgument with the line
// number for a missing or wrong header, a wrong number of fields or an empty field.
Result<std::vector<TruthRecord>> ParseTruthCsv(std::istream& in);

// Reads a reviewed explanations file (kReviewedPairsHeader first; same CSV rules): the weight
// and decision of every pair a reviewer decided, in file order; pairs whose same_person is empty
// are skipped. kInvalidArgument with the line number for a missing or wrong header, a wrong
// number of fields, an empty field other than same_person, a weight that is not a finite
// number, or a decision other than "yes" and "no".
Result<std::vector<LabelledPair>> ParseReviewedPairsCsv(std::istream& in);

// Counts for one selection of links over one set of record pairs.
struct PairCounts {
  std::uint64_t true_positives = 0;
  std::uint64_t false_positives = 0;
  std::uint64_t false_negatives = 0;

  std::optional<double> Precision() const;
  std::optional<double> Recall() const;
  // Absent when precision or recall is; 0 when both are 0.
  std::optional<double> F1() const;
};

struct AgencyPairQuality {
  std::string agency_a;  // agency_a < agency_b (byte order)
  std::string agency_b;
  PairCounts counts;
};

// Quality of one band selection ("auto" or "auto+review").
struct BandSelectionQuality {
  std::string name;
  PairCounts overall;
  // Every agency pair with at least one true or predicted pair, ordered by names.
  std::vector<AgencyPairQuality> by_agency_pair;
};

struct LinkageQuality {
  std::size_t truth_records = 0;         // distinct (agency, record_id) in the truth
  std::size_t people = 0;                // distinct person_id
  std::uint64_t true_pairs = 0;          // cross-agency same-person pairs
  std::size_t links_read = 0;            // every link given
  std::size_t intra_agency_links = 0;    // links within one agency: outside the measure, ignored
  std::size_t repeated_links = 0;        // cross-agency links whose pair was already listed
  std::size_t non_match_pairs = 0;       // distinct cross-agency pairs only ever banded non-match
  BandSelectionQuality auto_only;        // predicted = auto
  BandSelectionQuality auto_and_review;  // predicted = auto or review
};

// Accumulates links against an indexed truth, so that a million-row links file can be
// measured while it streams in. Memory: O(truth records + distinct linked pairs).
class LinkageEvaluator {
 public:
  // Indexes the truth. kInvalidArgument (naming the lines) when one (agency, record_id)
  // appears with two different person_ids, or when a field is empty; a row repeated exactly
  // is counted once. Building is O(n log n) in the number of truth rows.
  static Result<LinkageEvaluator> Create(const std::vector<TruthRecord>& truth);

  // Records one link. kInvalidArgument when either record is not in the truth (the message
  // names the line and the agency, not the record).
  Status Add(const Link& link);

  // The counts for everything added so far.
  LinkageQuality Measure() const;

 private:
  LinkageEvaluator() = default;

  std::optional<std::uint32_t> FindRecord(const std::string& agency,
                                          const std::string& record_id) const;

  std::vector<std::string> agency_names_;
  std::unordered_map<std::string, std::uint16_t> agency_ids_;
  std::vector<std::unordered_map<std::string, std::uint32_t>> records_by_agency_;
  std::vector<std::uint16_t> agency_of_record_;
  std::vector<std::uint32_t> person_of_record_;
  std::size_t people_ = 0;
  std::vector<std::uint64_t> true_pairs_by_agency_pair_;  // agency_a * agencies + agency_b
  // Unordered record pair (lower index in the high half) -> strongest band listed.
  std::unordered_map<std::uint64_t, Band> predicted_;
  std::size_t links_read_ = 0;
  std::size_t intra_agency_links_ = 0;
  std::size_t repeated_links_ = 0;
};

// Builds a LinkageEvaluator from `truth`, adds every link, and measures.
Result<LinkageQuality> MeasureLinkageQuality(const std::vector<Link>& links,
                                             const std::vector<TruthRecord>& truth);

// A table a person can read: the totals, then for each band selection the overall row and
// one row per agency pair, with TP, FP, FN, precision, recall and F1 (4 decimals, "n/a" when
// undefined).
std::string FormatLinkageQuality(const LinkageQuality& quality);

}  // namespace tandem::core::matching
