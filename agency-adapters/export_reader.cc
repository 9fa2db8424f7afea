// ExportReader::Open: recognises the export by its header and returns a reader that walks
// the format's column table over every row (internal/row_validator.h).
#include "agency-adapters/export_reader.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "agency-adapters/internal/csv_reader.h"
#include "agency-adapters/internal/export_formats.h"
#include "agency-adapters/internal/ref_index.h"
#include "agency-adapters/internal/row_validator.h"
#include "core/check.h"

namespace tandem::adapters {
namespace {

using internal::CsvReader;
using internal::CsvRow;
using internal::ExportFormat;

class CsvExportReader final : public ExportReader {
 public:
  CsvExportReader(const ExportFormat& format, std::unique_ptr<CsvReader> csv)
      : format_(format), csv_(std::move(csv)), validator_(format) {}

  ExportKind kind() const override { return format_.kind; }

  Result<std::optional<RowOutcome>> Next() override {
    auto more = csv_->Next(row_);
    if (!more) return tl::unexpected(more.error());
    if (!*more) return std::optional<RowOutcome>();
    RowOutcome outcome;
    outcome.line = row_.line;
    outcome.raw = row_.raw;
    const std::size_t expected = format_.columns.size();
    if (row_.fields.size() != expected) {
      std::string reason = "the row has " + std::to_string(row_.fields.size()) +
                           " fields but the header has " + std::to_string(expected);
      if (row_.fields.size() > expected) reason += "; is there an unquoted comma in a value?";
      outcome.errors.push_back(RowError{row_.line, "", "", std::move(reason)});
      return outcome;
    }
    validator_.Validate(row_, outcome, ref_);
    if (!ref_.empty()) {
      if (const auto first_line = refs_.Insert(ref_, row_.line)) {
        const int column = internal::ColumnIndex(format_, format_.ref_column);
        outcome.errors.push_back(
            RowError{row_.line, std::string(format_.ref_column),
                     internal::ShortenForReport(row_.fields[static_cast<std::size_t>(column)]),
                     "repeats the reference of line " + std::to_string(*first_line)});
        outcome.record.reset();
      }
    }
    return outcome;
  }

  std::size_t bytes_read() const override { return csv_->bytes_read(); }

 private:
  const ExportFormat& format_;
  std::unique_ptr<CsvReader> csv_;
  internal::RowValidator validator_;
  CsvRow row_;
  std::string ref_;
  internal::RefIndex refs_;
};

bool IsKnownColumnName(std::string_view name) {
  for (const ExportFormat& f : internal::AllExportFormats()) {
    if (internal::ColumnIndex(f, name) >= 0) return true;
  }
  return false;
}

// Where `header` first departs from `format`, in words. A found name is quoted only when it
// is a column name of some export: a file without a header would otherwise put a row of
// identifiers into the message.
std::string FirstDifference(const std::vector<std::string>& header, const ExportFormat& format) {
  const auto& columns = format.columns;
  for (std::size_t i = 0; i < columns.size() && i < header.size(); ++i) {
    if (header[i] == columns[i].name) continue;
    std::string found = IsKnownColumnName(header[i]) ? "'" + header[i] + "'" : "something else";
    return "column " + std::to_string(i + 1) + " should be '" + std::string(columns[i].name) +
           "' but is " + found;
  }
  return "the header has " + std::to_string(header.size()) + " columns but " +
         std::string(ExportKindName(format.kind)) + ".csv has " + std::to_string(columns.size());
}

std::size_t MatchingColumns(const std::vector<std::string>& header, const ExportFormat& format) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < header.size() && i < format.columns.size(); ++i) {
    if (header[i] == format.columns[i].name) ++n;
  }
  return n;
}

bool HeaderMatches(const std::vector<std::string>& header, const ExportFormat& format) {
  return header.size() == format.columns.size() && MatchingColumns(header, format) == header.size();
}

}  // namespace

std::string ExportHeader(ExportKind kind) {
  return internal::HeaderLine(internal::ExportFormatOf(kind));
}

Result<std::unique_ptr<ExportReader>> ExportReader::Open(core::AgencyKind agency,
                                                         std::istream& in) {
  auto csv = std::make_unique<CsvReader>(in);
  CsvRow first;
  auto got = csv->Next(first);
  if (!got) return tl::unexpected(got.error());
  if (!*got) return Fail(Code::kInvalidArgument, "the file is empty: it has no header line");

  std::vector<std::string> header;
  header.reserve(first.fields.size());
  for (const std::string& f : first.fields) header.emplace_back(internal::TrimValue(f));

  const std::vector<const ExportFormat*> formats = internal::ExportFormatsOf(agency);
  const ExportFormat* closest = nullptr;
  for (const ExportFormat* format : formats) {
    if (HeaderMatches(header, *format)) {
      std::vector<std::string> names;
      for (const auto& c : format->columns) names.emplace_back(c.name);
      csv->set_column_names(std::move(names));
      return std::unique_ptr<ExportReader>(new CsvExportReader(*format, std::move(csv)));
    }
    if (closest == nullptr ||
        MatchingColumns(header, *format) > MatchingColumns(header, *closest)) {
      closest = format;
    }
  }

  TANDEM_CHECK(closest != nullptr);  // every agency sends at least one format
  std::string message = "line 1: the header is not that of a " +
                        std::string(core::AgencyName(agency)) + " export (" +
                        FirstDifference(header, *closest) + "). Expected ";
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) message += ", or ";
    message += "the header of " + std::string(ExportKindName(formats[i]->kind)) +
               ".csv: " + internal::HeaderLine(*formats[i]);
  }
  return Fail(Code::kInvalidArgument, std::move(message));
}

}  // namespace tandem::adapters
