#include "core/synth/internal/places.h"

#include <array>
#include <vector>

namespace tandem::core::synth::internal {
namespace {

constexpr std::array<District, 38> kDistricts = {{
    {"BH1", "Bournemouth", 18},
    {"BH2", "Bournemouth", 10},
    {"BH3", "Bournemouth", 9},
    {"BH4", "Bournemouth", 10},
    {"BH5", "Bournemouth", 14},
    {"BH6", "Bournemouth", 17},
    {"BH7", "Bournemouth", 11},
    {"BH8", "Bournemouth", 20},
    {"BH9", "Bournemouth", 18},
    {"BH10", "Bournemouth", 12},
    {"BH11", "Bournemouth", 17},
    {"BH12", "Poole", 30},
    {"BH13", "Poole", 8},
    {"BH14", "Poole", 20},
    {"BH15", "Poole", 25},
    {"BH16", "Poole", 10},
    {"BH17", "Poole", 20},
    {"BH18", "Broadstone", 12},
    {"BH19", "Swanage", 10},
    {"BH20", "Wareham", 18},
    {"BH21", "Wimborne", 30},
    {"BH22", "Ferndown", 25},
    {"BH23", "Christchurch", 45},
    {"BH24", "Ringwood", 25},
    {"BH25", "New Milton", 25},
    {"DT1", "Dorchester", 15},
    {"DT2", "Dorchester", 20},
    {"DT3", "Weymouth", 25},
    {"DT4", "Weymouth", 30},
    {"DT5", "Portland", 12},
    {"DT6", "Bridport", 20},
    {"DT7", "Lyme Regis", 8},
    {"DT8", "Beaminster", 5},
    {"DT9", "Sherborne", 15},
    {"DT10", "Sturminster Newton", 8},
    {"DT11", "Blandford Forum", 18},
    {"SP7", "Shaftesbury", 12},
    {"SP8", "Gillingham", 15},
}};

constexpr std::array<std::string_view, 60> kStreets = {
    "Kings Road",       "Queens Road",     "Church Street",     "High Street",    "Station Road",
    "Victoria Road",    "Park Road",       "London Road",       "Manor Road",     "York Road",
    "Alexandra Road",   "Grove Road",      "Springfield Road",  "North Road",     "West Street",
    "East Street",      "Mill Lane",       "Green Lane",        "School Lane",    "Ashley Road",
    "Wimborne Road",    "Ringwood Road",   "Christchurch Road", "Poole Road",     "Lymington Road",
    "Castle Lane",      "Elm Avenue",      "Oak Avenue",        "Beech Close",    "Cedar Drive",
    "Hazel Close",      "Willow Way",      "Holly Close",       "Heather Close",  "Ferndale Road",
    "Seaview Road",     "Harbour View",    "Sandbanks Road",    "Parkstone Road", "Commercial Road",
    "Bournemouth Road", "Dorchester Road", "Weymouth Road",     "Bridport Road",  "Abbey Road",
    "Churchill Road",   "Windsor Road",    "St Johns Road",     "St Mary's Road", "Cranbrook Road",
    "Meadow Way",       "Orchard Close",   "The Crescent",      "Priory Road",    "Hill View",
    "Rosebery Avenue",  "Fairmile Road",   "Kinson Road",       "Turbary Road",   "Bearwood Road",
};

// Letters used in the unit part of a postcode (never C, I, K, M, O, V).
constexpr std::string_view kUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

const std::vector<std::uint32_t>& DistrictWeights() {
  static const std::vector<std::uint32_t> weights = [] {
    std::vector<std::uint32_t> w;
    w.reserve(kDistricts.size());
    for (const District& d : kDistricts) w.push_back(d.weight);
    return w;
  }();
  return weights;
}

}  // namespace

const District& PickDistrict(Rng& rng) { return kDistricts[rng.Weighted(DistrictWeights())]; }

const District& PickNearbyDistrict(const District& home, Rng& rng) {
  if (rng.Chance(0.3)) return PickDistrict(rng);
  std::vector<const District*> same_town;
  same_town.reserve(kDistricts.size());
  for (const District& d : kDistricts) {
    if (d.town == home.town) same_town.push_back(&d);
  }
  return *same_town[rng.Below(same_town.size())];
}

std::string MakePostcode(const District& district, Rng& rng) {
  std::string out(district.outward);
  out.push_back(' ');
  out.push_back(static_cast<char>('0' + rng.Below(10)));
  out.push_back(kUnitLetters[rng.Below(kUnitLetters.size())]);
  out.push_back(kUnitLetters[rng.Below(kUnitLetters.size())]);
  return out;
}

std::string MakeAddressLine(const District& district, Rng& rng) {
  std::string out;
  if (rng.Chance(0.18)) {
    out.append("Flat ");
    out.append(std::to_string(rng.Between(1, 24)));
    out.append(", ");
  }
  out.append(std::to_string(rng.Between(1, 180)));
  out.push_back(' ');
  out.append(kStreets[rng.Below(kStreets.size())]);
  out.append(", ");
  out.append(district.town);
  return out;
}

}  // namespace tandem::core::synth::internal
