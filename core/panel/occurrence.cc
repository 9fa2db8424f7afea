#include "core/panel/occurrence.h"

#include <array>
#include <utility>

namespace tandem::core::panel {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles = {{
    {Role::kSuspect, "SUSPECT"},
    {Role::kOffender, "OFFENDER"},
    {Role::kVictim, "VICTIM"},
    {Role::kWitness, "WITNESS"},
}};

struct OutcomeRow {
  Outcome outcome;
  std::string_view name;
  bool sanction;
};
constexpr std::array<OutcomeRow, 6> kOutcomes = {{
    {Outcome::kCharged, "CHARGED", false},
    {Outcome::kConvicted, "CONVICTED", true},
    {Outcome::kCautioned, "CAUTIONED", true},
    {Outcome::kCommunityResolution, "COMMUNITY_RESOLUTION", true},
    {Outcome::kNfa, "NFA", false},
    {Outcome::kUnderInvestigation, "UNDER_INVESTIGATION", false},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "UNKNOWN";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  return std::nullopt;
}

std::string_view OutcomeName(Outcome outcome) {
  for (const OutcomeRow& row : kOutcomes) {
    if (row.outcome == outcome) return row.name;
  }
  return "UNKNOWN";
}

std::optional<Outcome> ParseOutcome(std::string_view name) {
  for (const OutcomeRow& row : kOutcomes) {
    if (row.name == name) return row.outcome;
  }
  return std::nullopt;
}

bool IsAccused(const Occurrence& occurrence) {
  return occurrence.role == Role::kSuspect || occurrence.role == Role::kOffender;
}

bool IsSanction(Outcome outcome) {
  for (const OutcomeRow& row : kOutcomes) {
    if (row.outcome == outcome) return row.sanction;
  }
  return false;
}

Result<const Offence*> OffenceOf(const Occurrence& occurrence, const OffenceTable& offences) {
  const Offence* offence = offences.Find(occurrence.offence_code);
  if (offence == nullptr) {
    return Fail(Code::kInvalidArgument, "occurrence " + occurrence.id + ": offence code '" +
                                            occurrence.offence_code +
                                            "' is not in the offence table");
  }
  return offence;
}

}  // namespace tandem::core::panel
