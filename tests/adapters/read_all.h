// Test helper: reads a whole export from a string and collects its records and row errors.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "agency-adapters/export_reader.h"

namespace tandem::adapters::testing {

struct ReadAllResult {
  std::optional<ExportKind> kind;
  std::vector<Record> records;
  std::vector<RowError> errors;
  std::vector<std::size_t> error_rows;  // line of each row that had errors
};

// The Error of Open or of a file-level problem in Next, or everything the file held.
inline Result<ReadAllResult> ReadAll(core::AgencyKind agency, const std::string& text) {
  std::istringstream in(text);
  auto reader = ExportReader::Open(agency, in);
  if (!reader) return tl::unexpected(reader.error());
  ReadAllResult result;
  result.kind = (*reader)->kind();
  for (;;) {
    auto row = (*reader)->Next();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if ((*row)->record) {
      result.records.push_back(std::move(*(*row)->record));
    } else {
      result.error_rows.push_back((*row)->line);
      for (auto& e : (*row)->errors) result.errors.push_back(std::move(e));
    }
  }
  return result;
}

// The value of `column` in a record, or "<missing>".
inline std::string Field(const Record& record, const std::string& column) {
  for (const auto& [name, value] : record.fields) {
    if (name == column) return value;
  }
  return "<missing>";
}

}  // namespace tandem::adapters::testing
