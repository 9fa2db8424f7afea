// Streaming RFC 4180 reader for agency exports: UTF-8 with or without a byte-order mark,
// LF or CRLF line ends, quoted fields with commas, doubled quotes and line breaks. Memory is
// bounded by the field and row limits whatever the input holds. Not thread-safe.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace tandem::adapters::internal {

struct CsvLimits {
  std::size_t max_field_bytes = std::size_t{64} * 1024;
  std::size_t max_row_bytes = std::size_t{1024} * 1024;
};

// A quoting problem that spoils one row but not the rest of the file (a quote in the middle
// of an unquoted value, text after a closing quote).
struct CsvProblem {
  std::size_t column = 0;  // 0-based
  std::string reason;
};

struct CsvRow {
  std::vector<std::string> fields;  // as in the file: not trimmed, quotes removed
  std::size_t line = 0;             // 1-based physical line where the row starts
  std::string raw;                  // the row's bytes without its line end
  std::vector<CsvProblem> problems;
};

class CsvReader {
 public:
  // `in` must outlive the reader.
  explicit CsvReader(std::istream& in, CsvLimits limits = {});

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next row into `row` (its buffers are reused) and returns true, or returns
  // false at end of input. Lines that hold nothing (not even spaces) are skipped.
  // Errors (kInvalidArgument, the message names the line): a NUL byte or other control
  // character, bytes that are not UTF-8, a UTF-16 file, a field or row over the limits, a
  // quote left open at end of file (naming the line where it opened), a read failure.
  // After an error the reader stays failed and returns the same error.
  Result<bool> Next(CsvRow& row);

  // Column names used in messages ("column dob" instead of "column 5").
  void set_column_names(std::vector<std::string> names) { column_names_ = std::move(names); }

  std::size_t bytes_read() const { return consumed_; }

 private:
  static constexpr int kEnd = -1;
  static constexpr int kFailed = -2;

  // Next byte (0-255), kEnd at end of input, or kFailed with error_ set. The byte is
  // appended to `raw` and checked (control characters, UTF-8, row limit).
  int Take(std::string& raw);
  int Peek();  // the next byte without consuming it, or kEnd
  bool Fill();
  bool CheckByte(unsigned char c, std::size_t row_size);
  bool AppendToField(std::string& field, unsigned char c, std::size_t quote_line);
  // Copies the run of plain printable ASCII bytes at the read position (no comma when
  // `in_quotes` is false, no quote, no line end) into `field` and `raw` in one go, as far as
  // the limits allow; the byte-by-byte path handles everything else.
  void TakePlainRun(std::string& field, std::string& raw, bool in_quotes);
  bool ReadQuoted(CsvRow& row, std::string& field, bool& row_done);
  bool SkipByteOrderMark();
  std::string Where(std::size_t line) const;
  bool Fail(std::string message);

  std::istream& in_;
  CsvLimits limits_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::size_t consumed_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 0;  // 0-based column being read, for messages
  // UTF-8 validation state: continuation bytes still expected, and the range the next one
  // must fall in (narrower after E0, ED, F0, F4 to refuse overlong forms and surrogates).
  int utf8_pending_ = 0;
  unsigned char utf8_lo_ = 0x80;
  unsigned char utf8_hi_ = 0xBF;
  std::vector<std::string> column_names_;
  std::optional<Error> error_;
};

}  // namespace tandem::adapters::internal
