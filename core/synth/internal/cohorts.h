// The cohorts of the synthetic population as a table: each cohort's share, sex ratio, age
// range, the agency that always knows its members and how likely every other agency is to
// know them too. The overlap between agencies follows from these numbers
// (docs/synthetic-data.md). Immutable static data; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/agency.h"
#include "core/synth/internal/person.h"
#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

struct CohortProfile {
  Cohort cohort;
  std::string_view name;
  std::uint32_t share;  // per 10,000 people
  double male;          // probability a member is male
  int age_min;          // age on the reference date
  int age_max;
  // The agency that knows every member, drawn by these weights (AgencyIndex order).
  std::array<std::uint32_t, 6> primary;
  // Probability that each other agency also knows a member.
  std::array<double, 6> also;
};

const CohortProfile& ProfileOf(Cohort cohort);

// A cohort drawn by share.
Cohort DrawCohort(Rng& rng);

// The agencies that know a member of `profile`: the primary one and each other with its
// probability. Probation is only drawn together with police.
std::array<bool, 6> DrawMembership(const CohortProfile& profile, Rng& rng);

}  // namespace tandem::core::synth::internal
