// A coherent local area for the synthetic partnership: Dorset and its edges (Bournemouth and
// Poole BH1-BH25, Dorchester to Blandford DT1-DT11, Shaftesbury SP7, Gillingham SP8), with
// postcode districts weighted by population, their towns, and street names. Immutable static
// data; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/synth/internal/rng.h"

namespace tandem::core::synth::internal {

struct District {
  std::string_view outward;  // "BH14"
  std::string_view town;     // "Poole"
  std::uint32_t weight;      // relative population
};

// A district drawn by population.
const District& PickDistrict(Rng& rng);

// A district near `home`: the same town most of the time (people mostly move locally).
const District& PickNearbyDistrict(const District& home, Rng& rng);

// A full postcode in `district`: "BH14 9QT" (sector digit, two unit letters of the set
// postcodes use).
std::string MakePostcode(const District& district, Rng& rng);

// A street address in `district`'s town: "12 Kings Road, Poole", sometimes
// "Flat 3, 27 Victoria Road, Bournemouth".
std::string MakeAddressLine(const District& district, Rng& rng);

}  // namespace tandem::core::synth::internal
