#include "core/synth/internal/cohorts.h"

namespace tandem::core::synth::internal {
namespace {

// Agency order: police, probation, nhs, housing, substance-misuse, victim-advocacy.
constexpr std::array<CohortProfile, kCohortCount> kProfiles = {{
    {Cohort::kGeneral,
     "general",
     6800,
     0.45,
     18,
     90,
     {17, 0, 33, 40, 10, 0},
     {0.05, 0, 0.07, 0.07, 0.03, 0}},
    {Cohort::kOffender,
     "offender",
     1900,
     0.80,
     18,
     62,
     {1, 0, 0, 0, 0, 0},
     {0, 0.22, 0.10, 0.20, 0.22, 0}},
    {Cohort::kDaPerpetrator,
     "da-perpetrator",
     800,
     0.86,
     19,
     70,
     {1, 0, 0, 0, 0, 0},
     {0, 0.30, 0.15, 0.25, 0.20, 0.40}},
    {Cohort::kHighHarm,
     "high-harm",
     300,
     0.95,
     20,
     58,
     {1, 0, 0, 0, 0, 0},
     {0, 0.85, 0.50, 0.60, 0.50, 0.85}},
    {Cohort::kHiddenDa,
     "hidden-da",
     200,
     0.85,
     19,
     70,
     {0, 0, 0, 0, 0, 1},
     {0, 0, 0.15, 0.20, 0.10, 0}},
}};

constexpr std::size_t kPolice = AgencyIndex(AgencyKind::kPolice);
constexpr std::size_t kProbation = AgencyIndex(AgencyKind::kProbation);

}  // namespace

const CohortProfile& ProfileOf(Cohort cohort) {
  return kProfiles[static_cast<std::size_t>(cohort)];
}

Cohort DrawCohort(Rng& rng) {
  std::array<std::uint32_t, kCohortCount> shares{};
  for (std::size_t i = 0; i < kCohortCount; ++i) shares[i] = kProfiles[i].share;
  return kProfiles[rng.Weighted(shares)].cohort;
}

std::array<bool, 6> DrawMembership(const CohortProfile& profile, Rng& rng) {
  std::array<bool, 6> known{};
  known[rng.Weighted(profile.primary)] = true;
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (rng.Chance(profile.also[i])) known[i] = true;
  }
  if (!known[kPolice]) known[kProbation] = false;
  return known;
}

}  // namespace tandem::core::synth::internal
