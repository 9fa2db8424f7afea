#include "core/synth/internal/offending.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "core/offences.h"

namespace tandem::core::synth::internal {
namespace {

struct OffenceWeight {
  std::string_view code;
  std::uint32_t weight;
};

// Offences of the offender cohort (and the non-domestic offending of perpetrators).
constexpr std::array<OffenceWeight, 14> kOffenderOffences = {{
    {"THEFT_SHOP", 20},
    {"THEFT_OTHER", 15},
    {"DRUG_POSSESSION", 15},
    {"PUBLIC_ORDER", 12},
    {"CRIMINAL_DAMAGE", 10},
    {"COMMON_ASSAULT", 8},
    {"BURGLARY_DWELLING", 6},
    {"DRUG_SUPPLY", 5},
    {"WEAPON_POSSESSION", 4},
    {"ROBBERY", 3},
    {"ABH", 3},
    {"MALICIOUS_COMMS", 2},
    {"ARSON", 1},
    {"GBH", 1},
}};

// What people of the general cohort report as victims or witness.
constexpr std::array<OffenceWeight, 8> kVictimOffences = {{
    {"THEFT_OTHER", 30},
    {"CRIMINAL_DAMAGE", 20},
    {"BURGLARY_DWELLING", 15},
    {"COMMON_ASSAULT", 15},
    {"HARASSMENT", 8},
    {"MALICIOUS_COMMS", 7},
    {"ROBBERY", 3},
    {"ABH", 2},
}};

// A one-off suspect of the general cohort.
constexpr std::array<OffenceWeight, 6> kOneOffOffences = {{
    {"PUBLIC_ORDER", 25},
    {"THEFT_SHOP", 20},
    {"CRIMINAL_DAMAGE", 20},
    {"COMMON_ASSAULT", 15},
    {"DRUG_POSSESSION", 15},
    {"MALICIOUS_COMMS", 5},
}};

// Domestic abuse offences by gravity tier.
constexpr std::array<OffenceWeight, 5> kDaTier0 = {{
    {"COMMON_ASSAULT", 40},
    {"CRIMINAL_DAMAGE", 25},
    {"MALICIOUS_COMMS", 15},
    {"HARASSMENT", 15},
    {"PUBLIC_ORDER", 5},
}};
constexpr std::array<OffenceWeight, 6> kDaTier1 = {{
    {"ABH", 40},
    {"THREATS_TO_KILL", 15},
    {"BREACH_PROTECTIVE_ORDER", 15},
    {"CONTROLLING_COERCIVE", 12},
    {"STALKING", 10},
    {"CHILD_CRUELTY", 3},
}};
constexpr std::array<OffenceWeight, 4> kDaTier2 = {{
    {"NON_FATAL_STRANGULATION", 35},
    {"GBH", 35},
    {"SEXUAL_ASSAULT", 15},
    {"THREATS_TO_KILL", 15},
}};
constexpr std::array<OffenceWeight, 3> kDaTier3 = {{
    {"GBH_WITH_INTENT", 50},
    {"RAPE", 35},
    {"ATTEMPTED_MURDER", 15},
}};
// Against an ex-partner after separation.
constexpr std::array<OffenceWeight, 4> kPostSeparation = {{
    {"STALKING", 40},
    {"HARASSMENT", 25},
    {"MALICIOUS_COMMS", 20},
    {"BREACH_PROTECTIVE_ORDER", 15},
}};

// Offences without a personal victim: no victim reference.
constexpr std::array<std::string_view, 6> kVictimless = {
    "THEFT_SHOP",   "DRUG_POSSESSION",   "DRUG_SUPPLY",
    "PUBLIC_ORDER", "WEAPON_POSSESSION", "BREACH_PROTECTIVE_ORDER"};

constexpr std::size_t kMaxOccurrences = 45;

std::string_view PickOffence(std::span<const OffenceWeight> table, Rng& rng) {
  std::array<std::uint32_t, 16> weights{};
  for (std::size_t i = 0; i < table.size(); ++i) weights[i] = table[i].weight;
  return table[rng.Weighted(std::span(weights.data(), table.size()))].code;
}

bool HasPersonalVictim(std::string_view offence) {
  return std::find(kVictimless.begin(), kVictimless.end(), offence) == kVictimless.end();
}

// 7 June 2022: non-fatal strangulation became an offence in England and Wales.
Day StrangulationOffenceStart() { return ToDay(*Date::FromYmd(2022, 6, 7)); }

Day DrawReportDelay(bool domestic, Rng& rng) {
  const double roll = rng.Unit();
  if (domestic) {
    if (roll < 0.60) return 0;
    if (roll < 0.85) return rng.Between(1, 7);
    if (roll < 0.97) return rng.Between(8, 90);
    return rng.Between(91, 400);
  }
  if (roll < 0.70) return 0;
  if (roll < 0.90) return rng.Between(1, 7);
  if (roll < 0.99) return rng.Between(8, 60);
  return rng.Between(61, 365);
}

// Outcome weights: charged, convicted, cautioned, community resolution, NFA, under
// investigation; by how long ago the occurrence was reported.
Outcome DrawOutcome(std::string_view offence, bool domestic, Day days_ago, Rng& rng) {
  std::array<std::uint32_t, 6> weights{};
  if (days_ago < 90) {
    weights = {15, 0, 0, 0, 30, 55};
  } else if (days_ago < 365) {
    weights = {20, 30, 6, 4, 40, 0};
  } else {
    weights = {2, 38, 8, 7, 45, 0};
  }
  if (domestic) weights[4] = weights[4] * 13 / 10;  // victims withdraw more often
  auto outcome = static_cast<Outcome>(rng.Weighted(weights));
  const int cchi = CchiDays(offence);
  // Community resolutions are for minor offences; cautions not for the gravest.
  if (outcome == Outcome::kCommunityResolution && cchi > 10) outcome = Outcome::kCautioned;
  if (outcome == Outcome::kCautioned && cchi >= 365) outcome = Outcome::kConvicted;
  return outcome;
}

Role RoleFor(Outcome outcome) { return IsSanction(outcome) ? Role::kOffender : Role::kSuspect; }

// The report date after `delay` days; when that would be after today, a day between the
// offence and today instead (so reports do not pile up on today).
Day ReportedOn(Day committed, Day delay, const World& world, Rng& rng) {
  if (committed + delay <= world.reference) return committed + delay;
  return DrawDay(committed, world.reference, rng);
}

// Adds an occurrence committed on `committed` (reported after a delay, never after today).
Occurrence& AddOccurrence(Person& person, const World& world, std::string_view offence,
                          Day committed, bool domestic, Rng& rng) {
  Occurrence occurrence;
  occurrence.offence = offence;
  occurrence.committed = committed;
  occurrence.reported = ReportedOn(committed, DrawReportDelay(domestic, rng), world, rng);
  occurrence.domestic = domestic;
  occurrence.outcome = DrawOutcome(offence, domestic, world.reference - occurrence.reported, rng);
  occurrence.role = RoleFor(occurrence.outcome);
  person.occurrences.push_back(occurrence);
  return person.occurrences.back();
}

void AddGeneralHistory(Person& person, const World& world, Day active_from, Rng& rng,
                       References& refs) {
  const int count = 1 + std::min(rng.Poisson(0.35), 3);
  std::uint64_t own_ref = kNoVictim;
  static constexpr std::array<std::uint32_t, 3> kRoleWeights = {55, 25, 20};
  for (int i = 0; i < count; ++i) {
    const Day day = DrawDay(active_from, world.reference, rng);
    switch (rng.Weighted(kRoleWeights)) {
      case 0: {  // victim
        const std::string_view offence = PickOffence(kVictimOffences, rng);
        const bool domestic = offence != "THEFT_OTHER" && offence != "BURGLARY_DWELLING" &&
                              offence != "ROBBERY" && rng.Chance(0.12);
        Occurrence& o = AddOccurrence(person, world, offence, day, domestic, rng);
        o.role = Role::kVictim;
        if (own_ref == kNoVictim) own_ref = refs.NextVictim();
        o.victim_ref = own_ref;
        break;
      }
      case 1: {  // witness
        const std::string_view offence = PickOffence(kVictimOffences, rng);
        Occurrence& o = AddOccurrence(person, world, offence, day, false, rng);
        o.role = Role::kWitness;
        o.victim_ref = refs.NextVictim();
        break;
      }
      default: {  // a one-off suspect
        const std::string_view offence = PickOffence(kOneOffOffences, rng);
        Occurrence& o = AddOccurrence(person, world, offence, day, false, rng);
        if (HasPersonalVictim(offence)) o.victim_ref = refs.NextVictim();
        break;
      }
    }
  }
}

void AddOffenderOffences(Person& person, const World& world, Day active_from, int count, Rng& rng,
                         References& refs) {
  for (int i = 0; i < count; ++i) {
    const std::string_view offence = PickOffence(kOffenderOffences, rng);
    Occurrence& o = AddOccurrence(person, world, offence,
                                  DrawDay(active_from, world.reference, rng), false, rng);
    if (HasPersonalVictim(offence)) o.victim_ref = refs.NextVictim();
  }
}

// Victims of a domestic abuse perpetrator: consecutive relationships over the years before
// today (the first sometimes a parent or sibling).
void AddVictims(Person& person, const World& world, Rng& rng, References& refs) {
  std::array<std::uint32_t, 5> weights{};
  switch (person.cohort) {
    case Cohort::kHighHarm:
      weights = {35, 30, 20, 10, 5};
      break;
    case Cohort::kHiddenDa:
      weights = {80, 20, 0, 0, 0};
      break;
    default:
      weights = {75, 22, 3, 0, 0};
      break;
  }
  const int count = static_cast<int>(rng.Weighted(weights)) + 1;
  const Day span_start = std::max(AddYears(person.dob, 18), world.window_start - 3 * 365);
  std::vector<Day> cuts;
  for (int i = 1; i < count; ++i) cuts.push_back(DrawDay(span_start + 1, world.reference, rng));
  std::sort(cuts.begin(), cuts.end());
  const bool male = person.sex == Sex::kMale;
  for (int i = 0; i < count; ++i) {
    Victim v;
    v.ref = refs.NextVictim();
    v.from = i == 0 ? std::max(span_start - rng.Between(0, 3 * 365), AddYears(person.dob, 18))
                    : cuts[static_cast<std::size_t>(i - 1)];
    if (i + 1 < count) {
      v.until = cuts[static_cast<std::size_t>(i)];
    } else {
      // The last relationship is ongoing for half of them.
      v.until = rng.Chance(0.5) ? world.reference + 1 : DrawDay(v.from, world.reference, rng);
    }
    v.family = i == 0 && rng.Chance(0.08);
    if (v.family) {
      const bool parent = rng.Chance(0.6);
      v.dob = parent ? person.dob - rng.Between(20 * 365, 35 * 365)
                     : person.dob + rng.Between(-8 * 365, 8 * 365);
      v.sex = rng.Chance(0.7) ? 'F' : 'M';
      v.children = 0;
    } else {
      v.dob = male ? person.dob + rng.Between(-4 * 365, 6 * 365)
                   : person.dob + rng.Between(-6 * 365, 4 * 365);
      const double roll = rng.Unit();
      if (male) {
        v.sex = roll < 0.92 ? 'F' : (roll < 0.99 ? 'M' : 'X');
      } else {
        v.sex = roll < 0.85 ? 'M' : (roll < 0.99 ? 'F' : 'X');
      }
      v.children = std::min(rng.Poisson(1.0), 5);
    }
    // Nobody is a partner before 18, and nobody is a victim before 16.
    v.dob = std::min(v.dob, AddYears(v.from, v.family ? -16 : -18));
    person.victims.push_back(v);
  }
}

// The victim a perpetrator abused on `day`: the partner of the time, or for stalkers
// sometimes the previous partner within nine months of the separation.
std::size_t VictimOn(const Person& person, Day day, bool stalker, bool* post_separation, Rng& rng) {
  std::size_t current = 0;
  for (std::size_t i = 0; i < person.victims.size(); ++i) {
    if (person.victims[i].from <= day) current = i;
  }
  *post_separation = false;
  const Victim& v = person.victims[current];
  if (day >= v.until) {
    *post_separation = true;  // after the last separation: still the ex-partner
    return current;
  }
  if (stalker && current > 0) {
    const Victim& previous = person.victims[current - 1];
    if (day < previous.until + 270 && rng.Chance(0.5)) {
      *post_separation = true;
      return current - 1;
    }
  }
  return current;
}

std::size_t DrawTier(const Person& person, double progress, Rng& rng) {
  if (person.cohort == Cohort::kHighHarm) {
    // Graver as time goes on: weights move from tier 0 towards tiers 2 and 3.
    const auto p = static_cast<std::uint32_t>(progress * 100);
    const std::array<std::uint32_t, 4> weights = {5500 - 40 * p, 3000 + 10 * p, 1200 + 22 * p,
                                                  100 + 6 * p};
    return rng.Weighted(weights);
  }
  static constexpr std::array<std::uint32_t, 4> kStandard = {75, 22, 3, 0};
  return rng.Weighted(kStandard);
}

// Whether the perpetrator had a sanction for abusing victim `ref` before `day` (an order
// could then exist to breach).
bool HadSanctionAgainst(const Person& person, std::uint64_t ref, Day day) {
  for (const Occurrence& o : person.occurrences) {
    if (o.victim_ref == ref && o.reported < day && IsSanction(o.outcome)) return true;
  }
  return false;
}

void AddDomesticAbuse(Person& person, const World& world, Day active_from, Rng& rng,
                      References& refs) {
  const bool high_harm = person.cohort == Cohort::kHighHarm;
  const bool stalker = rng.Chance(high_harm ? 0.35 : 0.05);
  const bool coercive = rng.Chance(high_harm ? 0.45 : 0.08);
  const bool strangler = rng.Chance(high_harm ? 0.30 : 0.04);
  const bool sexual = rng.Chance(high_harm ? 0.10 : 0.01);
  const int count = std::min(high_harm ? 4 + rng.Poisson(6.0) : 1 + rng.Poisson(1.4), 30);
  const Day from = std::max(active_from, person.victims.front().from);
  std::vector<Day> days;
  for (int i = 0; i < count; ++i) {
    // The high harm cohort offends more often as time goes on: max of two uniforms.
    Day day = DrawDay(from, world.reference, rng);
    if (high_harm) day = std::max(day, DrawDay(from, world.reference, rng));
    days.push_back(day);
  }
  std::sort(days.begin(), days.end());
  const Day nfs_start = StrangulationOffenceStart();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Day day = days[i];
    bool post_separation = false;
    const std::size_t victim = VictimOn(person, day, stalker, &post_separation, rng);
    const double progress =
        days.size() > 1 ? static_cast<double>(i) / static_cast<double>(days.size() - 1) : 0;
    std::string_view offence;
    if (post_separation && (stalker || rng.Chance(0.3))) {
      offence = PickOffence(kPostSeparation, rng);
    } else {
      switch (DrawTier(person, progress, rng)) {
        case 0:
          offence = PickOffence(kDaTier0, rng);
          break;
        case 1:
          offence = PickOffence(kDaTier1, rng);
          break;
        case 2:
          offence = PickOffence(kDaTier2, rng);
          break;
        default:
          offence = PickOffence(kDaTier3, rng);
          break;
      }
    }
    if (strangler && day >= nfs_start && progress >= 0.5 && rng.Chance(0.4)) {
      offence = "NON_FATAL_STRANGULATION";
    }
    if (sexual && i + 1 == days.size() / 2 + 1 && rng.Chance(0.7)) {
      offence = rng.Chance(0.6) ? "SEXUAL_ASSAULT" : "RAPE";
    }
    // Before June 2022 strangulation was charged as assault occasioning actual bodily harm.
    if (offence == "NON_FATAL_STRANGULATION" && day < nfs_start) offence = "ABH";
    const std::uint64_t ref = person.victims[victim].ref;
    if (offence == "BREACH_PROTECTIVE_ORDER" && !HadSanctionAgainst(person, ref, day)) {
      offence = "HARASSMENT";
    }
    if (offence == "CHILD_CRUELTY" && person.victims[victim].children == 0) offence = "ABH";
    Occurrence& o = AddOccurrence(person, world, offence, day, true, rng);
    // Child cruelty has the child as its victim, with a reference of its own.
    o.victim_ref = offence == "CHILD_CRUELTY" ? refs.NextVictim() : ref;
  }
  if (coercive) {
    // Coercive control is a course of conduct: committed over the relationship, reported late.
    for (const Victim& v : person.victims) {
      if (v.family || rng.Chance(0.4)) continue;
      const Day start = std::max(from, v.from);
      const Day end = std::min(v.until, world.reference);
      if (end - start < 180) continue;
      const Day committed = DrawDay(start, end - 120, rng);
      Occurrence o;
      o.offence = "CONTROLLING_COERCIVE";
      o.committed = committed;
      o.reported = ReportedOn(committed, rng.Between(30, 300), world, rng);
      o.domestic = true;
      o.victim_ref = v.ref;
      o.outcome = DrawOutcome(o.offence, true, world.reference - o.reported, rng);
      o.role = RoleFor(o.outcome);
      person.occurrences.push_back(o);
    }
  }
}

Relationship RelationshipOn(const Victim& v, Day day) {
  if (v.family) return Relationship::kFamily;
  return day < v.until ? Relationship::kPartner : Relationship::kExPartner;
}

RiskLevel RiskFor(int dash, Rng& rng) {
  if (dash >= 14) return RiskLevel::kHigh;
  if (dash >= 10) return rng.Chance(0.15) ? RiskLevel::kHigh : RiskLevel::kMedium;
  return rng.Chance(0.10) ? RiskLevel::kMedium : RiskLevel::kStandard;
}

void AddIdvaCase(Person& person, const World& world, std::size_t victim, Day referral, Rng& rng) {
  IdvaCase c;
  c.victim = victim;
  c.referral = std::min(referral, world.reference);
  int low = 5;
  int high = 16;
  if (person.cohort == Cohort::kHighHarm) {
    low = 11;
    high = 22;
  } else if (person.cohort == Cohort::kHiddenDa) {
    low = 4;
    high = 18;
  }
  c.dash_score = rng.Between(low, high);
  for (const Occurrence& o : person.occurrences) {
    if (o.victim_ref == person.victims[victim].ref && CchiDays(o.offence) >= 365 &&
        o.committed <= c.referral) {
      c.dash_score = std::min(24, c.dash_score + 3);
      break;
    }
  }
  c.risk = RiskFor(c.dash_score, rng);
  static constexpr std::array<double, 3> kMaracRate = {0.01, 0.08, 0.92};
  c.marac = rng.Chance(kMaracRate[static_cast<std::size_t>(c.risk)]);
  const Day age = world.reference - c.referral;
  const double closed_rate = age > 120 ? 0.92 : (age > 30 ? 0.40 : 0.0);
  if (rng.Chance(closed_rate)) {
    c.closed = c.referral + rng.Between(21, std::max(21, std::min(240, static_cast<int>(age))));
    if (*c.closed > world.reference) c.closed = world.reference;
  }
  person.idva_cases.push_back(c);
}

void AddIdvaCases(Person& person, const World& world, Rng& rng) {
  const double rate =
      person.cohort == Cohort::kHiddenDa ? 1.0 : (person.cohort == Cohort::kHighHarm ? 0.8 : 0.75);
  // The service's case records go back further than the police window.
  const Day service_start = world.window_start - 3 * 365;
  for (std::size_t i = 0; i < person.victims.size(); ++i) {
    // Someone the service knows has at least one case: the last victim's, if none before.
    const bool must = i + 1 == person.victims.size() && person.idva_cases.empty();
    const bool referred = rng.Chance(rate);
    if (!must && !referred) continue;
    const Victim& v = person.victims[i];
    std::vector<Day> reports;
    for (const Occurrence& o : person.occurrences) {
      if (o.victim_ref == v.ref) reports.push_back(o.reported);
    }
    std::optional<Day> when;
    if (!reports.empty()) {
      // Within three weeks of a reported incident; not yet, if that is after today.
      const Day report = reports[rng.Below(reports.size())];
      const Day delay = rng.Between(0, 21);
      if (report + delay <= world.reference) when = report + delay;
    } else {
      // Unreported abuse: during the relationship or within a year of leaving it, if that
      // falls inside the service's records.
      const Day from = std::max(v.from, service_start);
      const Day to = std::min(v.until + 365, world.reference);
      if (from <= to) when = DrawDay(from, to, rng);
    }
    if (!when) {
      if (!must) continue;
      when = DrawDay(std::max(v.from, service_start), world.reference, rng);  // came forward later
    }
    const Day referral = *when;
    AddIdvaCase(person, world, i, referral, rng);
    if (rng.Chance(0.10) && referral + 200 < world.reference) {
      AddIdvaCase(person, world, i, DrawDay(referral + 120, world.reference, rng), rng);
    }
  }
  std::stable_sort(person.idva_cases.begin(), person.idva_cases.end(),
                   [](const IdvaCase& a, const IdvaCase& b) { return a.referral < b.referral; });
}

// The year a person was first recorded on the PNC: the year of their first arrest here, or
// for a longer career an earlier year.
int PncYear(const Person& person, Day first_arrest, Rng& rng) {
  const int first_year = ToDate(first_arrest).year();
  const int earliest = ToDate(AddYears(person.dob, 16)).year();
  if (person.cohort == Cohort::kGeneral || earliest >= first_year || rng.Chance(0.5)) {
    return first_year;
  }
  return rng.Between(earliest, first_year);
}

}  // namespace

