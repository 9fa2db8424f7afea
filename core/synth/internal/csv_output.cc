#include "core/synth/internal/csv_output.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace tandem::core::synth::internal {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

}  // namespace

CsvOutput::CsvOutput(std::ostream* stream, std::string_view file_name, LineEnding line_ending,
                     bool bom)
    : stream_(stream),
      file_name_(file_name),
      eol_(line_ending == LineEnding::kCrLf ? "\r\n" : "\n") {
  if (enabled()) {
    buffer_.reserve(kFlushBytes + 4096);
    if (bom) buffer_.append("\xEF\xBB\xBF");
  }
}

void CsvOutput::Header(std::span<const std::string_view> columns) {
  for (std::string_view column : columns) Field(column);
  if (enabled()) {
    buffer_.append(row_);
    buffer_.append(eol_);
  }
  row_.clear();
  row_started_ = false;
}

void CsvOutput::Field(std::string_view value) {
  if (!enabled()) return;
  if (row_started_) row_.push_back(',');
  row_started_ = true;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    row_.append(value);
    return;
  }
  row_.push_back('"');
  for (char c : value) {
    if (c == '"') row_.push_back('"');
    row_.push_back(c);
  }
  row_.push_back('"');
}

void CsvOutput::Number(std::int64_t value) {
  if (!enabled()) return;
  std::array<char, 24> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  Field(std::string_view(buf.data(), static_cast<std::size_t>(result.ptr - buf.data())));
}

void CsvOutput::EndRow(bool late) {
  ++rows_;
  if (!enabled()) return;
  std::string& target = late ? late_ : buffer_;
  target.append(row_);
  target.append(eol_);
  row_.clear();
  row_started_ = false;
}

void CsvOutput::EndRowSorted(std::int64_t key) {
  ++rows_;
  if (!enabled()) return;
  row_.append(eol_);
  sorted_.emplace_back(key, std::move(row_));
  row_.clear();
  row_started_ = false;
}

Status CsvOutput::Write(const std::string& data) {
  stream_->write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!*stream_) {
    return Fail(Code::kUnavailable, "writing " + file_name_ + " failed (is the disk full?)");
  }
  return Ok();
}

Status CsvOutput::MaybeFlush() {
  if (!enabled() || buffer_.size() < kFlushBytes) return Ok();
  auto status = Write(buffer_);
  buffer_.clear();
  return status;
}

Status CsvOutput::Finish() {
  if (!enabled()) return Ok();
  std::stable_sort(sorted_.begin(), sorted_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, row] : sorted_) buffer_.append(row);
  sorted_.clear();
  buffer_.append(late_);
  late_.clear();
  auto status = Write(buffer_);
  buffer_.clear();
  if (!status) return status;
  stream_->flush();
  if (!*stream_) return Fail(Code::kUnavailable, "flushing " + file_name_ + " failed");
  return Ok();
}

}  // namespace tandem::core::synth::internal
