#include "node/linkage/links_file.h"

#include <array>
#include <cstdio>
#include <string>

#include "core/matching/linkage_quality.h"
#include "node/importer/bad_row_files.h"
#include "node/store/atomic_file.h"

namespace tandem::node::linkage {
namespace {

std::string Weight(double weight) {
  std::array<char, 32> text{};
  (void)std::snprintf(text.data(), text.size(), "%.4f", weight);
  return text.data();
}

void AppendPair(const ScoredLink& link, std::string& row) {
  row += core::AgencyName(link.agency_a);
  row += ',';
  row += importer::CsvField(link.record_a);
  row += ',';
  row += core::AgencyName(link.agency_b);
  row += ',';
  row += importer::CsvField(link.record_b);
}

Status Commit(store::AtomicFileWriter& writer) {
  if (auto s = writer.Commit(); !s) {
    return Fail(s.error().code,
                "cannot write " + writer.target().string() + ": " + s.error().message);
  }
  return Ok();
}

}  // namespace

Status WriteLinksCsv(const std::filesystem::path& path, const std::vector<ScoredLink>& links) {
  auto writer = store::AtomicFileWriter::Create(path);
  if (!writer) return tl::unexpected(writer.error());
  std::string row(core::matching::kLinksHeader);
  row += '\n';
  for (const ScoredLink& link : links) {
    if (link.band == core::matching::Band::kNonMatch) continue;
    AppendPair(link, row);
    row += ',';
    row += core::matching::BandName(link.band);
    row += ',';
    row += Weight(link.weight);
    row += '\n';
    if (row.size() > (1u << 16)) {
      if (auto s = (*writer)->Write(row); !s) return s;
      row.clear();
    }
  }
  if (auto s = (*writer)->Write(row); !s) return s;
  return Commit(**writer);
}

Status WriteExplanationsCsv(const std::filesystem::path& path, const std::vector<ScoredLink>& links,
                            const core::matching::MatchModel& model,
                            const core::matching::BandThresholds& thresholds) {
  auto writer = store::AtomicFileWriter::Create(path);
  if (!writer) return tl::unexpected(writer.error());
  std::string row = std::string(core::matching::kExplanationsHeader) + "\n";
  for (const ScoredLink& link : links) {
    AppendPair(link, row);
    row += ',';
    row += core::matching::BandName(link.band);
    row += ',';
    row += Weight(link.weight);
    row += ',';
    row += importer::CsvField(core::matching::FormatExplanation(
        core::matching::Explain(model, thresholds, link.pattern)));
    row += '\n';
    if (row.size() > (1u << 16)) {
      if (auto s = (*writer)->Write(row); !s) return s;
      row.clear();
    }
  }
  if (auto s = (*writer)->Write(row); !s) return s;
  return Commit(**writer);
}

}  // namespace tandem::node::linkage
