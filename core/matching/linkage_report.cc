// The readable table of a LinkageQuality.
#include <cstdio>
#include <string>

#include "core/check.h"
#include "core/matching/linkage_quality.h"

namespace tandem::core::matching {
namespace {

constexpr int kNameWidth = 36;

std::string Printf(const char* format, auto... args) {
  // Agency names come from the input and may be long: size the buffer to the text.
  const int length = std::snprintf(nullptr, 0, format, args...);
  TANDEM_CHECK(length >= 0);
  std::string text(static_cast<std::size_t>(length) + 1, '\0');
  const int written = std::snprintf(text.data(), text.size(), format, args...);
  TANDEM_CHECK(written == length);
  text.pop_back();
  return text;
}

std::string Measure(const std::optional<double>& value) {
  return value.has_value() ? Printf("%.4f", *value) : std::string("n/a");
}

std::string Row(const std::string& name, const PairCounts& counts) {
  return Printf("%-*s %10llu %10llu %10llu %10s %10s %10s\n", kNameWidth, name.c_str(),
                static_cast<unsigned long long>(counts.true_positives),
                static_cast<unsigned long long>(counts.false_positives),
                static_cast<unsigned long long>(counts.false_negatives),
                Measure(counts.Precision()).c_str(), Measure(counts.Recall()).c_str(),
                Measure(counts.F1()).c_str());
}

std::string Section(const BandSelectionQuality& selection) {
  std::string text = "\nband: " + selection.name + "\n";
  text += Printf("%-*s %10s %10s %10s %10s %10s %10s\n", kNameWidth, "agency pair", "TP", "FP",
                 "FN", "precision", "recall", "F1");
  text += Row("overall", selection.overall);
  for (const AgencyPairQuality& pair : selection.by_agency_pair) {
    text += Row(pair.agency_a + " / " + pair.agency_b, pair.counts);
  }
  return text;
}

}  // namespace

std::string FormatLinkageQuality(const LinkageQuality& quality) {
  std::string text = "Linkage quality over cross-agency record pairs\n";
  text += Printf("truth: %zu records, %zu people, %llu true pairs\n", quality.truth_records,
                 quality.people, static_cast<unsigned long long>(quality.true_pairs));
  text += Printf(
      "links: %zu read, %zu within one agency (ignored), %zu repeated pairs (counted once), "
      "%zu pairs only banded non-match\n",
      quality.links_read, quality.intra_agency_links, quality.repeated_links,
      quality.non_match_pairs);
  text += Section(quality.auto_only);
  text += Section(quality.auto_and_review);
  return text;
}

}  // namespace tandem::core::matching
