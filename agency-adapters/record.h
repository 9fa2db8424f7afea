// What an adapter produces from one valid row of an agency export: the row's own reference,
// its typed fields in canonical text form, and (for rows about a person) the normalised
// identity that matching works from. Value types; thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/agency.h"
#include "core/date.h"

namespace tandem::adapters {

// The seven export files of agency-exports.md (police send two).
enum class ExportKind {
  kPoliceNominals,
  kPoliceOccurrences,
  kProbationCases,
  kNhsMentalHealth,
  kHousingTenancies,
  kTreatmentEpisodes,
  kIdvaCases,
};

// Stable names used in the store and in reports: "police_nominals", "police_occurrences",
// "probation_cases", "nhs_mental_health", "housing_tenancies", "treatment_episodes",
// "idva_cases" (the export file names without ".csv").
std::string_view ExportKindName(ExportKind kind);
// The export kind of such a name; nullopt for any other text.
std::optional<ExportKind> ExportKindFromName(std::string_view name);
// Every such name, comma-separated, for messages.
std::string ExportKindNames();

// The agency kind that sends this export.
core::AgencyKind ExportAgency(ExportKind kind);

enum class Sex { kUnknown, kMale, kFemale, kOther };

// Identifiers after normalisation (see normalise.h). Empty string / nullopt = unknown.
// Names are ASCII lower case with diacritics, punctuation and particles handled.
struct Identity {
  struct Name {
    std::string forename;  // canonical forename (nickname resolved)
    std::string surname;
    std::optional<core::Date> dob;  // only aliases with an @date carry one
  };
  std::string forename;           // canonical forename
  std::string forename_as_given;  // normalised but not nickname-resolved
  std::string middle_names;
  std::string surname;
  std::vector<Name> aliases;
  std::optional<core::Date> dob;
  std::optional<int> estimated_age;  // victim-advocacy descriptions only
  Sex sex = Sex::kUnknown;
  std::string postcode;    // "BH14 9QT"
  std::string district;    // "BH14"
  std::string pnc_id;      // "04/881234T", check letter verified
  std::string nhs_number;  // 10 digits, check digit verified
  std::string ni_number;   // "AB123456C"
  // Lower-case letter or 0: treatment data gives only these; the other exports derive them
  // from forename_as_given and surname so that the initials key can match across agencies.
  char first_initial = 0;
  char surname_initial = 0;
};

// One valid row. `fields` holds every column in header order, in canonical form (dates ISO
// YYYY-MM-DD, codes upper case, empty = unknown); it is what the store keeps.
struct Record {
  ExportKind kind;
  std::string ref;         // the export's own reference: nominal_id, crn, case_ref, ...
  std::string person_ref;  // the person the row is about: == ref, or nominal_id for occurrences
  std::vector<std::pair<std::string, std::string>> fields;
  std::optional<Identity> identity;  // absent for police occurrences
  std::size_t line = 0;              // 1-based physical line where the row starts
};

// Why a row was refused: line, column, the offending value, and the reason in words.
struct RowError {
  std::size_t line = 0;
  std::string column;
  std::string value;
  std::string reason;
};

// The error as a person reads it: "line 14, column dob: '31/02/1985' is not a date: February
// 1985 has no day 31", or "line 14: <reason>" for a problem of the whole row.
std::string DescribeRowError(const RowError& error);

}  // namespace tandem::adapters
