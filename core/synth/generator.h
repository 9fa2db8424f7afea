// The synthetic partnership: a population of people known to one or more agencies, written as
// the seven agency exports of docs/agency-exports.md plus truth.csv, the ground truth that
// linkage and evaluation are measured against. Exports carry realistic, documented noise
// (docs/synthetic-data.md). The generator writes to streams only; it never opens a file.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace tandem::core::synth {

// The largest population Generate accepts (record references have fixed widths).
inline constexpr std::uint64_t kMaxPeople = 1'000'000;

// The default "today" of the synthetic world. Fixed, so output never depends on the clock.
inline Date DefaultReferenceDate() { return *Date::FromYmd(2026, 11, 1); }

struct Options {
  std::uint64_t people = 1000;  // 1 to kMaxPeople; everyone is known to at least one agency
  std::uint64_t seed = 1;
  // "Today" of the synthetic world: police occurrences run from 1 January eight years
  // before it up to it. Between 2019-01-01 and 2150-12-31; never the wall clock.
  Date reference_date = DefaultReferenceDate();
};

// The eight output files, in the order of Sinks' members.
enum class OutputFile {
  kPoliceNominals,
  kPoliceOccurrences,
  kProbationCases,
  kNhsMentalHealth,
  kHousingTenancies,
  kTreatmentEpisodes,
  kIdvaCases,
  kTruth,
};
inline constexpr std::size_t kOutputFileCount = 8;

// "police_nominals.csv", ..., "truth.csv".
std::string_view OutputFileName(OutputFile file);

// Where each file goes. A null stream means "do not write that file"; the other files are
// byte-identical whichever sinks are set. Streams are borrowed: the caller owns them and
// keeps them alive for the duration of Generate.
struct Sinks {
  std::ostream* police_nominals = nullptr;
  std::ostream* police_occurrences = nullptr;
  std::ostream* probation_cases = nullptr;
  std::ostream* nhs_mental_health = nullptr;
  std::ostream* housing_tenancies = nullptr;
  std::ostream* treatment_episodes = nullptr;
  std::ostream* idva_cases = nullptr;
  std::ostream* truth = nullptr;
};

struct Summary {
  // Data rows (header excluded) per file, indexed by OutputFile; counted whether or not the
  // file's sink was set.
  std::array<std::uint64_t, kOutputFileCount> rows{};
  // people_by_agency_count[k] = people known to exactly k agencies (k = 1..6; [0] stays 0).
  std::array<std::uint64_t, 7> people_by_agency_count{};
  // People known to each agency kind, indexed in core::kAllAgencyKinds order.
  std::array<std::uint64_t, 6> people_by_agency{};
  std::uint64_t people = 0;
  std::uint64_t duplicate_records = 0;    // extra records of one person inside one agency
  std::uint64_t da_perpetrators = 0;      // people who abused a partner or family member
  std::uint64_t serial_perpetrators = 0;  // DA perpetrators with two or more victims
  std::uint64_t high_harm_cohort = 0;     // people of the escalating high harm cohort
  std::uint64_t idva_perpetrators_unknown_to_police = 0;
};

// Generates options.people people from options.seed and writes every file whose sink is set:
// the header line, then the rows. Same options, same bytes (on any platform: the generator
// uses its own random number generator and draws, never std:: distributions).
// Errors: kInvalidArgument for options out of range (the message names the option);
// kUnavailable when a sink stops accepting writes (the message names the file). After an
// error the sinks may hold part of a file. Thread-safe for distinct sinks.
Result<Summary> Generate(const Options& options, const Sinks& sinks);

}  // namespace tandem::core::synth
