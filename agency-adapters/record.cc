#include "agency-adapters/record.h"

#include <array>
#include <string>
#include <tuple>

namespace tandem::adapters {
namespace {

using core::AgencyKind;

constexpr std::array<std::tuple<ExportKind, std::string_view, AgencyKind>, 7> kExports = {{
    {ExportKind::kPoliceNominals, "police_nominals", AgencyKind::kPolice},
    {ExportKind::kPoliceOccurrences, "police_occurrences", AgencyKind::kPolice},
    {ExportKind::kProbationCases, "probation_cases", AgencyKind::kProbation},
    {ExportKind::kNhsMentalHealth, "nhs_mental_health", AgencyKind::kNhs},
    {ExportKind::kHousingTenancies, "housing_tenancies", AgencyKind::kHousing},
    {ExportKind::kTreatmentEpisodes, "treatment_episodes", AgencyKind::kSubstanceMisuse},
    {ExportKind::kIdvaCases, "idva_cases", AgencyKind::kVictimAdvocacy},
}};

}  // namespace

std::string_view ExportKindName(ExportKind kind) {
  for (const auto& [k, name, agency] : kExports) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<ExportKind> ExportKindFromName(std::string_view name) {
  for (const auto& [k, known, agency] : kExports) {
    if (known == name) return k;
  }
  return std::nullopt;
}

std::string ExportKindNames() {
  std::string names;
  for (const auto& [k, name, agency] : kExports) {
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return names;
}

core::AgencyKind ExportAgency(ExportKind kind) {
  for (const auto& [k, name, agency] : kExports) {
    if (k == kind) return agency;
  }
  return AgencyKind::kPolice;
}

std::string DescribeRowError(const RowError& error) {
  std::string out = "line " + std::to_string(error.line);
  if (!error.column.empty()) out += ", column " + error.column + ": '" + error.value + "'";
  out += error.column.empty() ? ": " : " ";
  out += error.reason;
  return out;
}

}  // namespace tandem::adapters
