// Turns the coordinator's panel book, ranking runs, police occurrences and the partners' rows
// into the plain inputs of core/eval, every subject replaced by its evaluation pseudonym. Which
// referral got which decision, who was adopted when, which offences count (those the person is
// accused of, weighted by CCHI days) and which ranking run is validated are decided here, once,
// so the report and the outcome set read the same figures. Pure apart from the pseudonyms it
// draws; thread-compatible.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/eval/algorithm_validation.h"
#include "core/eval/caseload.h"
#include "core/eval/cohort.h"
#include "core/eval/interventions.h"
#include "core/eval/referrals.h"
#include "core/result.h"
#include "node/eval/evaluation_pseudonyms.h"
#include "node/eval/evaluation_sources.h"

namespace tandem::node::eval {

// One adopted subject: when, through which pathway the case was first referred, and from the
// police nominal the age band at adoption and the postcode district (outcome_set_columns.h;
// "unknown" when the nominal does not give them). No date of birth or postcode is kept.
struct CohortSubject {
  std::string pseudonym;
  core::Date adopted = core::Date::FromDaysSinceEpoch(0);
  std::string pathway;
  std::string age_band;
  std::string district;
};

struct RunSummary {
  std::string id;
  core::Date run_on = core::Date::FromDaysSinceEpoch(0);
  std::size_t ranked = 0;
};

struct EvaluationData {
  std::vector<CohortSubject> cohort;               // in order of adoption
  std::vector<core::eval::CohortMember> members;   // the same, as core/eval reads it
  std::vector<core::eval::OffenceEvent> offences;  // accused occurrences of every subject
  std::vector<core::eval::CatalogueEntry> catalogue;
  std::vector<core::eval::InterventionEvent> interventions;  // the book's and the partners'
  std::size_t partner_interventions = 0;                     // of them, from partners
  std::size_t partner_rows_unknown = 0;  // partner rows naming no subject of this cohort
  std::vector<core::eval::Referral> referrals;
  std::size_t duplicates_of_managed = 0;  // referrals of people already managed, left out
  std::vector<RunSummary> runs;
  std::vector<core::eval::RankingRun> ranking_runs;  // pseudonyms, top first
  // The latest run whose next window is complete before data_end, and what its people did in
  // that window; absent when no run qualifies.
  std::optional<RunSummary> validated_run;
  std::vector<core::eval::RankedOutcome> ranked_outcomes;
  // The book's allocations in force on data_end, then the sources' own.
  std::vector<core::eval::Allocation> allocations;
  std::size_t subjects = 0;  // distinct subjects read
  // Subjects left out because the facts lookup found no nominal for them (erased, restricted).
  std::size_t subjects_not_held = 0;
};

// Success: the data above. With a facts lookup, a subject for whom it finds no nominal is left
// out of all of it and counted. kInvalidArgument when the sources lack the book or the occurrence
// function, a partner row has a malformed month or an unknown intervention, an occurrence has
// an offence code outside the table, or the parameters are out of range; the code of the facts
// lookup's error when it fails (the message gives a position, never a subject).
Result<EvaluationData> GatherEvaluationData(const EvaluationSources& sources,
                                            const EvaluationParameters& parameters,
                                            EvaluationPseudonyms& pseudonyms);

// "YYYY-MM" -> the first (or last) day of that month; kInvalidArgument otherwise.
Result<core::Date> MonthStart(const std::string& month);
Result<core::Date> MonthEnd(const std::string& month);

}  // namespace tandem::node::eval
