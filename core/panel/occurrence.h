// A police occurrence as the panel's scores read it: one row of police_occurrences.csv
// (docs/agency-exports.md) about one person, already parsed. Value types; thread-compatible.
// The victim is only an opaque reference ("V" + digits): enough to count distinct victims,
// never who they are.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/offences.h"
#include "core/result.h"

namespace tandem::core::panel {

enum class Role { kSuspect, kOffender, kVictim, kWitness };
enum class Outcome {
  kCharged,
  kConvicted,
  kCautioned,
  kCommunityResolution,
  kNfa,
  kUnderInvestigation,
};

struct Occurrence {
  std::string id;            // "OC123", names the incident in every explanation
  std::string offence_code;  // a code of the partnership's offence table (core/offences.h)
  Role role = Role::kSuspect;
  Outcome outcome = Outcome::kUnderInvestigation;
  Date committed_on = Date::FromDaysSinceEpoch(0);
  Date reported_on = Date::FromDaysSinceEpoch(0);
  bool domestic_abuse = false;
  std::string victim_ref;  // empty when the occurrence names no victim
};

// "SUSPECT", "OFFENDER", ... as the export writes them; the parsers are exact (upper case).
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::string_view OutcomeName(Outcome outcome);
std::optional<Outcome> ParseOutcome(std::string_view name);

// The person is accused of it (suspect or offender), whatever the outcome: the unit manages
// people who were never convicted, so triage and ranking count accusations.
bool IsAccused(const Occurrence& occurrence);

// Convicted, cautioned or community resolution: what the Copas rate counts as a sanction.
bool IsSanction(Outcome outcome);

// The entry of `offences` for the offence of `occurrence` (never null); kInvalidArgument naming
// the occurrence and the code when the table has no such code.
Result<const Offence*> OffenceOf(const Occurrence& occurrence, const OffenceTable& offences);

}  // namespace tandem::core::panel
