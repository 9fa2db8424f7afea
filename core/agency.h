// The six kinds of agency in a partnership, named the same everywhere: command line, files,
// configuration, the wire. A partnership may run several nodes of one kind.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tandem::core {

enum class AgencyKind {
  kPolice,
  kProbation,
  kNhs,
  kHousing,
  kSubstanceMisuse,
  kVictimAdvocacy,
};

inline constexpr std::array<AgencyKind, 6> kAllAgencyKinds = {
    AgencyKind::kPolice,  AgencyKind::kProbation,       AgencyKind::kNhs,
    AgencyKind::kHousing, AgencyKind::kSubstanceMisuse, AgencyKind::kVictimAdvocacy,
};

// "police", "probation", "nhs", "housing", "substance-misuse", "victim-advocacy".
std::string_view AgencyName(AgencyKind kind);

// The inverse of AgencyName; nullopt for any other string (case-sensitive).
std::optional<AgencyKind> ParseAgencyKind(std::string_view name);

}  // namespace tandem::core
