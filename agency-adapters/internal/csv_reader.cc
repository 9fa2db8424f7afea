#include "agency-adapters/internal/csv_reader.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace tandem::adapters::internal {
namespace {

constexpr std::size_t kBufferBytes = std::size_t{64} * 1024;

std::string Hex(unsigned char c) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  return {'0', 'x', kDigits[c >> 4], kDigits[c & 0xF]};
}

bool IsBlank(const std::string& s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Bytes that need no attention inside a value: printable ASCII other than the quote, and
// other than the comma outside quotes.
constexpr std::array<bool, 256> MakePlain(bool in_quotes) {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && (in_quotes || c != ',');
  return plain;
}
constexpr std::array<bool, 256> kPlainUnquoted = MakePlain(false);
constexpr std::array<bool, 256> kPlainQuoted = MakePlain(true);

}  // namespace

CsvReader::CsvReader(std::istream& in, CsvLimits limits)
    : in_(in), limits_(limits), buffer_(kBufferBytes) {}

bool CsvReader::Fill() {
  if (eof_) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  pos_ = 0;
  end_ = static_cast<std::size_t>(in_.gcount());
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

int CsvReader::Peek() {
  if (pos_ == end_ && !Fill()) return kEnd;
  return static_cast<unsigned char>(buffer_[pos_]);
}

bool CsvReader::Fail(std::string message) {
  error_ = Error{Code::kInvalidArgument, std::move(message)};
  return false;
}

std::string CsvReader::Where(std::size_t line) const {
  std::string where = "line " + std::to_string(line) + ", column ";
  if (column_ < column_names_.size()) return where + column_names_[column_];
  return where + std::to_string(column_ + 1);
}

// Control characters and malformed UTF-8 mean the file is not a text export; the message
// says so rather than letting binary bytes reach a value.
bool CsvReader::CheckByte(unsigned char c, std::size_t row_size) {
  if (row_size > limits_.max_row_bytes) {
    return Fail("line " + std::to_string(line_) + ": the row is longer than " +
                std::to_string(limits_.max_row_bytes) +
                " bytes (the limit); is a quote left open?");
  }
  if (utf8_pending_ > 0) {
    if (c < utf8_lo_ || c > utf8_hi_) {
      return Fail(Where(line_) + ": byte " + Hex(c) +
                  " breaks a UTF-8 sequence; the export must be UTF-8 text");
    }
    --utf8_pending_;
    utf8_lo_ = 0x80;
    utf8_hi_ = 0xBF;
    return true;
  }
  if (c < 0x80) {
    if (c == 0) {
      return Fail(Where(line_) + ": NUL byte; the file is binary, not a text export");
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return Fail(Where(line_) + ": control character " + Hex(c) +
                  "; the file is binary, not a text export");
    }
    return true;
  }
  // Lead bytes of UTF-8 (RFC 3629, table 3-7 of the Unicode standard).
  if (c >= 0xC2 && c <= 0xDF) {
    utf8_pending_ = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    utf8_pending_ = 2;
    if (c == 0xE0) utf8_lo_ = 0xA0;
    if (c == 0xED) utf8_hi_ = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    utf8_pending_ = 3;
    if (c == 0xF0) utf8_lo_ = 0x90;
    if (c == 0xF4) utf8_hi_ = 0x8F;
  } else {
    return Fail(Where(line_) + ": byte " + Hex(c) + " is not UTF-8; the export must be UTF-8 text");
  }
  return true;
}

int CsvReader::Take(std::string& raw) {
  if (pos_ == end_ && !Fill()) {
    if (in_.bad()) {
      Fail("line " + std::to_string(line_) + ": the file could not be read");
      return kFailed;
    }
    if (utf8_pending_ > 0) {
      utf8_pending_ = 0;
      Fail(Where(line_) + ": the file ends inside a UTF-8 sequence");
      return kFailed;
    }
    return kEnd;
  }
  const auto c = static_cast<unsigned char>(buffer_[pos_++]);
  ++consumed_;
  raw.push_back(static_cast<char>(c));
  if (!CheckByte(c, raw.size())) return kFailed;
  return c;
}

bool CsvReader::AppendToField(std::string& field, unsigned char c, std::size_t quote_line) {
  if (field.size() >= limits_.max_field_bytes) {
    std::string message = Where(line_) + ": the value is longer than " +
                          std::to_string(limits_.max_field_bytes) + " bytes (the limit)";
    if (quote_line != 0) {
      message += "; is the quote opened on line " + std::to_string(quote_line) + " closed?";
    }
    return Fail(std::move(message));
  }
  field.push_back(static_cast<char>(c));
  return true;
}

void CsvReader::TakePlainRun(std::string& field, std::string& raw, bool in_quotes) {
  if (utf8_pending_ > 0) return;
  const auto& plain = in_quotes ? kPlainQuoted : kPlainUnquoted;
  const std::size_t room =
      std::min(limits_.max_field_bytes - std::min(limits_.max_field_bytes, field.size()),
               limits_.max_row_bytes - std::min(limits_.max_row_bytes, raw.size()));
  const std::size_t limit = std::min(end_ - pos_, room);
  std::size_t n = 0;
  while (n < limit && plain[static_cast<unsigned char>(buffer_[pos_ + n])]) ++n;
  if (n == 0) return;
  field.append(buffer_.data() + pos_, n);
  raw.append(buffer_.data() + pos_, n);
  pos_ += n;
  consumed_ += n;
}

bool CsvReader::SkipByteOrderMark() {
  if (Peek() == kEnd) return true;
  // Fill() reads a whole buffer, so the first bytes of the file are all in it.
  const auto at = [this](std::size_t i) {
    return i < end_ ? static_cast<unsigned char>(buffer_[i]) : 0;
  };
  if ((at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF)) {
    return Fail("line 1: the file is UTF-16; the export must be UTF-8 text");
  }
  if (at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
    pos_ = 3;
    consumed_ = 3;
  }
  return true;
}

// Reads a quoted value after its opening quote, then what follows the closing quote up to
// and including the comma or line end that ends the field.
bool CsvReader::ReadQuoted(CsvRow& row, std::string& field, bool& row_done) {
  const std::size_t quote_line = line_;
  for (;;) {
    TakePlainRun(field, row.raw, /*in_quotes=*/true);
    int c = Take(row.raw);
    if (c == kFailed) return false;
    if (c == kEnd) {
      return Fail(Where(quote_line) + ": the quote that opens this value is never closed");
    }
    if (c == '"') {
      if (Peek() == '"') {
        if (Take(row.raw) == kFailed) return false;
        if (!AppendToField(field, '"', quote_line)) return false;
        continue;
      }
      break;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && Peek() == '\n' && Take(row.raw) == kFailed) return false;
      ++line_;
      c = '\n';
    }
    if (!AppendToField(field, static_cast<unsigned char>(c), quote_line)) return false;
  }
  // After the closing quote only spaces may come before the comma or line end.
  bool reported = false;
  for (;;) {
    const int c = Take(row.raw);
    if (c == kFailed) return false;
    if (c == kEnd) {
      row_done = true;
      return true;
    }
    if (c == ',') return true;
    if (c == '\n' || c == '\r') {
      if (c == '\r' && Peek() == '\n' && Take(row.raw) == kFailed) return false;
      ++line_;
      row_done = true;
      return true;
    }
    if (c == ' ' || c == '\t') continue;
    if (!reported) {
      row.problems.push_back(
          {column_,
           "has text after its closing quote; quote the whole value and double any "
           "quote inside it"});
      reported = true;
    }
    if (!AppendToField(field, static_cast<unsigned char>(c), 0)) return false;
  }
}

