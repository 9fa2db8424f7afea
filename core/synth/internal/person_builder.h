// Builds one person of the synthetic world from their own random streams: cohort and the
// agencies that know them, identity, offending and victims, services.
#pragma once

#include <cstdint>

#include "core/synth/internal/person.h"
#include "core/synth/internal/references.h"
#include "core/synth/internal/world.h"

namespace tandem::core::synth::internal {

// The person at `index`. `refs` hands out the person's numbers (NHS, NI, PNC, victims), so
// people must be built in index order for a run to be reproducible.
Person BuildPerson(std::uint64_t index, const World& world, References& refs);

}  // namespace tandem::core::synth::internal
