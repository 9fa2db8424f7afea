// A synthetic partnership for testing and benchmarking the evaluation: a panel book built
// month by month (referrals, triage, meetings, decisions, interventions), police occurrences
// placed by design around each adoption, interventions delivered by a partner, and ranking runs
// every six months. The generator records the true figures it built in (SyntheticTruth), so a
// test can check the evaluation against what was put in rather than against a second
// computation. Deterministic for a seed. Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/panel/occurrence.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "core/result.h"
#include "node/eval/evaluation_sources.h"

namespace tandem::node::eval {

struct SyntheticCohortOptions {
  std::size_t subjects = 400;
  int years = 5;
  std::uint64_t seed = 1;
  double referred_share = 0.3;
  core::Date start = *core::Date::FromYmd(2020, 1, 1);
  std::string partner_node = "probation-1";
};

// What the generator put in. Harm and offences are those of adopted people, in the windows of
// a year before and after adoption (every adoption has its full year of follow-up).
struct SyntheticTruth {
  std::size_t subjects = 0;
  std::size_t referrals = 0;
  std::map<std::string, std::size_t> referrals_by_pathway;
  std::size_t adopted = 0;
  std::size_t refused = 0;  // finally refused
  std::size_t deferrals = 0;
  int offences_before = 0;
  int offences_after = 0;
  double harm_before = 0;
  double harm_after = 0;
  std::size_t reduced_offending = 0;
  std::size_t reduced_harm = 0;
  std::size_t no_further_offences = 0;
  std::size_t with_any_intervention = 0;
  std::size_t with_civil_measure = 0;
  std::size_t partner_interventions = 0;
  std::size_t ranking_runs = 0;
};

// An intervention the partner delivered, by the coordinator's subject key; the evaluation turns
// the key into the pseudonym before the row is used (as the federated flow does).
struct SyntheticDelivery {
  std::string subject_key;
  PartnerIntervention row;  // pseudonym left empty
};

struct SyntheticCohort {
  core::panel::PanelBook book;
  std::vector<core::panel::RankingRun> runs;
  std::map<std::string, std::vector<core::panel::Occurrence>> occurrences;
  std::vector<SyntheticDelivery> deliveries;
  core::Date data_end = core::Date::FromDaysSinceEpoch(0);
  SyntheticTruth truth;
  std::size_t occurrence_count = 0;

  // Reads `occurrences`; the cohort must outlive the function.
  OccurrenceLookup Lookup() const;
  // A date of birth (aged 18 to 64 at data_end) and one of 40 postcode districts for every
  // subject, derived from its key, so the outcome set's age band and district vary as a
  // police store's would.
  SubjectFactsLookup Facts() const;
};

// kInvalidArgument for fewer than 10 subjects or fewer than 3 years; otherwise errors of the
// panel book or ranking would be a bug in the generator (kInternal).
Result<SyntheticCohort> MakeSyntheticCohort(const SyntheticCohortOptions& options);

}  // namespace tandem::node::eval
