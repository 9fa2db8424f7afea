// Who a person is: sex, names (middle names for many, a married name for some women), date of
// birth, a history of addresses in the local area, NHS and NI numbers.
#pragma once

#include "core/synth/internal/person.h"
#include "core/synth/internal/references.h"
#include "core/synth/internal/rng.h"
#include "core/synth/internal/world.h"

namespace tandem::core::synth::internal {

// Fills the identity of `person`, whose cohort is set. The address history has at least
// `min_addresses` entries (housing needs one per tenancy).
void BuildIdentity(Person& person, const World& world, int min_addresses, Rng& rng,
                   References& refs);

}  // namespace tandem::core::synth::internal