Result<bool> CsvReader::Next(CsvRow& row) {
  if (error_) return tl::unexpected(*error_);
  if (!started_) {
    started_ = true;
    if (!SkipByteOrderMark()) return tl::unexpected(*error_);
  }
  for (;;) {
    if (Peek() == kEnd) {
      if (in_.bad()) {
        Fail("line " + std::to_string(line_) + ": the file could not be read");
        return tl::unexpected(*error_);
      }
      return false;
    }
    row.line = line_;
    row.raw.clear();
    row.problems.clear();
    std::size_t count = 0;
    bool row_done = false;
    bool any_quoted = false;
    while (!row_done) {
      if (count == row.fields.size()) row.fields.emplace_back();
      std::string& field = row.fields[count];
      field.clear();
      column_ = count++;
      for (;;) {
        TakePlainRun(field, row.raw, /*in_quotes=*/false);
        const int c = Take(row.raw);
        if (c == kFailed) return tl::unexpected(*error_);
        if (c == kEnd) {
          row_done = true;
          break;
        }
        if (c == ',') break;
        if (c == '\n' || c == '\r') {
          if (c == '\r' && Peek() == '\n' && Take(row.raw) == kFailed) {
            return tl::unexpected(*error_);
          }
          ++line_;
          row_done = true;
          break;
        }
        if (c == '"') {
          if (IsBlank(field)) {
            // Spaces before an opening quote are tolerated: exports pad values.
            field.clear();
            any_quoted = true;
            if (!ReadQuoted(row, field, row_done)) return tl::unexpected(*error_);
            break;
          }
          row.problems.push_back({column_,
                                  "has a quote inside an unquoted value; quote the whole value and "
                                  "double the quote"});
        }
        if (!AppendToField(field, static_cast<unsigned char>(c), 0)) {
          return tl::unexpected(*error_);
        }
      }
    }
    row.fields.resize(count);
    // The row's line end is not part of it.
    while (!row.raw.empty() && (row.raw.back() == '\n' || row.raw.back() == '\r')) {
      row.raw.pop_back();
    }
    if (count == 1 && !any_quoted && IsBlank(row.fields[0])) continue;  // a blank line
    return true;
  }
}

}  // namespace tandem::adapters::internal
