// The seven agency exports and truth.csv, written one person at a time. Each exporter renders
// the records one agency holds about a person through that agency's noise profile, from the
// person's own random stream for that agency (so what one agency writes never changes what
// another writes), and adds one truth row per person record.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/synth/generator.h"
#include "core/synth/internal/csv_output.h"
#include "core/synth/internal/person.h"
#include "core/synth/internal/references.h"
#include "core/synth/internal/rng.h"
#include "core/synth/internal/world.h"

namespace tandem::core::synth::internal {

// The eight files, opened on the caller's sinks, headers written.
class Outputs {
 public:
  explicit Outputs(const Sinks& sinks);

  CsvOutput& file(OutputFile f) { return files_[static_cast<std::size_t>(f)]; }
  const CsvOutput& file(OutputFile f) const { return files_[static_cast<std::size_t>(f)]; }

  // One truth row: agency kind name, record reference, person id.
  void Truth(AgencyKind agency, std::string_view record_id, std::string_view person_id);

  Status MaybeFlush();
  Status Finish();

 private:
  std::array<CsvOutput, kOutputFileCount> files_;
};

// Everything an exporter needs besides the person.
struct ExportContext {
  const World& world;
  References& refs;
  Outputs& out;
  std::string person_id;                // "P0000001"
  std::uint64_t duplicate_records = 0;  // extra records of one person within one agency
};

// The person's stream for one agency's records (duplicate = a second, independent record).
Rng ExportStream(const World& world, const Person& person, AgencyKind agency,
                 bool duplicate = false);

// "P" + 7 digits of index + 1.
std::string PersonId(std::uint64_t index);

// The header of each file, as docs/agency-exports.md gives it.
std::span<const std::string_view> HeaderOf(OutputFile file);

void ExportPolice(const Person& person, ExportContext& ctx);
void ExportProbation(const Person& person, ExportContext& ctx);
void ExportNhs(const Person& person, ExportContext& ctx);
void ExportHousing(const Person& person, ExportContext& ctx);
void ExportTreatment(const Person& person, ExportContext& ctx);
void ExportIdva(const Person& person, ExportContext& ctx);

}  // namespace tandem::core::synth::internal
