// The synthetic world's truth about one person: who they are, where they lived, which
// agencies know them and what each agency's records say before any noise is added. Exports
// render a Person through an agency's noise profile. Value type; thread-compatible.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agency.h"
#include "core/synth/internal/days.h"
#include "core/synth/internal/places.h"

namespace tandem::core::synth::internal {

// Who a person is in the synthetic world; drives which agencies know them and how they offend.
enum class Cohort : std::uint8_t {
  kGeneral,        // known to a service or two; police only as victim, witness or a one-off
  kOffender,       // acquisitive, drugs and public order offending
  kDaPerpetrator,  // domestic abuse against a partner or family member
  kHighHarm,       // escalating domestic abuse, often serial, stalking, strangulation
  kHiddenDa,       // domestic abuse never reported to police; known through victims' advocates
};
inline constexpr std::size_t kCohortCount = 5;

enum class Sex : std::uint8_t { kMale, kFemale };

// Index into per-agency arrays, in core::kAllAgencyKinds order.
inline constexpr std::size_t AgencyIndex(AgencyKind kind) { return static_cast<std::size_t>(kind); }

struct Address {
  std::string line;      // "12 Kings Road, Poole"
  std::string postcode;  // "BH14 9QT"
  const District* district = nullptr;
  Day since = 0;  // moved in
};

enum class Role : std::uint8_t { kSuspect, kOffender, kVictim, kWitness };
enum class Outcome : std::uint8_t {
  kCharged,
  kConvicted,
  kCautioned,
  kCommunityResolution,
  kNfa,
  kUnderInvestigation,
};
std::string_view RoleName(Role role);
std::string_view OutcomeName(Outcome outcome);
bool IsSanction(Outcome outcome);  // convicted, cautioned, community resolution

inline constexpr std::uint64_t kNoVictim = ~std::uint64_t{0};

struct Occurrence {
  std::string_view offence;  // a code of core/offences.h
  Role role = Role::kSuspect;
  Outcome outcome = Outcome::kNfa;
  Day committed = 0;
  Day reported = 0;
  bool domestic = false;
  std::uint64_t victim_ref = kNoVictim;  // the victim's V-number
  bool on_duplicate_nominal = false;
};

enum class Relationship : std::uint8_t { kPartner, kExPartner, kFamily, kOther };
std::string_view RelationshipName(Relationship relationship);

// A victim of a domestic abuse perpetrator. Victims are not people of the population: the
// victim-advocacy service keeps their identity to itself.
struct Victim {
  std::uint64_t ref = 0;  // V-number on police occurrences
  char sex = 'F';         // 'F', 'M', 'X'
  Day dob = 0;
  int children = 0;
  bool family = false;  // a parent or sibling rather than a partner
  Day from = 0;         // relationship start (or first abuse for family)
  Day until = 0;        // separation (relationship end); abuse may continue after it
};

enum class RiskLevel : std::uint8_t { kStandard, kMedium, kHigh };
std::string_view RiskLevelName(RiskLevel level);

struct IdvaCase {
  std::size_t victim = 0;  // index into Person::victims
  Day referral = 0;
  std::optional<Day> closed;
  int dash_score = 0;
  RiskLevel risk = RiskLevel::kStandard;
  bool marac = false;
};

struct ProbationFacts {
  std::string_view supervision;  // COMMUNITY_ORDER, ...
  Day start = 0;
  std::optional<Day> end;  // empty while the case is active
  std::string_view rosh;
  std::optional<int> ogrs3;  // empty: not assessed
  int mappa_category = 0;
  int mappa_level = 0;
  std::string_view programme;  // may be empty
  bool duplicate = false;      // a second case reference was opened for this person
};

struct MentalHealthFacts {
  std::string_view service;
  Day referral = 0;
  std::optional<Day> discharge;  // empty while under the service
  bool risk_to_others = false;
  bool risk_to_self = false;
  bool safeguarding = false;
  bool marac = false;
  bool duplicate = false;  // registered twice under two patient numbers
};

struct Tenancy {
  std::size_t address = 0;  // index into Person::addresses
  Day start = 0;
  std::optional<Day> end;  // set when ENDED
  std::string_view tenure;
  std::string_view status;
  std::string_view duty;
  int asb_cases_open = 0;
};

struct TreatmentEpisode {
  std::string_view substance;
  Day referral = 0;
  Day start = 0;
  std::optional<Day> discharge;  // empty while in treatment
  std::string_view discharge_reason;
  bool injecting = false;
};

struct Person {
  std::uint64_t index = 0;  // 0-based place in the population; person_id is P + index + 1
  Cohort cohort = Cohort::kGeneral;
  Sex sex = Sex::kMale;
  std::string forename;
  std::string middle_names;    // space-separated, may be empty
  std::string surname;         // current
  std::string maiden_surname;  // birth surname when it changed on marriage, else empty
  Day married_on = 0;          // meaningful when maiden_surname is set
  Day dob = 0;
  std::vector<Address> addresses;  // oldest first; the last is current
  std::string nhs_number;          // ten digits, valid check digit
  std::string ni_number;           // AB123456C
  std::string pnc_id;              // YY/NNNNNNNL; empty unless arrested or reported
  std::array<bool, 6> known_to{};  // by AgencyIndex

  std::vector<Occurrence> occurrences;  // sorted by committed date
  bool duplicate_nominal = false;       // police hold a second nominal for this person
  std::vector<Victim> victims;
  std::vector<IdvaCase> idva_cases;
  ProbationFacts probation;
  MentalHealthFacts mental_health;
  std::vector<Tenancy> tenancies;           // oldest first
  std::vector<TreatmentEpisode> treatment;  // oldest first

  bool Knows(AgencyKind kind) const { return known_to[AgencyIndex(kind)]; }
  bool IsDaPerpetrator() const { return !victims.empty(); }
  // The address the person lived at on `day` (the first one before any move).
  std::size_t AddressIndexOn(Day day) const;
};

}  // namespace tandem::core::synth::internal
