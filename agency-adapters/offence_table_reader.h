// The partnership's offence table as a CSV file (docs/panel.md, "The offence table"): the
// published CCHI weights keyed by the offence codes its police export carries.
//
//   offence_code,cchi_days,high_harm
//   MURDER,5475,Y
//   COMMON_ASSAULT,10,DOMESTIC
//
// high_harm is Y (always), N (never) or DOMESTIC (only when the occurrence is flagged domestic
// abuse). deploy/panel/offences.approximate.csv is the approximate table of docs/domain.md in
// this form. Free functions; thread-safe.
#pragma once

#include <filesystem>
#include <istream>

#include "core/offences.h"
#include "core/result.h"

namespace tandem::adapters {

// The table in `in`. Errors (kInvalidArgument, naming the line and column): not UTF-8 text or
// a broken quote (as the export reader), a header other than the one above, a row without
// exactly three fields, a code core::CheckOffence refuses, CCHI days that are not a whole
// number 0-core::kMaxCchiDays, a high_harm other than Y, N or DOMESTIC, a code given twice
// (naming both lines), no rows or more than core::kMaxOffences.
Result<core::OffenceTable> ParseOffenceTable(std::istream& in);

// The same from a file; kNotFound / kUnavailable when it cannot be read. Errors name the file.
Result<core::OffenceTable> ReadOffenceTable(const std::filesystem::path& file);

}  // namespace tandem::adapters
