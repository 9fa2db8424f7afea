// Intervention coverage of a cohort by type and by category, civil measure rates, and
// reoffending after completed interventions (Dorset's coverage figures, Surrey's Table 4,
// Cheshire's 17.6% after a completed health intervention). The catalogue is data: the panel's
// table of intervention types, each disruptive, rehabilitative or both, some of them civil
// measures (orders and notices). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/eval/cohort.h"
#include "core/result.h"

namespace tandem::core::eval {

enum class InterventionCategory { kDisruptive, kRehabilitative, kBoth };

// "disruptive", "rehabilitative", "both".
std::string_view InterventionCategoryName(InterventionCategory category);

struct CatalogueEntry {
  std::string type;  // e.g. "clares_law_disclosure"; unique in a catalogue
  InterventionCategory category = InterventionCategory::kDisruptive;
  bool civil_measure = false;  // DVPN/DVPO, SPO, SHPO, CBO, restraining order, ...
};

struct InterventionEvent {
  std::string subject;
  std::string type;  // a catalogue type
  Date started;
  std::optional<Date> completed;  // absent while in progress or when not completed
};

// The subjects for whom a type applies ("Clare's Law disclosures in 100% of applicable
// cases"); types without an entry apply to the whole cohort.
struct Applicability {
  std::string type;
  std::vector<std::string> subjects;
};

struct TypeCoverage {
  std::string type;
  InterventionCategory category = InterventionCategory::kDisruptive;
  bool civil_measure = false;
  std::size_t events = 0;      // interventions of this type for cohort members
  std::size_t subjects = 0;    // distinct cohort members (among the applicable) who had one
  std::size_t applicable = 0;  // denominator
  double share = 0.0;          // subjects / applicable; 0 when applicable is 0
};

struct CategoryCoverage {
  InterventionCategory category = InterventionCategory::kDisruptive;
  std::size_t subjects = 0;  // cohort members with at least one intervention of the category
  double share = 0.0;        // of the cohort
};

struct CoverageReport {
  std::size_t cohort = 0;
  std::vector<TypeCoverage> by_type;          // in catalogue order
  std::vector<CategoryCoverage> by_category;  // disruptive, rehabilitative, both
  std::size_t with_any_intervention = 0;
  std::size_t with_civil_measure = 0;  // cohort members with at least one civil measure
  double civil_measure_rate = 0.0;     // of the cohort
  std::size_t outside_cohort = 0;      // events for subjects not in the cohort, not counted
};

// Success: the report. kInvalidArgument when the catalogue repeats a type, or an intervention
// or an applicability entry names a type that is not in the catalogue (the message names the
// type and the position), or a cohort subject repeats.
Result<CoverageReport> ComputeCoverage(std::span<const std::string> cohort,
                                       std::span<const CatalogueEntry> catalogue,
                                       std::span<const InterventionEvent> interventions,
                                       std::span<const Applicability> applicability = {});

struct ReoffendingOptions {
  int follow_up_days = 365;  // offences in (completed, completed + follow_up_days]
  // Offences are known up to, not including, this day; completions whose follow-up would end
  // later are left out (counted as incomplete). nullopt = follow-up assumed complete.
  std::optional<Date> data_end;
};

struct ReoffendingRow {
  std::string label;           // a catalogue type, a category name, or "any"
  std::size_t completers = 0;  // subjects with a completed intervention and full follow-up
  std::size_t reoffended = 0;  // of them, with an offence in the follow-up window
  double rate = 0.0;           // reoffended / completers; 0 when completers is 0
  std::size_t incomplete_follow_up = 0;
};

struct ReoffendingReport {
  std::vector<ReoffendingRow> by_type;      // catalogue order, types with a completion only
  std::vector<ReoffendingRow> by_category;  // disruptive, rehabilitative, both
  ReoffendingRow any;                       // the first completion of any intervention
};

// Reoffending after completed interventions, per subject: for each type (category, any) the
// subject's first completion of it starts the follow-up window. Success: the report.
// kInvalidArgument for a non-positive follow-up, an unknown type, a completion before the
// start, or an invalid offence weight.
Result<ReoffendingReport> ComputeReoffendingAfterCompletion(
    std::span<const CatalogueEntry> catalogue, std::span<const InterventionEvent> interventions,
    std::span<const OffenceEvent> offences, const ReoffendingOptions& options = {});

}  // namespace tandem::core::eval
