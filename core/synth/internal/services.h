// What probation, mental health, housing and substance misuse services hold about a person:
// supervision and risk, a mental health referral, tenancies over the years, treatment
// episodes. Dates are ordered (referral <= start <= end) and open cases have no end date.
#pragma once

#include "core/synth/internal/person.h"
#include "core/synth/internal/rng.h"
#include "core/synth/internal/world.h"

namespace tandem::core::synth::internal {

// How many tenancies housing holds for a person it knows (1 to 3).
int DrawTenancyCount(Rng& rng);

// Fills probation, mental_health, tenancies (exactly `tenancy_count` when housing knows the
// person) and treatment for the agencies that know `person`; occurrences must be built.
// Probation needs a conviction: the gravest old enough occurrence becomes one when none exists;
// when none can, probation does not know the person after all.
void BuildServices(Person& person, const World& world, int tenancy_count, Rng& rng);

}  // namespace tandem::core::synth::internal
