// The seven agency export formats of agency-exports.md, written down as column tables.
#pragma once

#include <span>

#include "agency-adapters/internal/column_spec.h"
#include "agency-adapters/record.h"
#include "core/agency.h"

namespace tandem::adapters::internal {

// Every format, in ExportKind order.
std::span<const ExportFormat> AllExportFormats();

// The formats an agency sends (police: nominals and occurrences; one for the others).
std::vector<const ExportFormat*> ExportFormatsOf(core::AgencyKind agency);

const ExportFormat& ExportFormatOf(ExportKind kind);

// "nominal_id,surname,..." — the header line of a format.
std::string HeaderLine(const ExportFormat& format);

// The column's position in the format, or -1.
int ColumnIndex(const ExportFormat& format, std::string_view column);

}  // namespace tandem::adapters::internal
