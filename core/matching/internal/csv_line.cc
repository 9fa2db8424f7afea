#include "core/matching/internal/csv_line.h"

#include <algorithm>
#include <string>

namespace tandem::core::matching::internal {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

Status SplitCsvLine(std::string_view line, std::vector<std::string>& fields) {
  // Fields are assigned in place so that their buffers are reused from line to line.
  std::size_t count = 0;
  const auto next_field = [&fields, &count]() -> std::string& {
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();
    return field;
  };
  const auto fail = [&count](std::string_view what) {
    return Fail(Code::kInvalidArgument,
                "field " + std::to_string(count) + ": " + std::string(what));
  };
  std::size_t i = 0;
  while (true) {
    std::string& field = next_field();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const std::size_t quote = line.find('"', i);
        if (quote == std::string_view::npos) {
          i = line.size();
          break;
        }
        field.append(line.substr(i, quote - i));
        if (quote + 1 < line.size() && line[quote + 1] == '"') {
          field.push_back('"');
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        closed = true;
        break;
      }
      if (!closed) return fail("the quote is never closed");
      if (i < line.size() && line[i] != ',') return fail("text after the closing quote");
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view raw = line.substr(i, end - i);
      if (raw.find('"') != std::string_view::npos) {
        return fail("a quote inside an unquoted field (enclose the field in quotes)");
      }
      field.assign(raw);
      i = end;
    }
    if (i >= line.size()) {
      fields.resize(count);
      return Ok();
    }
    ++i;  // the comma
  }
}

bool NextCsvLine(std::istream& in, std::string& line, int& line_number) {
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.starts_with(kByteOrderMark)) line.erase(0, kByteOrderMark.size());
    if (!line.empty()) return true;
  }
  return false;
}

Status ExpectCsvHeader(std::istream& in, std::string_view header, int& line_number) {
  std::string line;
  line_number = 0;
  if (!NextCsvLine(in, line, line_number)) {
    return Fail(Code::kInvalidArgument,
                "line 1: the file is empty; expected the header '" + std::string(header) + "'");
  }
  if (line != header) {
    return Fail(Code::kInvalidArgument, "line " + std::to_string(line_number) +
                                            ": expected the header '" + std::string(header) + "'");
  }
  return Ok();
}

}  // namespace tandem::core::matching::internal
