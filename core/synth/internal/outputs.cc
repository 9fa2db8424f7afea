#include "core/synth/internal/exports.h"

namespace tandem::core::synth::internal {
namespace {

constexpr std::array<std::string_view, 11> kPoliceNominals = {
    "nominal_id", "surname",  "forename", "middle_names",   "dob", "sex", "pnc_id",
    "address",    "postcode", "aliases",  "warning_markers"};
constexpr std::array<std::string_view, 9> kPoliceOccurrences = {
    "occurrence_id", "nominal_id",     "role",       "offence_code", "committed_on",
    "reported_on",   "domestic_abuse", "victim_ref", "outcome"};
constexpr std::array<std::string_view, 15> kProbationCases = {
    "crn",    "pnc_id",    "surname",        "forename",    "dob",
    "gender", "postcode",  "supervision",    "start_date",  "end_date",
    "rosh",   "ogrs3_2yr", "mappa_category", "mappa_level", "accredited_programme"};
constexpr std::array<std::string_view, 12> kNhsMentalHealth = {
    "local_patient_id", "nhs_number",     "family_name", "given_name",
    "date_of_birth",    "gender_code",    "postcode",    "service",
    "referral_date",    "discharge_date", "risk_flags",  "marac_flag"};
constexpr std::array<std::string_view, 12> kHousingTenancies = {
    "tenancy_ref",       "lead_tenant_name", "date_of_birth", "ni_number",  "address",
    "postcode",          "tenure",           "status",        "start_date", "end_date",
    "homelessness_duty", "asb_cases_open"};
constexpr std::array<std::string_view, 12> kTreatmentEpisodes = {"client_ref",
                                                                 "first_initial",
                                                                 "surname_initial",
                                                                 "dob",
                                                                 "sex",
                                                                 "postcode_district",
                                                                 "substance",
                                                                 "referral_date",
                                                                 "treatment_start",
                                                                 "discharge_date",
                                                                 "discharge_reason",
                                                                 "injecting"};
constexpr std::array<std::string_view, 14> kIdvaCases = {"case_ref",
                                                         "referral_date",
                                                         "victim_age",
                                                         "victim_sex",
                                                         "children_in_household",
                                                         "perpetrator_name",
                                                         "perpetrator_dob",
                                                         "perpetrator_age",
                                                         "relationship",
                                                         "risk_level",
                                                         "dash_score",
                                                         "marac_referral",
                                                         "case_status",
                                                         "closed_date"};
constexpr std::array<std::string_view, 3> kTruth = {"agency", "record_id", "person_id"};

CsvOutput Open(std::ostream* stream, OutputFile file) {
  // Line endings differ as real systems do: the trust's export comes from a Windows system
  // with a byte-order mark and CRLF, housing's with CRLF; the rest use LF.
  LineEnding eol = LineEnding::kLf;
  bool bom = false;
  if (file == OutputFile::kNhsMentalHealth) {
    eol = LineEnding::kCrLf;
    bom = true;
  } else if (file == OutputFile::kHousingTenancies) {
    eol = LineEnding::kCrLf;
  }
  CsvOutput out(stream, OutputFileName(file), eol, bom);
  out.Header(HeaderOf(file));
  return out;
}

}  // namespace

std::span<const std::string_view> HeaderOf(OutputFile file) {
  switch (file) {
    case OutputFile::kPoliceNominals:
      return kPoliceNominals;
    case OutputFile::kPoliceOccurrences:
      return kPoliceOccurrences;
    case OutputFile::kProbationCases:
      return kProbationCases;
    case OutputFile::kNhsMentalHealth:
      return kNhsMentalHealth;
    case OutputFile::kHousingTenancies:
      return kHousingTenancies;
    case OutputFile::kTreatmentEpisodes:
      return kTreatmentEpisodes;
    case OutputFile::kIdvaCases:
      return kIdvaCases;
    case OutputFile::kTruth:
      return kTruth;
  }
  return kTruth;
}

Outputs::Outputs(const Sinks& sinks)
    : files_{{
          Open(sinks.police_nominals, OutputFile::kPoliceNominals),
          Open(sinks.police_occurrences, OutputFile::kPoliceOccurrences),
          Open(sinks.probation_cases, OutputFile::kProbationCases),
          Open(sinks.nhs_mental_health, OutputFile::kNhsMentalHealth),
          Open(sinks.housing_tenancies, OutputFile::kHousingTenancies),
          Open(sinks.treatment_episodes, OutputFile::kTreatmentEpisodes),
          Open(sinks.idva_cases, OutputFile::kIdvaCases),
          Open(sinks.truth, OutputFile::kTruth),
      }} {}

void Outputs::Truth(AgencyKind agency, std::string_view record_id, std::string_view person_id) {
  CsvOutput& truth = file(OutputFile::kTruth);
  truth.Field(AgencyName(agency));
  truth.Field(record_id);
  truth.Field(person_id);
  truth.EndRow();
}

Status Outputs::MaybeFlush() {
  for (CsvOutput& f : files_) {
    if (auto status = f.MaybeFlush(); !status) return status;
  }
  return Ok();
}

Status Outputs::Finish() {
  for (CsvOutput& f : files_) {
    if (auto status = f.Finish(); !status) return status;
  }
  return Ok();
}

Rng ExportStream(const World& world, const Person& person, AgencyKind agency, bool duplicate) {
  const std::uint64_t stream =
      static_cast<std::uint64_t>(Stream::kExportBase) + AgencyIndex(agency) + (duplicate ? 8 : 0);
  return Rng::ForStream(world.seed, person.index, stream);
}

std::string PersonId(std::uint64_t index) {
  std::string digits = std::to_string(index + 1);
  return "P" + std::string(digits.size() < 7 ? 7 - digits.size() : 0, '0') + digits;
}

}  // namespace tandem::core::synth::internal