void BuildOffending(Person& person, const World& world, Rng& rng, References& refs) {
  const bool police = person.Knows(AgencyKind::kPolice);
  const Day active_from = std::max(world.window_start, AddYears(person.dob, 16));
  const bool perpetrator = person.cohort == Cohort::kDaPerpetrator ||
                           person.cohort == Cohort::kHighHarm || person.cohort == Cohort::kHiddenDa;
  if (perpetrator) AddVictims(person, world, rng, refs);
  if (police) {
    switch (person.cohort) {
      case Cohort::kGeneral:
        AddGeneralHistory(person, world, active_from, rng, refs);
        break;
      case Cohort::kOffender:
        AddOffenderOffences(person, world, active_from, 1 + rng.Poisson(2.3), rng, refs);
        break;
      case Cohort::kDaPerpetrator:
        AddDomesticAbuse(person, world, active_from, rng, refs);
        AddOffenderOffences(person, world, active_from, rng.Poisson(0.8), rng, refs);
        break;
      case Cohort::kHighHarm:
        AddDomesticAbuse(person, world, active_from, rng, refs);
        AddOffenderOffences(person, world, active_from, rng.Poisson(1.5), rng, refs);
        break;
      case Cohort::kHiddenDa:
        break;
    }
    if (person.cohort != Cohort::kGeneral && rng.Chance(0.08)) {
      // Offenders are victims too.
      const std::string_view offence = PickOffence(kVictimOffences, rng);
      Occurrence& o = AddOccurrence(person, world, offence,
                                    DrawDay(active_from, world.reference, rng), false, rng);
      o.role = Role::kVictim;
      o.victim_ref = refs.NextVictim();
    }
    std::stable_sort(
        person.occurrences.begin(), person.occurrences.end(),
        [](const Occurrence& a, const Occurrence& b) { return a.committed < b.committed; });
    if (person.occurrences.size() > kMaxOccurrences) person.occurrences.resize(kMaxOccurrences);

    // About 1% of people get a second nominal, with some occurrences recorded against it.
    if (rng.Chance(0.01)) {
      person.duplicate_nominal = true;
      bool any = false;
      for (Occurrence& o : person.occurrences) {
        o.on_duplicate_nominal = rng.Chance(0.3);
        any = any || o.on_duplicate_nominal;
      }
      if (!any) person.occurrences.back().on_duplicate_nominal = true;
    }

    for (const Occurrence& o : person.occurrences) {
      if (o.role == Role::kSuspect || o.role == Role::kOffender) {
        person.pnc_id = refs.NextPnc(PncYear(person, o.reported, rng));
        break;
      }
    }
  }
  if (person.Knows(AgencyKind::kVictimAdvocacy) && perpetrator) {
    AddIdvaCases(person, world, rng);
  }
}

int CchiDays(std::string_view offence) {
  const Offence* entry = OffenceTable::Approximate().Find(offence);
  return entry != nullptr ? entry->cchi_days : 0;
}

Relationship CaseRelationship(const Person& person, const IdvaCase& c) {
  return RelationshipOn(person.victims[c.victim], c.referral);
}

}  // namespace tandem::core::synth::internal
