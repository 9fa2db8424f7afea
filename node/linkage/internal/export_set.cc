#include "node/linkage/internal/export_set.h"

#include <array>
#include <fstream>
#include <system_error>

#include "agency-adapters/export_reader.h"
#include "node/importer/importer.h"

namespace tandem::node::linkage::internal {
namespace {

namespace fs = std::filesystem;
using adapters::ExportKind;
using core::AgencyKind;

constexpr std::size_t kProblemsKept = 50;

constexpr std::array<PersonExport, 6> kPersonExports = {{
    {AgencyKind::kPolice, ExportKind::kPoliceNominals, "police_nominals.csv"},
    {AgencyKind::kProbation, ExportKind::kProbationCases, "probation_cases.csv"},
    {AgencyKind::kNhs, ExportKind::kNhsMentalHealth, "nhs_mental_health.csv"},
    {AgencyKind::kHousing, ExportKind::kHousingTenancies, "housing_tenancies.csv"},
    {AgencyKind::kSubstanceMisuse, ExportKind::kTreatmentEpisodes, "treatment_episodes.csv"},
    {AgencyKind::kVictimAdvocacy, ExportKind::kIdvaCases, "idva_cases.csv"},
}};

std::string FileList() {
  std::string out;
  for (const PersonExport& e : kPersonExports) {
    if (!out.empty()) out += ", ";
    out += e.file_name;
  }
  return out;
}

Status CheckFiles(const fs::path& dir, std::uint64_t& total_bytes) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return Fail(Code::kNotFound, "the exports directory " + dir.string() + " does not exist");
  }
  if (!fs::is_directory(dir, ec)) {
    return Fail(Code::kInvalidArgument, dir.string() + " is not a directory");
  }
  std::vector<std::string> missing;
  total_bytes = 0;
  for (const PersonExport& e : kPersonExports) {
    const fs::path path = dir / e.file_name;
    if (!fs::is_regular_file(path, ec)) {
      missing.emplace_back(e.file_name);
      continue;
    }
    total_bytes += fs::file_size(path, ec);
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += (names.empty() ? "" : ", ") + m;
    return Fail(Code::kNotFound, dir.string() + " lacks " + names + "; linking needs the six " +
                                     "person exports: " + FileList() +
                                     " (tandem synth --out DIR writes them)");
  }
  return Ok();
}

}  // namespace

std::span<const PersonExport> PersonExports() { return kPersonExports; }

Status ReadPersonExports(const fs::path& dir, const RecordSink& sink, const ProgressSink& progress,
                         ExportProblems& problems) {
  std::uint64_t total = 0;
  if (auto checked = CheckFiles(dir, total); !checked) return checked;
  std::uint64_t done_before = 0;
  for (const PersonExport& e : kPersonExports) {
    const fs::path path = dir / e.file_name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Fail(Code::kUnavailable,
                  "cannot open " + path.string() + ": " + std::generic_category().message(errno));
    }
    auto reader = adapters::ExportReader::Open(e.agency, in);
    if (!reader) {
      return Fail(reader.error().code, std::string(e.file_name) + ": " + reader.error().message);
    }
    if ((*reader)->kind() != e.kind) {
      return Fail(Code::kInvalidArgument,
                  std::string(e.file_name) + " holds a " +
                      std::string(adapters::ExportKindName((*reader)->kind())) +
                      " export; linking needs " + std::string(adapters::ExportKindName(e.kind)));
    }
    std::uint64_t rows = 0;
    while (true) {
      auto row = (*reader)->Next();
      if (!row) {
        return Fail(row.error().code, std::string(e.file_name) + ": " + row.error().message);
      }
      if (!row->has_value()) break;
      const adapters::RowOutcome& outcome = **row;
      if (!outcome.errors.empty()) {
        ++problems.bad_rows;
        for (const adapters::RowError& error : outcome.errors) {
          ++problems.problems;
          if (problems.first.size() < kProblemsKept) {
            problems.first.push_back(importer::DescribeRowError(path, error));
          }
        }
      } else if (problems.bad_rows == 0 && outcome.record) {
        if (auto s = sink(e.agency, *outcome.record); !s) return s;
      }
      if (progress && ++rows % 1024 == 0) progress(done_before + (*reader)->bytes_read(), total);
    }
    done_before += (*reader)->bytes_read();
    if (progress) progress(done_before, total);
  }
  return Ok();
}

}  // namespace tandem::node::linkage::internal
