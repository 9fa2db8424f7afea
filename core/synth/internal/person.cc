#include "core/synth/internal/person.h"

namespace tandem::core::synth::internal {
namespace {

constexpr std::array<std::string_view, 4> kRoleNames = {"SUSPECT", "OFFENDER", "VICTIM", "WITNESS"};
constexpr std::array<std::string_view, 6> kOutcomeNames = {
    "CHARGED", "CONVICTED", "CAUTIONED", "COMMUNITY_RESOLUTION", "NFA", "UNDER_INVESTIGATION"};
constexpr std::array<std::string_view, 4> kRelationshipNames = {"PARTNER", "EX_PARTNER", "FAMILY",
                                                                "OTHER"};
constexpr std::array<std::string_view, 3> kRiskLevelNames = {"STANDARD", "MEDIUM", "HIGH"};

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::string_view OutcomeName(Outcome outcome) {
  return kOutcomeNames[static_cast<std::size_t>(outcome)];
}

bool IsSanction(Outcome outcome) {
  return outcome == Outcome::kConvicted || outcome == Outcome::kCautioned ||
         outcome == Outcome::kCommunityResolution;
}

std::string_view RelationshipName(Relationship relationship) {
  return kRelationshipNames[static_cast<std::size_t>(relationship)];
}

std::string_view RiskLevelName(RiskLevel level) {
  return kRiskLevelNames[static_cast<std::size_t>(level)];
}

std::size_t Person::AddressIndexOn(Day day) const {
  std::size_t index = 0;
  for (std::size_t i = 1; i < addresses.size(); ++i) {
    if (addresses[i].since <= day) index = i;
  }
  return index;
}

}  // namespace tandem::core::synth::internal
