// The shared code every adapter runs: walks an export format's column table over one CSV
// row, collects every bad value, applies the format's cross-field rules and builds the
// Record with its normalised Identity. Stateless apart from the format; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "agency-adapters/export_reader.h"
#include "agency-adapters/internal/column_spec.h"
#include "agency-adapters/internal/csv_reader.h"
#include "agency-adapters/internal/export_formats.h"

namespace tandem::adapters::internal {

class RowValidator {
 public:
  // `format` must outlive the validator (the formats are static tables).
  explicit RowValidator(const ExportFormat& format);

  // Validates a row that has exactly one field per column. Sets outcome.record, or fills
  // outcome.errors with every problem of the row. `ref` receives the row's canonical
  // reference when that column is valid (for the duplicate check), else is cleared.
  void Validate(const CsvRow& row, RowOutcome& outcome, std::string& ref) const;

 private:
  struct DateRule {
    int earlier;
    int later;
  };
  struct Condition {
    int column;
    std::string_view must_value;
    int when;
    std::string_view when_value;
  };

  const ExportFormat& format_;
  int ref_index_;
  int person_ref_index_;
  std::vector<DateRule> date_rules_;
  std::vector<Condition> conditions_;
};

// The value as a RowError carries it: trimmed, and cut short (at a character boundary) when
// very long so that reports stay readable.
std::string ShortenForReport(std::string_view value);

// `value` without leading and trailing spaces, tabs and line breaks.
std::string_view TrimValue(std::string_view value);

}  // namespace tandem::adapters::internal
