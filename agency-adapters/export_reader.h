// Streaming reader for one agency export file: recognises which of the agency's formats the
// header belongs to, then yields one validated Record (or the row's errors) per CSV row.
// The reader never guesses: a value it cannot read is a RowError, never a default.
// Not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agency-adapters/record.h"
#include "core/agency.h"
#include "core/result.h"

namespace tandem::adapters {

// One CSV row after validation: either `record` is set and `errors` is empty, or `record` is
// empty and `errors` names every bad column of the row (all of them, not just the first).
struct RowOutcome {
  std::optional<Record> record;
  std::vector<RowError> errors;
  std::size_t line = 0;  // 1-based physical line where the row starts
  std::string raw;       // the row as it was in the file (for reject files)
};

// The header line of an export format, exactly as the reader expects it (no line end), e.g.
// "nominal_id,surname,forename,...": for writers of exports and for messages.
std::string ExportHeader(ExportKind kind);

class ExportReader {
 public:
  // Reads the header from `in` (a UTF-8 byte-order mark is skipped) and picks the export
  // format of `agency` whose header it is. Errors: kInvalidArgument when the file is empty,
  // is not text, or its header matches none of the agency's formats (the message lists the
  // expected header). `in` must outlive the reader.
  static Result<std::unique_ptr<ExportReader>> Open(core::AgencyKind agency, std::istream& in);

  virtual ~ExportReader() = default;

  virtual ExportKind kind() const = 0;

  // The next row, or nullopt at end of file. Row-level problems (bad value, wrong number of
  // fields, duplicate reference within the file) come back inside RowOutcome::errors.
  // File-level problems that make the rest unreadable (an unterminated quote at end of file,
  // a NUL byte, a field over the size limit) are returned as kInvalidArgument naming the line.
  virtual Result<std::optional<RowOutcome>> Next() = 0;

  // Bytes consumed so far, for progress reporting.
  virtual std::size_t bytes_read() const = 0;
};

}  // namespace tandem::adapters
