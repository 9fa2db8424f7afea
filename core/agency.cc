#include "core/agency.h"

#include <utility>

namespace tandem::core {
namespace {

constexpr std::array<std::pair<AgencyKind, std::string_view>, 6> kNames = {{
    {AgencyKind::kPolice, "police"},
    {AgencyKind::kProbation, "probation"},
    {AgencyKind::kNhs, "nhs"},
    {AgencyKind::kHousing, "housing"},
    {AgencyKind::kSubstanceMisuse, "substance-misuse"},
    {AgencyKind::kVictimAdvocacy, "victim-advocacy"},
}};

}  // namespace

std::string_view AgencyName(AgencyKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<AgencyKind> ParseAgencyKind(std::string_view name) {
  for (const auto& [k, n] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace tandem::core
