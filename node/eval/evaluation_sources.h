// What an evaluation reads and how it is configured: the coordinator's panel book (with its
// offender manager allocations) and ranking runs, the police occurrences and nominal facts of
// each subject (through functions, so the caller decides where they come from), the
// interventions partners reported under the ISA's evaluation purpose (already keyed by
// evaluation pseudonyms), and the parameters of the metrics and of disclosure control. Plain value
// types; the book, the runs and the function are borrowed and must outlive the call that reads
// them. Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/eval/caseload.h"
#include "core/eval/privacy_budget.h"
#include "core/eval/small_cells.h"
#include "core/panel/catalogue.h"
#include "core/panel/occurrence.h"
#include "core/panel/panel_book.h"
#include "core/panel/ranking.h"
#include "core/result.h"

namespace tandem::node::eval {

// The police occurrences of one subject, by the subject key the panel book uses. An unknown
// subject has none (an empty vector).
using OccurrenceLookup =
    std::function<std::vector<core::panel::Occurrence>(const std::string& subject_key)>;

// What the police nominal says of a subject, for the outcome set's age band and district: the
// date of birth (used only to work out the age band at adoption, never output) and the postcode
// district ("DT1"; never the full postcode).
struct SubjectFacts {
  std::optional<core::Date> date_of_birth;
  std::string postcode_district;  // empty when unknown
};

// The facts of one subject by the panel's subject key; nullopt when the node holds no nominal of
// the subject that it may process (erased, or its processing restricted): the subject is then
// left out of the evaluation and counted.
// An error stops the evaluation (its message is not passed on: it may name the record).
using SubjectFactsLookup =
    std::function<Result<std::optional<SubjectFacts>>(const std::string& subject_key)>;

// One intervention a partner delivered, as the partner returned it under clause 6.1: keyed by
// the evaluation pseudonym the coordinator gave it, dates generalised to the month.
struct PartnerIntervention {
  std::string pseudonym;      // the evaluation pseudonym of the subject
  std::string node;           // the partner node that delivered it
  std::string intervention;   // a catalogue id
  std::string started_month;  // "YYYY-MM"
  std::string ended_month;    // "YYYY-MM", or empty while it runs
  bool completed = false;
};

// An offender manager's allocation, by the panel's subject key (mapped to the evaluation
// pseudonym before use) and a manager key that is not a name. The book's own allocations
// (PanelBook::allocations) are read without this; these are added to them.
struct ManagerAllocation {
  std::string manager;
  std::string subject_key;
  bool high_risk = false;
};

struct EvaluationSources {
  const core::panel::PanelBook* book = nullptr;       // required
  std::span<const core::panel::RankingRun> runs;      // oldest first; may be empty
  OccurrenceLookup occurrences;                       // required
  std::span<const PartnerIntervention> partner_rows;  // may be empty
  // Allocations held outside the book; may be empty. The caseload counts these and the book's
  // allocations in force on data_end; with neither, it is unavailable.
  std::span<const ManagerAllocation> allocations;
  SubjectFactsLookup subject_facts;  // unset: every age band and district is "unknown"
  // The catalogue the book was kept with; nullptr = core::panel::InterventionCatalogue::Default.
  const core::panel::InterventionCatalogue* catalogue = nullptr;
  // The offence table the panel weighs harm by; nullptr = core::OffenceTable::Approximate.
  const core::OffenceTable* offences = nullptr;
};

struct DisclosureParameters {
  core::eval::SmallCellRule small_cells;  // ONS default: under 10 suppressed, rounded to 5
  std::size_t k = 5;
  double max_suppressed_share = 0.05;
  // Columns of the outcome set treated as quasi-identifiers, each generalised along its
  // hierarchy in outcome_set_columns.h.
  std::vector<std::string> quasi_identifiers = {"adopted", "pathway", "offences_before", "age_band",
                                                "district"};
  // Differential-privacy noise on the report's count tables: epsilon per table (each person
  // counts in one cell of a table, so a table is one release of sensitivity 1). nullopt = none.
  std::optional<core::eval::Epsilon> epsilon_per_table;
};

struct EvaluationParameters {
  std::string evaluation_id;  // names the evaluation in every output
  std::string isa_id;         // the agreement the evaluation ran under
  std::int64_t isa_version = 0;
  core::Date data_end = core::Date::FromDaysSinceEpoch(0);  // offences known before this day
  int before_days = 365;
  int after_days = 365;
  int follow_up_days = 365;  // reoffending after completion; not taken forward
  double value_per_cchi_day = 65.75;
  int validation_window_days = 365;  // "next window" after a ranking run
  int rank_bin_width = 25;           // the rank vs harm plot; raised to the small-cell threshold
  std::vector<int> retention_tops = {10, 25, 50, 100};
  core::eval::CaseloadOptions caseload;
  DisclosureParameters disclosure;
};

}  // namespace tandem::node::eval
