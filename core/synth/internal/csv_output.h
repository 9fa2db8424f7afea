// One output file: RFC 4180 rows built in memory and written to the caller's stream in large
// blocks. Rows can be deferred to the end of the file (duplicate records, so they do not sit
// next to the original). With no stream, fields are dropped but rows are still counted.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tandem::core::synth::internal {

enum class LineEnding { kLf, kCrLf };

class CsvOutput {
 public:
  // `file_name` names the file in error messages. With `bom`, the file starts with the UTF-8
  // byte-order mark.
  CsvOutput(std::ostream* stream, std::string_view file_name, LineEnding line_ending, bool bom);

  bool enabled() const { return stream_ != nullptr; }
  std::string_view eol() const { return eol_; }

  void Header(std::span<const std::string_view> columns);

  // Appends a field to the current row, quoted when it holds a comma, quote, CR or LF.
  void Field(std::string_view value);
  void Number(std::int64_t value);
  void Empty() { Field({}); }

  // Ends the current row. When `late`, the row goes after all others.
  void EndRow(bool late = false);
  // Ends the current row and holds it back until Finish, which writes held rows in order of
  // `key` (ties in the order they came), before any late row.
  void EndRowSorted(std::int64_t key);

  std::uint64_t rows() const { return rows_; }

  // Writes out the buffer once it is large. kUnavailable when the stream fails.
  Status MaybeFlush();
  // Writes everything, deferred rows last, and flushes the stream.
  Status Finish();

 private:
  Status Write(const std::string& data);

  std::ostream* stream_;
  std::string file_name_;
  std::string eol_;
  std::string row_;
  std::string buffer_;
  std::string late_;
  std::vector<std::pair<std::int64_t, std::string>> sorted_;
  bool row_started_ = false;
  std::uint64_t rows_ = 0;
};

}  // namespace tandem::core::synth::internal
