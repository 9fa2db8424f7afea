#include "core/offences.h"

#include <array>

namespace tandem::core {
namespace {

// Approximate CCHI weights for synthetic data (see docs/synthetic-data.md), not the published
// Cambridge table.
constexpr std::array<Offence, 26> kOffences = {{
    {"MURDER", 5475, true, false},
    {"ATTEMPTED_MURDER", 3650, true, false},
    {"RAPE", 2555, true, false},
    {"GBH_WITH_INTENT", 1825, true, false},
    {"SEXUAL_ASSAULT", 365, true, false},
    {"GBH", 365, true, false},
    {"NON_FATAL_STRANGULATION", 365, true, false},
    {"ROBBERY", 365, false, false},
    {"DRUG_SUPPLY", 365, false, false},
    {"BURGLARY_DWELLING", 273, false, false},
    {"WEAPON_POSSESSION", 273, false, false},
    {"ABH", 182, true, false},
    {"CONTROLLING_COERCIVE", 182, true, false},
    {"THREATS_TO_KILL", 182, true, false},
    {"ARSON", 185, false, false},
    {"CHILD_CRUELTY", 365, true, false},
    {"STALKING", 60, true, false},
    {"BREACH_PROTECTIVE_ORDER", 60, true, false},
    {"HARASSMENT", 10, true, false},
    {"COMMON_ASSAULT", 10, false, true},
    {"MALICIOUS_COMMS", 10, false, false},
    {"PUBLIC_ORDER", 7, false, false},
    {"DRUG_POSSESSION", 3, false, false},
    {"CRIMINAL_DAMAGE", 2, false, false},
    {"THEFT_OTHER", 2, false, false},
    {"THEFT_SHOP", 1, false, false},
}};

}  // namespace

std::span<const Offence> Offences() { return kOffences; }

std::optional<Offence> FindOffence(std::string_view code) {
  for (const Offence& offence : kOffences) {
    if (offence.code == code) return offence;
  }
  return std::nullopt;
}

bool IsHighHarm(const Offence& offence, bool domestic_abuse) {
  return offence.high_harm || (domestic_abuse && offence.high_harm_when_domestic);
}

}  // namespace tandem::core
