// A person's offending and victimisation over the police window: occurrences with offence,
// role, dates, domestic abuse flag, victim reference and outcome; for domestic abuse
// perpetrators their victims (serial for many of the high harm cohort) and the victim
// advocacy cases about those victims. The high harm cohort escalates: incidents become more
// frequent and graver over time, with stalking, coercive control and strangulation for some.
#pragma once

#include "core/synth/internal/person.h"
#include "core/synth/internal/references.h"
#include "core/synth/internal/rng.h"
#include "core/synth/internal/world.h"

namespace tandem::core::synth::internal {

// Fills occurrences, victims, idva_cases, duplicate_nominal and pnc_id of `person`, whose
// identity, cohort and membership are already set. Police occurrences only for people known to
// police; IDVA cases only for people known to victim advocacy.
void BuildOffending(Person& person, const World& world, Rng& rng, References& refs);

// The CCHI days of an offence code in the approximate table (core/offences.h); 0 for any other.
int CchiDays(std::string_view offence);

// The relationship of a case's victim to the perpetrator on the case's referral date.
Relationship CaseRelationship(const Person& person, const IdvaCase& c);

}  // namespace tandem::core::synth::internal
