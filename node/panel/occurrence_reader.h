// Police occurrences as the panel's scores read them (core/panel/occurrence.h), from the
// records of export `police_occurrences` in the police node's store: the occurrences of one
// nominal, or of every nominal at once for a ranking run. Fields are the importer's canonical
// forms (docs/agency-exports.md). Not thread-safe: the caller holds the store (SharedStore).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/panel/occurrence.h"
#include "core/result.h"
#include "node/store/store.h"

namespace tandem::node::panel {

inline constexpr char kNominalsExport[] = "police_nominals";
inline constexpr char kOccurrencesExport[] = "police_occurrences";

// One stored occurrence record as an Occurrence; one with no committed date (the export left it
// empty) is dated by its report. kCorruption naming the record's reference and field when a
// field is missing or not in its canonical form (the importer wrote something else, or the
// database was changed behind it).
Result<core::panel::Occurrence> OccurrenceFromRecord(const store::StoredRecord& record);

// The occurrences whose nominal is `nominal_ref`, in reference order; empty when none.
// Errors: those of the store, and of OccurrenceFromRecord.
Result<std::vector<core::panel::Occurrence>> ReadOccurrencesOf(store::Store& store,
                                                               std::string_view nominal_ref);

// Every occurrence in the store grouped by nominal reference.
Result<std::map<std::string, std::vector<core::panel::Occurrence>>> ReadAllOccurrences(
    store::Store& store);

}  // namespace tandem::node::panel
