#include "core/synth/internal/services.h"

#include <algorithm>
#include <array>

#include "core/synth/internal/offending.h"

namespace tandem::core::synth::internal {
namespace {

template <std::size_t N>
std::string_view PickName(const std::array<std::string_view, N>& names,
                          const std::array<std::uint32_t, N>& weights, Rng& rng) {
  return names[rng.Weighted(weights)];
}

std::size_t CohortIndex(Cohort cohort) { return static_cast<std::size_t>(cohort); }

bool IsSexualOffence(std::string_view offence) {
  return offence == "RAPE" || offence == "SEXUAL_ASSAULT";
}

// ---- probation ----

constexpr std::array<std::string_view, 5> kSupervision = {
    "COMMUNITY_ORDER", "SUSPENDED_SENTENCE", "LICENCE", "POST_SENTENCE_SUPERVISION", "NONE"};
constexpr std::array<std::string_view, 4> kRosh = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};

// By cohort: general, offender, da-perpetrator, high-harm, hidden-da.
constexpr std::array<std::array<std::uint32_t, 4>, kCohortCount> kRoshWeights = {{
    {70, 28, 2, 0},
    {45, 45, 9, 1},
    {15, 50, 32, 3},
    {0, 15, 65, 20},
    {15, 50, 32, 3},
}};
constexpr std::array<int, kCohortCount> kOgrsBase = {25, 40, 30, 45, 30};

// The conviction probation supervises: the latest one old enough to have been sentenced, or
// the gravest older occurrence, which then becomes a conviction.
Occurrence* SupervisedConviction(Person& person, const World& world) {
  Occurrence* latest = nullptr;
  for (Occurrence& o : person.occurrences) {
    if (o.outcome == Outcome::kConvicted && o.reported <= world.reference - 30) latest = &o;
  }
  if (latest != nullptr) return latest;
  Occurrence* gravest = nullptr;
  for (Occurrence& o : person.occurrences) {
    const bool accused = o.role == Role::kSuspect || o.role == Role::kOffender;
    if (!accused || o.reported > world.reference - 120) continue;
    if (gravest == nullptr || CchiDays(o.offence) > CchiDays(gravest->offence)) gravest = &o;
  }
  if (gravest != nullptr) {
    gravest->outcome = Outcome::kConvicted;
    gravest->role = Role::kOffender;
  }
  return gravest;
}

void BuildProbation(Person& person, const World& world, Rng& rng) {
  const Occurrence* conviction = SupervisedConviction(person, world);
  if (conviction == nullptr) {
    person.known_to[AgencyIndex(AgencyKind::kProbation)] = false;
    return;
  }
  ProbationFacts& p = person.probation;
  const bool custodial = CchiDays(conviction->offence) >= 365;
  static constexpr std::array<std::uint32_t, 5> kCustodial = {15, 15, 55, 10, 5};
  static constexpr std::array<std::uint32_t, 5> kNonCustodial = {55, 25, 12, 3, 5};
  const std::size_t type = rng.Weighted(custodial ? kCustodial : kNonCustodial);
  p.supervision = kSupervision[type];
  Day start = conviction->reported + rng.Between(28, 150);  // sentencing
  Day length = 0;
  switch (type) {
    case 0:
      length = rng.Between(365, 1095);
      break;
    case 1:
      length = rng.Between(365, 730);
      break;
    case 2:
      start += rng.Between(90, 900);  // custody before release on licence
      length = rng.Between(180, 1460);
      break;
    case 3:
      start += rng.Between(180, 720);
      length = 365;
      break;
    default:
      length = rng.Between(0, 90);
      break;
  }
  p.start = std::min(start, world.reference);
  const Day end = p.start + length;
  if (end <= world.reference) {
    p.end = end;
  } else if (p.supervision == "NONE") {
    p.end = world.reference;
  }
  p.rosh = PickName(kRosh, kRoshWeights[CohortIndex(person.cohort)], rng);

  int sanctions = 0;
  bool sexual = false;
  for (const Occurrence& o : person.occurrences) {
    if (IsSanction(o.outcome)) ++sanctions;
    if (o.outcome == Outcome::kConvicted && IsSexualOffence(o.offence)) sexual = true;
  }
  if (!rng.Chance(0.10)) {
    // A plausible two-year reoffending percentage, higher with more sanctions and youth. Not
    // the OGRS3 formula: probation exports carry their own assessment.
    const int age = AgeOn(person.dob, p.start);
    const int score = kOgrsBase[CohortIndex(person.cohort)] + 4 * sanctions - (age - 25) / 2 +
                      rng.Between(-12, 12);
    p.ogrs3 = std::clamp(score, 1, 99);
  }

  if (sexual) {
    p.mappa_category = 1;
  } else if ((person.cohort == Cohort::kHighHarm && rng.Chance(0.55)) ||
             (person.cohort == Cohort::kDaPerpetrator && rng.Chance(0.10)) ||
             (person.cohort == Cohort::kOffender && rng.Chance(0.02))) {
    p.mappa_category = 2;
  }
  if (p.mappa_category > 0) {
    static constexpr std::array<std::uint32_t, 3> kLevels = {62, 31, 7};
    p.mappa_level = static_cast<int>(rng.Weighted(kLevels)) + 1;
  }

  if (sexual && rng.Chance(0.4)) {
    p.programme = "HORIZON";
  } else if (person.cohort == Cohort::kHighHarm && p.rosh == "VERY_HIGH" && rng.Chance(0.4)) {
    p.programme = "KAIZEN";
  } else if (person.IsDaPerpetrator() && rng.Chance(0.55)) {
    p.programme = "BUILDING_CHOICES";
  } else if (person.cohort == Cohort::kOffender && rng.Chance(0.30)) {
    p.programme = "THINKING_SKILLS";
  }
  p.duplicate = rng.Chance(0.003);
}

// ---- mental health ----

constexpr std::array<std::string_view, 6> kServices = {"CMHT", "CRISIS",  "FORENSIC",
                                                       "IAPT", "LIAISON", "ED"};
constexpr std::array<std::array<std::uint32_t, 6>, kCohortCount> kServiceWeights = {{
    {30, 10, 0, 35, 10, 15},
    {35, 20, 5, 10, 15, 15},
    {35, 20, 5, 20, 10, 10},
    {30, 25, 25, 5, 8, 7},
    {35, 20, 0, 30, 10, 5},
}};
// Days under each service: [min, max].
constexpr std::array<std::array<int, 2>, 6> kServiceDays = {{
    {120, 1100},
    {7, 60},
    {365, 1800},
    {42, 200},
    {0, 14},
    {0, 1},
}};
constexpr std::array<double, kCohortCount> kRiskToOthers = {0.03, 0.20, 0.35, 0.70, 0.25};

void BuildMentalHealth(Person& person, const World& world, Rng& rng) {
  MentalHealthFacts& m = person.mental_health;
  const std::size_t service = rng.Weighted(kServiceWeights[CohortIndex(person.cohort)]);
  m.service = kServices[service];
  const Day earliest = std::max(world.window_start - 2 * 365, AddYears(person.dob, 16));
  m.referral = DrawDay(earliest, world.reference, rng);
  const Day discharge =
      m.referral + rng.Between(kServiceDays[service][0], kServiceDays[service][1]);
  if (discharge <= world.reference) m.discharge = discharge;
  m.risk_to_others = rng.Chance(kRiskToOthers[CohortIndex(person.cohort)]);
  m.risk_to_self = rng.Chance(person.cohort == Cohort::kGeneral ? 0.25 : 0.30);
  bool children_at_risk = false;
  for (const Victim& v : person.victims) children_at_risk = children_at_risk || v.children > 0;
  m.safeguarding = rng.Chance(children_at_risk ? 0.5 : 0.08);
  bool marac = false;
  for (const IdvaCase& c : person.idva_cases) marac = marac || c.marac;
  m.marac = rng.Chance(marac ? 0.6 : 0.01);
  m.duplicate = rng.Chance(0.007);
}

// ---- housing ----

constexpr std::array<std::string_view, 5> kTenures = {"SECURE", "INTRODUCTORY", "TEMPORARY",
                                                      "PRIVATE_RENTED", "NONE"};
constexpr std::array<std::string_view, 4> kDuties = {"NONE", "PREVENTION", "RELIEF", "MAIN"};
constexpr std::array<double, kCohortCount> kAsbMean = {0.08, 0.5, 0.6, 1.2, 0.4};

std::string_view DrawDuty(std::string_view tenure, Rng& rng) {
  std::array<std::uint32_t, 4> weights = {90, 5, 0, 5};
  if (tenure == "TEMPORARY") {
    weights = {0, 0, 45, 55};
  } else if (tenure == "NONE") {
    weights = {0, 40, 40, 20};
  } else if (tenure == "PRIVATE_RENTED") {
    weights = {50, 50, 0, 0};
  }
  return kDuties[rng.Weighted(weights)];
}

void BuildTenancies(Person& person, const World& world, int count, Rng& rng) {
  const std::size_t addresses = person.addresses.size();
  const bool troubled = person.cohort != Cohort::kGeneral;
  for (int j = 0; j < count; ++j) {
    Tenancy t;
    t.address = addresses - static_cast<std::size_t>(count) + static_cast<std::size_t>(j);
    t.start = person.addresses[t.address].since;
    const bool last = j + 1 == count;
    if (!last) {
      t.end = std::max(t.start + 1, person.addresses[t.address + 1].since - rng.Between(0, 20));
    } else if (rng.Chance(0.12)) {
      t.end = DrawDay(std::min(t.start + 30, world.reference), world.reference, rng);
    }
    const bool recent = !t.end && t.start > world.reference - 365;
    std::array<std::uint32_t, 5> tenure_weights = {50, recent ? 10u : 0u, 18, 14, 8};
    t.tenure = kTenures[rng.Weighted(tenure_weights)];
    t.duty = DrawDuty(t.tenure, rng);
    if (t.end) {
      t.status = "ENDED";
      t.asb_cases_open = 0;
    } else {
      static constexpr std::array<std::string_view, 3> kStatuses = {"ACTIVE", "ARREARS",
                                                                    "EVICTION_PROCEEDINGS"};
      static constexpr std::array<std::uint32_t, 3> kSettled = {74, 18, 8};
      static constexpr std::array<std::uint32_t, 3> kTroubled = {60, 27, 13};
      t.status = kStatuses[rng.Weighted(troubled ? kTroubled : kSettled)];
      t.asb_cases_open = std::min(rng.Poisson(kAsbMean[CohortIndex(person.cohort)]), 9);
    }
    person.tenancies.push_back(t);
  }
}

// ---- substance misuse ----

constexpr std::array<std::string_view, 6> kSubstances = {"OPIATES", "CRACK",    "COCAINE",
                                                         "ALCOHOL", "CANNABIS", "OTHER"};
constexpr std::array<std::array<std::uint32_t, 6>, kCohortCount> kSubstanceWeights = {{
    {10, 5, 10, 50, 20, 5},
    {30, 20, 12, 20, 13, 5},
    {10, 8, 22, 45, 12, 3},
    {10, 8, 22, 45, 12, 3},
    {5, 5, 20, 55, 12, 3},
}};
constexpr std::array<double, 6> kInjecting = {0.35, 0.10, 0.02, 0.0, 0.0, 0.05};

void BuildTreatment(Person& person, const World& world, Rng& rng) {
  static constexpr std::array<std::uint32_t, 3> kEpisodes = {85, 13, 2};
  const int count = static_cast<int>(rng.Weighted(kEpisodes)) + 1;
  const std::size_t primary = rng.Weighted(kSubstanceWeights[CohortIndex(person.cohort)]);
  bool arrested = false;
  for (const Occurrence& o : person.occurrences) {
    arrested = arrested || o.role == Role::kSuspect || o.role == Role::kOffender;
  }
  const Day earliest = std::max(world.window_start - 365, AddYears(person.dob, 18));
  Day referral = DrawDay(earliest, world.reference - 30, rng);
  for (int i = 0; i < count; ++i) {
    TreatmentEpisode e;
    const std::size_t substance =
        rng.Chance(0.8) ? primary : rng.Weighted(kSubstanceWeights[CohortIndex(person.cohort)]);
    e.substance = kSubstances[substance];
    e.injecting = rng.Chance(kInjecting[substance]);
    e.referral = referral;
    e.start = std::min(referral + rng.Between(0, 42), world.reference);
    const Day discharge = e.start + rng.Between(60, 540);
    if (discharge <= world.reference) {
      e.discharge = discharge;
      static constexpr std::array<std::string_view, 4> kReasons = {"COMPLETED", "DROPPED_OUT",
                                                                   "TRANSFERRED", "PRISON"};
      const std::array<std::uint32_t, 4> weights = {45, 35, 10, arrested ? 10u : 0u};
      e.discharge_reason = kReasons[rng.Weighted(weights)];
    }
    person.treatment.push_back(e);
    if (!e.discharge) break;  // still in treatment: no later episode
    referral = *e.discharge + rng.Between(30, 700);
    if (referral > world.reference - 7) break;
  }
}

}  // namespace

int DrawTenancyCount(Rng& rng) {
  static constexpr std::array<std::uint32_t, 3> kCounts = {68, 23, 9};
  return static_cast<int>(rng.Weighted(kCounts)) + 1;
}

void BuildServices(Person& person, const World& world, int tenancy_count, Rng& rng) {
  if (person.Knows(AgencyKind::kProbation)) BuildProbation(person, world, rng);
  if (person.Knows(AgencyKind::kNhs)) BuildMentalHealth(person, world, rng);
  if (person.Knows(AgencyKind::kHousing)) BuildTenancies(person, world, tenancy_count, rng);
  if (person.Knows(AgencyKind::kSubstanceMisuse)) BuildTreatment(person, world, rng);
}

}  // namespace tandem::core::synth::internal
