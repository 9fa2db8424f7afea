// Splitting one CSV line into fields (RFC 4180 quoting, no line breaks inside fields) and
// reading CSV text line by line with line numbers, for the linkage-quality files.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::core::matching::internal {

// Splits `line` (without its line ending) into `fields`, replacing their contents.
// A field may be enclosed in double quotes, with "" standing for one quote inside.
// kInvalidArgument for an unterminated quoted field, a quote inside an unquoted field or
// text after a closing quote; the message names the field by its 1-based position.
Status SplitCsvLine(std::string_view line, std::vector<std::string>& fields);

// Reads the next non-blank line of `in` into `line` (a trailing '\r' and, on the first line,
// a UTF-8 byte-order mark removed), advancing `line_number` past every line consumed.
// Returns false at end of input.
bool NextCsvLine(std::istream& in, std::string& line, int& line_number);

// kInvalidArgument unless `in` begins with a line equal to `header` ("line 1: ...").
// `line_number` is left at the header's line.
Status ExpectCsvHeader(std::istream& in, std::string_view header, int& line_number);

}  // namespace tandem::core::matching::internal
