#include "core/matching/linkage_quality.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

namespace tandem::core::matching {
namespace {

std::string TruthWhere(const TruthRecord& row, std::size_t index) {
  return row.line > 0 ? "truth line " + std::to_string(row.line)
                      : "truth row " + std::to_string(index + 1);
}

std::string LinkWhere(const Link& link, std::size_t index) {
  return link.line > 0 ? "links line " + std::to_string(link.line)
                       : "link " + std::to_string(index);
}

std::uint64_t PairKey(std::uint32_t a, std::uint32_t b) {
  const auto low = std::min(a, b);
  const auto high = std::max(a, b);
  return (static_cast<std::uint64_t>(low) << 32) | high;
}

std::optional<double> Ratio(std::uint64_t numerator, std::uint64_t denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

}  // namespace

std::optional<double> PairCounts::Precision() const {
  return Ratio(true_positives, true_positives + false_positives);
}

std::optional<double> PairCounts::Recall() const {
  return Ratio(true_positives, true_positives + false_negatives);
}

std::optional<double> PairCounts::F1() const {
  const std::optional<double> precision = Precision();
  const std::optional<double> recall = Recall();
  if (!precision.has_value() || !recall.has_value()) return std::nullopt;
  if (*precision + *recall == 0.0) return 0.0;
  return 2.0 * *precision * *recall / (*precision + *recall);
}

Result<LinkageEvaluator> LinkageEvaluator::Create(const std::vector<TruthRecord>& truth) {
  LinkageEvaluator evaluator;
  std::unordered_map<std::string, std::uint32_t> person_ids;
  std::vector<std::size_t> row_of_record;  // first truth row that named each record
  person_ids.reserve(truth.size());
  row_of_record.reserve(truth.size());
  evaluator.agency_of_record_.reserve(truth.size());
  evaluator.person_of_record_.reserve(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const TruthRecord& row = truth[i];
    if (row.agency.empty() || row.record_id.empty() || row.person_id.empty()) {
      return Fail(Code::kInvalidArgument,
                  TruthWhere(row, i) + ": agency, record_id and person_id must all be given");
    }
    auto [agency, new_agency] = evaluator.agency_ids_.try_emplace(
        row.agency, static_cast<std::uint16_t>(evaluator.agency_names_.size()));
    if (new_agency) {
      if (evaluator.agency_names_.size() == std::numeric_limits<std::uint16_t>::max()) {
        return Fail(Code::kInvalidArgument, TruthWhere(row, i) + ": more than " +
                                                std::to_string(evaluator.agency_names_.size()) +
                                                " agencies");
      }
      evaluator.agency_names_.push_back(row.agency);
      evaluator.records_by_agency_.emplace_back();
    }
    const std::uint16_t agency_id = agency->second;
    const auto [person, new_person] =
        person_ids.try_emplace(row.person_id, static_cast<std::uint32_t>(person_ids.size()));
    (void)new_person;
    const auto record_id = static_cast<std::uint32_t>(evaluator.person_of_record_.size());
    const auto [record, new_record] =
        evaluator.records_by_agency_[agency_id].try_emplace(row.record_id, record_id);
    if (!new_record) {
      const std::size_t first_row = row_of_record[record->second];
      if (evaluator.person_of_record_[record->second] != person->second) {
        return Fail(Code::kInvalidArgument, TruthWhere(row, i) + ": agency " + row.agency +
                                                " lists the same record_id as " +
                                                TruthWhere(truth[first_row], first_row) +
                                                " with a different person_id");
      }
      continue;  // the same row again: count it once
    }
    evaluator.agency_of_record_.push_back(agency_id);
    evaluator.person_of_record_.push_back(person->second);
    row_of_record.push_back(i);
  }
  evaluator.people_ = person_ids.size();

  // True pairs per agency pair, by grouping records by person: a person with n_a records at
  // agency a and n_b at agency b contributes n_a * n_b pairs to (a, b).
  const std::size_t agencies = evaluator.agency_names_.size();
  evaluator.true_pairs_by_agency_pair_.assign(agencies * agencies, 0);
  std::vector<std::pair<std::uint32_t, std::uint16_t>> person_agency;
  person_agency.reserve(evaluator.person_of_record_.size());
  for (std::size_t r = 0; r < evaluator.person_of_record_.size(); ++r) {
    person_agency.emplace_back(evaluator.person_of_record_[r], evaluator.agency_of_record_[r]);
  }
  std::sort(person_agency.begin(), person_agency.end());
  std::vector<std::pair<std::uint16_t, std::uint64_t>> per_agency;  // one person's records
  for (std::size_t i = 0; i < person_agency.size();) {
    const std::uint32_t person = person_agency[i].first;
    per_agency.clear();
    for (; i < person_agency.size() && person_agency[i].first == person; ++i) {
      if (per_agency.empty() || per_agency.back().first != person_agency[i].second) {
        per_agency.emplace_back(person_agency[i].second, 0);
      }
      ++per_agency.back().second;
    }
    for (std::size_t x = 0; x < per_agency.size(); ++x) {
      for (std::size_t y = x + 1; y < per_agency.size(); ++y) {
        evaluator
            .true_pairs_by_agency_pair_[per_agency[x].first * agencies + per_agency[y].first] +=
            per_agency[x].second * per_agency[y].second;
      }
    }
  }
  return evaluator;
}

std::optional<std::uint32_t> LinkageEvaluator::FindRecord(const std::string& agency,
                                                          const std::string& record_id) const {
  const auto found_agency = agency_ids_.find(agency);
  if (found_agency == agency_ids_.end()) return std::nullopt;
  const auto& records = records_by_agency_[found_agency->second];
  const auto found = records.find(record_id);
  if (found == records.end()) return std::nullopt;
  return found->second;
}

Status LinkageEvaluator::Add(const Link& link) {
  const std::size_t index = ++links_read_;
  const std::optional<std::uint32_t> a = FindRecord(link.agency_a, link.record_a);
  const std::optional<std::uint32_t> b = FindRecord(link.agency_b, link.record_b);
  if (!a.has_value() || !b.has_value()) {
    const bool a_missing = !a.has_value();
    return Fail(Code::kInvalidArgument,
                LinkWhere(link, index) + ": " + (a_missing ? "record_a" : "record_b") +
                    " of agency " + (a_missing ? link.agency_a : link.agency_b) +
                    " is not in the truth; the truth must list every linked record");
  }
  if (agency_of_record_[*a] == agency_of_record_[*b]) {
    ++intra_agency_links_;
    return Ok();
  }
  const auto [pair, inserted] = predicted_.try_emplace(PairKey(*a, *b), link.band);
  if (!inserted) {
    ++repeated_links_;
    pair->second = std::max(pair->second, link.band);
  }
  return Ok();
}

LinkageQuality LinkageEvaluator::Measure() const {
  const std::size_t agencies = agency_names_.size();
  // Indexed by (lower agency id) * agencies + (higher agency id).
  std::vector<PairCounts> auto_counts(agencies * agencies);
  std::vector<PairCounts> review_counts(agencies * agencies);
  LinkageQuality quality;
  for (const auto& [key, band] : predicted_) {
    if (band == Band::kNonMatch) {
      ++quality.non_match_pairs;
      continue;
    }
    const auto a = static_cast<std::uint32_t>(key >> 32);
    const auto b = static_cast<std::uint32_t>(key & 0xffffffffU);
    const std::uint16_t agency_a = agency_of_record_[a];
    const std::uint16_t agency_b = agency_of_record_[b];
    const std::size_t cell = std::min(agency_a, agency_b) * agencies + std::max(agency_a, agency_b);
    const bool same_person = person_of_record_[a] == person_of_record_[b];
    const auto count = [same_person](PairCounts& counts) {
      ++(same_person ? counts.true_positives : counts.false_positives);
    };
    count(review_counts[cell]);
    if (band == Band::kAutoMatch) count(auto_counts[cell]);
  }

  quality.truth_records = person_of_record_.size();
  quality.people = people_;
  quality.links_read = links_read_;
  quality.intra_agency_links = intra_agency_links_;
  quality.repeated_links = repeated_links_;
  quality.auto_only.name = "auto";
  quality.auto_and_review.name = "auto+review";
  for (std::size_t x = 0; x < agencies; ++x) {
    for (std::size_t y = x + 1; y < agencies; ++y) {
      const std::size_t cell = x * agencies + y;
      const std::uint64_t true_pairs = true_pairs_by_agency_pair_[cell];
      quality.true_pairs += true_pairs;
      for (auto [selection, counts] : {std::pair{&quality.auto_only, &auto_counts[cell]},
                                       std::pair{&quality.auto_and_review, &review_counts[cell]}}) {
        counts->false_negatives = true_pairs - counts->true_positives;
        if (true_pairs == 0 && counts->false_positives == 0) continue;
        const bool in_order = agency_names_[x] < agency_names_[y];
        selection->by_agency_pair.push_back({.agency_a = agency_names_[in_order ? x : y],
                                             .agency_b = agency_names_[in_order ? y : x],
                                             .counts = *counts});
        selection->overall.true_positives += counts->true_positives;
        selection->overall.false_positives += counts->false_positives;
        selection->overall.false_negatives += counts->false_negatives;
      }
    }
  }
  for (BandSelectionQuality* selection : {&quality.auto_only, &quality.auto_and_review}) {
    std::sort(selection->by_agency_pair.begin(), selection->by_agency_pair.end(),
              [](const AgencyPairQuality& l, const AgencyPairQuality& r) {
                return std::tie(l.agency_a, l.agency_b) < std::tie(r.agency_a, r.agency_b);
              });
  }
  return quality;
}

Result<LinkageQuality> MeasureLinkageQuality(const std::vector<Link>& links,
                                             const std::vector<TruthRecord>& truth) {
  Result<LinkageEvaluator> evaluator = LinkageEvaluator::Create(truth);
  if (!evaluator) return tl::unexpected(evaluator.error());
  for (const Link& link : links) {
    if (Status added = evaluator->Add(link); !added) return tl::unexpected(added.error());
  }
  return evaluator->Measure();
}

}  // namespace tandem::core::matching
