#include "core/synth/generator.h"

#include <array>
#include <string>

#include "core/synth/internal/exports.h"
#include "core/synth/internal/person_builder.h"

namespace tandem::core::synth {
namespace {

constexpr std::array<std::string_view, kOutputFileCount> kFileNames = {
    "police_nominals.csv",   "police_occurrences.csv",
    "probation_cases.csv",   "nhs_mental_health.csv",
    "housing_tenancies.csv", "treatment_episodes.csv",
    "idva_cases.csv",        "truth.csv",
};

Status CheckOptions(const Options& options) {
  if (options.people == 0) {
    return Fail(Code::kInvalidArgument, "people must be at least 1");
  }
  if (options.people > kMaxPeople) {
    return Fail(Code::kInvalidArgument, "people must be at most " + std::to_string(kMaxPeople) +
                                            ", not " + std::to_string(options.people));
  }
  const Date earliest = *Date::FromYmd(2019, 1, 1);
  const Date latest = *Date::FromYmd(2150, 12, 31);
  if (options.reference_date < earliest || options.reference_date > latest) {
    return Fail(Code::kInvalidArgument, "reference date " + options.reference_date.ToIso() +
                                            " is outside 2019-01-01 to 2150-12-31");
  }
  return Ok();
}

void Tally(const internal::Person& person, Summary& summary) {
  int agencies = 0;
  for (std::size_t i = 0; i < person.known_to.size(); ++i) {
    if (!person.known_to[i]) continue;
    ++agencies;
    ++summary.people_by_agency[i];
  }
  ++summary.people_by_agency_count[static_cast<std::size_t>(agencies)];
  ++summary.people;
  if (person.IsDaPerpetrator()) ++summary.da_perpetrators;
  if (person.victims.size() >= 2) ++summary.serial_perpetrators;
  if (person.cohort == internal::Cohort::kHighHarm) ++summary.high_harm_cohort;
  if (person.Knows(AgencyKind::kVictimAdvocacy) && !person.Knows(AgencyKind::kPolice)) {
    ++summary.idva_perpetrators_unknown_to_police;
  }
}

}  // namespace

std::string_view OutputFileName(OutputFile file) {
  return kFileNames[static_cast<std::size_t>(file)];
}

Result<Summary> Generate(const Options& options, const Sinks& sinks) {
  if (auto status = CheckOptions(options); !status) return tl::unexpected(status.error());
  internal::World world;
  world.seed = options.seed;
  world.reference = internal::ToDay(options.reference_date);
  world.window_start = internal::YearStart(options.reference_date.year() - 8);

  internal::References refs(options.seed);
  internal::Outputs out(sinks);
  Summary summary;
  std::uint64_t duplicates = 0;
  for (std::uint64_t index = 0; index < options.people; ++index) {
    const internal::Person person = internal::BuildPerson(index, world, refs);
    internal::ExportContext ctx{world, refs, out, internal::PersonId(index)};
    internal::ExportPolice(person, ctx);
    internal::ExportProbation(person, ctx);
    internal::ExportNhs(person, ctx);
    internal::ExportHousing(person, ctx);
    internal::ExportTreatment(person, ctx);
    internal::ExportIdva(person, ctx);
    duplicates += ctx.duplicate_records;
    Tally(person, summary);
    if (auto status = out.MaybeFlush(); !status) return tl::unexpected(status.error());
  }
  if (auto status = out.Finish(); !status) return tl::unexpected(status.error());
  summary.duplicate_records = duplicates;
  for (std::size_t f = 0; f < kOutputFileCount; ++f) {
    summary.rows[f] = out.file(static_cast<OutputFile>(f)).rows();
  }
  return summary;
}

}  // namespace tandem::core::synth
