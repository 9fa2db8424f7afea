#include "core/synth/internal/identity.h"

#include <algorithm>
#include <vector>

#include "core/synth/internal/cohorts.h"
#include "core/synth/internal/names.h"

namespace tandem::core::synth::internal {
namespace {

constexpr double kOneMiddleName = 0.55;
constexpr double kTwoMiddleNames = 0.12;
constexpr double kDoubleBarrelled = 0.012;
constexpr double kMarriedNameWoman = 0.38;  // of women 23 and over
constexpr double kMarriedNameMan = 0.01;

bool IsSimpleSurname(std::string_view name) {
  return name.find_first_of(" '-") == std::string_view::npos;
}

std::string DrawSurname(Rng& rng) {
  if (rng.Chance(kDoubleBarrelled)) {
    std::string_view first = Surnames().Pick(rng);
    std::string_view second = Surnames().Pick(rng);
    for (int tries = 0;
         tries < 4 && (first == second || !IsSimpleSurname(first) || !IsSimpleSurname(second));
         ++tries) {
      first = Surnames().Pick(rng);
      second = Surnames().Pick(rng);
    }
    if (first != second && IsSimpleSurname(first) && IsSimpleSurname(second)) {
      return std::string(first) + "-" + std::string(second);
    }
  }
  return std::string(Surnames().Pick(rng));
}

std::string DrawOtherSurname(std::string_view avoid, Rng& rng) {
  std::string surname = DrawSurname(rng);
  for (int tries = 0; tries < 4 && surname == avoid; ++tries) surname = DrawSurname(rng);
  return surname;
}

std::string DrawMiddleNames(const WeightedList& forenames, std::string_view forename, Rng& rng) {
  const double roll = rng.Unit();
  const int count = roll < kTwoMiddleNames ? 2 : (roll < kTwoMiddleNames + kOneMiddleName ? 1 : 0);
  std::string out;
  for (int i = 0; i < count; ++i) {
    std::string_view name = forenames.Pick(rng);
    for (int tries = 0; tries < 4 && (name == forename || out.find(name) != std::string::npos);
         ++tries) {
      name = forenames.Pick(rng);
    }
    if (!out.empty()) out.push_back(' ');
    out.append(name);
  }
  return out;
}

void BuildAddresses(Person& person, const World& world, int min_addresses, Rng& rng) {
  const int count = std::max(min_addresses, 1 + std::min(rng.Poisson(1.0), 4));
  const Day first =  // leaving home, between 18 and 20
      std::min(AddYears(person.dob, 18) + rng.Between(0, 730), world.reference - 60);
  std::vector<Day> moves;
  for (int i = 1; i < count; ++i) {
    const Day lo = first + 30;
    const Day hi = world.reference - 14;
    moves.push_back(hi > lo ? lo + static_cast<Day>(rng.Below(static_cast<std::uint64_t>(hi - lo)))
                            : lo);
  }
  std::sort(moves.begin(), moves.end());
  for (std::size_t i = 1; i < moves.size(); ++i) {
    moves[i] = std::max(moves[i], moves[i - 1] + 1);
  }
  const District* district = &PickDistrict(rng);
  for (int i = 0; i < count; ++i) {
    if (i > 0) district = &PickNearbyDistrict(*district, rng);
    Address a;
    a.district = district;
    a.line = MakeAddressLine(*district, rng);
    a.postcode = MakePostcode(*district, rng);
    a.since = i == 0 ? first : moves[static_cast<std::size_t>(i - 1)];
    person.addresses.push_back(std::move(a));
  }
}

}  // namespace

void BuildIdentity(Person& person, const World& world, int min_addresses, Rng& rng,
                   References& refs) {
  const CohortProfile& profile = ProfileOf(person.cohort);
  person.sex = rng.Chance(profile.male) ? Sex::kMale : Sex::kFemale;
  // Ages: the mean of two uniform draws, so the middle of the range is commoner.
  const int age = (rng.Between(profile.age_min, profile.age_max) +
                   rng.Between(profile.age_min, profile.age_max) + 1) /
                  2;
  person.dob = AddYears(world.reference, -age) - rng.Between(0, 364);

  const WeightedList& forenames = person.sex == Sex::kMale ? MaleForenames() : FemaleForenames();
  person.forename = std::string(forenames.Pick(rng));
  person.middle_names = DrawMiddleNames(forenames, person.forename, rng);
  person.surname = DrawSurname(rng);

  const bool can_marry = AgeOn(person.dob, world.reference) >= 23;
  const double married_rate = person.sex == Sex::kFemale ? kMarriedNameWoman : kMarriedNameMan;
  if (can_marry && rng.Chance(married_rate)) {
    person.maiden_surname = person.surname;
    person.surname = DrawOtherSurname(person.maiden_surname, rng);
    if (person.surname == person.maiden_surname) person.maiden_surname.clear();
    const Day lo = AddYears(person.dob, 20);
    const Day hi = world.reference - 30;
    person.married_on = lo + static_cast<Day>(rng.Below(static_cast<std::uint64_t>(hi - lo)));
  }

  BuildAddresses(person, world, min_addresses, rng);
  person.nhs_number = refs.NextNhsNumber();
  person.ni_number = refs.NextNiNumber(static_cast<int>(rng.Below(4)));
}

}  // namespace tandem::core::synth::internal
