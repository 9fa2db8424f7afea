#include "core/synth/internal/person_builder.h"

#include "core/synth/internal/cohorts.h"
#include "core/synth/internal/identity.h"
#include "core/synth/internal/offending.h"
#include "core/synth/internal/services.h"

namespace tandem::core::synth::internal {

Person BuildPerson(std::uint64_t index, const World& world, References& refs) {
  Person person;
  person.index = index;
  Rng identity = Rng::ForStream(world.seed, index, static_cast<std::uint64_t>(Stream::kIdentity));
  person.cohort = DrawCohort(identity);
  person.known_to = DrawMembership(ProfileOf(person.cohort), identity);
  const int tenancies = person.Knows(AgencyKind::kHousing) ? DrawTenancyCount(identity) : 0;
  BuildIdentity(person, world, tenancies, identity, refs);

  Rng offending = Rng::ForStream(world.seed, index, static_cast<std::uint64_t>(Stream::kOffending));
  BuildOffending(person, world, offending, refs);

  Rng services = Rng::ForStream(world.seed, index, static_cast<std::uint64_t>(Stream::kServices));
  BuildServices(person, world, tenancies, services);
  return person;
}

}  // namespace tandem::core::synth::internal
