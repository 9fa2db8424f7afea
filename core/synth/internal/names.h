// Weighted name lists for a UK population: surnames by frequency (including the hard ones:
// O'Brien, McDonald / MacDonald, de la Cruz, D'Souza, Kowalski, Wiśniewski), forenames by
// popularity and sex (including Zoë, Renée, Chloé, José, Łukasz), and the nicknames people use
// for a forename (from core/nicknames.h). Frequencies are approximate relative counts of
// bearers in England and Wales. Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/synth/internal/weighted_list.h"

namespace tandem::core::synth::internal {

const WeightedList& Surnames();
const WeightedList& MaleForenames();
const WeightedList& FemaleForenames();

// The nicknames (lower-case ASCII, from core/nicknames.h) whose canonical forename is
// `forename` once folded to lower-case ASCII; empty when it has none. "Daniel" -> dan, danny.
std::span<const std::string_view> NicknamesOf(std::string_view forename);

}  // namespace tandem::core::synth::internal
